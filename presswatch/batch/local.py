"""The local engine: partitions run one after another in a child process, so a document that kills its process
(a crash in native code, the kernel's OOM killer, `os._exit`) fails alone instead of ending the whole run.

When the worker dies, or its partition ends in an exception that `process_partition` could not turn into rows,
the partition is rerun one document at a time in a fresh worker; the document that takes its worker down again
gets a `WorkerError` row and the run goes on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures.process import BrokenProcessPool

from presswatch.batch.partition import Item, Row, describe, error_row, process_partition
from presswatch.workers import WorkerPool

OnDone = Callable[[int, list[Row], dict[str, float]], None]
DIED = "WorkerError: the worker process died while analysing this document ({})"


class LocalWorker:
    """One worker process, started on first use and again after it dies."""

    def __init__(self, stages: tuple[str, ...]) -> None:
        self.stages = stages
        self._pool = WorkerPool(1, single_thread=False)

    @property
    def restarts(self) -> int:
        return self._pool.restarts

    def run(self, items: list[Item]) -> tuple[list[Row], dict[str, float]]:
        """`process_partition(items)` in the worker; raises `BrokenProcessPool` if the worker died."""
        try:
            return self._pool.submit(process_partition, items, self.stages).result()  # type: ignore[no-any-return]
        except BrokenProcessPool:
            self._pool.restart(wait=True)
            raise

    def close(self) -> None:
        self._pool.close()

    def isolated(self, items: list[Item]) -> tuple[list[Row], dict[str, float]]:
        """Rows for `items`, rerunning them one by one if the partition as a whole fails."""
        try:
            return self.run(items)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # the worker died, or a SystemExit/unpicklable item came back
            if len(items) == 1:
                return [_failed(items[0], exc)], {}
        rows: list[Row] = []
        spent: Counter[str] = Counter()
        for item in items:
            try:
                one, secs = self.run([item])
            except KeyboardInterrupt:
                raise
            except BaseException as exc:
                one, secs = [_failed(item, exc)], {}
            rows += one
            spent.update(secs)
        return sorted(rows, key=lambda r: r["source"]), dict(spent)


def _failed(item: Item, exc: BaseException) -> Row:
    if isinstance(exc, BrokenProcessPool):
        error = DIED.format("killed, out of memory, or a crash in native code")
    else:
        error = f"WorkerError: {describe(exc)}"
    return error_row(item.source, error, item.url)


def run_local(parts: Iterator[list[Item]], stages: tuple[str, ...], on_done: OnDone) -> int:
    """Every partition through one worker process, in order; returns how often the worker had to be restarted."""
    worker = LocalWorker(stages)
    try:
        for index, items in enumerate(parts):
            rows, spent = worker.isolated(items)
            on_done(index, rows, spent)
    finally:
        worker.close()
    return worker.restarts
