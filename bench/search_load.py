"""Bounded loopback load on the search page and the search API: latency percentiles at N concurrent clients.

Builds (or reuses) a store of synthetic annotated articles (pseudo-words of a 3,000-word vocabulary used with Zipf
frequencies, as in real text; queries are drawn the same way), serves it with `presswatch serve` on 127.0.0.1, sends
`--requests` searches per endpoint from `--clients` threads (1-3 word queries from the corpus vocabulary) and
prints p50/p95/max per endpoint as JSON. Each endpoint gets its own draw of queries (the server keeps recent results
until the store changes, so one endpoint's queries must not warm the other's; `--no-cache` turns that off with
PRESSWATCH_SEARCH_CACHE=0). Traffic never leaves loopback and stops after the given count.

Usage: python bench/search_load.py [--articles 20000] [--clients 8] [--requests 800] [--db PATH] [--seed 3] [--no-cache]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

_SYL = ("ka", "lo", "mi", "ran", "te", "vo", "su", "del", "po", "ni", "sha", "gre", "tor", "bu", "lin", "ex")
VOCAB = sorted({a + b + c for a in _SYL for b in _SYL for c in _SYL})[:3000]  # pseudo-words, Zipf-used below
_CUM = list(__import__("itertools").accumulate(1 / (r + 1) for r in range(len(VOCAB))))
OUTLETS = ["Wire A", "Wire B", "Daily C", "Agency D", "Radio E", "TV F"]
TECHS = ["Loaded_Language", "Doubt", "Appeal_to_Fear-Prejudice", "Name_Calling-Labeling", "Repetition"]


def build(db: Path, n: int, seed: int) -> None:
    from presswatch.article import Article, Label, Metadata, Quote, Technique
    from presswatch.corpus.store import Store
    from presswatch.evaluation.semeval import FAMILY_OF

    rnd = random.Random(seed)
    with Store(db, near_duplicates=False) as store, store.transaction():
        for i in range(n):
            words = rnd.choices(VOCAB, cum_weights=_CUM, k=rnd.randrange(150, 450))
            paras = [" ".join(words[j:j + 40]).capitalize() + "." for j in range(0, len(words), 40)]
            text = f"Story {i} on the {words[0]}\n" + "\n".join(paras)
            a = Article(text=text, metadata=Metadata(title=f"Story {i} on the {words[0]}", outlet=rnd.choice(OUTLETS),
                                                     published=f"20{rnd.randrange(15, 25)}-{rnd.randrange(1, 13):02d}"
                                                               f"-{rnd.randrange(1, 28):02d}", language="en"))
            line = a.paragraphs()[1]
            s, e = line[1].start, line[1].start + 20
            t = rnd.choice(TECHS)
            a.techniques.append(Technique(t, FAMILY_OF.get(t, ""), s, e, text[s:e], line[0], rnd.random(),
                                          voice="author"))
            a.quotes.append(Quote(text[s:e], s, e, "direct", rnd.choice(["Putin", "Lavrov", "Zelensky"]), "said"))
            a.genre = Label("reporting", 0.7)
            store.add(a)


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def load(base: str, paths: list[str], clients: int) -> list[float]:
    import httpx

    times: list[float] = []
    lock = threading.Lock()
    todo = list(paths)

    def worker() -> None:
        with httpx.Client(base_url=base, timeout=30) as c:
            while True:
                with lock:
                    if not todo:
                        return
                    path = todo.pop()
                t0 = time.perf_counter()
                r = c.get(path)
                dt = time.perf_counter() - t0
                assert r.status_code == 200, (path, r.status_code)
                with lock:
                    times.append(dt)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times


def _stats(times: list[float]) -> dict[str, float]:
    q = statistics.quantiles(times, n=100)
    return {"requests": len(times), "p50_ms": round(q[49] * 1000, 1), "p95_ms": round(q[94] * 1000, 1),
            "max_ms": round(max(times) * 1000, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--requests", type=int, default=800)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--no-cache", action="store_true", help="serve with PRESSWATCH_SEARCH_CACHE=0")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    db = args.db or Path(tmp.name) / "load.db"
    t0 = time.perf_counter()
    if not db.exists():
        build(db, args.articles, args.seed)
    built = time.perf_counter() - t0
    port = _port()
    env = {**os.environ, **({"PRESSWATCH_SEARCH_CACHE": "0"} if args.no_cache else {})}
    server = subprocess.Popen([sys.executable, "-m", "presswatch", "serve", "--db", str(db), "--port", str(port)],
                              stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx

        for _ in range(200):
            try:
                httpx.get(base + "/api/stats", timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        rnd = random.Random(args.seed)
        out: dict[str, object] = {"articles": args.articles, "clients": args.clients, "build_s": round(built, 1),
                                  "cache": not args.no_cache}
        for name, prefix in (("search_page", "/search?q="), ("search_api", "/api/articles?q=")):
            queries = [" ".join(rnd.choices(VOCAB, cum_weights=_CUM, k=rnd.randrange(1, 4)))
                       for _ in range(args.requests + 20)]
            load(base, [prefix + q.replace(" ", "+") for q in queries[:20]], args.clients)  # warm up
            out[name] = {**_stats(load(base, [prefix + q.replace(" ", "+") for q in queries[20:]], args.clients)),
                         "distinct_queries": len(set(queries[20:]))}
        out["article_page"] = _stats(load(base, [f"/articles/{1 + rnd.randrange(args.articles)}"
                                                 for _ in range(args.requests // 2)], args.clients))
        print(json.dumps(out, indent=2))
    finally:
        server.terminate()
        server.wait(timeout=30)
        tmp.cleanup()


if __name__ == "__main__":
    main()
