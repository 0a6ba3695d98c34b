"""Batch rows and JSONL lines are validated before anything is stored; a bad row costs only itself."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from click.testing import CliRunner

from presswatch.article import Article, Label, Metadata, Technique
from presswatch.cli import main
from presswatch.corpus.store import Store


def _article(n: int) -> Article:
    text = f"Article number {n} says the ministry denied the report.\nA second paragraph {n}."
    return Article(text=text, metadata=Metadata(title=f"T{n}", outlet="Wire"),
                   techniques=[Technique("Doubt", "Distraction", 0, 7, "Article", 1, 0.6)],
                   genre=Label("reporting", 0.7))


def test_parquet_rows_with_wrong_types_are_reported_with_the_field(tmp_path: Path) -> None:
    good, bad = _article(1).to_dict(), _article(2).to_dict()
    bad["techniques"][0]["score"] = "very"
    rows = {"source": ["a#row=0", "a#row=1", "a#row=2", "a#row=3"],
            "article_json": [json.dumps(good), json.dumps(bad), None, "{broken"],
            "error": [None, None, "InputError: empty", None]}
    part = tmp_path / "part-0.parquet"
    pq.write_table(pa.table(rows), part)
    db = tmp_path / "c.db"
    res = CliRunner().invoke(main, ["ingest", str(part), "--db", str(db), "--stages", "clean"])
    assert res.exit_code == 1, res.output
    assert "ingested 1 new articles" in res.output and "3 failed" in res.output
    assert "techniques[0].score" in res.output
    with Store(db, readonly=True) as store:
        assert store.count() == 1 and store.get(store.ids()[0]).metadata.title == "T1"


def test_jsonl_lines_with_wrong_metadata_types_cost_only_themselves(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    lines = [{"text": "A good first line of text about the talks.", "title": "ok"},
             {"text": "A line whose title is a number.", "title": 5},
             {"text": "A line whose tags are a string.", "tags": "x,y"},
             {"text": "Another good line of text about sanctions.", "tags": ["a"], "id": 7}]
    src.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    db = tmp_path / "c.db"
    res = CliRunner().invoke(main, ["ingest", str(src), "--db", str(db), "--stages", "clean"])
    assert "ingested 2 new articles" in res.output and "2 failed" in res.output, res.output
    assert "'title' must be a string" in res.output and "'tags' must be a list of strings" in res.output
