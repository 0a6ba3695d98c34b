"""`presswatch batch`: the pipeline over many documents, in a local worker process or on Dask, into Parquet
partitions."""

from __future__ import annotations

import sys

import click
from tqdm import tqdm

from presswatch.batch import BatchResult, run_batch
from presswatch.pipeline import ALL_STAGES, parse_stages

SHOWN_FAILURES = 10


def _summary(r: BatchResult) -> str:
    where = r.scheduler or (f"{r.workers} local workers" if r.engine == "dask" else "one worker process")
    if r.worker_restarts:
        where += f", restarted {r.worker_restarts}x"
    lines = [f"batch: {r.documents} documents, {r.ok} ok, {r.failed} failed in {r.elapsed_s:.1f} s "
             f"({r.docs_per_s:.1f} docs/s; engine {r.engine}, {where}; stages {','.join(r.stages)})",
             f"wrote {r.partitions} partitions and _SUCCESS to {r.out}"]
    if r.skipped:
        lines.append(f"skipped {len(r.skipped)} paths (each named above with its reason, and in _SUCCESS)")
    if r.failed:
        lines.append("failed by type: " + ", ".join(f"{k} {v}" for k, v in r.errors_by_type.items()))
        lines += [f"  {f['source']}: {f['error']}" for f in r.failures[:SHOWN_FAILURES]]
        if r.failed > SHOWN_FAILURES:
            lines.append(f"  ... and {r.failed - SHOWN_FAILURES} more (all rows with `error` set in the parts)")
    return "\n".join(lines)


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False),
              help="Folder for part-NNNNN.parquet files and the _SUCCESS manifest.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="`local` runs partitions one by one in a worker process (a document that kills it fails alone); "
                   "`dask` on a cluster.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Dask scheduler to join (e.g. tcp://host:8786); implies --engine dask.")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Worker processes (one thread each) of the LocalCluster started for --engine dask.")
@click.option("--stages", default=None, metavar="LIST",
              help=f"Comma list of stages (default all: {','.join(ALL_STAGES)}); `clean` cleans only.")
@click.option("--partition-size", type=click.IntRange(min=1), default=50, show_default=True,
              help="Documents per partition (one Parquet file each).")
@click.option("--overwrite", is_flag=True, help="Replace the parts of an earlier batch in --out.")
@click.option("--progress/--no-progress", default=True, show_default=True, help="Progress bar on stderr.")
def batch_cmd(inputs: tuple[str, ...], out: str, engine: str, scheduler: str | None, workers: int,
              stages: str | None, partition_size: int, overwrite: bool, progress: bool) -> None:
    """Clean and annotate every document of INPUT... (folders, globs, files, WARC, JSONL, feeds).

    One row per document; a document that fails gets its `error` and the batch goes on. Each path left out
    (hidden or bookkeeping names, FIFOs and devices, links out of the folder or in a loop) is named on stderr
    with its reason and listed in _SUCCESS. Exits 1 when any document failed.
    """
    result = run_batch(inputs, out, engine="dask" if scheduler else engine, stages=parse_stages(stages),
                       workers=workers, scheduler=scheduler, partition_size=partition_size,
                       overwrite=overwrite, progress=progress,
                       log=lambda message: tqdm.write(message, file=sys.stderr))
    click.echo(_summary(result))
    if result.failed:
        sys.exit(1)


COMMANDS: list[click.Command] = [batch_cmd]
