"""The server's cache of search results and known values: kept while the store is unchanged, never served stale."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from webcorpus import build_article

from presswatch.article import Article
from presswatch.corpus.store import Store
from presswatch.web import create_app
from presswatch.web.cache import StoreCache


def _article(title: str, word: str) -> Article:
    return build_article(f"{title}\nThe {word} was discussed at length by the council today.", title=title,
                         outlet="Cache Wire", published="2024-03-01")


def test_a_value_is_kept_until_another_connection_commits(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with Store(db) as store:
        store.add(_article("First", "aqueduct"))
    cache = StoreCache(db, entries=8)
    calls: list[int] = []

    def compute() -> list[int]:
        calls.append(1)
        return [len(calls)]

    assert cache.get("k", compute) == [1]
    assert cache.get("k", compute) == [1] and len(calls) == 1  # unchanged store: kept
    cache.get("k", compute).append(99)  # callers get copies
    assert cache.get("k", compute) == [1]
    with Store(db) as store:
        store.add(_article("Second", "viaduct"))
    assert cache.get("k", compute) == [2]  # a commit elsewhere: computed again
    assert (cache.hits, cache.misses) == (3, 2)
    cache.close()


def test_the_cache_is_bounded_and_can_be_off(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    Store(db).close()
    cache = StoreCache(db, entries=2)
    for k in "abc":
        cache.get(k, lambda: 0)
    assert cache.get("a", lambda: 1) == 1  # the oldest went first
    off = StoreCache(db, entries=0)
    assert [off.get("k", lambda n=n: n) for n in range(3)] == [0, 1, 2]
    missing = StoreCache(tmp_path / "none.db", entries=4)
    assert missing.generation() is None and missing.get("k", lambda: 5) == 5


def test_search_page_and_api_show_an_article_written_after_the_first_search(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with Store(db) as store:
        store.add(_article("First aqueduct", "aqueduct"))
    with TestClient(create_app(db)) as client:
        for _ in range(2):  # the second answer comes from the cache
            assert client.get("/api/articles?q=aqueduct").json()["total"] == 1
            assert 'id="result-count">1 article matching' in client.get("/search?q=aqueduct").text
        with Store(db) as store:  # another process's ingest, as far as the server can tell
            store.add(_article("Second aqueduct", "aqueduct"))
        assert client.get("/api/articles?q=aqueduct").json()["total"] == 2
        page = client.get("/search?q=aqueduct").text
        assert 'id="result-count">2 articles matching' in page and "Second aqueduct" in page
        assert 'value="Cache Wire"' in page  # the form's known outlets, also cached per generation
