"""The unit of batch work: clean and annotate one partition of documents into rows, failures included.

This runs in Dask workers (and in the worker process of `--engine local`); the pipeline is built once per process
(`workers.pipeline_for`) and the stages' models are cached per process, so nothing loads per document.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from presswatch.article import Article, RawDocument
from presswatch.errors import PresswatchError
from presswatch.pipeline import pipeline_for

Row = dict[str, Any]


@dataclass(frozen=True)
class Failed:
    """A document that could not even be read; it still gets its row."""

    source: str
    error: str
    url: str | None = None


Item = RawDocument | Failed


def describe(exc: BaseException) -> str:
    """"TypeName: message" without the source prefix (the row already has the source)."""
    message = exc.message if isinstance(exc, PresswatchError) else str(exc)
    return f"{type(exc).__name__}: {message}"


def error_row(source: str, error: str, url: str | None = None) -> Row:
    return {"source": source, "url": url, "outlet": None, "title": None, "published": None,
            "content_hash": None, "article_json": None, "error": error}


def document_row(item: Item, result: Article | Exception) -> Row:
    """One row: the analysed Article as JSON, or the error that stopped it."""
    if isinstance(result, Exception):
        return error_row(item.source, describe(result), item.url)
    meta = result.metadata
    content_hash = meta.content_hash or hashlib.sha256(result.text.encode("utf-8")).hexdigest()
    return {"source": item.source, "url": meta.url or item.url, "outlet": meta.outlet, "title": meta.title,
            "published": meta.published, "content_hash": content_hash,
            "article_json": result.to_json(indent=None), "error": None}


def process_partition(items: list[Item], stages: tuple[str, ...] | None) -> tuple[list[Row], dict[str, float]]:
    """Rows for every item, sorted by source, and the seconds each stage took on this partition. The readable
    documents go through `Pipeline.pipe` (batched; a failing document becomes its error row, never the batch's)."""
    pipeline = pipeline_for(stages)
    before = dict(pipeline.timings)
    docs = [item for item in items if not isinstance(item, Failed)]
    results = iter(pipeline.pipe(docs, errors="return"))
    rows = sorted((error_row(item.source, item.error, item.url) if isinstance(item, Failed)
                   else document_row(item, next(results)) for item in items), key=lambda r: r["source"])
    spent = {k: v - before.get(k, 0.0) for k, v in pipeline.timings.items()}
    return rows, spent


def process_partition_in_worker(items: list[Item], stages: tuple[str, ...] | None
                                ) -> tuple[list[Row], dict[str, float], str | None]:
    """`process_partition` in a Dask worker, with that worker's address when an allocation failed in it under the
    memory cap (`limits.tainted`: a library may be half set up), so the driver restarts it as the local engine
    replaces its worker; None when the worker is sound or the task ran outside a worker."""
    from presswatch import limits

    with limits.documents_in_this_thread():  # a Dask task runs in a worker thread: let the memory cap hold there
        rows, spent = process_partition(items, stages)
    if not limits.tainted():
        return rows, spent, None
    try:
        from distributed import get_worker

        return rows, spent, get_worker().address
    except (ImportError, ValueError):  # not in a Dask worker
        return rows, spent, None
