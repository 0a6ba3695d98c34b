"""Export what a search finds, streamed in batches (constant memory): one row per article, technique span, quote
or claim, as JSON Lines, CSV or Parquet. Articles as JSON Lines are full Article JSON; as CSV/Parquet flat rows
(Parquet adds the Article JSON, so `presswatch ingest` reads it back)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from presswatch.article import Article
from presswatch.corpus.search import Filters
from presswatch.corpus.store import Store, _unpack
from presswatch.errors import FilterError

FORMATS = ("jsonl", "csv", "parquet")
LEVELS = ("articles", "techniques", "quotes", "claims")
BATCH = 500

FLAT_COLUMNS = [
    "id", "source", "url", "outlet", "title", "published", "page_time", "language", "genre", "frames",
    "techniques", "speakers", "entities", "quotes", "claims", "near_duplicate_of", "similarity", "content_hash",
    "stages", "text",
]
# one row per annotation: the article's id, outlet and date, then the annotation (text = the article's text there)
COLUMNS: dict[str, list[str]] = {
    "articles": FLAT_COLUMNS,
    "techniques": ["article", "outlet", "date", "technique", "family", "voice", "speaker", "score", "text", "start",
                   "end", "paragraph"],
    "quotes": ["article", "outlet", "date", "kind", "speaker", "cue", "text", "start", "end"],
    "claims": ["article", "outlet", "date", "kinds", "source", "score", "text", "start", "end"],
}
_INTS = {"id", "quotes", "claims", "near_duplicate_of", "article", "start", "end", "paragraph"}
_FLOATS = {"similarity", "score"}
# the annotation rows in SQL: (table alias t, its columns in COLUMNS order after article/outlet/date, extra condition)
_SQL = {
    "techniques": ("techniques", 't.technique, t.family, {voice}, {speaker}, t.score, '
                   'substr(d.text, t.start + 1, t."end" - t.start), t.start, t."end", t.paragraph', "t.level = 'span'"),
    "quotes": ("quotes", 't.kind, t.speaker, t.cue, t.text, t.start, t."end"', "1"),
    "claims": ("claims", 't.kinds, t.source, t.score, t.text, t.start, t."end"', "1"),
}


def check(fmt: str, level: str) -> None:
    if fmt not in FORMATS:
        raise FilterError("format", fmt, f"format must be one of {', '.join(FORMATS)} (got {fmt!r})")
    if level not in LEVELS:
        raise FilterError("level", level, f"level must be one of {', '.join(LEVELS)} (got {level!r})")


def _article_where(conn: sqlite3.Connection, f: Filters) -> tuple[str, list[Any]]:
    """The filters as one condition on `articles a` (the query as an FTS subquery, so rows stream in id order)."""
    where, args = f.where(conn)
    if f.q:
        where = ["a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", *where]
        args = [f.q, *args]
    return " AND ".join(where) or "1", args


def article_ids(store: Store, f: Filters) -> Iterator[int]:
    """Ids of the articles matching `f`, in id order, fetched in batches (no read transaction held between)."""
    cond, args = _article_where(store.conn, f)
    last = 0
    while True:
        with store._lock:
            ids = [r[0] for r in store.conn.execute(
                f"SELECT a.id FROM articles a WHERE a.id > ? AND {cond} ORDER BY a.id LIMIT ?", [last, *args, BATCH])]
        if not ids:
            return
        yield from ids
        last = ids[-1]


def iter_articles(store: Store, f: Filters) -> Iterator[tuple[int, Article]]:
    batch: list[int] = []
    for aid in article_ids(store, f):
        batch.append(aid)
        if len(batch) >= BATCH:
            yield from _load(store, batch)
            batch = []
    yield from _load(store, batch)


def _load(store: Store, ids: list[int]) -> Iterator[tuple[int, Article]]:
    if not ids:
        return
    marks = ",".join("?" * len(ids))
    with store._lock:
        rows = store.conn.execute(f"SELECT id, text, json FROM documents WHERE id IN ({marks}) ORDER BY id",
                                  ids).fetchall()
    for aid, text, js in rows:
        doc = _unpack(js)
        doc["text"] = text
        yield aid, Article.from_dict(doc)


def iter_rows(store: Store, f: Filters | None = None, level: str = "articles") -> Iterator[dict[str, Any]]:
    """One flat dict per matching article (label lists joined with "; ", counts, the text) or per technique span,
    quote or claim of the matching articles (the technique and voice filters also pick the spans)."""
    f = (f or Filters()).check(store.conn)
    if level == "articles":
        for aid, a in iter_articles(store, f):
            yield _flat(aid, a, _extra(store, aid), with_json=False)
        return
    table, cols, extra_cond = _SQL[level]
    from presswatch.corpus.schema import has_voice

    voiced = has_voice(store.conn)
    cols = cols.format(voice="t.voice" if voiced else "NULL", speaker="t.speaker" if voiced else "NULL")
    cond, args = _article_where(store.conn, f)
    span_cond, span_args = [extra_cond], []
    if level == "techniques" and f.technique:
        span_cond.append("t.technique = ? COLLATE NOCASE")
        span_args.append(f.technique)
    if level == "techniques" and f.voice and voiced:
        span_cond.append("t.voice = ?")
        span_args.append(f.voice)
    sql = (f"""SELECT t.id, a.id, a.outlet, a.date, {cols} FROM {table} t JOIN articles a ON a.id = t.article_id
               JOIN documents d ON d.id = a.id WHERE t.id > ? AND {' AND '.join(span_cond)} AND {cond}
               ORDER BY t.id LIMIT ?""")
    names = COLUMNS[level]
    last = 0
    while True:
        with store._lock:
            rows = store.conn.execute(sql, [last, *span_args, *args, BATCH]).fetchall()
        if not rows:
            return
        for r in rows:
            yield dict(zip(names, r[1:], strict=True))
        last = rows[-1][0]


def _extra(store: Store, aid: int) -> tuple[Any, Any]:
    with store._lock:
        row = store.conn.execute("SELECT near_duplicate_of, similarity FROM articles WHERE id = ?", (aid,)).fetchone()
    return (row[0], row[1]) if row else (None, None)


def write(store: Store, out: IO[str], fmt: str = "csv", f: Filters | None = None, level: str = "articles") -> int:
    """Write the rows of `f` at `level` to a text stream as csv or jsonl; returns the number of rows."""
    export = Export(store, fmt, f, level)
    for chunk in export:
        out.write(chunk)
    return export.rows


class Export:
    """A filtered export as csv (with a header) or jsonl text chunks, a batch of rows at a time; `rows` counts the
    rows produced so far."""

    def __init__(self, store: Store, fmt: str, f: Filters | None = None, level: str = "articles") -> None:
        check(fmt, level)
        if fmt == "parquet":
            raise FilterError("format", fmt, "parquet is written to a file (write_parquet), not streamed as text")
        self.store, self.fmt, self.level = store, fmt, level
        self.filters = (f or Filters()).check(store.conn)  # a bad value fails here, before the first byte
        self.rows = 0

    def _lines(self) -> Iterator[str]:
        if self.level == "articles" and self.fmt == "jsonl":
            for aid, a in iter_articles(self.store, self.filters):
                dup, sim = _extra(self.store, aid)
                yield json.dumps({"id": aid, "near_duplicate_of": dup, "similarity": sim, **a.to_dict()},
                                 ensure_ascii=False) + "\n"
        elif self.fmt == "jsonl":
            for r in iter_rows(self.store, self.filters, self.level):
                yield json.dumps(r, ensure_ascii=False) + "\n"
        else:
            buf = io.StringIO()
            w = csv.DictWriter(buf, fieldnames=COLUMNS[self.level])
            for r in iter_rows(self.store, self.filters, self.level):
                w.writerow(r)
                yield buf.getvalue()
                buf.seek(0)
                buf.truncate()

    def __iter__(self) -> Iterator[str]:
        parts: list[str] = []
        if self.fmt == "csv":
            parts.append(",".join(COLUMNS[self.level]) + "\r\n")
        for line in self._lines():
            parts.append(line)
            self.rows += 1
            if len(parts) >= BATCH:
                yield "".join(parts)
                parts = []
        yield "".join(parts)


def write_parquet(store: Store, path: Path, f: Filters | None = None, level: str = "articles",
                  chunk: int = 2000) -> int:
    """Parquet in row groups of `chunk`. Articles: flat rows plus the full Article JSON in `article_json` (and a
    null `error`), as `presswatch batch` writes, so `presswatch ingest` reads the file back without re-running the
    pipeline."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    check("parquet", level)
    cols = [(c, pa.int64() if c in _INTS else pa.float64() if c in _FLOATS else pa.string()) for c in COLUMNS[level]]
    if level == "articles":
        cols += [("article_json", pa.string()), ("error", pa.string())]  # the batch partition layout
        g = (f or Filters()).check(store.conn)
        rows: Iterator[dict[str, Any]] = (_flat(aid, a, _extra(store, aid)) for aid, a in iter_articles(store, g))
    else:
        rows = iter_rows(store, f, level)
    schema = pa.schema(cols)
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        buf: list[dict[str, Any]] = []
        for row in rows:
            buf.append(row)
            if len(buf) >= chunk:
                writer.write_table(pa.Table.from_pylist(buf, schema=schema))
                n += len(buf)
                buf = []
        if buf or n == 0:
            writer.write_table(pa.Table.from_pylist(buf, schema=schema))
            n += len(buf)
    return n


def _flat(aid: int, a: Article, extra: tuple[Any, Any], with_json: bool = True) -> dict[str, Any]:
    md = a.metadata
    dup, sim = extra
    row = {
        "id": aid, "source": md.source, "url": md.url, "outlet": md.outlet, "title": md.title,
        "published": md.published, "page_time": md.page_time, "language": md.language,
        "genre": a.genre.label if a.genre else None,
        "frames": "; ".join(f.label for f in a.frames),
        "techniques": "; ".join(sorted({t.technique for t in a.techniques})),
        "speakers": "; ".join(sorted({q.speaker for q in a.quotes if q.speaker})),
        "entities": "; ".join(e.name for e in a.entities),
        "quotes": len(a.quotes), "claims": len(a.claims),
        "near_duplicate_of": dup, "similarity": sim, "content_hash": md.content_hash,
        "stages": ",".join(a.stages), "text": a.text,
    }
    if with_json:
        row["article_json"] = a.to_json(indent=None)
        row["error"] = None
    return row
