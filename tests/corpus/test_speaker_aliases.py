"""The alias table the corpus grows: a role named with a person in one stored article names the speaker that a
later article gives only by the role (a real two-article ingest through the CLI), with the evidence kept;
ambiguous roles stay unresolved; a full name and its surname are one speaker."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from presswatch.cli import main
from presswatch.corpus.store import Store

FIRST = ("Gas flows fall again as turbine row drags on\n\n"
         "Gazprom spokesman Sergei Kupriyanov said on Monday that deliveries through the pipeline would fall by a "
         "third from Wednesday, citing the maintenance of another turbine.\n"
         "European officials said the cut was political and that the turbine had been ready for weeks.\n")
SECOND = ("Deliveries cut again, Gazprom says\n\n"
          "Gas deliveries through the pipeline fell further on Thursday.\n"
          '"The turbine has still not been returned to us and we cannot run the station safely without it," the '
          "Gazprom spokesman told reporters in Moscow.\n"
          "Douglas Haig, an analyst at the bank, said prices would rise. Haig said the winter would be hard for "
          "households and for industry alike.\n"
          "A Gazprom spokesman said separately that exports to Italy would also fall sharply this month.\n")
THIRD = ("Two spokesmen\n\n"
         "Rosatom spokesman Ivan Petrov said the plant was safe and that inspectors were welcome to visit.\n"
         "Rosatom spokesman Oleg Smirnov said later that the visit would have to wait until the autumn.\n")
FOURTH = ("Rosatom comments\n\n"
          '"The inspectors will be able to visit the plant once the security situation allows it," the Rosatom '
          "spokesman said on Friday.\n")


def _ingest(tmp_path: Path, name: str, text: str, db: Path) -> None:
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    res = CliRunner().invoke(main, ["ingest", str(src), "--db", str(db), "--stages", "linguistics,entities,quotes",
                                    "--outlet", "wire.example"])
    assert res.exit_code == 0, res.output


def _quotes(db: Path, aid: int) -> list[dict]:
    with Store(db, readonly=True) as store:
        article = store.get(aid)
    assert article is not None
    return [json.loads(json.dumps({"speaker": q.speaker, "text": q.text, "alias": q.speaker_alias and
                                   vars(q.speaker_alias)})) for q in article.quotes]


def test_two_article_ingest_resolves_a_role(tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    _ingest(tmp_path, "a1.txt", FIRST, db)
    _ingest(tmp_path, "a2.txt", SECOND, db)
    rows = sqlite3.connect(db).execute("SELECT descriptor, name, article_id, outlet, evidence FROM speaker_aliases")
    assert ("gazprom spokesman", "Sergei Kupriyanov", 1, "wire.example", "Gazprom spokesman Sergei Kupriyanov") in \
        rows.fetchall()
    quotes = _quotes(db, 2)
    turbine = next(q for q in quotes if q["text"].startswith("The turbine has still not been returned"))
    assert turbine["speaker"] == "Sergei Kupriyanov"
    assert turbine["alias"] == {"descriptor": "the Gazprom spokesman", "article_id": 1, "outlet": "wire.example",
                                "evidence": "Gazprom spokesman Sergei Kupriyanov", "date": None}
    haig = {q["speaker"] for q in quotes if "Haig" in (q["speaker"] or "")}
    assert haig == {"Douglas Haig"}  # "Haig said" is the same speaker as "Douglas Haig, an analyst"
    (italy,) = [q for q in quotes if "Italy" in q["text"]]
    assert italy["speaker"] == "A Gazprom spokesman" and italy["alias"] is None  # one of many, not the one named
    # nothing resolved by the table in the first article: its speaker is named there
    assert all(q["alias"] is None for q in _quotes(db, 1))


def test_an_ambiguous_role_stays_a_role(tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    _ingest(tmp_path, "a3.txt", THIRD, db)
    _ingest(tmp_path, "a4.txt", FOURTH, db)
    (q,) = [q for q in _quotes(db, 2) if q["text"].startswith("The inspectors")]
    assert q["speaker"] == "the Rosatom spokesman" and q["alias"] is None  # two people held the role


def test_store_made_before_the_table_gets_it(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with Store(db):
        pass
    conn = sqlite3.connect(db)
    conn.execute("DROP TABLE speaker_aliases")
    conn.commit()
    conn.close()
    with Store(db) as store:
        assert store.conn.execute("SELECT count(*) FROM speaker_aliases").fetchone() == (0,)


def test_the_articles_own_pair_names_the_role_without_a_store() -> None:
    import presswatch

    a = presswatch.analyze_text("Rosneft chief executive Igor Sechin met traders in Vienna on Tuesday.\n"
                                '"Output will not be cut this year whatever the cartel decides," the Rosneft chief '
                                "executive said.", stages=["quotes"])
    (q,) = a.quotes
    assert q.speaker == "Igor Sechin"
    assert q.speaker_alias is not None and q.speaker_alias.article_id is None  # this article's own words
    assert (q.speaker_alias.descriptor, q.speaker_alias.evidence) == (
        "the Rosneft chief executive", "Rosneft chief executive Igor Sechin")


def test_lookup_prefers_the_same_outlet_within_the_time_window(tmp_path: Path) -> None:
    from presswatch.corpus import aliases

    with Store(tmp_path / "w.db") as store:
        conn = store.conn
        conn.execute("PRAGMA foreign_keys = OFF")  # rows without their articles: the lookup alone
        rows = [("white house press secretary", "Sean Spicer", 1, "a.example", "2017-03-01", "e1"),
                ("white house press secretary", "Jen Psaki", 2, "b.example", "2021-06-01", "e2"),
                ("white house press secretary", "Karine Jean-Pierre", 3, "a.example", "2022-09-01", "e3")]
        conn.executemany("INSERT INTO speaker_aliases VALUES (?, ?, ?, ?, ?, ?)", rows)
        hit = aliases.lookup(conn, "the White House press secretary", "a.example", "2017-05-02")
        assert hit is not None and hit["name"] == "Sean Spicer"  # 2021-2022 rows are out of its window
        hit = aliases.lookup(conn, "the White House press secretary", "a.example", "2022-10-01")
        assert hit is not None and hit["name"] == "Karine Jean-Pierre"  # same outlet first
        assert aliases.lookup(conn, "the White House press secretary", "c.example", "2022-10-01") is None  # two
        assert aliases.lookup(conn, "the White House press secretary", None, None) is None  # three names


def test_a_shorter_role_takes_the_table_row_that_adds_words_before_it(tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    _ingest(tmp_path, "a1.txt", "Report delivered\n\nThe special counsel delivered his report to U.S. Attorney "
            "General William Barr on Friday, officials said.\n", db)
    _ingest(tmp_path, "a2.txt", "Report under review\n\nThe report is now being read in Washington.\n"
            '"I am reviewing the report and will write to Congress this weekend," the attorney general wrote.\n', db)
    quotes = _quotes(db, 2)
    letter = next(q for q in quotes if q["text"].startswith("I am reviewing"))
    assert letter["speaker"] == "William Barr" and letter["alias"]["article_id"] == 1
