"""Web analysis is bounded like any document: its worker process has the time and memory caps (422 naming the
cap), a worker that does not answer is killed (503 with Retry-After and the security headers), and the next
analysis gets a fresh one."""

from __future__ import annotations

import dataclasses
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from presswatch import config
from presswatch.article import Article
from presswatch.web import analysis, create_app

LONG = "\n".join(f"Officials in Geneva said on day {i} that the talks on the ceasefire would go on for another week, "
                 "while the delegations met behind closed doors." for i in range(900))


def _pid(data: bytes, *_: object) -> Article:
    """Worker work for the tests: the worker's pid as the text."""
    return Article(text=str(os.getpid()))


def _stuck(data: bytes, *_: object) -> Article:
    """Worker work that no timer signal can stop (SIGALRM blocked) and that never ends in time."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    time.sleep(120)
    return Article(text="too late")


@pytest.fixture()
def app_client(corpus_db: Path) -> Iterator[TestClient]:
    app = create_app(corpus_db)
    with TestClient(app) as c:
        yield c
    app.state.analyzer.close()


def _caps(monkeypatch: pytest.MonkeyPatch, **kw: float) -> None:
    monkeypatch.setattr(config, "SETTINGS", dataclasses.replace(config.SETTINGS, **kw))


def test_analysis_runs_in_one_lasting_worker_process(app_client: TestClient) -> None:
    app_client.app.state.analyzer.work = _pid  # type: ignore[attr-defined]
    pids = {app_client.post("/api/analyze", json={"text": t}).json()["text"] for t in ("one", "two")}
    assert len(pids) == 1 and pids != {str(os.getpid())}


def test_the_worker_time_limit_answers_422_naming_the_cap(app_client: TestClient,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # LONG's linguistics alone takes ~2.5 s; the models load outside the caps (`limits.outside_caps`)
    warm = app_client.post("/api/analyze", json={"text": "Putin said so.", "stages": ["linguistics"]})
    assert warm.status_code == 200
    _caps(monkeypatch, document_seconds=0.5)
    t0 = time.perf_counter()
    r = app_client.post("/api/analyze", json={"text": LONG, "format": "text", "stages": ["linguistics"]})
    assert r.status_code == 422 and "document_seconds" in r.json()["detail"], r.text
    assert "default-src" in r.headers["content-security-policy"]
    assert time.perf_counter() - t0 < 60


def test_the_worker_memory_cap_answers_422_on_the_page_and_the_api(app_client: TestClient,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from webcorpus import form_token

    _caps(monkeypatch, document_memory_mb=20.0)  # the models load outside the cap; LONG's parse needs more
    short = app_client.post("/api/analyze", json={"text": "Putin said the talks went on.", "stages": ["linguistics"]})
    assert short.status_code == 200, short.text  # a fresh worker's model load is not the document's cost
    r = app_client.post("/api/analyze", json={"text": LONG, "format": "text", "stages": ["linguistics"]})
    assert r.status_code == 422 and "document_memory_mb" in r.json()["detail"], r.text
    page = app_client.post("/analyze", data={"text": LONG, "stages": "linguistics",
                                             "csrf_token": form_token(app_client)})
    assert page.status_code == 422 and "document_memory_mb" in page.text
    assert "default-src" in page.headers["content-security-policy"]


def test_a_stuck_worker_is_killed_with_503_and_the_next_analysis_gets_a_fresh_one(
        app_client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    analyzer = app_client.app.state.analyzer  # type: ignore[attr-defined]
    analyzer.work = _pid
    first = int(app_client.post("/api/analyze", json={"text": "x"}).json()["text"])
    _caps(monkeypatch, document_seconds=0.5)
    monkeypatch.setattr(analysis, "GRACE_S", 1.0)
    analyzer.work = _stuck
    t0 = time.perf_counter()
    r = app_client.post("/api/analyze", json={"text": "x"})
    assert r.status_code == 503 and "cap: document_seconds" in r.json()["detail"]
    assert r.headers["retry-after"] and "default-src" in r.headers["content-security-policy"]
    assert time.perf_counter() - t0 < 30
    with pytest.raises(ProcessLookupError):  # the stuck worker is gone
        os.kill(first, 0)
    _caps(monkeypatch, document_seconds=120.0)  # time for a fresh worker to start
    analyzer.work = _pid
    assert int(app_client.post("/api/analyze", json={"text": "x"}).json()["text"]) != first


def test_a_request_that_waits_too_long_for_the_worker_gets_503(app_client: TestClient,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analysis, "BUSY_WAIT_S", 0.3)
    analyzer = app_client.app.state.analyzer  # type: ignore[attr-defined]
    assert analyzer._lock.acquire()  # another analysis holds the worker
    try:
        r = app_client.post("/api/analyze", json={"text": "x"})
    finally:
        analyzer._lock.release()
    assert r.status_code == 503 and "busy" in r.json()["detail"] and r.headers["retry-after"]
