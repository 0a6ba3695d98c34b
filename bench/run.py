"""Analyse-throughput benchmark: articles/s, words/s, CPU time per article, model load time and peak RSS, 1 and
N processes. CPU ms/article (all threads of the analysing process) is less sensitive to a busy machine than articles/s.
The one-process run also says where its CPU time went: per stage, and the two paragraph encoders inside
techniques (MiniLM, multilingual USE); "clean" is what is left (reading, cleaning, the pipeline itself).

Usage: python bench/run.py [--data DIR] [--stages LIST] [--processes 1,2] [--limit N] [--json]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import sys
import time
from pathlib import Path

from presswatch.api import analyze
from presswatch.article import RawDocument
from presswatch.config import SETTINGS
from presswatch.pipeline import Pipeline, parse_stages
from presswatch.workers import _single_thread

_PIPELINE: Pipeline | None = None
_ENCODER_CPU: dict[str, float] = {}  # CPU seconds in each paragraph encoder, this process


def _docs(data: Path, limit: int | None) -> list[tuple[str, bytes]]:
    files = sorted(data.glob("article*.txt"))[: limit or None]
    return [(str(p), p.read_bytes()) for p in files]


def _init(stages: list[str] | None, worker: bool = False) -> None:
    global _PIPELINE
    if worker:  # as `presswatch ingest --workers N` sets up its workers: one BLAS/OpenMP thread each
        _single_thread()
    _PIPELINE = Pipeline(stages)
    # load every model before timing: analyse one short text
    analyze(RawDocument(b"Warm-up. Putin said that it works.\nSecond line.", "<warmup>"), pipeline=_PIPELINE)


def _time_encoders() -> None:
    """Count the CPU time of the MiniLM and USE forward passes (wrapping the module's encode functions)."""
    from presswatch.models import encoder

    for attr, key in (("_encode", "minilm"), ("_encode_use", "use")):
        fn = getattr(encoder, attr)

        def timed(texts: list[str], fn: object = fn, key: str = key) -> object:
            c = time.process_time()
            try:
                return fn(texts)  # type: ignore[operator]
            finally:
                _ENCODER_CPU[key] = _ENCODER_CPU.get(key, 0.0) + time.process_time() - c

        setattr(encoder, attr, timed)


def _breakdown(n: int, cpu: float) -> dict[str, float]:
    """CPU ms per article of each stage (and encoder) of this process's pipeline; "clean" is the rest."""
    assert _PIPELINE is not None
    out = {name: 1000 * s / n for name, s in _PIPELINE.cpu_timings.items()}
    out = {"clean": 1000 * cpu / n - sum(out.values()), **out}
    out |= {f"techniques: {k}": 1000 * s / n for k, s in _ENCODER_CPU.items()}
    return {k: round(v, 1) for k, v in out.items()}


def _one(doc: tuple[str, bytes]) -> tuple[int, float]:
    """Words of the analysed article and the CPU seconds its process spent on it (all its threads)."""
    assert _PIPELINE is not None
    cpu = time.process_time()
    article = analyze(RawDocument(doc[1], doc[0]), pipeline=_PIPELINE)
    return len(article.text.split()), time.process_time() - cpu


def _peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def run(docs: list[tuple[str, bytes]], stages: list[str] | None, processes: int) -> dict[str, float]:
    t0 = time.perf_counter()
    breakdown: dict[str, float] = {}
    if processes == 1:
        _init(stages)
        load = time.perf_counter() - t0
        _time_encoders()
        assert _PIPELINE is not None
        _PIPELINE.cpu_timings.clear()
        _ENCODER_CPU.clear()
        t1 = time.perf_counter()
        done = [_one(d) for d in docs]
        breakdown = _breakdown(len(docs), sum(c for _, c in done))
    else:
        ctx = mp.get_context("spawn")
        with ctx.Pool(processes, initializer=_init, initargs=(stages, True)) as pool:
            pool.map(_one, docs[:processes], chunksize=1)  # wait until every worker has loaded its models
            load = time.perf_counter() - t0
            t1 = time.perf_counter()
            done = list(pool.imap_unordered(_one, docs, chunksize=4))
    elapsed = time.perf_counter() - t1
    load_avg = os.getloadavg()[0]  # one-minute load average at the end: above the core count, wall times are floors
    words, cpu = sum(w for w, _ in done), sum(c for _, c in done)
    return {"processes": processes, "articles": len(docs), "seconds": round(elapsed, 2),
            "articles_per_s": round(len(docs) / elapsed, 2), "words_per_s": round(words / elapsed),
            "cpu_ms_per_article": round(1000 * cpu / len(docs)), "load_s": round(load, 2),
            "peak_rss_mb": round(_peak_rss_mb()), "load_avg": round(load_avg, 1),
            **({"stage_cpu_ms": breakdown} if breakdown else {})}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=SETTINGS.semeval_dir / "en" / "train-articles")
    ap.add_argument("--stages", default="all")
    ap.add_argument("--processes", default="1,2")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    stages = parse_stages(args.stages)
    docs = _docs(args.data, args.limit)
    rows = []
    for n in (int(x) for x in args.processes.split(",")):
        # each setting in a fresh interpreter so peak RSS and load time are its own
        if n == 1:
            ctx = mp.get_context("spawn")
            with ctx.Pool(1) as pool:
                rows.append(pool.apply(run, (docs, stages, 1)))
        else:
            rows.append(run(docs, stages, n))
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(f"stages: {args.stages}; {len(docs)} articles from {args.data}; {mp.cpu_count()} cores", file=sys.stderr)
    print("| processes | articles/s | words/s | CPU ms/article | model load (s) | peak RSS (MB) | seconds | load avg |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['processes']} | {r['articles_per_s']} | {r['words_per_s']} | {r['cpu_ms_per_article']} | "
              f"{r['load_s']} | {r['peak_rss_mb']} | {r['seconds']} | {r['load_avg']} |")
    for r in rows:
        if "stage_cpu_ms" in r:
            print("\n| one process: CPU ms/article | " + " | ".join(r["stage_cpu_ms"]) + " |")
            print("|---" * (len(r["stage_cpu_ms"]) + 1) + "|")
            print("| | " + " | ".join(str(v) for v in r["stage_cpu_ms"].values()) + " |")


if __name__ == "__main__":
    main()
