"""What routes share: the app's settings, a per-request Store, the analyser (a worker process), cached values
and the search filters of a request."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import HTTPException, Request

from presswatch.config import SETTINGS
from presswatch.web.analysis import Analyzer

if TYPE_CHECKING:
    from presswatch.corpus.search import Filters, SearchResult
    from presswatch.corpus.store import Store

DEFAULT_MAX_UPLOAD = SETTINGS.max_upload_bytes
FORMATS = ("text", "html")
_CACHE_LOCK = threading.Lock()


@dataclass(frozen=True)
class WebSettings:
    db_path: Path
    write_token: str | None
    max_upload_bytes: int
    allowed_hosts: frozenset[str] = frozenset()

    @property
    def readonly(self) -> bool:
        return not self.write_token


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


def store_cached(request: Request, key: Hashable, compute: Callable[[], Any], kind: str = "values") -> Any:
    """`compute()` once per generation of the store (see `web.cache`): values that scan whole tables (the search
    form's known values; `kind` "values") and search results (`kind` "search", `Settings.search_cache` of them)
    are kept until a write changes the database."""
    from presswatch.web.cache import StoreCache

    caches: dict[str, StoreCache] = request.app.state.__dict__.setdefault("store_caches", {})
    cache = caches.get(kind)
    if cache is None:
        with _CACHE_LOCK:
            cache = caches.get(kind)
            if cache is None:
                entries = SETTINGS.search_cache if kind == "search" else 32
                cache = caches[kind] = StoreCache(settings(request).db_path, entries)
    return cache.get(key, compute)


def cached_search(request: Request, store: Store, f: Filters, limit: int, offset: int) -> SearchResult:
    """`store.search` of these filters and page, from the cache while the store is unchanged."""
    return store_cached(request, (f, limit, offset),  # type: ignore[no-any-return]
                        lambda: store.search(filters=f, limit=limit, offset=offset), kind="search")
