"""Bounded work per input: the caps of `Settings`, checked where the work happens, each failure naming its cap.

Containers (gzip, WARC, JSONL, feeds, Parquet) count decompressed bytes and records; the pipeline refuses a
clean text past `max_document_chars` or `max_paragraphs` before any stage runs and stops a document after
`document_seconds`; a search refuses more than `max_query_terms` words and is interrupted after `query_seconds`.
"""

from __future__ import annotations

import re
import signal
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from presswatch import config
from presswatch.errors import InputError, QueryError


class LimitError(InputError):
    """An input past one of the caps of `Settings`; `cap` names the setting."""

    def __init__(self, message: str, source: str | None = None, cap: str = "") -> None:
        self.cap = cap
        super().__init__(f"{message} (cap: {cap})" if cap else message, source)


def over(what: str, value: float, cap: str, source: str | None = None, unit: str = "") -> LimitError:
    """The LimitError for `value` past the setting `cap`."""
    limit = getattr(config.SETTINGS, cap)
    return LimitError(f"{what} {value:,.0f}{unit} exceeds the limit of {limit:,.0f}{unit}", source, cap)


def check_document(text: str, source: str | None = None) -> None:
    """Refuse a clean text too long for the stages (their cost grows faster than its length)."""
    if len(text) > config.SETTINGS.max_document_chars:
        raise over("document of", len(text), "max_document_chars", source, " characters")
    lines = text.count("\n") + 1
    if lines > config.SETTINGS.max_paragraphs:
        raise over("document of", lines, "max_paragraphs", source, " paragraphs")


@contextmanager
def time_limit(seconds: float | None = None, source: str | None = None) -> Iterator[None]:
    """Interrupt the block with a LimitError after `seconds` (default `document_seconds`).

    A timer signal does it, so only in the main thread (the CLI, each ingest worker); elsewhere (web threads,
    whose inputs are capped by size) the block runs unbounded in time."""
    seconds = config.SETTINGS.document_seconds if seconds is None else seconds
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return
    outer = signal.getitimer(signal.ITIMER_REAL)[0]  # another timer (an outer limit, a test timeout) runs
    if outer and outer <= seconds:
        yield  # it fires first anyway
        return

    def expire(signum: int, frame: Any) -> None:
        raise over("analysis took over", seconds, "document_seconds", source, " s")

    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:  # give the outer timer back what it has left
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 0.001))


class Budget:
    """Decompressed bytes and records read from one container, with the caps of `Settings`."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.bytes = 0
        self.records = 0

    def add_bytes(self, n: int) -> None:
        self.bytes += n
        if self.bytes > config.SETTINGS.max_decompressed_bytes:
            raise LimitError(f"decompresses to more than {config.SETTINGS.max_decompressed_bytes:,} bytes", self.source,
                             "max_decompressed_bytes")

    def add_record(self) -> None:
        self.records += 1
        if self.records > config.SETTINGS.max_records:
            raise LimitError(f"holds more than {config.SETTINGS.max_records:,} records", self.source, "max_records")


# -- queries ----------------------------------------------------------------------------------------
_TERM = re.compile(r"\w+", re.UNICODE)


def check_query(q: str | None) -> None:
    """Refuse a full-text query of more words than `max_query_terms` (its cost grows with their square)."""
    if not q:
        return
    n = len(_TERM.findall(q))
    if n > config.SETTINGS.max_query_terms:
        raise QueryError(f"the query has {n} terms; the limit is {config.SETTINGS.max_query_terms} "
                         "(cap: max_query_terms)")


@contextmanager
def query_time(conn: sqlite3.Connection, seconds: float | None = None) -> Iterator[None]:
    """Interrupt SQLite after `seconds` (default `query_seconds`) of work on `conn`: a QueryError, not a hang."""
    seconds = config.SETTINGS.query_seconds if seconds is None else seconds
    deadline = time.monotonic() + seconds
    hit = False

    def check() -> int:
        nonlocal hit
        hit = time.monotonic() > deadline
        return 1 if hit else 0

    conn.set_progress_handler(check, 10_000)
    try:
        yield
    except sqlite3.OperationalError as exc:
        if hit or "interrupted" in str(exc):
            raise QueryError(f"the search took over {seconds:g} s and was stopped (cap: query_seconds); "
                             "use fewer or more specific terms") from exc
        raise
    finally:
        conn.set_progress_handler(None, 0)
