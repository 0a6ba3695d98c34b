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
from presswatch.sources.walk import Skipped, check_file, printable, source_key, walk
from presswatch.sources.warc import GZIP_MAGIC, iter_warc

Item = RawDocument | InputError
Reader = Callable[[Path], Iterator[Item]]

_GLOB_CHARS = set("*?[")


def _walk(root: Path) -> Iterator[Path | Skipped]:
    """Files under `root`; hidden (`.x`) and bookkeeping (`_SUCCESS`, `_x`) names, special files and symlinks
    leading out of it come back as Skipped."""
    yield from walk(root)


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
    """Every document in one file, whatever the container; sources keyed by `source_key(path)`."""
    name, key = str(path), source_key(path)
    try:
        check_file(path)  # FIFOs, devices, unreadable files: refused before anything opens them
        for item in reader_for(path)(path):
            if item.source is None or item.source == name or item.source.startswith(name + "#"):
                item.source = key + (item.source or name)[len(name):]
            if isinstance(item, InputError):
                item.message = printable(item.message.replace(name, key))
                item.args = (f"{item.source}: {item.message}",)
            yield item
    except InputError as exc:
        yield exc
    except Exception as exc:  # a reader bug must not end the walk; the source still gets its error row
        yield InputError(f"cannot read: {type(exc).__name__}: {printable(str(exc))}", key)


def iter_documents(path: Path | str) -> Iterator[Item]:
    """Yield a RawDocument per article (or a typed InputError) from a folder, glob pattern or file."""
    try:
        yield from _iter_path(path)
    except OSError as exc:  # a name too long, a folder that cannot be listed: say so and stop this input only
        yield InputError(f"cannot read: {exc.strerror or exc}", source_key(path))


def iter_paths(paths: Iterable[Path | str]) -> Iterator[Path]:
    """The files `iter_documents` would open for `paths`, in the same order (missing ones left out)."""
    for path in paths:
        p = Path(path)
        if p.is_dir():
            yield from (f for f in _walk(p) if isinstance(f, Path))
        elif p.is_file():
            yield p
        elif _GLOB_CHARS & set(str(path)):
            yield from iter_paths(sorted(glob.glob(str(path), recursive=True)))


def _iter_path(path: Path | str) -> Iterator[Item]:
    p = Path(path)
    if p.is_dir():
        for f in _walk(p):
            yield from iter_file(f) if isinstance(f, Path) else [f]
    elif p.exists() or p.is_symlink():
        yield from iter_file(p)  # a FIFO, device or broken link named on its own gets its reason too
    elif _GLOB_CHARS & set(str(path)):
        matches = sorted(glob.glob(str(path), recursive=True))
        if not matches:
            yield InputError("no file matches the pattern", source_key(path))
        for m in matches:  # glob's wildcards already leave out hidden names
            yield from _iter_path(m)
    else:
        yield InputError("no such file or folder", source_key(path))
