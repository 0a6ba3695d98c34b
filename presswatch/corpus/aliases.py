"""The alias table the corpus grows: role descriptors tied to a person's name by a stored article ("Gazprom
spokesman Sergei Kupriyanov"), and the speakers it resolves at ingest.

Every stored English article adds its descriptor-name pairs (`presswatch.stages.english.descriptors`) with its outlet,
date and the words that tie them. Before an article is stored, a quote whose speaker is only a descriptor ("the
Gazprom spokesman", no entity; not an indefinite "a Justice Department official", who is one of many) takes the
canonical name when exactly one name answers: first this article's own pairs, else the table's rows of the same
outlet within `WINDOW_DAYS` of the article's date, else every outlet's within the window (rows or articles
without a date count as in the window); a descriptor of two words or more with no row of its own takes the rows
that only add words before it ("the attorney general": "u.s. attorney general"). Two names for one descriptor
leave the quote as it was. The quote keeps the evidence (`Quote.speaker_alias`), so the UI and JSON can say where
the name came from.
"""

from __future__ import annotations

import sqlite3
from datetime import date as Date
from typing import Any

from presswatch.article import Article, SpeakerAlias
from presswatch.corpus import schema
from presswatch.stages.english import descriptors

WINDOW_DAYS = 730  # a role changes hands: a spokesman of five years ago is not today's

def record(conn: sqlite3.Connection, article_id: int, article: Article) -> int:
    """Add the article's descriptor-name pairs; returns how many."""
    md = article.metadata
    rows = [(p.key, p.name, article_id, md.outlet, md.published or md.page_time, p.evidence)
            for p in descriptors.pairs(article)]
    conn.executemany("INSERT OR IGNORE INTO speaker_aliases (descriptor, name, article_id, outlet, date, evidence) "
                     "VALUES (?, ?, ?, ?, ?, ?)", rows)
    return len(rows)


def _day(value: str | None) -> Date | None:
    try:
        return Date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def lookup(conn: sqlite3.Connection, descriptor: str, outlet: str | None, when: str | None) -> dict[str, Any] | None:
    """The one row that names `descriptor` (same outlet first, then any), or None when none or several names do."""
    if not schema.has_table(conn, "speaker_aliases"):
        return None
    k = descriptors.key(descriptor)
    sql = "SELECT name, article_id, outlet, date, evidence FROM speaker_aliases WHERE descriptor {} ORDER BY article_id"
    rows = conn.execute(sql.format("= ?"), (k,)).fetchall()
    if not rows and len(k.split()) >= 2:  # "attorney general": the rows that only add words before it ("u.s. …")
        pattern = "% " + k.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = conn.execute(sql.format("LIKE ? ESCAPE '\\'"), (pattern,)).fetchall()
    day = _day(when)

    def in_window(row: tuple[Any, ...]) -> bool:
        other = _day(row[3])
        return day is None or other is None or abs((other - day).days) <= WINDOW_DAYS

    near = [r for r in rows if in_window(r)]
    for cands in ([r for r in near if outlet and r[2] == outlet], near):
        names = {r[0] for r in cands}
        if len(names) == 1:
            name, aid, out, d, evidence = cands[0]
            return {"name": name, "article_id": aid, "outlet": out, "date": d, "evidence": evidence}
        if len(names) > 1:
            return None  # ambiguous: two people held the role (or the outlets disagree)
    return None


def resolve(conn: sqlite3.Connection | None, article: Article) -> int:
    """Name the quotes whose speaker is only a descriptor (the article's own pairs first); returns how many."""
    before = sum(q.speaker_alias is not None for q in article.quotes)
    md = article.metadata
    for q in descriptors.resolve_own(article):
        role = q.speaker or ""
        hit = lookup(conn, role, md.outlet, md.published or md.page_time) if conn is not None else None
        if hit is not None:
            q.speaker = hit["name"]
            q.speaker_alias = SpeakerAlias(role, hit["evidence"], hit["article_id"], hit["outlet"], hit["date"])
    return sum(q.speaker_alias is not None for q in article.quotes) - before
