"""The batch output folder: `part-NNNNN.parquet` files with one row per document, and a `_SUCCESS` manifest."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from presswatch.errors import PresswatchError

COLUMNS = ("source", "url", "outlet", "title", "published", "content_hash", "article_json", "error")
SCHEMA = pa.schema([(c, pa.string()) for c in COLUMNS])
MANIFEST = "_SUCCESS"


def part_name(index: int) -> str:
    return f"part-{index:05d}.parquet"


def prepare(out: Path, overwrite: bool = False) -> None:
    """Create `out`; refuse to mix with an earlier batch unless `overwrite` (which removes its parts)."""
    out.mkdir(parents=True, exist_ok=True)
    old = sorted(out.glob("part-*.parquet")) + ([out / MANIFEST] if (out / MANIFEST).exists() else [])
    if old and not overwrite:
        raise PresswatchError(f"already holds a batch ({len(old)} files); use --overwrite to replace it", str(out))
    for p in old:
        p.unlink()


def write_partition(out: Path, index: int, rows: list[dict[str, Any]]) -> Path:
    """Write one partition atomically (a half-written file never carries the final name)."""
    path = out / part_name(index)
    tmp = out / f".{path.name}.tmp"
    table = pa.Table.from_pylist([{c: r.get(c) for c in COLUMNS} for r in rows], schema=SCHEMA)
    pq.write_table(table, tmp, compression="zstd")
    tmp.replace(path)
    return path


def write_manifest(out: Path, manifest: dict[str, Any]) -> Path:
    path = out / MANIFEST
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def read_rows(out: Path) -> list[dict[str, Any]]:
    """Every row of a batch output folder, sorted by source."""
    rows: list[dict[str, Any]] = []
    for p in sorted(Path(out).glob("part-*.parquet")):
        rows.extend(pq.read_table(p).to_pylist())
    return sorted(rows, key=lambda r: r["source"])
