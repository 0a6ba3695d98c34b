"""Reader for the Parquet partitions `presswatch batch` writes: each row an analysed Article, ready to store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq

from presswatch.article import RawDocument
from presswatch.errors import InputError

HINT_COLUMNS = ("url", "outlet", "title", "published", "content_hash", "article_json")


def iter_parquet(path: Path) -> Iterator[RawDocument | InputError]:
    """One RawDocument per row (data b"", `hints["article_json"]` set); failed rows come back as InputErrors."""
    try:
        pfile = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises ArrowInvalid, OSError, ... for broken files
        yield InputError(f"cannot read Parquet: {exc}", str(path))
        return
    missing = {"source", "article_json", "error"} - set(pfile.schema_arrow.names)
    if missing:
        yield InputError(f"not a presswatch batch partition (missing columns {sorted(missing)})", str(path))
        return
    from presswatch.config import SETTINGS
    from presswatch.limits import Budget, LimitError

    budget = Budget(str(path))
    try:
        for batch in pfile.iter_batches(batch_size=256):
            for row in batch.to_pylist():
                source = row.get("source") or f"{path}#row=?"
                budget.add_record()
                if len(row.get("article_json") or "") > SETTINGS.max_document_bytes:
                    yield LimitError(f"article_json longer than {SETTINGS.max_document_bytes:,} bytes", source,
                                     "max_document_bytes")
                    continue
                if row.get("error") or not row.get("article_json"):
                    yield InputError(f"failed in batch: {row.get('error') or 'no article'}", source)
                    continue
                hints = {k: row[k] for k in HINT_COLUMNS if row.get(k) is not None}
                yield RawDocument(data=b"", source=source, url=row.get("url"), hints=hints)
    except LimitError as exc:
        yield exc
    except Exception as exc:  # a damaged row group must not stop the walk
        yield InputError(f"cannot read Parquet: {exc}", str(path))
