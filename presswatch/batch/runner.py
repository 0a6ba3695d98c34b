"""Run the pipeline over many documents: partitions go to a local worker process or a Dask cluster; the driver
writes them."""

from __future__ import annotations

import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tqdm import tqdm

from presswatch.article import SCHEMA_VERSION, RawDocument
from presswatch.batch.local import run_local
from presswatch.batch.output import part_name, prepare, write_manifest, write_partition
from presswatch.batch.partition import Failed, Item, Row, describe, error_row, process_partition_in_worker
from presswatch.pipeline import resolve
from presswatch.sources.containers import iter_documents
from presswatch.sources.walk import Skipped, printable
from presswatch.workers import dask_client

ENGINES = ("local", "dask")
OnDone = Callable[[int, list[Row], dict[str, float]], None]


@dataclass
class BatchResult:
    out: str
    engine: str
    workers: int
    scheduler: str | None
    stages: list[str]
    inputs: list[str]
    partition_size: int
    partitions: int = 0
    documents: int = 0
    ok: int = 0
    failed: int = 0
    startup_s: float = 0.0  # starting or joining the cluster
    elapsed_s: float = 0.0  # everything, startup included
    docs_per_s: float = 0.0
    errors_by_type: dict[str, int] = field(default_factory=dict)
    failures: list[dict[str, str]] = field(default_factory=list)  # the first MAX_FAILURES, source and error
    skipped: list[dict[str, str]] = field(default_factory=list)  # paths left out (hidden, special, links), and why
    stage_seconds: dict[str, float] = field(default_factory=dict)  # summed over all workers
    worker_restarts: int = 0  # times a worker process died (a document killed it) or was replaced after a refused
    # allocation (local engine), or a Dask worker was restarted after one
    files: list[str] = field(default_factory=list)
    finished: str = ""
    schema_version: str = SCHEMA_VERSION


MAX_FAILURES = 1000


def partitions(inputs: Iterable[str | Path], size: int,
               on_skip: Callable[[Skipped], None] | None = None) -> Iterator[list[Item]]:
    """The documents of all inputs, in order, in lists of `size`; unreadable items become `Failed`; paths left out
    (hidden and bookkeeping names, special files, links out of the folder) go to `on_skip`."""
    chunk: list[Item] = []
    for inp in inputs:
        for doc in iter_documents(inp):
            if isinstance(doc, Skipped):
                if on_skip is not None:
                    on_skip(doc)
                continue
            chunk.append(doc if isinstance(doc, RawDocument) else Failed(doc.source or str(inp), describe(doc)))
            if len(chunk) >= size:
                yield chunk
                chunk = []
    if chunk:
        yield chunk


@dataclass
class _Split:
    """A partition whose task failed, rerun one document a task so that only the culprit fails."""

    left: int
    rows: list[Row] = field(default_factory=list)
    spent: Counter[str] = field(default_factory=Counter)


def _run_dask(parts: Iterator[list[Item]], stages: tuple[str, ...], client: Any, on_done: OnDone) -> int:
    """Keep a few partitions per worker in flight, so reading stays ahead without holding every document; a worker
    in which an allocation failed under the memory cap is restarted (where a nanny watches it). The restarts."""
    from distributed import as_completed

    token = uuid.uuid4().hex[:8]
    slots = 2 * max(1, sum(client.nthreads().values()))
    pending: dict[Any, tuple[int, list[Item], bool]] = {}  # future -> (partition, items, is one of a split)
    splits: dict[int, _Split] = {}
    done = as_completed()
    numbered = enumerate(parts)

    def submit(index: int, items: list[Item], key: str, single: bool) -> None:
        fut = client.submit(process_partition_in_worker, items, stages, key=key, pure=False)
        pending[fut] = (index, items, single)
        done.add(fut)

    def submit_next() -> bool:
        nxt = next(numbered, None)
        if nxt is not None:
            submit(nxt[0], nxt[1], f"presswatch-{token}-{nxt[0]:05d}", False)
        return nxt is not None

    for _ in range(slots):
        if not submit_next():
            break
    restarts = 0
    for fut in done:
        index, items, single = pending.pop(fut)
        try:
            rows, spent, tainted = fut.result()
            if tainted:
                status = client.restart_workers([tainted], raise_for_error=False)
                restarts += status.get(tainted) == "OK"
        except Exception as exc:  # the task died (worker crash, unpicklable input, out of memory)
            fut.release()
            if len(items) > 1 and not single:
                splits[index] = _Split(left=len(items))
                for j, item in enumerate(items):
                    submit(index, [item], f"presswatch-{token}-{index:05d}-{j:05d}", True)
                continue
            rows = [error_row(i.source, f"WorkerError: {describe(exc)}", i.url) for i in items]
            spent = {}
        fut.release()
        if single:
            split = splits[index]
            split.rows += rows
            split.spent.update(spent)
            split.left -= 1
            if split.left:
                continue
            rows, spent = sorted(split.rows, key=lambda r: r["source"]), dict(splits.pop(index).spent)
        on_done(index, rows, spent)
        submit_next()
    return restarts


def run_batch(
    inputs: Iterable[str | Path],
    out: str | Path,
    *,
    engine: str = "local",
    stages: Iterable[str] | None = None,
    workers: int = 2,
    scheduler: str | None = None,
    partition_size: int = 50,
    overwrite: bool = False,
    progress: bool = True,
    log: Callable[[str], None] | None = None,
) -> BatchResult:
    """Clean and annotate every document of `inputs` into Parquet partitions under `out`; each path left out is
    in `skipped` with its reason (and told to `log` as it is found)."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")
    if partition_size < 1 or workers < 1:
        raise ValueError("partition_size and workers must be at least 1")
    resolved = tuple(resolve(list(stages) if stages is not None else None))
    inputs = [str(i) for i in inputs]
    out = Path(out)
    prepare(out, overwrite)
    result = BatchResult(out=str(out), engine=engine, workers=workers if engine == "dask" else 1,
                         scheduler=scheduler, stages=["clean", *resolved], inputs=inputs,
                         partition_size=partition_size)
    errors: Counter[str] = Counter()
    seconds: Counter[str] = Counter()
    bar = tqdm(unit="doc", desc="batch", disable=None if progress else True, dynamic_ncols=True)

    def on_done(index: int, rows: list[Row], spent: dict[str, float]) -> None:
        write_partition(out, index, rows)
        result.partitions += 1
        for row in rows:
            result.documents += 1
            if row["error"]:
                result.failed += 1
                errors[row["error"].split(":", 1)[0]] += 1
                if len(result.failures) < MAX_FAILURES:
                    result.failures.append({"source": row["source"], "error": row["error"]})
            else:
                result.ok += 1
        seconds.update(spent)
        bar.update(len(rows))
        bar.set_postfix(failed=result.failed, refresh=False)

    def on_skip(item: Skipped) -> None:
        source = printable(item.source or "?")
        result.skipped.append({"source": source, "reason": item.message})
        if log is not None:
            log(f"skipped: {source}: {item.message}")

    t0 = time.perf_counter()
    parts = partitions(inputs, partition_size, on_skip)
    try:
        if engine == "local":
            result.worker_restarts = run_local(parts, resolved, on_done)
        else:
            client = dask_client(workers, scheduler)
            try:
                result.startup_s = time.perf_counter() - t0
                if scheduler:
                    result.workers = len(client.nthreads())
                result.worker_restarts = _run_dask(parts, resolved, client, on_done)
            finally:
                cluster = getattr(client, "_presswatch_cluster", None)
                client.close()
                if cluster is not None:
                    cluster.close()
    finally:
        bar.close()
    result.elapsed_s = round(time.perf_counter() - t0, 3)
    result.startup_s = round(result.startup_s, 3)
    result.docs_per_s = round(result.documents / result.elapsed_s, 2) if result.elapsed_s else 0.0
    result.errors_by_type = dict(errors.most_common())
    result.stage_seconds = {k: round(v, 3) for k, v in seconds.items()}
    result.files = [part_name(i) for i in range(result.partitions)]
    result.finished = datetime.now(UTC).isoformat(timespec="seconds")
    write_manifest(out, asdict(result))
    return result
