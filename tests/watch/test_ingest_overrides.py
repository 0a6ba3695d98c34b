"""`ingest --outlet/--lang`: what the reader cannot know is set for every document; the progress total."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from presswatch.cli import main
from presswatch.corpus.ingest import count_documents
from presswatch.corpus.store import Store


def test_outlet_and_language_override(tmp_path: Path, example_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(example_path, src / "a.txt")
    (src / "b.txt").write_text("Москва. Министр заявил во вторник, что переговоры продолжатся на следующей неделе.\n"
                               "Он добавил, что стороны обсудили гарантии для судов в Черном море.\n", encoding="utf-8")
    db = tmp_path / "c.db"
    res = CliRunner().invoke(main, ["ingest", str(src), "--db", str(db), "--stages", "clean", "--outlet", "RIA Novosti",
                                    "--lang", "ru", "--no-progress"])
    assert res.exit_code == 0, res.output
    with Store(db, readonly=True) as store:
        rows = store.conn.execute("SELECT outlet, language FROM articles").fetchall()
    assert rows == [("RIA Novosti", "ru"), ("RIA Novosti", "ru")]


def test_bad_language_code_is_one_line(tmp_path: Path, example_path: Path) -> None:
    res = CliRunner().invoke(main, ["ingest", str(example_path), "--db", str(tmp_path / "c.db"), "--lang", "Russian!"])
    assert res.exit_code == 2
    assert "not a language code" in res.output and "Traceback" not in res.output


def test_count_documents(tmp_path: Path, example_path: Path) -> None:
    for n in range(3):
        shutil.copy(example_path, tmp_path / f"{n}.txt")
    assert count_documents([tmp_path]) == 3
    (tmp_path / "x.jsonl").write_text('{"text": "a"}\n', encoding="utf-8")
    assert count_documents([tmp_path]) is None  # a container: records unknown until read
