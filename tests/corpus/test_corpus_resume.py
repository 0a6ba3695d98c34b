"""A run killed with SIGKILL mid-way leaves a consistent store; a rerun finishes with every article exactly once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from presswatch.corpus.store import Store

N = 600


def _make_copies(dest: Path, semeval_dir: Path) -> list[Path]:
    """N distinct documents: the shared English articles, numbered in their first paragraph."""
    articles = sorted((semeval_dir / "en" / "train-articles").glob("article*.txt"))
    dest.mkdir()
    out = []
    for i in range(N):
        lines = articles[i % len(articles)].read_text(encoding="utf-8").split("\n")
        body = next(n for n, line in enumerate(lines[1:], 1) if line.strip())
        lines[body] = f"Bulletin {i}: {lines[body]}"
        p = dest / f"copy{i:04d}.txt"
        p.write_text("\n".join(lines), encoding="utf-8")
        out.append(p)
    return out


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # schema not created yet
        return 0


def test_sigkill_then_rerun(tmp_path: Path, semeval_dir: Path) -> None:
    files = _make_copies(tmp_path / "in", semeval_dir)
    db = tmp_path / "corpus.db"
    cmd = [sys.executable, "-c", "from presswatch.cli import main; main()", "ingest", str(tmp_path / "in"),
           "--db", str(db), "--stages", "clean", "--batch-size", "5", "--no-progress"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 60
    while _count(db) < 50 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    partial = _count(db)
    assert 50 <= partial < N

    with Store(db) as store:  # consistent after the kill: every stored article has its source row, FTS intact
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        store.conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        orphans = store.conn.execute(
            "SELECT count(*) FROM articles a LEFT JOIN sources s ON s.article_id = a.id WHERE s.key IS NULL"
        ).fetchone()[0]
        assert orphans == 0

    rerun = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{partial} already stored" in rerun.stderr
    with Store(db, readonly=True) as store:
        assert store.count() == N
        sources = sorted(r[0] for r in store.conn.execute("SELECT source FROM articles"))
        assert sources == sorted(str(p) for p in files)  # every document exactly once
        assert store.conn.execute("SELECT count(*) FROM sources WHERE status = 'ok'").fetchone()[0] == N
        assert store.search("Bulletin").total == N
        # numbered copies of one article are near-duplicates of its first copy
        assert store.stats()["near_duplicates"] >= N - 453 - 5
