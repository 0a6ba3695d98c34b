"""Seeded hostile-input suite: thousands of broken and hostile files run through `presswatch ingest`.

Writes a folder of good articles (each with a unique marker word) mixed with binary, empty, NUL, huge, deeply
nested, truncated, bombed, mislabelled, oddly named and special files; ingests it in a subprocess with a time
limit; then checks: no crash (exit 0/1, no traceback), no hang, every good article stored exactly once, every
bad input named in the report with a reason. Prints the figures as JSON.

Usage: python bench/hostile.py [--files 2000] [--seed 7] [--workers 1] [--keep DIR] [--small]
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

WORDS = ("ministers", "talks", "grain", "deal", "officials", "said", "Friday", "summit", "sanctions", "exports",
         "steel", "tariffs", "report", "agency", "government", "spokesman", "parliament", "election", "budget",
         "inflation", "court", "ruling", "protest", "border", "ceasefire")


@dataclass
class Suite:
    root: Path
    good: dict[str, str] = field(default_factory=dict)  # marker -> the file (or file#part) holding it
    bad: dict[str, str] = field(default_factory=dict)  # path (as the store keys it) -> kind
    skipped: dict[str, str] = field(default_factory=dict)  # paths the walk must report as skipped
    kinds: dict[str, int] = field(default_factory=dict)

    def note(self, kind: str) -> None:
        self.kinds[kind] = self.kinds.get(kind, 0) + 1


def _text(rnd: random.Random, marker: str, paragraphs: int = 4) -> str:
    lines = [f"{marker.capitalize()} headline about the {rnd.choice(WORDS)}"]
    for _ in range(paragraphs):
        lines.append(" ".join(rnd.choice(WORDS) for _ in range(rnd.randrange(12, 30))).capitalize() + ".")
    lines.insert(2, f"The marker {marker} names this article.")
    return "\n".join(lines)


def _key(path: Path) -> str:
    from presswatch.sources.walk import source_key

    return source_key(path)


def _warc(records: list[tuple[str, bytes]], gz: bool = True) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    for url, body in records:
        h = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=h))
    return buf.getvalue()


def _zeros_gz(mib: int) -> bytes:
    z = zlib.compressobj(1, zlib.DEFLATED, 31)
    chunk = b"\0" * (1 << 20)
    return b"".join(z.compress(chunk) for _ in range(mib)) + z.flush()


def generate(root: Path, files: int = 2000, seed: int = 7, small: bool = False) -> Suite:
    """Write about `files` inputs under `root`; `small` keeps every file small (bombs of 64 MiB, huge text 21 MB)."""
    rnd = random.Random(seed)
    s = Suite(root)
    root.mkdir(parents=True, exist_ok=True)
    n_good = 0

    def good_marker() -> str:
        nonlocal n_good
        n_good += 1
        return f"goodmark{seed}x{n_good}"

    def write(name: str | bytes, data: bytes, *, bad: str | None = None, marker: str | None = None,
              sub: str = "") -> Path:
        folder = root / sub if sub else root
        folder.mkdir(parents=True, exist_ok=True)
        path = Path(os.fsdecode(os.fsencode(folder) + b"/" + (name if isinstance(name, bytes) else name.encode())))
        path.write_bytes(data)
        if bad:
            s.bad[_key(path)] = bad
            s.note(bad)
        if marker:
            s.good[marker] = _key(path)
            s.note("good")
        return path

    makers = ["good_text", "good_html", "good_jsonl", "good_warc", "binary", "empty", "nul", "invisible",
              "deep_html", "trunc_gzip", "trunc_warc", "bad_feed", "bad_jsonl", "mislabelled", "odd_name",
              "duplicate", "private_use"]
    i = 0
    while sum(s.kinds.values()) < files:
        kind = makers[i % len(makers)]
        i += 1
        sub = f"d{i % 23}"
        if kind == "good_text":
            m = good_marker()
            write(f"text{i}.txt", _text(rnd, m).encode(), marker=m, sub=sub)
        elif kind == "good_html":
            m = good_marker()
            body = "".join(f"<p>{p}</p>" for p in _text(rnd, m).split("\n"))
            write(f"page{i}.html", f"<!doctype html><html><head><title>T{i}</title></head><body>{body}</body></html>"
                  .encode(), marker=m, sub=sub)
        elif kind == "good_jsonl":
            m1, m2 = good_marker(), good_marker()
            lines = [json.dumps({"text": _text(rnd, m1)}), '{"text": "lone \\ud800 surrogate"}', "{not json",
                     json.dumps({"text": "a title of the wrong type", "title": 5}), "[" * 5000,
                     json.dumps({"text": _text(rnd, m2)})]
            p = write(f"lines{i}.jsonl", ("\n".join(lines) + "\n").encode(), sub=sub)
            s.good[m1], s.good[m2] = f"{_key(p)}#line=1", f"{_key(p)}#line=6"
            s.note("good")
            s.note("good")
            for n in (2, 3, 4, 5):
                s.bad[f"{_key(p)}#line={n}"] = "bad_jsonl_line"
                s.note("bad_jsonl_line")
        elif kind == "good_warc":
            m = good_marker()
            html = f"<html><body><p>{_text(rnd, m).replace(chr(10), '</p><p>')}</p></body></html>".encode()
            p = write(f"crawl{i}.warc.gz", _warc([(f"http://example.org/{i}", html)]), sub=sub)
            s.good[m] = f"{_key(p)}#record=0"
            s.note("good")
        elif kind == "binary":
            write(f"blob{i}.dat", bytes(rnd.randrange(256) for _ in range(rnd.randrange(16, 4000))), bad=kind,
                  sub=sub)
        elif kind == "empty":
            write(f"empty{i}.txt", b"" if i % 2 else b" \n\t \n", bad=kind, sub=sub)
        elif kind == "nul":
            write(f"nul{i}.txt", b"\0" * rnd.randrange(1, 5000), bad=kind, sub=sub)
        elif kind == "invisible":
            write(f"zw{i}.txt", ("\u200b\u200c\u200d\u2060" * rnd.randrange(5, 300)).encode(), bad=kind, sub=sub)
        elif kind == "private_use":
            write(f"pua{i}.txt", "".join(chr(rnd.randrange(0xE000, 0xF8FF)) for _ in range(300)).encode(),
                  bad=kind, sub=sub)
        elif kind == "deep_html":
            depth = 20000 if small else 200000
            write(f"deep{i}.html", b"<html><body>" + b"<div>" * depth + b"x" + b"</div>" * depth + b"</body></html>",
                  sub=sub)  # stored or refused, either is fine: it must neither crash nor hang
            s.note(kind)
        elif kind == "trunc_gzip":
            blob = gzip.compress(_text(rnd, f"cut{i}").encode())
            write(f"cut{i}.txt.gz", blob[: len(blob) // 2], bad=kind, sub=sub)
        elif kind == "trunc_warc":
            blob = _warc([(f"http://example.org/t{i}", b"<html><body><p>cut short</p></body></html>")])
            write(f"cut{i}.warc.gz", blob[: len(blob) * 2 // 3], bad=kind, sub=sub)
        elif kind == "bad_feed":
            write(f"feed{i}.rss", b"<?xml version='1.0'?><rss><channel><item><title>x</title>", bad=kind, sub=sub)
        elif kind == "bad_jsonl":
            write(f"junk{i}.jsonl", b"\xff\xfe{]\n" + b"{" * 1000 + b"\n", bad=kind, sub=sub)
        elif kind == "mislabelled":
            m = good_marker()
            text = _text(rnd, m) + "\nМинистры встретились в Стамбуле, сообщили официальные лица."
            html = (f"<html><head><meta charset='iso-8859-1'><title>M{i}</title></head><body><p>"
                    + text.replace("\n", "</p><p>") + "</p></body></html>")
            write(f"label{i}.html", html.encode("cp1251"), marker=m, sub=sub)
        elif kind == "odd_name":
            m = good_marker()
            names: list[str | bytes] = [b"caf\xe9-\xff%d.txt" % i, f"hash#line=1-{i}.txt", f"pct%41-{i}.txt",
                                        f"-dash{i}.txt", f"new\nline{i}.txt", ("n" * 240 + f"{i}.txt")]
            write(names[i % len(names)], _text(rnd, m).encode(), marker=m, sub=sub)
        elif kind == "duplicate":
            m = good_marker()
            text = _text(rnd, m).encode()
            write(f"dup{i}a.txt", text, marker=m, sub=sub)
            write(f"dup{i}b.txt", text, sub=sub)  # the same text: stored once, counted a duplicate
            s.note("duplicate_copy")
    # a few of each, once: bombs, huge text, special files
    bomb = _zeros_gz(64 if small else 512)
    write("bomb.warc.gz", bomb, bad="gzip_bomb_no_framing")
    inner = _warc([("http://example.org/b0", b"<html><body><p>before the bomb</p></body></html>")])
    write("inner-bomb.warc.gz", inner + bomb, bad="gzip_bomb_in_warc")
    s.bad[_key(root / "inner-bomb.warc.gz") + "#record=1"] = "gzip_bomb_in_warc"
    big = 21 if small else 100
    with (root / "huge.txt").open("wb") as fh:
        line = (" ".join(WORDS) + ".\n").encode()
        for _ in range((big << 20) // len(line) + 1):
            fh.write(line)
    s.bad[_key(root / "huge.txt")] = "huge_text"
    s.note("huge_text")
    os.mkfifo(root / "fifo.txt")
    s.skipped[_key(root / "fifo.txt")] = "fifo"
    (root / "loop-a").symlink_to(root / "loop-b")
    (root / "loop-b").symlink_to(root / "loop-a")
    s.skipped[_key(root / "loop-a")] = s.skipped[_key(root / "loop-b")] = "symlink_loop"
    (root / "status.txt").symlink_to("/proc/self/status")
    s.skipped[_key(root / "status.txt")] = "symlink_out"
    (root / ".hidden.txt").write_text("hidden")
    s.skipped[_key(root / ".hidden.txt")] = "hidden"
    for k in ("fifo", "symlink_loop", "symlink_out", "hidden"):
        s.note(k)
    return s


def run(suite: Suite, db: Path, workers: int = 1, timeout: float = 1800,
        env: dict[str, str] | None = None) -> dict[str, object]:
    """Ingest the suite (cleaning only) in a subprocess; check and return the figures."""
    from presswatch.corpus.store import Store

    report_path = db.with_suffix(".report.json")
    cmd = [sys.executable, "-m", "presswatch", "ingest", str(suite.root), "--db", str(db), "--stages", "clean",
           "--workers", str(workers), "--report", str(report_path), "--no-progress"]
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd] if Path("/usr/bin/time").exists() else cmd,
                              capture_output=True, text=True, timeout=timeout, env={**os.environ, **(env or {})})
        hung = False
    except subprocess.TimeoutExpired:
        proc, hung = None, True
    seconds = time.perf_counter() - t0
    out: dict[str, object] = {"inputs": sum(suite.kinds.values()), "kinds": suite.kinds, "hung": hung,
                              "seconds": round(seconds, 1)}
    if proc is None:
        return out
    stderr = proc.stderr.strip().splitlines()
    peak = int(stderr[-1]) if stderr and stderr[-1].isdigit() else None
    report = json.loads(report_path.read_text(encoding="utf-8")) if report_path.exists() else {}
    failed = {f["source"]: f["reason"] for f in report.get("failures", [])}
    ignored = {f["path"]: f["reason"] for f in report.get("ignored", [])}
    with Store(db, readonly=True) as store:
        texts = [t for (t,) in store.conn.execute("SELECT text FROM documents")]
    counts = {m: 0 for m in suite.good}
    for t in texts:
        for word in t.split():
            w = word.strip(".,")
            if w in counts:
                counts[w] += 1
    named = set(failed) | {k.split("#", 1)[0] for k in failed}
    unnamed = sorted(k for k in suite.bad if k not in named)
    out.update({
        "exit": proc.returncode, "crashed": proc.returncode not in (0, 1) or "Traceback" in proc.stderr,
        "peak_rss_mb": round(peak / 1024) if peak else None,
        "good": len(suite.good), "good_stored_once": sum(1 for c in counts.values() if c == 1),
        "good_lost": sorted(m for m, c in counts.items() if c == 0)[:20],
        "good_duplicated": sorted(m for m, c in counts.items() if c > 1)[:20],
        "articles_stored": len(texts), "failures_reported": len(failed), "skipped_reported": len(ignored),
        "bad": len(suite.bad), "bad_not_named": unnamed[:20], "bad_not_named_count": len(unnamed),
        "special_not_reported": sorted(k for k in suite.skipped if k not in ignored and k not in failed),
        "duplicates": report.get("duplicates"),
    })
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--small", action="store_true", help="small bombs and huge file (CI-sized)")
    ap.add_argument("--keep", type=Path, help="write the suite and store here instead of a temporary folder")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep or Path(tmp)
        suite = generate(base / "inputs", args.files, args.seed, args.small)
        caps = {"PRESSWATCH_MAX_DECOMPRESSED": str(16 << 20)} if args.small else None
        print(json.dumps(run(suite, base / "hostile.db", args.workers, env=caps), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
