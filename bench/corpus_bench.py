"""Corpus benchmarks: ingest throughput, a big store built from perturbed copies, search latency, size per article.

    python bench/corpus_bench.py ingest --stages clean --workers 2 --n 453
    python bench/corpus_bench.py ingest --stages all --workers 2 --n 40
    python bench/corpus_bench.py build --db /tmp/big.db --n 100000
    python bench/corpus_bench.py search --db /tmp/big.db
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from presswatch.article import Article, Label, Metadata, Technique
from presswatch.config import SETTINGS
from presswatch.corpus.store import Store
from presswatch.evaluation.semeval import load_language
from presswatch.stages.techniques import attribute_voice
from presswatch.taxonomy import FAMILY_OF

OUTLETS = ["Sputnik", "RT", "Reuters", "CNN", "BBC", "TASS", "Al Jazeera", "Fox News", "The Guardian",
           "Breitbart", "Xinhua", "Daily Mail"]


def _en_paths() -> list[Path]:
    return sorted((SETTINGS.semeval_dir / "en" / "train-articles").glob("article*.txt"))


# -- ingest throughput --------------------------------------------------------------------------
def bench_ingest(stages: str, workers: int, n: int) -> dict[str, Any]:
    """`presswatch ingest` over n shared English articles into a fresh store, timed end to end."""
    paths = _en_paths()[:n]
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        for p in paths:
            shutil.copy(p, src / p.name)
        db, rep = Path(tmp) / "c.db", Path(tmp) / "report.json"
        cmd = ["presswatch", "ingest", str(src), "--db", str(db), "--stages", stages, "--workers", str(workers),
               "--no-progress", "--report", str(rep)]
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True)
        wall = time.perf_counter() - t0
        report = json.loads(rep.read_text())
        size = db.stat().st_size + sum(f.stat().st_size for f in db.parent.glob("c.db-*"))
    added = report["added"]
    return {
        "command": " ".join(cmd[:2] + [f"<dir of {n} articles>"] + cmd[3:-2]),
        "exit_code": proc.returncode, "articles": n, "added": added, "failed": report["failed"],
        "wall_s": round(wall, 2), "articles_per_s": round(added / wall, 2),
        "in_run_s": report["seconds"], "articles_per_s_in_run": round(added / max(report["seconds"], 1e-9), 2),
        "store_bytes_per_article": round(size / max(added, 1)),
    }


# -- a big store ----------------------------------------------------------------------------------
def base_articles(annotate: bool) -> list[Article]:
    """The shared English articles as Articles with their gold techniques, frames and genre (and quotes)."""
    out = []
    for sa in load_language(SETTINGS.semeval_dir, "en"):
        text = sa.text
        techs = [Technique(t, FAMILY_OF.get(t, ""), s, e, text[s:e], text.count("\n", 0, s) + 1, 1.0)
                 for t, s, e in sa.spans if 0 <= s < e <= len(text)]
        out.append(Article(
            text=text, metadata=Metadata(title=text.split("\n", 1)[0], language="en", source=f"semeval:{sa.id}"),
            techniques=techs, frames=[Label(f, 1.0) for f in sa.frames],
            genre=Label(sa.genre, 1.0) if sa.genre else None, stages=["techniques", "frames", "genre"],
        ))
    if annotate:
        from presswatch.pipeline import Pipeline

        pipe = Pipeline(["quotes"])
        failed = 0
        for a in out:
            try:
                pipe.run(a)
            except Exception as exc:  # a stage bug on one article should not stop the benchmark
                failed += 1
                print(f"  quotes failed on {a.metadata.source}: {type(exc).__name__}: {exc}", file=sys.stderr)
            a._cache.clear()
        print(f"  quotes stage ran on {len(out) - failed}/{len(out)} base articles", file=sys.stderr)
    return out


def build(db: Path, n: int, annotate: bool, cache: Path | None = None, seed: int = 7) -> dict[str, Any]:
    """n perturbed copies (outlet, date, an added closing paragraph) of the base articles, bulk-inserted."""
    rng = random.Random(seed)
    t0 = time.perf_counter()
    if cache and cache.exists():
        bases = [Article.from_json(line) for line in cache.read_text(encoding="utf-8").splitlines()]
    else:
        bases = base_articles(annotate)
        if cache:
            cache.write_text("\n".join(b.to_json(indent=None) for b in bases), encoding="utf-8")
    for b in bases:  # whose words carry each gold span, as the techniques stage sets it after the quotes stage
        if "quotes" in b.stages:
            attribute_voice(b.techniques, b.quotes)
    t_base = time.perf_counter() - t0
    vocab = sorted({w for a in bases for w in a.text.split() if w.isalpha() and len(w) > 3})
    for f in db.parent.glob(db.name + "*"):
        f.unlink()
    store = Store(db, near_duplicates=False)  # every copy would be a near-duplicate of its base: not the point here
    t1 = time.perf_counter()
    batch = 2000
    for start in range(0, n, batch):
        with store.transaction():
            for i in range(start, min(n, start + batch)):
                base = bases[i % len(bases)]
                stamp = 1546300800 + rng.randrange(0, 5 * 365 * 86400)  # 2019-2023
                md = replace(base.metadata, outlet=rng.choice(OUTLETS), source=f"bench:{i}", content_hash=None,
                             published=time.strftime("%Y-%m-%dT%H:%M:00+00:00", time.gmtime(stamp)))
                text = base.text + "\n" + " ".join(rng.choices(vocab, k=30)) + f" (ref {i})."
                store.add(replace(base, text=text, metadata=md))  # annotations shared: the store only reads them
        print(f"  {min(n, start + batch)} articles, {time.perf_counter() - t1:.0f}s", file=sys.stderr)
    insert_s = time.perf_counter() - t1
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    count = store.count()
    store.close()
    size = db.stat().st_size
    return {"articles": count, "base_articles": len(bases), "annotate_s": round(t_base, 1),
            "insert_s": round(insert_s, 1), "inserts_per_s": round(n / insert_s), "db_bytes": size,
            "bytes_per_article": round(size / count), "text_bytes_per_article": round(
                sum(len(b.text.encode()) for b in bases) / len(bases))}


# -- search latency -------------------------------------------------------------------------------
QUERIES: dict[str, list[dict[str, Any]]] = {
    "common term": [{"query": q} for q in ("trump", "russia", "people", "government", "president", "police")],
    "rare term": [{"query": q} for q in ("madagascar", "plague", "pyongyang", "gorsuch", "sputnik", "bubonic")],
    "phrase": [{"query": q} for q in ('"white house"', '"prime minister"', '"supreme court"', '"fake news"')],
    "boolean/prefix": [{"query": q} for q in ("trump AND russia", "vaccine OR covid", "immigr*", "church NOT pope",
                                              "NEAR(border wall, 5)")],
    "term + filters": [
        {"query": "trump", "outlet": "RT"}, {"query": "russia", "since": "2021-01", "until": "2021-06"},
        {"query": "government", "technique": "Loaded_Language"}, {"query": "police", "technique": "Doubt",
                                                                  "outlet": "CNN"},
    ],
    "filters only (newest first)": [
        {"outlet": "Sputnik"}, {"since": "2022-03"}, {"technique": "Flag_Waving"}, {"outlet": "BBC",
                                                                                    "technique": "Doubt"},
    ],
    "voice filter": [  # whose words carry the technique span (a technique span in a quote, the outlet's own words)
        {"voice": "quoted"}, {"technique": "Loaded_Language", "voice": "author"},
        {"query": "government", "technique": "Name_Calling-Labeling", "voice": "quoted"},
    ],
}


def bench_search(db: Path, repeat: int, limit: int) -> dict[str, Any]:
    """Median and p95 milliseconds of Store.search (total count + top `limit` hits with snippets)."""
    store = Store(db, readonly=True)
    speakers = [r["speaker"] for r in store.top_speakers(3)]
    queries = {**QUERIES, "speaker filter": [{"query": "said", "speaker": s} for s in speakers] or []}
    out: dict[str, Any] = {"articles": store.count(), "limit": limit, "repeat": repeat, "groups": {}}
    every: list[float] = []
    for group, qs in queries.items():
        if not qs:
            continue
        times: list[float] = []
        totals = []
        for q in qs:
            store.search(**q, limit=limit)  # warm the page cache for this query
            for _ in range(repeat):
                t0 = time.perf_counter()
                res = store.search(**q, limit=limit)
                times.append((time.perf_counter() - t0) * 1000)
            totals.append(res.total)
        every += times
        out["groups"][group] = {"median_ms": round(statistics.median(times), 1), "p95_ms": round(_p95(times), 1),
                                "max_ms": round(max(times), 1), "matches": totals}
    out["overall"] = {"median_ms": round(statistics.median(every), 1), "p95_ms": round(_p95(every), 1)}
    t0 = time.perf_counter()
    store.stats()
    out["stats_ms"] = round((time.perf_counter() - t0) * 1000, 1)
    t0 = time.perf_counter()
    store.stats()
    out["stats_cached_ms"] = round((time.perf_counter() - t0) * 1000, 2)
    for name in ("techniques_over_time", "techniques_by_outlet", "techniques_by_voice", "top_speakers",
                 "quoted_about"):
        t0 = time.perf_counter()
        getattr(store, name)()
        out[f"{name}_ms"] = round((time.perf_counter() - t0) * 1000, 1)
    store.close()
    return out


def _p95(xs: list[float]) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("ingest")
    a.add_argument("--stages", default="clean")
    a.add_argument("--workers", type=int, default=2)
    a.add_argument("--n", type=int, default=453)
    b = sub.add_parser("build")
    b.add_argument("--db", type=Path, required=True)
    b.add_argument("--n", type=int, default=100_000)
    b.add_argument("--no-quotes", action="store_true", help="skip running the quotes stage on the base articles")
    b.add_argument("--cache", type=Path, help="JSONL of the annotated base articles: written once, then reused")
    s = sub.add_parser("search")
    s.add_argument("--db", type=Path, required=True)
    s.add_argument("--repeat", type=int, default=5)
    s.add_argument("--limit", type=int, default=20)
    args = ap.parse_args()
    print(f"# cpu cores available: {len(os.sched_getaffinity(0))}", file=sys.stderr)
    if args.cmd == "ingest":
        result = bench_ingest(args.stages, args.workers, args.n)
    elif args.cmd == "build":
        result = build(args.db, args.n, annotate=not args.no_quotes, cache=args.cache)
    else:
        result = bench_search(args.db, args.repeat, args.limit)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
