"""What the watcher keeps in the corpus store: the pages it knows, every fetch, and each article's versions.

Tables are created with CREATE TABLE IF NOT EXISTS by `ensure` (a store opened for writing); readers of an
older store without them get empty answers.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable
from typing import Any

DDL = """
CREATE TABLE IF NOT EXISTS watch_pages (
    url           TEXT PRIMARY KEY,        -- as the feed or sitemap lists it (or as `fetch` was given it)
    outlet        TEXT,
    language      TEXT,
    feed          TEXT,                    -- the feed or sitemap that listed it first
    feed_time     TEXT,                    -- the entry's publication time
    feed_title    TEXT,
    first_seen    TEXT NOT NULL,
    fetched       TEXT,                    -- last fetch, whatever its outcome
    visits        INTEGER NOT NULL DEFAULT 0,  -- fetches that got the page (first one and revisits)
    next_visit    TEXT,                    -- when the revisit schedule wants it again (NULL: not any more)
    state         TEXT NOT NULL DEFAULT 'new',  -- new | ok | failed | removed | disallowed
    removed       TEXT,                    -- when it was found gone (404/410, redirect to a section page)
    final_url     TEXT,
    etag          TEXT,
    last_modified TEXT,
    hash          TEXT,                    -- sha256 of the latest clean text
    article_id    INTEGER REFERENCES articles(id) ON DELETE SET NULL,
    error         TEXT,
    tries         INTEGER NOT NULL DEFAULT 0   -- failed fetches in a row
);
CREATE INDEX IF NOT EXISTS watch_pages_state ON watch_pages(state, next_visit);
CREATE INDEX IF NOT EXISTS watch_pages_article ON watch_pages(article_id);

CREATE TABLE IF NOT EXISTS watch_feeds (
    url           TEXT PRIMARY KEY,
    outlet        TEXT,
    fetched       TEXT,
    status        INTEGER,
    etag          TEXT,
    last_modified TEXT,
    entries       INTEGER,
    error         TEXT
);

-- every request the watcher made (robots.txt, feeds, sitemaps, pages) and where its answer is archived
CREATE TABLE IF NOT EXISTS watch_fetches (
    id          INTEGER PRIMARY KEY,
    url         TEXT NOT NULL,
    kind        TEXT NOT NULL,             -- page | revisit | feed | sitemap
    time        TEXT NOT NULL,
    status      INTEGER,
    final_url   TEXT,
    redirects   TEXT,                      -- JSON [{status, url, location}]
    error       TEXT,
    bytes       INTEGER,
    seconds     REAL,
    warc_file   TEXT,
    warc_offset INTEGER,
    warc_length INTEGER
);
CREATE INDEX IF NOT EXISTS watch_fetches_url ON watch_fetches(url);

-- the texts an article's page has shown: version 1 as first stored, then each change, and its removal
CREATE TABLE IF NOT EXISTS article_versions (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER REFERENCES articles(id) ON DELETE CASCADE,
    url        TEXT NOT NULL,
    n          INTEGER NOT NULL,           -- 1, 2, ...
    kind       TEXT NOT NULL,              -- first | edit | removed
    fetched    TEXT NOT NULL,
    status     INTEGER,
    hash       TEXT,
    text       BLOB,                       -- zlib(UTF-8) of the clean text (NULL when removed)
    diff       TEXT,                       -- JSON word diff from the previous text
    fetch_id   INTEGER REFERENCES watch_fetches(id),
    UNIQUE (url, n)
);
CREATE INDEX IF NOT EXISTS article_versions_article ON article_versions(article_id);
"""


# the watch_pages columns shown with an article's versions (CLI `versions --format json`, the API)
PAGE_FIELDS = ("url", "final_url", "outlet", "language", "feed", "feed_time", "first_seen", "fetched", "state",
               "removed", "next_visit")


def page_summary(page: dict[str, Any] | None) -> dict[str, Any]:
    """What the watcher knows of the page behind an article (PAGE_FIELDS; None where it knows nothing)."""
    return {k: (page or {}).get(k) for k in PAGE_FIELDS}


def ensure(conn: sqlite3.Connection) -> None:
    from presswatch.corpus.schema import _statements

    for statement in _statements(DDL):
        conn.execute(statement)


def has_tables(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'article_versions'").fetchone() is not None


def record_fetch(conn: sqlite3.Connection, kind: str, got: Any) -> int:
    """One row of watch_fetches for a `Fetched`; returns its id."""
    ptr = got.record
    resp = got.response
    cur = conn.execute(
        """INSERT INTO watch_fetches (url, kind, time, status, final_url, redirects, error, bytes, seconds,
                                      warc_file, warc_offset, warc_length) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)""",
        (got.url, kind, got.time, got.status, got.final_url, json.dumps(got.redirects) if got.redirects else None,
         got.error, len(resp.body) if resp is not None else None, round(got.seconds, 3),
         ptr.file if ptr else None, ptr.offset if ptr else None, ptr.length if ptr else None),
    )
    return int(cur.lastrowid or 0)


def add_version(conn: sqlite3.Connection, *, article_id: int | None, url: str, kind: str, fetched: str,
                status: int | None, hash: str | None, text: str | None, diff: list[dict[str, Any]] | None,
                fetch_id: int | None) -> int:
    n = conn.execute("SELECT coalesce(max(n), 0) + 1 FROM article_versions WHERE url = ?", (url,)).fetchone()[0]
    conn.execute(
        """INSERT INTO article_versions (article_id, url, n, kind, fetched, status, hash, text, diff, fetch_id)
           VALUES (?,?,?,?,?,?,?,?,?,?)""",
        (article_id, url, n, kind, fetched, status, hash, None if text is None else zlib.compress(text.encode(), 6),
         None if diff is None else json.dumps(diff, ensure_ascii=False), fetch_id),
    )
    return int(n)


def latest_text(conn: sqlite3.Connection, url: str) -> str | None:
    row = conn.execute("SELECT text FROM article_versions WHERE url = ? AND text IS NOT NULL ORDER BY n DESC LIMIT 1",
                       (url,)).fetchone()
    return zlib.decompress(row[0]).decode() if row else None


def versions(conn: sqlite3.Connection, article_id: int, *, texts: bool = False) -> list[dict[str, Any]]:
    """The versions of one article, oldest first: {n, kind, fetched, status, hash, diff, url, warc: {...}}."""
    if not has_tables(conn):
        return []
    rows = conn.execute(
        """SELECT v.n, v.kind, v.fetched, v.status, v.hash, v.diff, v.url, v.text, f.warc_file, f.warc_offset,
                  f.warc_length, f.final_url
           FROM article_versions v LEFT JOIN watch_fetches f ON f.id = v.fetch_id
           WHERE v.article_id = ? ORDER BY v.url, v.n""", (article_id,)).fetchall()
    out = []
    for n, kind, fetched, status, h, diff, url, text, wf, wo, wl, final in rows:
        d: dict[str, Any] = {"n": n, "kind": kind, "fetched": fetched, "status": status, "hash": h,
                             "diff": json.loads(diff) if diff else None, "url": url, "final_url": final,
                             "warc": {"file": wf, "offset": wo, "length": wl} if wf else None}
        if texts:
            d["text"] = zlib.decompress(text).decode() if text else None
        out.append(d)
    return out


def page_for_article(conn: sqlite3.Connection, article_id: int) -> dict[str, Any] | None:
    if not has_tables(conn):
        return None
    cur = conn.execute("SELECT * FROM watch_pages WHERE article_id = ? ORDER BY first_seen LIMIT 1", (article_id,))
    row = cur.fetchone()
    return dict(zip([d[0] for d in cur.description], row, strict=True)) if row else None


def article_for(conn: sqlite3.Connection, url_or_id: str) -> int | None:
    """An article id from an id, a watched URL (as listed or after redirects) or a stored article's URL."""
    if url_or_id.strip().isdigit():
        row = conn.execute("SELECT id FROM articles WHERE id = ?", (int(url_or_id),)).fetchone()
        return int(row[0]) if row else None
    if has_tables(conn):
        row = conn.execute("SELECT article_id FROM watch_pages WHERE (url = ? OR final_url = ?) AND article_id IS "
                           "NOT NULL", (url_or_id, url_or_id)).fetchone()
        if row:
            return int(row[0])
    row = conn.execute("SELECT id FROM articles WHERE url = ? OR source = ? ORDER BY id LIMIT 1",
                       (url_or_id, url_or_id)).fetchone()
    return int(row[0]) if row else None


def edits_by_outlet(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Per outlet: watched articles, articles edited after first fetch, edits, articles removed."""
    if not has_tables(conn):
        return []
    rows = conn.execute(
        """SELECT p.outlet, count(DISTINCT p.article_id),
                  count(DISTINCT CASE WHEN v.kind = 'edit' THEN v.article_id END),
                  sum(CASE WHEN v.kind = 'edit' THEN 1 ELSE 0 END),
                  count(DISTINCT CASE WHEN p.state = 'removed' THEN p.article_id END)
           FROM watch_pages p LEFT JOIN article_versions v ON v.url = p.url
           WHERE p.article_id IS NOT NULL GROUP BY p.outlet ORDER BY p.outlet""").fetchall()
    return [{"outlet": o, "articles": a, "edited": e, "edits": int(n or 0), "removed": r} for o, a, e, n, r in rows]


def warc_pointers(conn: sqlite3.Connection, article_ids: Iterable[int] | None = None) -> list[tuple[str, int, int]]:
    """(file, offset, length) of every archived exchange behind a stored version, oldest first."""
    if not has_tables(conn):
        return []
    rows = conn.execute(
        """SELECT v.article_id, f.warc_file, f.warc_offset, f.warc_length FROM article_versions v
           JOIN watch_fetches f ON f.id = v.fetch_id WHERE f.warc_file IS NOT NULL ORDER BY v.id""").fetchall()
    keep = None if article_ids is None else set(article_ids)
    return [(f, o, n) for a, f, o, n in rows if keep is None or a in keep]


def failures(conn: sqlite3.Connection, since: str | None = None) -> list[dict[str, Any]]:
    if not has_tables(conn):
        return []
    rows = conn.execute("SELECT url, kind, time, status, error FROM watch_fetches WHERE error IS NOT NULL "
                        "AND time >= ? ORDER BY id", (since or "",)).fetchall()
    return [{"url": u, "kind": k, "time": t, "status": s, "error": e} for u, k, t, s, e in rows]
