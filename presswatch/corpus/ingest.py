"""Ingest: read documents from files and containers, analyse them in worker processes, store them.

The parent process is the only writer. Results are written in small transactions (each article with
its source key), so a killed run leaves a consistent store and a rerun skips what is already there.
"""

from __future__ import annotations

import glob
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from presswatch.article import Article, RawDocument
from presswatch.corpus import neardup
from presswatch.corpus.store import Store, content_hash
from presswatch.errors import InputError, ModelError, PresswatchError
from presswatch.pipeline import from_row, is_analysed_row, pipeline_for
from presswatch.sources.walk import Skipped, printable
from presswatch.workers import WorkerPool

# (source key, article or None, signature bytes or None, failure reason or None)
Result = tuple[str, Article | None, bytes | None, str | None]


@dataclass
class IngestReport:
    added: int = 0
    duplicates: int = 0
    skipped: int = 0  # source keys already in the store
    near_duplicates: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    ignored: list[tuple[str, str]] = field(default_factory=list)  # (path, why): left out on purpose, not stored
    seconds: float = 0.0

    @property
    def seen(self) -> int:
        return self.added + self.duplicates + self.skipped + len(self.failed)

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": self.added, "duplicates": self.duplicates, "skipped": self.skipped,
            "near_duplicates": self.near_duplicates, "failed": len(self.failed),
            "failures": [{"source": s, "reason": r} for s, r in self.failed],
            "ignored": [{"path": s, "reason": r} for s, r in self.ignored], "seconds": round(self.seconds, 2),
        }


# -- reading -------------------------------------------------------------------------------------
def iter_sources(paths: Iterable[str | Path]) -> Iterator[RawDocument | InputError]:
    """Every document under `paths` (files, folders, globs, containers), or the error reading it."""
    try:
        from presswatch.sources.containers import iter_documents
    except ImportError:  # before the containers reader lands: plain files and folders
        iter_documents = _iter_plain
    for p in paths:
        path = Path(p)
        try:
            yield from iter_documents(path)
        except PresswatchError as exc:
            yield exc if isinstance(exc, InputError) else InputError(str(exc.message), exc.source or str(path))
        except OSError as exc:
            yield InputError(f"cannot read: {exc.strerror or exc}", str(path))


def _iter_plain(path: Path) -> Iterator[RawDocument | InputError]:
    from presswatch.sources import read_file

    if path.is_dir():
        files = sorted(f for f in path.rglob("*") if f.is_file() and not f.name.startswith("."))
    elif not path.exists() and glob.has_magic(str(path)):
        files = sorted(Path(f) for f in glob.glob(str(path), recursive=True) if Path(f).is_file())
    else:
        files = [path]
    for f in files:
        try:
            yield read_file(f)
        except InputError as exc:
            yield exc


# -- analysing (in workers) ----------------------------------------------------------------------
def analyse(raw: RawDocument, stages: tuple[str, ...] | None) -> Result:
    """Clean and annotate one document; any failure becomes a reason string, never an exception."""
    return _safely(raw.source, lambda: pipeline_for(stages).run(raw))


def _from_row(raw: RawDocument) -> Result:
    """A row that already holds an analysed Article (batch Parquet): store it as it is."""
    return _safely(raw.source, lambda: from_row(raw))


def _safely(source: str, make: Callable[[], Article]) -> Result:
    try:
        return _finish(source, make())
    except ModelError:  # a missing model fails every document: stop the run, do not report each one
        raise
    except PresswatchError as exc:
        return source, None, None, f"{type(exc).__name__}: {exc.message}"
    except Exception as exc:  # a bug in one stage must not stop the batch
        return source, None, None, f"{type(exc).__name__}: {exc}"


def _finish(source: str, article: Article) -> Result:
    article._cache.clear()
    article.raw = None  # the store keeps text + annotations; the raw page need not cross processes
    if article.metadata.source is None:
        article.metadata.source = source
    sig = neardup.to_bytes(neardup.signature(article.text)) if article.text.strip() else None
    return source, article, sig, None


def _done(result: Result) -> Future[Result]:
    f: Future[Result] = Future()
    f.set_result(result)
    return f


# -- the run -------------------------------------------------------------------------------------
class _Runner:
    """Keeps documents flowing to workers in order, restarts the pool if a worker dies."""

    def __init__(self, stages: list[str] | None, workers: int) -> None:
        self.stages = tuple(stages) if stages is not None else None
        self.pool = WorkerPool(workers) if workers > 1 else None

    def submit(self, raw: RawDocument) -> Future[Result]:
        if self.pool is None:
            return _done(analyse(raw, self.stages))
        return self.pool.submit(analyse, raw, self.stages)

    def restart(self) -> None:
        if self.pool is not None:
            self.pool.restart()

    def close(self, cancel: bool = False) -> None:
        if self.pool is not None:
            self.pool.close(cancel)


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    stages: list[str] | None = None,
    workers: int = 1,
    batch_size: int = 20,
    progress: bool | None = None,
    log: Callable[[str], None] | None = None,
    overrides: dict[str, str] | None = None,
) -> IngestReport:
    """Analyse and store every document under `paths`; bad documents are reported, never fatal.

    `overrides` ({"outlet": ..., "language": ...}) set what the reader cannot know for every document."""
    t0 = time.perf_counter()
    report = IngestReport()
    paths = list(paths)
    done_keys = store.settled_sources()
    bar = _bar(progress, paths)
    if bar is not None and log is not None:
        log = bar.write  # failures print above the bar, not through it
    runner = _Runner(stages, workers)
    inflight: deque[tuple[RawDocument, Future[Result]]] = deque()
    buffer: list[Result] = []
    window = max(2, workers * 4)

    def flush() -> None:
        _write(store, buffer, report, log)
        buffer.clear()
        if bar is not None:
            bar.set_postfix(added=report.added, dup=report.duplicates, failed=len(report.failed), refresh=False)

    def collect_head() -> None:
        raw, fut = inflight.popleft()
        try:
            buffer.append(fut.result())
        except BrokenProcessPool:  # a worker died (memory, segfault): blame the oldest, redo the rest
            buffer.append((raw.source, None, None, "worker process died while analysing this document"))
            runner.restart()
            pending = list(inflight)
            inflight.clear()
            for r, f in pending:  # finished results stay; work lost with the pool is submitted again
                ok = f.done() and not f.cancelled() and f.exception() is None
                inflight.append((r, f if ok else runner.submit(r)))
        if bar is not None:
            bar.update(1)
        if len(buffer) >= batch_size:
            flush()

    try:
        for item in iter_sources(paths):
            if isinstance(item, Skipped):
                report.ignored.append((printable(item.source or "?"), item.message))
                if log:
                    log(f"skipped: {printable(item.source or '?')}: {item.message}")
                continue
            if isinstance(item, InputError):
                key = printable(item.source or "<unknown>")
                if key in done_keys:
                    report.skipped += 1
                    if bar is not None:
                        bar.update(1)
                    continue
                done_keys.add(key)
                reason = f"{type(item).__name__}: {item.message}"
                inflight.append((RawDocument(b"", key), _done((key, None, None, reason))))
            elif item.source in done_keys:
                report.skipped += 1
                if bar is not None:
                    bar.update(1)
                continue
            else:
                done_keys.add(item.source)
                if overrides:
                    item.hints["override"] = dict(overrides)
                fut = _done(_from_row(item)) if is_analysed_row(item) else runner.submit(item)
                inflight.append((item, fut))
            while len(inflight) >= window:
                collect_head()
        while inflight:
            collect_head()
        flush()
    except BaseException:
        try:
            flush()  # keep what finished; the rest is redone by the next run
        finally:
            runner.close(cancel=True)
        if bar is not None:
            bar.close()
        raise
    runner.close()
    if bar is not None:
        bar.close()
    report.seconds = time.perf_counter() - t0
    return report


def _write(store: Store, results: list[Result], report: IngestReport, log: Callable[[str], None] | None) -> None:
    """One transaction: every finished article with its source key."""
    if not results:
        return
    with store.transaction():
        for key, article, sig, reason in results:
            key, reason = printable(key), None if reason is None else printable(reason)
            if store.source_status([key]).get(key) in ("ok", "duplicate"):  # another ingest stored it meanwhile
                report.skipped += 1
                continue
            if article is None:
                report.failed.append((key, reason or "unknown error"))
                store.record_source(key, "failed", reason)
                if log:
                    log(f"failed: {key}: {reason}")
                continue
            try:
                aid = store.add(article, signature=None if sig is None else neardup.from_bytes(sig))
            except (InputError, UnicodeError, ValueError, TypeError) as exc:  # invalid: this one only
                reason = f"{type(exc).__name__}: {getattr(exc, 'message', None) or exc}"
                report.failed.append((key, reason))
                store.record_source(key, "failed", reason)
                if log:
                    log(f"failed: {key}: {reason}")
                continue
            if aid is None:
                first = store.article_id_for_hash(content_hash(article))
                report.duplicates += 1
                store.record_source(key, "duplicate", f"same text as article {first}", first)
            else:
                report.added += 1
                if store.near_duplicate_of(aid) is not None:
                    report.near_duplicates += 1
                store.record_source(key, "ok", None, aid)


def _bar(progress: bool | None, paths: list[str | Path]) -> Any:
    if progress is None:
        progress = sys.stderr.isatty()
    if not progress:
        return None
    from tqdm import tqdm

    return tqdm(total=count_documents(paths), unit="doc", file=sys.stderr, desc="ingest", dynamic_ncols=True)


def count_documents(paths: Iterable[str | Path], limit: int = 1_000_000) -> int | None:
    """How many documents `paths` hold when that is cheap to know (single-document files only), else None: the
    progress bar then shows a total, a rate and an ETA. A container (WARC, JSONL, feed, Parquet) makes it None."""
    from presswatch.sources.containers import _read_plain, iter_paths, reader_for

    n = 0
    try:
        for f in iter_paths(paths):
            if reader_for(f) is not _read_plain or n >= limit:
                return None
            n += 1
    except OSError:
        return None
    return n
