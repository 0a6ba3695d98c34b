"""Saved searches: a name for a set of filters (stored as their query string), kept in the corpus with who and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from presswatch.corpus.search import Filters
from presswatch.errors import InputError

DDL = """
CREATE TABLE IF NOT EXISTS saved_searches (
    id     INTEGER PRIMARY KEY,
    name   TEXT NOT NULL UNIQUE,
    query  TEXT NOT NULL,          -- the filters as a query string: q=...&lang=ru&technique=...
    who    TEXT NOT NULL,
    time   TEXT NOT NULL
)"""


@dataclass(frozen=True)
class SavedSearch:
    id: int
    name: str
    query: str
    who: str
    time: str

    @property
    def url(self) -> str:
        return "/search?" + self.query


def save(store: Any, name: str, params: dict[str, str], who: str = "analyst") -> SavedSearch:
    """Save (or replace) the search `params` under `name`; the filters are checked first (FilterError)."""
    name = " ".join((name or "").split())[:120]
    if not name:
        raise InputError("a saved search needs a name")
    f = Filters.parse(**{k: v for k, v in params.items() if k in Filters.names()})
    query = urlencode(f.active())
    if not query:
        raise InputError("nothing to save: the search has no query or filter")
    who = " ".join((who or "").split())[:80] or "analyst"
    time = datetime.now(UTC).isoformat(timespec="seconds")
    with store.transaction():
        store.conn.execute(DDL)
        store.conn.execute("""INSERT INTO saved_searches (name, query, who, time) VALUES (?, ?, ?, ?)
                              ON CONFLICT(name) DO UPDATE SET query = excluded.query, who = excluded.who,
                              time = excluded.time""", (name, query, who, time))
        sid = store.conn.execute("SELECT id FROM saved_searches WHERE name = ?", (name,)).fetchone()[0]
    return SavedSearch(int(sid), name, query, who, time)


def saved(conn: Any) -> list[SavedSearch]:
    """Every saved search, newest first (none in a store that has never saved one)."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'saved_searches'").fetchone():
        return []
    return [SavedSearch(*r) for r in conn.execute(
        "SELECT id, name, query, who, time FROM saved_searches ORDER BY time DESC, id DESC")]

