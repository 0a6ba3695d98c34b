"""Benchmark of one `presswatch watch --once` round over a local site: N feed entries, each an article page.

The site runs in this process on 127.0.0.1 (a thread per request, optional latency per page to stand in for the
network); the watcher runs as its own process, so its peak RSS is measured alone. No other traffic.

    python bench/watch_bench.py --entries 1000 --concurrency 8 --stages clean
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

_VOCABULARY = ("minister talks grain corridor shipping guarantees insurance vessels officials capital sanctions "
               "exports "
         "agreement delegation spokesman parliament election report statement ceasefire border region energy gas "
         "pipeline prices inflation bank rates budget deficit military drills alliance summit treaty negotiators "
         "refugees humanitarian aid convoy city council mayor court ruling appeal investigation police protest")
WORDS = _VOCABULARY.split()


def article(n: int) -> bytes:
    rng = random.Random(n)
    paras = "".join("<p>" + " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 80))).capitalize() + ".</p>"
                    for _ in range(rng.randint(4, 9)))
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Story {n}</title></head><body><nav>Home</nav>"
            f"<article><h1>Story {n}: {rng.choice(WORDS)} {rng.choice(WORDS)}</h1>{paras}</article>"
            f"<footer>© Bench</footer></body></html>").encode()


def serve(entries: int, latency: float) -> tuple[ThreadingHTTPServer, str]:
    base = ""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802
            if self.path == "/robots.txt":
                status, ctype, body = 200, "text/plain", b"User-agent: *\nAllow: /\n"
            elif self.path == "/feed.xml":
                items = "".join(f"<item><title>Story {n}</title><link>{base}/a/{n}</link>"
                                f"<pubDate>Tue, 01 Mar 2022 10:00:00 GMT</pubDate></item>" for n in range(entries))
                status, ctype = 200, "application/rss+xml"
                body = (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Bench</title><link>{base}/</link>"
                        f"<description>b</description>{items}</channel></rss>").encode()
            elif self.path.startswith("/a/"):
                if latency:
                    time.sleep(latency)
                status, ctype, body = 200, "text/html; charset=utf-8", article(int(self.path[3:]))
            else:
                status, ctype, body = 404, "text/plain", b"no"
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, base


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entries", type=int, default=1000)
    ap.add_argument("--concurrency", type=int, default=8, help="fetches in flight (all to one host: per_host too)")
    ap.add_argument("--latency", type=float, default=0.05, help="seconds the site takes per article page")
    ap.add_argument("--stages", default="clean")
    ap.add_argument("--archive", action="store_true", help="also write the WARC archive")
    ap.add_argument("--workers", type=int, default=1, help="analysis worker processes (watch --workers)")
    args = ap.parse_args()
    server, base = serve(args.entries, args.latency)
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        (t / "s.toml").write_text(
            f"[watch]\ndelay = 0\nconcurrency = {args.concurrency}\nper_host = {args.concurrency}\nretries = 0\n"
            f"[[outlet]]\nname = 'Bench'\nlanguage = 'en'\nfeeds = ['{base}/feed.xml']\n", encoding="utf-8")
        cmd = [sys.executable, "-m", "presswatch", "watch", str(t / "s.toml"), "--db", str(t / "c.db"), "--once",
               "--stages", args.stages, "--no-progress", "--report", str(t / "r.json"),
               "--workers", str(args.workers)]
        if args.archive:
            cmd += ["--archive", str(t / "warc")]
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - t0
        report = json.loads((t / "r.json").read_text(encoding="utf-8"))
        warc_mb = sum(f.stat().st_size for f in (t / "warc").glob("*")) / 1e6 if args.archive else 0.0
    server.shutdown()
    rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest process: watcher or worker
    out = {"entries": args.entries, "stages": args.stages, "workers": args.workers, "concurrency": args.concurrency,
           "latency_s": args.latency,
           "stored": report["stored"], "failed": len(report["failed"]), "round_s": report["seconds"],
           "wall_s": round(wall, 2), "articles_per_s": round(report["stored"] / report["seconds"], 1),
           "max_in_flight": report["max_in_flight"], "requests": report["requests"],
           "peak_rss_mb": round(rss_mb), "warc_mb": round(warc_mb, 1)}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
