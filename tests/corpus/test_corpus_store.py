"""The Store contract: add/get round trip, exact duplicates, search with filters, aggregates, near-duplicates."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from presswatch.article import Article, Metadata
from presswatch.corpus.schema import SCHEMA_VERSION
from presswatch.corpus.search import HIT_END, HIT_START
from presswatch.corpus.store import Store, StoreError
from presswatch.errors import FilterError, PresswatchError, QueryError

OUTLETS = ["Sputnik", "RT", "Reuters", "CNN"]


@pytest.fixture()
def store(tmp_path: Path, en_articles: list[Path], make_annotated) -> Store:
    s = Store(tmp_path / "corpus.db")
    for i, path in enumerate(en_articles[:12]):
        a = make_annotated(path, outlet=OUTLETS[i % 4], published=f"2021-0{1 + i % 3}-1{i % 10}T10:00:00+00:00",
                           speaker="Vladimir Putin" if i % 2 else "Joe Biden", about=f"Entity{i % 3}",
                           technique="Loaded_Language" if i % 3 else "Doubt")
        assert s.add(a) is not None
    yield s
    s.close()


def test_round_trip_and_exact_duplicate(store: Store, en_articles: list[Path], make_annotated) -> None:
    a = make_annotated(en_articles[0], outlet="Sputnik", published="2021-01-10T10:00:00+00:00",
                       speaker="Joe Biden", about="Entity0", technique="Doubt")
    assert store.add(a) is None  # same text -> same content hash
    assert store.count() == 12
    got = store.get(1)
    assert got == a
    assert got.text[got.quotes[0].start : got.quotes[0].end] == got.quotes[0].text
    assert store.get(999) is None


def test_schema_is_versioned_and_wal(store: Store) -> None:
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_search_ranks_and_marks_terms(store: Store, en_articles: list[Path]) -> None:
    title = en_articles[3].read_text(encoding="utf-8").split("\n")[0]
    word = max((w.strip(".,:'\"") for w in title.split()), key=len)
    res = store.search(word)
    assert res.total >= 1 and res.hits
    assert res.hits[0].id == 4  # the title match weighs most
    assert all(h.score > 0 for h in res.hits)
    assert [h.score for h in res.hits] == sorted((h.score for h in res.hits), reverse=True)
    assert any(HIT_START in h.snippet and HIT_END in h.snippet for h in res.hits)
    # porter stemming: a plural finds the singular
    assert store.search("outbreaks").total == store.search("outbreak").total > 0


def test_search_filters(store: Store) -> None:
    everything = store.search(None, limit=100)
    assert everything.total == 12
    dates = [h.published for h in everything.hits]
    assert dates == sorted(dates, reverse=True)  # newest first without a query
    assert store.search(None, outlet="rt").total == 3
    assert all(h.outlet == "RT" for h in store.search(None, outlet="RT").hits)
    assert store.search(None, since="2021-03").total == 4
    assert store.search(None, until="2021-01").total == 4  # a month prefix includes the whole month
    assert store.search(None, since="2021-02", until="2021-02-28").total == 4
    assert store.search(None, technique="doubt").total == 4
    assert store.search(None, speaker="Vladimir Putin").total == 6
    assert store.search(None, entity="Entity1").total == 4
    assert store.search(None, outlet="RT", speaker="Vladimir Putin", technique="Loaded_Language").total == 2
    page = store.search(None, limit=5, offset=10)
    assert page.total == 12 and len(page.hits) == 2
    with pytest.raises(FilterError, match="no article has the outlet 'No Such Outlet'; known: CNN, RT"):
        store.search(None, outlet="No Such Outlet")  # an unknown value is an error, never a silent 0 rows


@pytest.mark.parametrize("bad", ['"unterminated', "AND", "(plague OR", "nosuchcolumn:plague", "plague NEAR("])
def test_bad_fts_syntax_is_a_query_error(store: Store, bad: str) -> None:
    with pytest.raises(QueryError) as info:
        store.search(bad)
    assert isinstance(info.value, PresswatchError)
    assert bad in str(info.value)


def test_stats_and_aggregates(store: Store) -> None:
    st = store.stats()
    assert st["articles"] == 12
    assert st["outlets"] == {"CNN": 3, "RT": 3, "Reuters": 3, "Sputnik": 3}
    assert st["techniques"] == {"Loaded_Language": 8, "Doubt": 4}
    assert st["frames"] == {"Political": 12} and st["genres"] == {"reporting": 12}
    assert st["speakers"] == 2 and st["failures"] == 0
    by_outlet = {(r["outlet"], r["technique"]): r["count"] for r in store.techniques_by_outlet()}
    assert by_outlet[("Sputnik", "Doubt")] == 1 and by_outlet[("RT", "Loaded_Language")] == 2
    over_time = store.techniques_over_time()
    assert sum(r["count"] for r in over_time) == 12
    assert {r["period"] for r in over_time} == {"2021-01", "2021-02", "2021-03"}
    assert sum(r["count"] for r in store.techniques_over_time(outlet="RT")) == 3
    assert store.top_speakers() == [{"speaker": "Joe Biden", "quotes": 6}, {"speaker": "Vladimir Putin", "quotes": 6}]
    about = {(r["speaker"], r["entity"]): r["count"] for r in store.quoted_about()}
    assert about[("Joe Biden", "Entity0")] == 2 and about[("Vladimir Putin", "Entity1")] == 2
    assert sum(about.values()) == 12


def test_near_duplicate_across_outlets(tmp_path: Path, en_articles: list[Path]) -> None:
    text = en_articles[5].read_text(encoding="utf-8")
    lines = text.split("\n")
    # the same story at another outlet: a changed headline and one sentence dropped
    copy = "\n".join(["Exclusive: " + lines[0], *lines[1:-2], lines[-1]])
    other = en_articles[6].read_text(encoding="utf-8")
    with Store(tmp_path / "c.db") as s:
        first = s.add(Article(text=text, metadata=Metadata(outlet="Reuters")))
        unrelated = s.add(Article(text=other, metadata=Metadata(outlet="CNN")))
        dup = s.add(Article(text=copy, metadata=Metadata(outlet="Sputnik")))
        row = s.summary(dup)
        assert row["near_duplicate_of"] == first and row["similarity"] >= 0.8
        assert s.summary(unrelated)["near_duplicate_of"] is None
        assert s.near_duplicates(first) == [{"id": dup, "outlet": "Sputnik", "title": None,
                                             "similarity": row["similarity"]}]
        assert s.stats()["near_duplicates"] == 1


def test_readonly_store(tmp_path: Path, store: Store, en_articles: list[Path]) -> None:
    ro = Store(store.path, readonly=True)
    assert ro.count() == 12
    with pytest.raises(StoreError):
        ro.add(Article(text="new text", metadata=Metadata()))
    ro.close()
    with pytest.raises(StoreError):
        Store(tmp_path / "missing.db", readonly=True)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError):
        Store(junk)


def test_deleting_an_article_cascades(store: Store) -> None:
    assert [h.id for h in store.search("plague").hits] == [1]
    store.conn.execute("DELETE FROM articles WHERE id = 1")
    for table in ("quotes", "quote_entities", "entities", "entity_names", "mentions", "techniques", "frames",
                  "minhash", "minhash_bands"):
        assert store.conn.execute(f"SELECT count(*) FROM {table} WHERE article_id = 1").fetchone()[0] == 0
    assert store.conn.execute("SELECT count(*) FROM documents WHERE id = 1").fetchone()[0] == 0
    assert store.search("plague").total == 0  # the only plague article was 1: gone from the index too
    store.conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    assert sqlite3.sqlite_version_info >= (3, 35)


def test_aggregates_follow_writes(store: Store, en_articles: list[Path], make_annotated) -> None:
    reader = Store(store.path, readonly=True)
    assert reader.stats()["articles"] == store.stats()["articles"] == 12
    first = reader.top_speakers()
    extra = make_annotated(en_articles[20], outlet="TASS", published="2021-04-01T00:00:00+00:00",
                           speaker="Sergei Lavrov", about="NATO", technique="Doubt")
    store.add(extra)
    assert store.stats()["articles"] == 13  # this connection's own write
    assert reader.stats()["articles"] == 13 and reader.stats()["outlets"]["TASS"] == 1  # another connection's write
    assert reader.top_speakers() != first and {"speaker": "Sergei Lavrov", "quotes": 1} in reader.top_speakers()
    reader.stats()["outlets"].clear()  # callers get copies, not the cache
    assert reader.stats()["outlets"]["TASS"] == 1
    reader.close()


def test_page_time_stands_in_for_a_missing_publication_date(tmp_path: Path, en_articles: list[Path]) -> None:
    with Store(tmp_path / "c.db") as s:
        aid = s.add(Article(text=en_articles[7].read_text(encoding="utf-8"),
                            metadata=Metadata(outlet="Sputnik", page_time="2021-01-17T16:49:00+00:00")))
        s.add(Article(text=en_articles[8].read_text(encoding="utf-8"), metadata=Metadata(outlet="Sputnik")))
        hits = s.search(None, since="2021-01-17", until="2021-01-17").hits
        assert [(h.id, h.published) for h in hits] == [(aid, "2021-01-17T16:49:00+00:00")]
        assert s.search(None, outlet="Sputnik").hits[-1].published is None  # undated articles sort last
        assert s.techniques_over_time() == []
