"""What routes share: the app's settings, a per-request Store, the one Pipeline, and filter validation."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import HTTPException, Request

from presswatch.article import Article, RawDocument
from presswatch.config import SETTINGS

if TYPE_CHECKING:
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
        from presswatch.api import analyze
        from presswatch.pipeline import Pipeline

        raw = RawDocument(data=data, source=source, format=format)
        with self._lock:
            if stages is not None:
                pipeline = Pipeline(list(stages))
            else:
                if self._pipeline is None:
                    self._pipeline = Pipeline()
                pipeline = self._pipeline
            return analyze(raw, pipeline=pipeline)


def settings(request: Request) -> WebSettings:
    return request.app.state.settings  # type: ignore[no-any-return]


def analyzer(request: Request) -> Analyzer:
    return request.app.state.analyzer  # type: ignore[no-any-return]


@contextmanager
def open_store(request: Request) -> Iterator[Store]:
    """A Store for this request, opened and closed in the calling thread (SQLite connections are per thread)."""
    from presswatch.corpus.store import Store

    cfg = settings(request)
    store = Store(cfg.db_path, readonly=cfg.readonly)
    try:
        yield store
    finally:
        store.close()


_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$")


def iso_date(value: str | None, name: str) -> str | None:
    """`value` if it is an ISO 8601 date (YYYY, YYYY-MM, YYYY-MM-DD or a full date-time), else a 422."""
    if value is None or not value.strip():
        return None
    v = value.strip()
    ok = bool(_ISO.match(v))
    if ok:
        try:
            if len(v) == 7:
                date.fromisoformat(v + "-01")
            elif len(v) == 10:
                date.fromisoformat(v)
            elif len(v) > 10:
                datetime.fromisoformat(v)
        except ValueError:
            ok = False
    if not ok:
        raise HTTPException(422, f"{name}: {value!r} is not an ISO 8601 date (YYYY, YYYY-MM, YYYY-MM-DD or date-time)")
    return v


@dataclass
class Filters:
    """The search filters shared by the CLI, the search page and the API."""

    q: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    technique: str | None = None
    speaker: str | None = None
    entity: str | None = None
    voice: str | None = None

    @classmethod
    def build(cls, **values: str | None) -> Filters:
        from presswatch.corpus.search import check_voice
        from presswatch.errors import QueryError

        clean = {k: (v.strip() if isinstance(v, str) and v.strip() else None) for k, v in values.items()}
        clean["since"] = iso_date(clean.get("since"), "since")
        clean["until"] = iso_date(clean.get("until"), "until")
        try:
            clean["voice"] = check_voice(clean.get("voice"))
        except QueryError as exc:
            raise HTTPException(422, exc.message) from exc
        return cls(**clean)

    def store_kwargs(self) -> dict[str, Any]:
        d = asdict(self)
        return {"query": d.pop("q"), **d}

    def active(self) -> dict[str, str]:
        return {k: v for k, v in asdict(self).items() if v}
