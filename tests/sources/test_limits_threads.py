"""The time cap in a thread that runs the process's documents (a Dask task), where no timer signal reaches."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest

from presswatch import config, limits
from presswatch.watchdog import Watchdog


def _in_document_thread(work: Callable[[], object]) -> BaseException | object:
    """What `work` returned or raised, run in a fresh thread under `documents_in_this_thread`."""
    out: list[BaseException | object] = []

    def run() -> None:
        try:
            with limits.documents_in_this_thread():
                out.append(work())
        except BaseException as exc:  # noqa: BLE001 - the test reads what came out
            out.append(exc)

    t = threading.Thread(target=run)
    t.start()
    t.join(20)
    assert not t.is_alive() and out
    return out[0]


def _spin(seconds: float) -> str:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass
    return "finished"


def test_the_time_cap_interrupts_python_code_in_a_document_thread() -> None:
    started = time.monotonic()

    def work() -> str:
        with limits.time_limit(0.3, "slow.txt"):
            return _spin(10)

    got = _in_document_thread(work)
    assert isinstance(got, limits.LimitError) and got.cap == "document_seconds" and "slow.txt" in str(got)
    assert time.monotonic() - started < 3


def test_a_block_done_in_time_returns_and_nothing_is_raised_after_it() -> None:
    def work() -> str:
        with limits.time_limit(0.2, "quick.txt"):
            _spin(0.05)
        return _spin(0.5)  # past the cap, outside the block

    assert _in_document_thread(work) == "finished"


def test_a_library_catching_exception_cannot_swallow_the_deadline() -> None:
    def work() -> str:
        with limits.time_limit(0.2, "x"):
            try:
                _spin(10)
            except Exception:  # noqa: BLE001 - a library's broad except
                return "swallowed"
        return "not stopped"

    assert isinstance(_in_document_thread(work), limits.LimitError)


def test_the_clock_stands_still_while_lifted_in_a_document_thread() -> None:
    def work() -> str:
        with limits.time_limit(0.3, "x"):
            with limits.lifted():
                _spin(0.5)  # a model load: not the document's time
            _spin(0.1)
            return "finished"

    assert _in_document_thread(work) == "finished"


def test_the_inner_of_two_limits_names_itself_and_the_outer_one_its_own() -> None:
    def work() -> None:
        with limits.time_limit(0.2, "outer"), limits.time_limit(5, "inner"):
            _spin(10)

    got = _in_document_thread(work)
    assert isinstance(got, limits.LimitError) and str(got).startswith("outer: analysis took over 0.2 s")


def test_request_threads_stay_unbounded_in_time() -> None:
    """A thread that is not a document thread (a web request's) gets no watchdog: its inputs are capped by size."""
    out: list[str] = []

    def run() -> None:
        with limits.time_limit(0.1, "x"):
            out.append(_spin(0.3))

    t = threading.Thread(target=run)
    t.start()
    t.join(5)
    assert out == ["finished"]


def test_a_stopped_watchdog_reports_whether_it_ran_out() -> None:
    dog = Watchdog(30)
    assert dog.stop() is False and dog.fired is False
    # the main thread keeps its signal timer, with the same message
    per_doc = config.SETTINGS.document_seconds
    with pytest.raises(limits.LimitError, match=rf"took over 0\.1 s and was stopped; {per_doc:g} s per document"), \
            limits.time_limit(0.1, "x"):
        _spin(5)
