"""The rows a cross-outlet story comparison needs, read from the store with one query per table."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

_CHUNK = 500  # ids per IN (...) list, well under SQLite's variable limit


def _chunks(ids: Sequence[int]) -> Iterator[tuple[str, list[int]]]:
    for i in range(0, len(ids), _CHUNK):
        chunk = list(ids[i : i + _CHUNK])
        yield ",".join("?" * len(chunk)), chunk


def fingerprint(conn: sqlite3.Connection) -> tuple[int, int, int]:
    """Changes whenever a signature is added or removed: the key under which story groups are cached."""
    n, top, total = conn.execute(
        "SELECT count(*), coalesce(max(article_id), 0), coalesce(sum(article_id), 0) FROM minhash"
    ).fetchone()
    return int(n), int(top), int(total)


def summaries(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """id -> {id, outlet, title, url, published, date, genre, genre_score} of the stored ones among `ids`."""
    out: dict[int, dict[str, Any]] = {}
    for marks, chunk in _chunks(ids):
        cur = conn.execute(
            f"""SELECT id, outlet, title, url, published, date, genre, genre_score
                FROM articles WHERE id IN ({marks})""", chunk)
        cols = [d[0] for d in cur.description]
        for row in cur:
            out[row[0]] = dict(zip(cols, row, strict=True))
    return out


def frames(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, list[tuple[str, float | None]]]:
    """id -> [(frame, score)], highest score first."""
    out: dict[int, list[tuple[str, float | None]]] = defaultdict(list)
    for marks, chunk in _chunks(ids):
        for aid, frame, score in conn.execute(
            f"SELECT article_id, frame, score FROM frames WHERE article_id IN ({marks})", chunk
        ):
            out[aid].append((frame, score))
    for rows in out.values():
        rows.sort(key=lambda r: (-(r[1] or 0.0), r[0]))
    return dict(out)


def technique_counts(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, dict[str, int]]:
    """id -> {technique: instances} (spans, and paragraph labels without a span), most frequent first."""
    out: dict[int, dict[str, int]] = defaultdict(dict)
    for marks, chunk in _chunks(ids):
        for aid, name, n in conn.execute(
            f"""SELECT article_id, technique, count(*) n FROM techniques WHERE article_id IN ({marks})
                GROUP BY article_id, technique ORDER BY article_id, n DESC, technique""", chunk
        ):
            out[aid][name] = int(n)
    return dict(out)


def quotes(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """id -> [{speaker, kind, text}] in text order."""
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for marks, chunk in _chunks(ids):
        for aid, speaker, kind, text in conn.execute(
            f"""SELECT article_id, speaker, kind, text FROM quotes WHERE article_id IN ({marks})
                ORDER BY article_id, start, id""", chunk
        ):
            out[aid].append({"speaker": speaker, "kind": kind, "text": text})
    return dict(out)
