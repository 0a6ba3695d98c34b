"""Full-text search (FTS5, bm25) with metadata and annotation filters."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from presswatch.corpus.schema import VOICES, has_voice
from presswatch.errors import QueryError

HIT_START, HIT_END = "\x02", "\x03"
SNIPPET_TOKENS = 32
# bm25 weights: a match in the title counts more than one in the body
_BM25 = "bm25(articles_fts, 4.0, 1.0)"


@dataclass
class SearchHit:
    id: int
    title: str | None
    outlet: str | None
    published: str | None  # published, else the time stamp shown on the page (what date filters use)
    source: str | None
    snippet: str  # plain text; matched terms wrapped in "\x02" ... "\x03"
    score: float  # higher is better (negated bm25)


@dataclass
class SearchResult:
    total: int
    hits: list[SearchHit]


def check_voice(voice: str | None) -> str | None:
    """`voice` normalised (author | quoted | reported), None for none; anything else is a QueryError."""
    v = (voice or "").strip().lower() or None
    if v is not None and v not in VOICES:
        raise QueryError(f"voice must be one of {', '.join(VOICES)} (got {voice!r})")
    return v


def _filters(
    outlet: str | None,
    since: str | None,
    until: str | None,
    technique: str | None,
    speaker: str | None,
    entity: str | None,
) -> tuple[list[str], list[Any]]:
    # annotation filters as IN (indexed subquery): one set per query instead of a probe per article
    # "until" is exclusive of the next prefix: "2021-01" includes the whole month, "2021-01-31" the whole day
    clauses = [
        (outlet, "a.outlet = ? COLLATE NOCASE"),
        (since, "a.date >= ?"),
        (until and until[:-1] + chr(ord(until[-1]) + 1), "a.date < ?"),
        (technique, "a.id IN (SELECT article_id FROM techniques WHERE technique = ? COLLATE NOCASE)"),
        (speaker, "a.id IN (SELECT article_id FROM quotes WHERE speaker = ? COLLATE NOCASE)"),
        (entity, "a.id IN (SELECT article_id FROM entity_names WHERE name = ?)"),
    ]
    where = [sql for value, sql in clauses if value]
    args: list[Any] = [value for value, _ in clauses if value]
    return where, args


def search(
    conn: sqlite3.Connection,
    query: str | None = None,
    *,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    technique: str | None = None,
    speaker: str | None = None,
    entity: str | None = None,
    voice: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchResult:
    """Best matches first for `query` (FTS5 syntax); newest first when there is no query.

    `voice` keeps articles with a technique span in the outlet's own words ("author"), a direct quote ("quoted")
    or reported speech ("reported"); with `technique`, a span of that technique."""
    if limit < 0 or offset < 0:
        raise QueryError("limit and offset must not be negative")
    voice = check_voice(voice)
    where, args = _filters(outlet, since, until, None if voice else technique, speaker, entity)
    if voice:
        clause, more = _voice_filter(conn, voice, technique)
        where, args = [*where, clause], [*args, *more]
    query = (query or "").strip()
    try:
        if query:
            return _fts(conn, query, where, args, limit, offset)
        return _newest(conn, where, args, limit, offset)
    except sqlite3.OperationalError as exc:
        if query and _is_query_error(exc):
            raise QueryError(f"cannot parse search query {query!r}: {exc}") from exc
        raise


def _voice_filter(conn: sqlite3.Connection, voice: str, technique: str | None) -> tuple[str, list[Any]]:
    """The voice clause (of `technique`'s spans, when given); a store without the column (v1, opened read-only)
    knows no voices, so nothing matches."""
    if not has_voice(conn):
        return "0", []
    if technique:
        return ("a.id IN (SELECT article_id FROM techniques WHERE technique = ? COLLATE NOCASE AND voice = ?)",
                [technique, voice])
    return "a.id IN (SELECT article_id FROM techniques WHERE voice = ?)", [voice]


def _is_query_error(exc: sqlite3.OperationalError) -> bool:
    msg = str(exc).lower()
    return any(s in msg for s in ("fts5", "syntax error", "no such column", "unterminated", "unknown special query"))


def _fts(
    conn: sqlite3.Connection, query: str, where: list[str], args: list[Any], limit: int, offset: int
) -> SearchResult:
    # Rank ids first; snippets only for the page shown (snippet() on every match dominates on big stores).
    if where:
        cond = " AND ".join(where)
        frm = f"articles_fts JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH ? AND {cond}"
    else:
        frm = "articles_fts WHERE articles_fts MATCH ?"
    total = conn.execute(f"SELECT count(*) FROM {frm}", [query, *args]).fetchone()[0]
    ranked = conn.execute(
        f"SELECT articles_fts.rowid, -{_BM25} FROM {frm} ORDER BY {_BM25}, articles_fts.rowid LIMIT ? OFFSET ?",
        [query, *args, limit, offset],
    ).fetchall()
    hits = []
    for aid, score in ranked:
        row = conn.execute(
            f"""SELECT a.title, a.outlet, a.date, a.source, snippet(articles_fts, -1, ?, ?, '…', {SNIPPET_TOKENS})
                FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
                WHERE articles_fts MATCH ? AND articles_fts.rowid = ?""",
            [HIT_START, HIT_END, query, aid],
        ).fetchone()
        hits.append(SearchHit(aid, *row[:4], snippet=row[4] or "", score=float(score)))
    return SearchResult(total, hits)


def _newest(conn: sqlite3.Connection, where: list[str], args: list[Any], limit: int, offset: int) -> SearchResult:
    cond = " AND ".join(where) or "1"
    total = conn.execute(f"SELECT count(*) FROM articles a WHERE {cond}", args).fetchone()[0]
    ids = [r[0] for r in conn.execute(
        f"SELECT a.id FROM articles a WHERE {cond} ORDER BY a.date DESC, a.id DESC LIMIT ? OFFSET ?",
        [*args, limit, offset],
    )]
    hits = []
    for aid in ids:
        row = conn.execute(
            """SELECT a.title, a.outlet, a.date, a.source, substr(d.text, 1, 240)
               FROM articles a JOIN documents d ON d.id = a.id WHERE a.id = ?""",
            (aid,),
        ).fetchone()
        hits.append(SearchHit(aid, *row[:4], snippet=_cut(row[4] or ""), score=0.0))
    return SearchResult(total, hits)


def _cut(text: str) -> str:
    text = " ".join(text.split())
    if len(text) < 200:
        return text
    return text[:200].rsplit(" ", 1)[0] + " …"
