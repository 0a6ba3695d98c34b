"""A deadline for a block run in a thread other than the main one (where no timer signal reaches): a timer thread
raises `Expired` into it with `PyThreadState_SetAsyncExc`. Python raises it at the thread's next bytecode, so a
long call into C (a matrix product) finishes first; it is a BaseException, so a library's `except Exception`
cannot swallow it."""

from __future__ import annotations

import ctypes
import threading
import time


class Expired(BaseException):
    """Raised into a thread whose `Watchdog` ran out."""


def _raise_in(ident: int, exc: type[BaseException] | None) -> None:
    """Make `exc` pending in thread `ident` (None clears a pending one)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(exc) if exc else None)


class Watchdog:
    """Raise `Expired` into the thread that made it after `seconds` of running time, unless stopped first;
    `pause`/`resume` stop its clock (a model load is not the document's time)."""

    def __init__(self, seconds: float) -> None:
        self.ident = threading.get_ident()
        self.left = seconds
        self.fired = False
        self._done = False
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._round = 0  # which timer may fire: a cancelled one can still be about to call `_fire`
        self._since = 0.0
        self.resume()

    def _fire(self, round_: int) -> None:
        with self._lock:
            if self._done or self._timer is None or round_ != self._round:
                return
            self.fired = True
            _raise_in(self.ident, Expired)

    def pause(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
                self.left -= time.monotonic() - self._since

    def resume(self) -> None:
        with self._lock:
            if self._done or self.fired or self._timer is not None:
                return
            self._round += 1
            self._since = time.monotonic()
            self._timer = threading.Timer(max(self.left, 0.001), self._fire, args=(self._round,))
            self._timer.daemon = True
            self._timer.start()

    def _stop(self) -> bool:
        with self._lock:
            self._done = True
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self.fired:
                _raise_in(self.ident, None)  # not raised yet: it must not surface after the block
            return self.fired

    def stop(self) -> bool:
        """Stop the clock for good; whether it ran out. An `Expired` still pending is cleared, so none is raised
        after this returns."""
        while True:
            try:
                return self._stop()
            except Expired:  # delivered while stopping: stop again (nothing is pending once `_stop` returned)
                continue
