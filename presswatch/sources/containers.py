"""Walk inputs (folders, globs, files) and open containers (WARC, JSONL, RSS/Atom, batch Parquet) into RawDocuments.

`iter_documents` never raises for a bad item: it yields a typed InputError carrying the source and goes on.
Source keys are stable across runs (`file`, `file.warc.gz#record=N`, `file.jsonl#line=N`, `feed.xml#entry=N`).
"""

from __future__ import annotations

import glob
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from presswatch.article import RawDocument
from presswatch.errors import InputError
from presswatch.sources.feeds import iter_feed, looks_like_feed
from presswatch.sources.jsonl import iter_jsonl
from presswatch.sources.parquet import iter_parquet
from presswatch.sources.warc import GZIP_MAGIC, iter_warc

Item = RawDocument | InputError
Reader = Callable[[Path], Iterator[Item]]

_GLOB_CHARS = set("*?[")


def _walk(root: Path) -> Iterator[Path]:
    """Files under `root`, sorted, skipping hidden (`.x`) and bookkeeping (`_SUCCESS`, `_x`) names."""
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).parts
        if any(part.startswith((".", "_")) for part in rel):
            continue
        if p.is_file():
            yield p


def _head(path: Path, size: int = 4096) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(size)
    except OSError:
        return b""


def _is_warc(head: bytes) -> bool:
    if head.startswith(GZIP_MAGIC):
        try:
            head = zlib.decompressobj(31).decompress(head, 64)
        except zlib.error:
            return False
    return head.startswith(b"WARC/")


def _read_plain(path: Path) -> Iterator[Item]:
    from presswatch.sources import read_file

    try:
        yield read_file(path)
    except InputError as exc:
        exc.source = exc.source or str(path)
        yield exc


def reader_for(path: Path) -> Reader:
    """The reader for one file, by its name and, when the name says nothing, by its first bytes."""
    name = path.name.lower()
    if name.endswith((".warc", ".warc.gz", ".arc.gz")):
        return iter_warc
    if name.endswith((".jsonl", ".ndjson")):
        return iter_jsonl
    if name.endswith(".parquet"):
        return iter_parquet
    head = _head(path)
    if name.endswith((".rss", ".atom")) or looks_like_feed(head):  # a `.xml` that is no feed is read as a page
        return iter_feed
    if _is_warc(head):
        return iter_warc
    return _read_plain


def iter_file(path: Path) -> Iterator[Item]:
    """Every document in one file, whatever the container."""
    try:
        yield from reader_for(path)(path)
    except Exception as exc:  # a reader bug must not end the walk; the source still gets its error row
        yield InputError(f"cannot read: {type(exc).__name__}: {exc}", str(path))


def iter_documents(path: Path | str) -> Iterator[Item]:
    """Yield a RawDocument per article (or a typed InputError) from a folder, glob pattern or file."""
    try:
        yield from _iter_path(path)
    except OSError as exc:  # a name too long, a folder that cannot be listed: say so and stop this input only
        yield InputError(f"cannot read: {exc.strerror or exc}", str(path))


def iter_paths(paths: Iterable[Path | str]) -> Iterator[Path]:
    """The files `iter_documents` would open for `paths`, in the same order (missing ones left out)."""
    for path in paths:
        p = Path(path)
        if p.is_dir():
            yield from _walk(p)
        elif p.is_file():
            yield p
        elif _GLOB_CHARS & set(str(path)):
            yield from iter_paths(sorted(glob.glob(str(path), recursive=True)))


def _iter_path(path: Path | str) -> Iterator[Item]:
    p = Path(path)
    if p.is_dir():
        for f in _walk(p):
            yield from iter_file(f)
    elif p.is_file():
        yield from iter_file(p)
    elif _GLOB_CHARS & set(str(path)):
        matches = sorted(glob.glob(str(path), recursive=True))
        if not matches:
            yield InputError("no file matches the pattern", str(path))
        for m in matches:  # glob's wildcards already leave out hidden names
            yield from _iter_path(m)
    else:
        yield InputError("no such file or folder", str(path))
