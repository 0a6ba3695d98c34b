"""Export what a search finds, streamed in batches (constant memory): one row per article, technique span, quote
or claim, as JSON Lines, CSV or Parquet. Articles as JSON Lines are full Article JSON; as CSV/Parquet flat rows
(Parquet adds the Article JSON, so `presswatch ingest` reads it back)."""

from __future__ import annotations

import csv
import io
import itertools
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
    "techniques": ("techniques", 't.technique, t.family, {voice}, {speaker}, t.score, NULL, t.start, t."end", '
                   't.paragraph', "t.level = 'span'"),
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


def iter_docs(store: Store, f: Filters) -> Iterator[tuple[int, dict[str, Any]]]:
    """(id, Article JSON as stored, with its text) of each matching article. Not built into Articles: that costs
    about 20 ms an article, and the stored JSON is what `Article.to_dict` gives."""
    ids = article_ids(store, f)
    while batch := list(itertools.islice(ids, BATCH)):
        marks = ",".join("?" * len(batch))
        with store._lock:
            rows = store.conn.execute(f"SELECT id, text, json FROM documents WHERE id IN ({marks}) ORDER BY id",
                                      batch).fetchall()
        for aid, text, js in rows:
            yield aid, {"text": text, **_unpack(js)}


def iter_articles(store: Store, f: Filters) -> Iterator[tuple[int, Article]]:
    for aid, doc in iter_docs(store, f):
        yield aid, Article.from_dict(doc)


def iter_rows(store: Store, f: Filters | None = None, level: str = "articles") -> Iterator[dict[str, Any]]:
    """One flat dict per matching article (label lists joined with "; ", counts, the text) or per technique span,
    quote or claim of the matching articles (the technique and voice filters also pick the spans)."""
    f = (f or Filters()).check(store.conn)
    if level == "articles":
        for aid, doc in iter_docs(store, f):
            yield _flat(aid, doc, _extra(store, aid), with_json=False)
        return
    table, cols, extra_cond = _SQL[level]
    from presswatch.corpus.schema import has_voice

    voiced = has_voice(store.conn)
    cols = cols.format(voice="t.voice" if voiced else "NULL", speaker="t.speaker" if voiced else "NULL")
    span_cond, span_args = [extra_cond], []
    if level == "techniques" and f.technique:
        span_cond.append("t.technique = ? COLLATE NOCASE")
        span_args.append(f.technique)
    if level == "techniques" and f.voice and voiced:
        span_cond.append("t.voice = ?")
        span_args.append(f.voice)
    names = COLUMNS[level]
    # a batch of matching articles at a time: their rows by the article index, their texts read once each
    ids = article_ids(store, f)
    while batch := list(itertools.islice(ids, BATCH)):
        marks = ",".join("?" * len(batch))
        with store._lock:
            meta = {i: (o, d) for i, o, d in store.conn.execute(
                f"SELECT id, outlet, date FROM articles WHERE id IN ({marks})", batch)}
            rows = store.conn.execute(
                f"""SELECT t.article_id, {cols} FROM {table} t WHERE t.article_id IN ({marks})
                    AND {' AND '.join(span_cond)} ORDER BY t.article_id, t.id""", [*batch, *span_args]).fetchall()
            texts = dict(store.conn.execute(f"SELECT id, text FROM documents WHERE id IN ({marks})", batch)) \
                if level == "techniques" else {}
        for r in rows:
            row = dict(zip(names, (r[0], *meta[r[0]], *r[1:]), strict=True))
            if level == "techniques":
                row["text"] = texts[r[0]][row["start"]:row["end"]]
            yield row


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
            for aid, doc in iter_docs(self.store, self.filters):
                dup, sim = _extra(self.store, aid)
                yield json.dumps({"id": aid, "near_duplicate_of": dup, "similarity": sim, **doc},
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
        rows: Iterator[dict[str, Any]] = (_flat(aid, doc, _extra(store, aid)) for aid, doc in iter_docs(store, g))
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


def _flat(aid: int, doc: dict[str, Any], extra: tuple[Any, Any], with_json: bool = True) -> dict[str, Any]:
    """The flat row of one article from its Article JSON (`Article.to_dict()`)."""
    md = doc.get("metadata") or {}
    dup, sim = extra
    genre = doc.get("genre") or {}
    row = {
        "id": aid, "source": md.get("source"), "url": md.get("url"), "outlet": md.get("outlet"),
        "title": md.get("title"), "published": md.get("published"), "page_time": md.get("page_time"),
        "language": md.get("language"), "genre": genre.get("label"),
        "frames": "; ".join(f["label"] for f in doc.get("frames") or []),
        "techniques": "; ".join(sorted({t["technique"] for t in doc.get("techniques") or []})),
        "speakers": "; ".join(sorted({q["speaker"] for q in doc.get("quotes") or [] if q.get("speaker")})),
        "entities": "; ".join(e["name"] for e in doc.get("entities") or []),
        "quotes": len(doc.get("quotes") or []), "claims": len(doc.get("claims") or []),
        "near_duplicate_of": dup, "similarity": sim, "content_hash": md.get("content_hash"),
        "stages": ",".join(doc.get("stages") or []), "text": doc.get("text", ""),
    }
    if with_json:
        row["article_json"] = json.dumps(doc, ensure_ascii=False)
        row["error"] = None
    return row
