"""The one place that starts worker processes for the pipeline (ingest, watch, the local batch engine and
`Pipeline.pipe(n_process=...)`, and the Dask cluster of `presswatch batch --engine dask`).

Workers are spawned (a fresh interpreter, never a fork of a parent holding threads and their locks); the work
they are sent builds its `Pipeline` once per process (`pipeline.pipeline_for`), so models load once. A pool that
lost a worker (out of memory, a crash in native code) can be restarted. Workers die with their parent, even
when it is killed (PR_SET_PDEATHSIG).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any

START_METHOD = "spawn"


def _single_thread() -> None:
    """One BLAS/OpenMP thread per worker (the workers are the parallelism); Ctrl-C is the parent's to handle."""
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "TOKENIZERS_PARALLELISM"):
        os.environ[var] = "false" if var == "TOKENIZERS_PARALLELISM" else "1"
    # the variables only reach libraries loaded after this; numpy's and scikit-learn's (imported with the
    # worker's main module) already run two threads each, so limit every loaded pool too
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def die_with_parent(parent: int) -> None:
    """Ask Linux to SIGKILL this process when its parent dies (PR_SET_PDEATHSIG), however the parent ends
    (even SIGKILL); then make sure the parent did not die before the request. A no-op elsewhere."""
    import signal
    import sys

    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG = 1
        except (OSError, AttributeError):  # pragma: no cover - no prctl: the parent's shutdown still ends us
            pass
    if os.getppid() != parent:
        os._exit(1)


def _init_worker(parent: int, single_thread: bool) -> None:
    die_with_parent(parent)
    if single_thread:
        _single_thread()


def _call(fn: Callable[..., Any], *args: Any) -> tuple[Any, bool]:
    """In the worker: `fn(*args)` and whether the worker is now tainted (`limits.tainted`)."""
    from presswatch import limits

    return fn(*args), limits.tainted()


class WorkerPool:
    """`workers` spawned processes; `single_thread` gives each one BLAS thread and leaves Ctrl-C to the parent.

    A worker in which an allocation failed under the memory cap (`limits.tainted`) is not trusted with more work:
    the next `submit` lets what is in flight finish and starts fresh processes."""

    def __init__(self, workers: int, single_thread: bool = True) -> None:
        self.workers, self.single_thread = workers, single_thread
        self.restarts = 0
        self._pool: ProcessPoolExecutor | None = None
        self._tainted = False

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        if self._tainted and self._pool is not None:  # finish what was sent (nothing cancelled), then replace it
            self._tainted = False
            self._pool.shutdown(wait=True)
            self._pool = None
            self.restarts += 1
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers, mp_context=get_context(START_METHOD),
                                             initializer=_init_worker, initargs=(os.getpid(), self.single_thread))
        inner = self._pool.submit(_call, fn, *args)
        outer: Future[Any] = Future()

        def unwrap(f: Future[tuple[Any, bool]]) -> None:
            if f.cancelled():
                outer.cancel()
            elif f.exception() is not None:
                outer.set_exception(f.exception())
            else:
                value, tainted = f.result()
                self._tainted = self._tainted or tainted
                outer.set_result(value)

        inner.add_done_callback(unwrap)
        return outer

    def restart(self, wait: bool = False) -> None:
        """Drop the pool (after a worker died), cancelling what it still held; the next `submit` starts afresh."""
        if self._pool is not None:
            self._pool.shutdown(wait=wait, cancel_futures=True)
            self._pool = None
        self.restarts += 1

    def kill(self) -> None:
        """SIGKILL the workers (one stuck where no signal reaches Python) and drop the pool; the next `submit`
        starts afresh."""
        if self._pool is not None:
            for proc in list(getattr(self._pool, "_processes", {}).values()):
                proc.kill()
        self.restart(wait=True)

    def close(self, cancel: bool = False) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=not cancel, cancel_futures=cancel)
            self._pool = None


def dask_client(workers: int, scheduler: str | None) -> Any:
    """A Dask client of the given scheduler, or of a new LocalCluster of `workers` one-thread processes (the
    `presswatch batch --engine dask` workers; the cluster is closed with the client). The cluster's worker
    processes are children of this one and die with it (`die_with_parent`), however it ends."""
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler)
    # each worker process runs this first (a preload given as code): it dies with this process, even on SIGKILL
    preload = f"from presswatch.workers import die_with_parent\ndie_with_parent({os.getpid()})\n"
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, preload=[preload],
                           dashboard_address=None, silence_logs=logging.ERROR)
    client = Client(cluster)
    client._presswatch_cluster = cluster  # the batch runner closes it with the client
    return client
