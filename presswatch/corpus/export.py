"""Export the store: JSON Lines (one full Article per line), CSV and Parquet (one flat row per article)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from presswatch.article import Article
from presswatch.corpus.store import Store

FORMATS = ("jsonl", "csv", "parquet")

FLAT_COLUMNS = [
    "id", "source", "url", "outlet", "title", "published", "page_time", "language", "genre", "frames",
    "techniques", "speakers", "entities", "quotes", "claims", "near_duplicate_of", "similarity", "content_hash",
    "stages", "text",
]


def _extra(store: Store) -> dict[int, tuple[Any, Any]]:
    return {i: (n, s) for i, n, s in store.conn.execute("SELECT id, near_duplicate_of, similarity FROM articles")}


def iter_rows(store: Store) -> Iterator[dict[str, Any]]:
    """One flat dict per article: metadata, label lists joined with "; ", counts, and the text."""
    extra = _extra(store)
    for aid, a in store.iter_articles():
        yield _flat(aid, a, extra, with_json=False)


def write_jsonl(store: Store, out: IO[str]) -> int:
    """Each line is an Article JSON (readable with Article.from_json) plus the store's id and near-duplicate link."""
    n = 0
    extra = _extra(store)
    for aid, a in store.iter_articles():
        dup, sim = extra.get(aid, (None, None))
        d = {"id": aid, "near_duplicate_of": dup, "similarity": sim, **a.to_dict()}
        out.write(json.dumps(d, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(store: Store, out: IO[str]) -> int:
    w = csv.DictWriter(out, fieldnames=FLAT_COLUMNS)
    w.writeheader()
    n = 0
    for row in iter_rows(store):
        w.writerow(row)
        n += 1
    return n


def write_parquet(store: Store, path: Path, chunk: int = 2000) -> int:
    """Flat rows plus the full Article JSON in `article_json` (and a null `error`), as `presswatch batch` writes:
    `presswatch ingest` reads the file back without re-running the pipeline."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [(c, pa.int64() if c in ("id", "quotes", "claims", "near_duplicate_of") else
          pa.float64() if c == "similarity" else pa.string()) for c in FLAT_COLUMNS]
        + [("article_json", pa.string()), ("error", pa.string())]  # the batch partition layout: re-ingestable
    )
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        rows: list[dict[str, Any]] = []
        extra = _extra(store)
        for aid, a in store.iter_articles():
            rows.append(_flat(aid, a, extra))
            if len(rows) >= chunk:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                n += len(rows)
                rows = []
        if rows or n == 0:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            n += len(rows)
    return n


def _flat(aid: int, a: Article, extra: dict[int, tuple[Any, Any]], with_json: bool = True) -> dict[str, Any]:
    md = a.metadata
    dup, sim = extra.get(aid, (None, None))
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
