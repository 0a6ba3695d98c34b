"""Corpus-wide counts and trends: outlets, techniques per outlet and month, speakers, who is quoted about whom."""

from __future__ import annotations

import sqlite3
from typing import Any

from presswatch.corpus.schema import VOICES, has_voice

UNKNOWN = "(unknown)"


def _counts(conn: sqlite3.Connection, sql: str, args: tuple[Any, ...] = ()) -> dict[str, int]:
    return {(k if k is not None else UNKNOWN): int(n) for k, n in conn.execute(sql, args)}


def stats(conn: sqlite3.Connection) -> dict[str, Any]:
    """Headline numbers of the store; technique counts are instances (spans, or paragraph labels without spans)."""
    one = lambda sql: int(conn.execute(sql).fetchone()[0])  # noqa: E731
    return {
        "articles": one("SELECT count(*) FROM articles"),
        "outlets": _counts(conn, "SELECT outlet, count(*) n FROM articles GROUP BY outlet ORDER BY n DESC, outlet"),
        "techniques": _counts(
            conn, "SELECT technique, count(*) n FROM techniques GROUP BY technique ORDER BY n DESC, technique"
        ),
        "genres": _counts(
            conn, "SELECT genre, count(*) n FROM articles WHERE genre IS NOT NULL GROUP BY genre ORDER BY n DESC"
        ),
        "frames": _counts(conn, "SELECT frame, count(*) n FROM frames GROUP BY frame ORDER BY n DESC, frame"),
        "languages": _counts(conn, "SELECT language, count(*) n FROM articles GROUP BY language ORDER BY n DESC"),
        "speakers": one("SELECT count(DISTINCT speaker) FROM quotes WHERE speaker IS NOT NULL"),
        "quotes": one("SELECT count(*) FROM quotes"),
        "entities": one("SELECT count(DISTINCT name) FROM entities"),
        "claims": one("SELECT count(*) FROM claims"),
        "near_duplicates": one("SELECT count(*) FROM articles WHERE near_duplicate_of IS NOT NULL"),
        "duplicates": one("SELECT count(*) FROM sources WHERE status = 'duplicate'"),
        "failures": one("SELECT count(*) FROM sources WHERE status = 'failed'"),
        "first": conn.execute("SELECT min(date) FROM articles").fetchone()[0],
        "last": conn.execute("SELECT max(date) FROM articles").fetchone()[0],
    }


def techniques_by_outlet(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    rows = conn.execute(
        """SELECT a.outlet, t.technique, count(*) n FROM techniques t JOIN articles a ON a.id = t.article_id
           GROUP BY a.outlet, t.technique ORDER BY a.outlet, n DESC, t.technique"""
    )
    return [{"outlet": o if o is not None else UNKNOWN, "technique": t, "count": n} for o, t, n in rows]


def techniques_by_voice(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Per outlet, technique spans by whose words carry them: author (the outlet's own), quoted (a direct quote),
    reported (reported speech), unknown (no quotes stage, or stored before v2); `author_share` is author over the
    spans of known voice (None without any). Paragraph labels have no span, so no voice: they are left out.
    Most spans first."""
    voice = "t.voice" if has_voice(conn) else "NULL"
    rows = conn.execute(
        f"""SELECT a.outlet, {voice} v, count(*) n FROM techniques t JOIN articles a ON a.id = t.article_id
            WHERE t.level = 'span' GROUP BY a.outlet, v"""
    )
    out: dict[str | None, dict[str, Any]] = {}
    for outlet, v, n in rows:
        row = out.setdefault(outlet, {"outlet": outlet if outlet is not None else UNKNOWN,
                                      **dict.fromkeys(VOICES, 0), "unknown": 0})
        row[v if v in VOICES else "unknown"] += int(n)
    for row in out.values():
        known = sum(row[v] for v in VOICES)
        row["spans"] = known + row["unknown"]
        row["author_share"] = round(row["author"] / known, 4) if known else None
    return sorted(out.values(), key=lambda r: (-r["spans"], r["outlet"]))


def techniques_over_time(conn: sqlite3.Connection, outlet: str | None = None) -> list[dict[str, Any]]:
    """Technique instances per month of `articles.date` (published, else page time)."""
    cond, args = ("AND a.outlet = ? COLLATE NOCASE", (outlet,)) if outlet else ("", ())
    rows = conn.execute(
        f"""SELECT substr(a.date, 1, 7) p, t.technique, count(*) n
            FROM techniques t JOIN articles a ON a.id = t.article_id
            WHERE a.date IS NOT NULL AND length(a.date) >= 7 {cond}
            GROUP BY p, t.technique ORDER BY p, n DESC, t.technique""",
        args,
    )
    return [{"period": p, "technique": t, "count": n} for p, t, n in rows]


def techniques_by_outlet_month(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    rows = conn.execute(
        """SELECT a.outlet, substr(a.date, 1, 7) p, t.technique, count(*) n
           FROM techniques t JOIN articles a ON a.id = t.article_id
           WHERE a.date IS NOT NULL AND length(a.date) >= 7
           GROUP BY a.outlet, p, t.technique ORDER BY a.outlet, p, n DESC, t.technique"""
    )
    return [
        {"outlet": o if o is not None else UNKNOWN, "period": p, "technique": t, "count": n} for o, p, t, n in rows
    ]


def top_speakers(conn: sqlite3.Connection, limit: int = 20) -> list[dict[str, Any]]:
    rows = conn.execute(
        """SELECT speaker, count(*) n FROM quotes WHERE speaker IS NOT NULL
           GROUP BY speaker ORDER BY n DESC, speaker LIMIT ?""",
        (limit,),
    )
    return [{"speaker": s, "quotes": n} for s, n in rows]


def quoted_about(conn: sqlite3.Connection, limit: int = 50) -> list[dict[str, Any]]:
    """(speaker, entity, number of the speaker's quotes that mention the entity), most frequent first."""
    rows = conn.execute(
        """SELECT speaker, entity, count(*) n FROM quote_entities
           GROUP BY speaker, entity ORDER BY n DESC, speaker, entity LIMIT ?""",
        (limit,),
    )
    return [{"speaker": s, "entity": e, "count": n} for s, e, n in rows]


def articles_by_outlet_month(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Articles per outlet and month of `articles.date` (the denominators of per-article rates over time)."""
    rows = conn.execute(
        """SELECT a.outlet, substr(a.date, 1, 7) p, count(*) n FROM articles a
           WHERE a.date IS NOT NULL AND length(a.date) >= 7 GROUP BY a.outlet, p ORDER BY a.outlet, p"""
    )
    return [{"outlet": o if o is not None else UNKNOWN, "period": p, "articles": n} for o, p, n in rows]
