"""What routes share: the app's settings, a per-request Store, the one Pipeline, and the search filters of a request."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import HTTPException, Request

from presswatch.article import Article, RawDocument
from presswatch.config import SETTINGS

if TYPE_CHECKING:
    from presswatch.corpus.search import Filters
    from presswatch.corpus.store import Store
    from presswatch.pipeline import Pipeline

DEFAULT_MAX_UPLOAD = SETTINGS.max_upload_bytes
FORMATS = ("text", "html")


@dataclass(frozen=True)
class WebSettings:
    db_path: Path
    write_token: str | None
    max_upload_bytes: int
    allowed_hosts: frozenset[str] = frozenset()

    @property
    def readonly(self) -> bool:
        return not self.write_token


class Analyzer:
    """Runs the full pipeline for the analyse endpoints; one per app so models load once, one run at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pipeline: Pipeline | None = None

    def analyze(self, data: bytes, *, source: str, format: str | None = None,
                stages: Iterable[str] | None = None) -> Article:
        from presswatch.pipeline import Pipeline

        raw = RawDocument(data=data, source=source, format=format)
        with self._lock:
            if stages is not None:
                return Pipeline(list(stages)).run(raw)
            if self._pipeline is None:
                self._pipeline = Pipeline()
            return self._pipeline.run(raw)


def settings(request: Request) -> WebSettings:
    return request.app.state.settings  # type: ignore[no-any-return]


def analyzer(request: Request) -> Analyzer:
    return request.app.state.analyzer  # type: ignore[no-any-return]


def new_store(request: Request) -> Store:
    """A Store for this request; the caller closes it."""
    from presswatch.corpus.store import Store

    cfg = settings(request)
    return Store(cfg.db_path, readonly=cfg.readonly)


@contextmanager
def open_store(request: Request) -> Iterator[Store]:
    """A Store for this request, opened and closed in the calling thread (SQLite connections are per thread)."""
    store = new_store(request)
    try:
        yield store
    finally:
        store.close()


def query_filters(request: Request) -> Filters:
    """The search filters of this request's query string."""
    from presswatch.corpus.search import Filters

    return parse_filters(**{k: v for k, v in request.query_params.items() if k in Filters.names()})


def parse_filters(**values: str | None) -> Filters:
    """Search filters from query parameters (named as the CLI's options), parsed; a bad value is a 422."""
    from presswatch.corpus.search import Filters
    from presswatch.errors import FilterError

    try:
        return Filters.parse(**values)
    except FilterError as exc:
        raise HTTPException(422, exc.message) from exc


def store_cached(request: Request, key: str, compute: Callable[[], Any]) -> Any:
    """`compute()` once per state of the store file: a value that scans whole tables (the search form's known
    values) is kept until a write changes the database or its WAL (their size and modification time)."""
    import copy
    import os

    db = settings(request).db_path
    stamp: list[int] = []
    for path in (db, db.with_name(db.name + "-wal")):
        try:
            st = os.stat(path)
            stamp += [st.st_mtime_ns, st.st_size]
        except OSError:
            stamp += [0, 0]
    cache: dict[str, tuple[tuple[int, ...], Any]] = request.app.state.__dict__.setdefault("store_cache", {})
    hit = cache.get(key)
    if hit is None or hit[0] != tuple(stamp):
        hit = cache[key] = (tuple(stamp), compute())
    return copy.deepcopy(hit[1])
