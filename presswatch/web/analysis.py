"""Analysis for the web (`/api/analyze`, the analyse page, `?analyze=true` writes): one document at a time in a
worker process, so the caps of a document hold as they do in ingest workers.

The worker runs the pipeline in its main thread under `document_seconds` and `document_memory_mb` (a LimitError
comes back: 422; after a refused allocation the next analysis gets a fresh worker); models load there once, not
in the server. A worker that does not answer within the time
limit plus a grace period (stuck where no signal reaches Python) is killed and the request gets 503, as does one
whose worker died, or one that finds the worker busy for `BUSY_WAIT_S` (a queue of waiting analyses would hold the
server's threads that searches need); the next analysis starts a fresh worker.
"""

from __future__ import annotations

import dataclasses
import threading
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from fastapi import HTTPException

from presswatch import config
from presswatch.article import Article, RawDocument
from presswatch.workers import WorkerPool

GRACE_S = 15.0  # past the worker's own time limit: its LimitError is on its way, or it is stuck
BUSY_WAIT_S = 10.0  # a request waits this long for the worker, then gets 503 (waiting requests hold server threads)
RETRY_AFTER = "30"


def analyze_in_worker(data: bytes, source: str, format: str | None, stages: tuple[str, ...] | None,
                      seconds: float, memory_mb: float) -> Article:
    """In the worker: the pipeline over one document, under the caps the server was given."""
    from presswatch.pipeline import pipeline_for

    config.SETTINGS = dataclasses.replace(config.SETTINGS, document_seconds=seconds, document_memory_mb=memory_mb)
    article = pipeline_for(stages).run(RawDocument(data=data, source=source, format=format))
    article._cache.clear()  # spaCy Docs do not cross processes
    return article


def _unavailable(detail: str) -> HTTPException:
    return HTTPException(503, detail, headers={"Retry-After": RETRY_AFTER})


class Analyzer:
    """Runs the pipeline for the analyse endpoints in one worker process per app, one document at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pool = WorkerPool(1)
        self.work: Any = analyze_in_worker  # what the worker runs (same arguments and result)

    def analyze(self, data: bytes, *, source: str, format: str | None = None,
                stages: list[str] | tuple[str, ...] | None = None) -> Article:
        from presswatch.pipeline import resolve

        chosen = tuple(resolve(list(stages))) if stages is not None else None  # unknown stage: 422 at once
        seconds, memory_mb = config.SETTINGS.document_seconds, config.SETTINGS.document_memory_mb
        wait = seconds + GRACE_S
        busy = min(BUSY_WAIT_S, wait)
        if not self._lock.acquire(timeout=busy):
            raise _unavailable(f"the analyser is busy with another document (waited {busy:g} s); try again later")
        try:
            future = self._pool.submit(self.work, data, source, format, chosen, seconds, memory_mb)
            try:
                return future.result(timeout=wait)  # type: ignore[no-any-return]
            except FutureTimeout:
                self._pool.kill()
                raise _unavailable(f"the analysis took over {wait:g} s and was stopped (cap: document_seconds)"
                                   ) from None
            except BrokenProcessPool:
                self._pool.kill()
                raise _unavailable("the analysis worker died (out of memory?); try again with a shorter document"
                                   ) from None
        finally:
            self._lock.release()

    def close(self) -> None:
        """Stop the worker: at once when it is busy (the server is going away), else after it is idle."""
        if self._lock.acquire(blocking=False):
            try:
                self._pool.close()
            finally:
                self._lock.release()
        else:
            self._pool.kill()
