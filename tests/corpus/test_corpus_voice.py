"""Whose words carry each technique span in the store: the v1 -> v2 migration, the voice columns, the per-outlet
aggregate, the search filter and `presswatch stats` / `presswatch search`."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from presswatch.article import Article, Metadata, Technique
from presswatch.cli import main
from presswatch.corpus.schema import SCHEMA_VERSION
from presswatch.corpus.store import Store
from presswatch.errors import PresswatchError, QueryError

V1_SCHEMA = Path(__file__).with_name("schema_v1.sql")
V1_TEXT = "Old article\nThe regime's lies must stop, the editor wrote.\n"


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def _v1_store(path: Path) -> None:
    """A store as presswatch wrote it before voices: the v1 DDL, one article, a span row and a paragraph row."""
    conn = sqlite3.connect(path)
    conn.executescript(V1_SCHEMA.read_text(encoding="utf-8"))
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO articles (id, content_hash, outlet, title, date, added) VALUES "
                 "(1, 'h1', 'Old Outlet', 'Old article', '2020-05-01', '2020-05-02T00:00:00+00:00')")
    doc = {"metadata": {"title": "Old article", "outlet": "Old Outlet"}, "techniques": [
        {"technique": "Loaded_Language", "family": "Manipulative wording", "start": 16, "end": 20, "text": "lies",
         "paragraph": 2, "score": 0.9}]}
    conn.execute("INSERT INTO documents (id, title, text, json) VALUES (1, 'Old article', ?, ?)",
                 (V1_TEXT, json.dumps(doc)))
    conn.execute("""INSERT INTO techniques (article_id, level, technique, family, paragraph, score, start, "end")
                    VALUES (1, 'span', 'Loaded_Language', 'Manipulative wording', 2, 0.9, 16, 20),
                           (1, 'paragraph', 'Doubt', NULL, 2, 0.4, NULL, NULL)""")
    conn.commit()
    conn.close()


def _voiced(text: str, outlet: str, spans: list[tuple[str, str, str | None, str | None]]) -> Article:
    """An Article with technique spans (phrase, technique, voice, speaker) placed by phrase."""
    a = Article(text=text, metadata=Metadata(title=text.split("\n")[0], outlet=outlet,
                                             published="2021-03-01T00:00:00+00:00"))
    for phrase, name, voice, speaker in spans:
        s = text.index(phrase)
        a.techniques.append(Technique(name, "Manipulative wording", s, s + len(phrase), phrase, a.line_of(s), 0.8,
                                      voice=voice, speaker=speaker))
    a.paragraph_techniques = [{"paragraph": 2, "techniques": [{"technique": "Doubt", "score": 0.3}]}]
    return a


NEW_TEXT = "New article\nThe minister said \"the traitors lie\" while the paper called it a shameful farce.\n"
OTHER_TEXT = "Another article\nOfficials said the enemies were cowards; a brave nation stands.\n"


def _fill(store: Store) -> None:
    store.add(_voiced(NEW_TEXT, "Sputnik", [("the traitors lie", "Name_Calling-Labeling", "quoted", "The minister"),
                                            ("a shameful farce", "Loaded_Language", "author", None)]))
    store.add(_voiced(OTHER_TEXT, "RT", [("the enemies were cowards", "Name_Calling-Labeling", "reported",
                                          "Officials"),
                                         ("a brave nation", "Flag_Waving", "author", None)]))


def test_v1_store_upgrades_in_place_and_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    _v1_store(path)
    with sqlite3.connect(path) as conn:
        assert "voice" not in _columns(conn, "techniques")
    with Store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
        cols = _columns(store.conn, "techniques")
        assert cols[-2:] == ["voice", "speaker"]
        rows = store.conn.execute("SELECT level, technique, voice, speaker FROM techniques ORDER BY id").fetchall()
        assert rows == [("span", "Loaded_Language", None, None), ("paragraph", "Doubt", None, None)]  # unknown
        assert store.count() == 1 and store.get(1).text == V1_TEXT  # type: ignore[union-attr]
        assert store.search("regime").total == 1  # the v1 full-text index still answers
        assert store.techniques_by_voice() == [{"outlet": "Old Outlet", "author": 0, "quoted": 0, "reported": 0,
                                                "unknown": 1, "spans": 1, "author_share": None}]
        _fill(store)  # new articles store their voices beside the old rows
        by = {r["outlet"]: r for r in store.techniques_by_voice()}
        assert by["Sputnik"]["author"] == 1 and by["Sputnik"]["quoted"] == 1 and by["Old Outlet"]["unknown"] == 1
        assert "techniques_voice" in {r[1] for r in store.conn.execute("PRAGMA index_list(techniques)")}
    with Store(path) as again:  # opening an upgraded store changes nothing
        assert again.conn.execute("PRAGMA user_version").fetchone()[0] == 2 and again.count() == 3


def test_v1_store_opened_read_only_knows_no_voices(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    _v1_store(path)
    with Store(path, readonly=True) as store:  # read-only: no upgrade, but nothing breaks
        assert store.techniques_by_voice()[0]["unknown"] == 1
        assert store.search(None, voice="author").total == 0
        assert store.search(None, technique="Loaded_Language").total == 1
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1


def test_newer_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "v9.db"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 9")
    with pytest.raises(PresswatchError, match="newer"):
        Store(path)


@pytest.fixture()
def voiced(tmp_path: Path) -> Store:
    s = Store(tmp_path / "voiced.db")
    _fill(s)
    s.add(_voiced("Unknown article\nA disgraceful plot, they say.\n", "Sputnik",
                  [("A disgraceful plot", "Loaded_Language", None, None)]))  # the quotes stage did not run
    yield s
    s.close()


def test_span_rows_store_voice_and_paragraph_rows_leave_it_null(voiced: Store) -> None:
    rows = voiced.conn.execute(
        "SELECT article_id, level, technique, voice, speaker FROM techniques ORDER BY id").fetchall()
    assert rows[:3] == [(1, "span", "Name_Calling-Labeling", "quoted", "The minister"),
                        (1, "span", "Loaded_Language", "author", None), (1, "paragraph", "Doubt", None, None)]
    assert all(v is None and s is None for _, level, _, v, s in rows if level == "paragraph")
    assert voiced.get(1).techniques[0].whose() == "quoting The minister"  # type: ignore[union-attr]


def test_techniques_by_voice(voiced: Store) -> None:
    assert voiced.techniques_by_voice() == [
        {"outlet": "Sputnik", "author": 1, "quoted": 1, "reported": 0, "unknown": 1, "spans": 3,
         "author_share": 0.5},
        {"outlet": "RT", "author": 1, "quoted": 0, "reported": 1, "unknown": 0, "spans": 2, "author_share": 0.5},
    ]


def test_search_voice_filter(voiced: Store) -> None:
    ids = lambda **kw: [h.id for h in voiced.search(None, **kw).hits]  # noqa: E731
    assert ids(voice="author") == [2, 1]  # newest first; same date, so higher id first
    assert ids(voice="quoted") == [1] and ids(voice="Reported") == [2]
    assert ids(voice="quoted", technique="name_calling-labeling") == [1]
    assert ids(voice="author", technique="Name_Calling-Labeling") == []
    assert ids(voice="reported", technique="Name_Calling-Labeling", outlet="RT") == [2]
    assert [h.id for h in voiced.search("traitors", voice="quoted").hits] == [1]
    assert voiced.search("cowards", voice="quoted").total == 0  # RT: reported speech and its own words only
    with pytest.raises(QueryError, match="voice must be one of author, quoted, reported"):
        voiced.search(None, voice="outlet")


def test_cli_stats_and_search_by_voice(voiced: Store) -> None:
    db = str(voiced.path)
    runner = CliRunner()
    res = runner.invoke(main, ["stats", "--db", db, "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)["techniques_by_voice"]
    assert [(r["outlet"], r["author"], r["quoted"], r["reported"], r["unknown"]) for r in rows] == [
        ("Sputnik", 1, 1, 0, 1), ("RT", 1, 0, 1, 0)]
    text = runner.invoke(main, ["stats", "--db", db])
    assert text.exit_code == 0 and "technique spans by voice" in text.output and "50%" in text.output
    found = runner.invoke(main, ["search", "--db", db, "--voice", "quoted", "--technique", "Name_Calling-Labeling",
                                 "--format", "json"])
    assert found.exit_code == 0 and [h["id"] for h in json.loads(found.output)["hits"]] == [1]
    bad = runner.invoke(main, ["search", "--db", db, "--voice", "editor"])
    assert bad.exit_code == 2 and "error: voice must be one of author, quoted, reported (got 'editor')" in bad.output
