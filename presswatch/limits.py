"""Bounded work per input: the caps of `Settings`, checked where the work happens, each failure naming its cap.

Containers (gzip, WARC, JSONL, feeds, Parquet) count decompressed bytes and records; the pipeline refuses a
clean text past `max_document_chars` or `max_paragraphs` before any stage runs and stops a document after
`document_seconds` or past `document_memory_mb` of new address space (`document_limits`), model and library loads
excepted (`outside_caps`); a search refuses more than `max_query_terms` words and is interrupted after
`query_seconds`.
"""

from __future__ import annotations

import re
import signal
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from presswatch import config
from presswatch.errors import InputError, QueryError
from presswatch.watchdog import Expired, Watchdog


class LimitError(InputError):
    """An input past one of the caps of `Settings`; `cap` names the setting."""

    def __init__(self, message: str, source: str | None = None, cap: str = "") -> None:
        self.cap = cap
        super().__init__(f"{message} (cap: {cap})" if cap else message, source)


def over(what: str, value: float, cap: str, source: str | None = None, unit: str = "") -> LimitError:
    """The LimitError for `value` past the setting `cap`."""
    limit = getattr(config.SETTINGS, cap)
    return LimitError(f"{what} {value:,.0f}{unit} exceeds the limit of {limit:,.0f}{unit}", source, cap)


def too_long(seconds: float, source: str | None = None) -> LimitError:
    """The LimitError of a block stopped after `seconds` (a document's `document_seconds`, or a batch's share)."""
    per_doc = config.SETTINGS.document_seconds
    batch = "" if seconds == per_doc else f"; {per_doc:g} s per document"
    return LimitError(f"analysis took over {seconds:g} s and was stopped{batch}", source, "document_seconds")


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

    A timer signal does it in the main thread (the CLI, each ingest worker), a `Watchdog` in a thread that runs the
    process's documents (`documents_in_this_thread`: a Dask task); elsewhere (web request threads, whose inputs
    are capped by size) the block runs unbounded in time."""
    seconds = config.SETTINGS.document_seconds if seconds is None else seconds
    if seconds > 0 and threading.current_thread() is not threading.main_thread() and _owns_process():
        with _thread_time_limit(seconds, source):
            yield
        return
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return
    outer = signal.getitimer(signal.ITIMER_REAL)[0]  # another timer (an outer limit, a test timeout) runs
    if outer and outer <= seconds:
        yield  # it fires first anyway
        return

    def expire(signum: int, frame: Any) -> None:
        raise too_long(seconds, source)

    started, paused_before = time.monotonic(), _paused
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:  # give the outer timer back what it has left (time spent loading models was not its)
            spent = time.monotonic() - started - (_paused - paused_before)
            signal.setitimer(signal.ITIMER_REAL, max(outer - spent, 0.001))


@contextmanager
def _thread_time_limit(seconds: float, source: str | None) -> Iterator[None]:
    """`time_limit` in a thread other than the main one: a `Watchdog` raises into it (its clock stands still in
    `lifted`)."""
    dogs: list[Watchdog] = _thread.__dict__.setdefault("watchdogs", [])
    dog = Watchdog(seconds)
    dogs.append(dog)
    expired = False
    try:
        yield
    except Expired:
        expired = True
    finally:
        dogs.remove(dog)
        fired = dog.stop()
    if expired and not fired:
        raise Expired  # an outer limit's
    if fired:  # raised into the block, or it ran out as the block ended (or a library swallowed it): too long
        raise too_long(seconds, source)


def _address_space() -> int:
    """Bytes of address space this process maps now (/proc/self/statm), 0 where unknown."""
    import os

    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _peak_address_space() -> int:
    """The most address space this process has mapped (VmPeak), 0 where unknown."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


NEAR_CAP = 256 * 2**20  # an error raised this close to the cap is taken for a failed allocation


def _out_of_memory(exc: BaseException) -> bool:
    """A failed allocation: MemoryError, or what native code raises for one (torch's "can't allocate memory", a
    shared library that cannot be mapped, ENOMEM)."""
    import errno

    if isinstance(exc, MemoryError) or (isinstance(exc, OSError) and exc.errno == errno.ENOMEM):
        return True
    text = str(exc).lower()
    return isinstance(exc, RuntimeError | ImportError | OSError) and any(
        s in text for s in ("allocate memory", "bad_alloc", "failed to map segment", "out of memory"))


_TAINTED = False
_thread = threading.local()  # .owner: this thread runs the process's documents though it is not the main thread


def _owns_process() -> bool:
    """Whether the process-wide memory cap may be set from this thread."""
    return threading.current_thread() is threading.main_thread() or getattr(_thread, "owner", False)


@contextmanager
def documents_in_this_thread() -> Iterator[None]:
    """Let `memory_limit` (and `lifted`) hold in this thread, for a process whose documents all run in one worker
    thread beside a few service threads (a Dask worker): the cap is the process's RLIMIT_AS, so an allocation of
    those threads past it fails too, which takes the worker down and the batch runner reruns its documents one by
    one. The time cap holds there too (a `Watchdog`: it interrupts Python code, a long call into C finishes
    first)."""
    _thread.owner = True
    try:
        yield
    finally:
        _thread.owner = False


def tainted() -> bool:
    """Whether an allocation failed under `memory_limit` in this process: an import or model load cut short can
    leave a library half set up (thinc without its BLIS), so worker pools replace such a process."""
    return _TAINTED


@contextmanager
def memory_limit(mb: float | None = None, source: str | None = None) -> Iterator[None]:
    """Let the block map at most `mb` MiB (default `document_memory_mb`) more than the process holds when it
    starts; an allocation past that fails, and the block ends with a LimitError naming the cap.

    The limit is the process's RLIMIT_AS, so it is set only in the main thread (a CLI run, an ingest or batch
    worker, the web's analysis worker), never in a server's request threads, whose neighbours share the process;
    an outer, lower limit (a `ulimit -v`, an enclosing block) stays in force."""
    mb = config.SETTINGS.document_memory_mb if mb is None else mb
    try:
        import resource
    except ImportError:  # pragma: no cover - not a POSIX system
        resource = None  # type: ignore[assignment]
    base = _address_space()
    if mb <= 0 or resource is None or not base or not _owns_process():
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = base + int(mb * 2**20)
    for bound in (soft, hard):
        if bound != resource.RLIM_INFINITY:
            cap = min(cap, bound)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    entry = _Cap(cap, soft)
    _caps.append(entry)
    try:
        yield
    except BaseException as exc:
        # a Rust library (tokenizers) that cannot start a thread under the cap panics: pyo3's PanicException
        # derives from BaseException and would escape every `except Exception` up to the CLI
        if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
            raise
        # native code reports a failed allocation in its own words, or a library that could not load a part of
        # itself fails later on (thinc without BLIS): so also any error once the block came close to the cap
        # another cap (the document's time) stopped it: the process's peak counts lifted model loads too
        if isinstance(exc, LimitError) or not (_out_of_memory(exc) or _peak_address_space() >= entry.limit - NEAR_CAP):
            raise
        global _TAINTED
        _TAINTED = True  # a library may have half-initialised when its allocation failed: see `tainted`
        raise LimitError(f"analysis needed more than {mb:,.0f} MiB of memory", source, "document_memory_mb") from None
    finally:
        _caps.remove(entry)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@dataclass
class _Cap:
    """A `memory_limit` in force: its RLIMIT_AS now, and the soft limit it replaced."""

    limit: int
    before: int


_caps: list[_Cap] = []  # the memory limits in force in this process, outermost first
_lift_depth = 0  # nesting of `lifted` blocks (only the outermost one lifts and restores)
_paused = 0.0  # seconds spent in `lifted` blocks so far (the document timers stood still)


@contextmanager
def lifted() -> Iterator[None]:
    """Run the block outside the document caps: the timer stands still and the memory cap is back to what it was
    before `memory_limit`; afterwards the document keeps the time it had left and the same headroom above what the
    block mapped. For loading models and libraries: a load serves the whole process, so it is not the document's
    cost, and cut short it can fail every later document (a half-imported library) or vanish in a library's broad
    `except`."""
    global _lift_depth, _paused
    if _lift_depth or not _owns_process():
        yield
        return
    import resource

    _lift_depth += 1
    dogs: list[Watchdog] = list(getattr(_thread, "watchdogs", ()))  # a document thread's own timers
    for dog in dogs:
        dog.pause()
    main = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    left = signal.setitimer(signal.ITIMER_REAL, 0)[0] if main else 0.0
    started = time.monotonic()
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    if _caps:
        resource.setrlimit(resource.RLIMIT_AS, (_caps[0].before, hard))
    base = _address_space()
    try:
        yield
    finally:
        grown = max(_address_space() - base, 0)
        for entry in _caps:
            entry.limit += grown
            if entry.before != resource.RLIM_INFINITY:
                entry.limit = min(entry.limit, entry.before)
        if _caps:
            resource.setrlimit(resource.RLIMIT_AS, (min(e.limit for e in _caps), hard))
        _paused += time.monotonic() - started
        _lift_depth -= 1
        if left:
            signal.setitimer(signal.ITIMER_REAL, left)
        for dog in dogs:
            dog.resume()


P = ParamSpec("P")
R = TypeVar("R")


def outside_caps(fn: Callable[P, R]) -> Callable[P, R]:
    """`fn` run in `lifted`: for model loaders (put it under `lru_cache`, so only the load itself is lifted)."""

    @wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with lifted():
            return fn(*args, **kwargs)

    return run


@contextmanager
def document_limits(seconds: float | None = None, source: str | None = None) -> Iterator[None]:
    """The wall-time and memory caps of analysing one document (or one batch, with `seconds` for all of it)."""
    with time_limit(seconds, source), memory_limit(source=source):
        yield


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
