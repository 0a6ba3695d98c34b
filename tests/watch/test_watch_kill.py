"""A watcher killed mid-round (SIGKILL) loses nothing and stores nothing twice; SIGTERM stops the loop cleanly."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from newsite import Site, serve, sources_toml

ROOT = Path(__file__).resolve().parents[2]


def _cmd(sources: Path, db: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "presswatch", "watch", str(sources), "--db", str(db), "--stages", "clean",
            "--no-progress", *extra]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_sigkill_mid_round_then_another_round(tmp_path: Path) -> None:
    with serve(Site(extra_items=40, delay_all=0.05)) as site:
        sources = tmp_path / "s.toml"
        sources.write_text(sources_toml(site, concurrency=2, per_host=2), encoding="utf-8")
        db = tmp_path / "c.db"
        proc = subprocess.Popen(_cmd(sources, db, "--once", "--archive", str(tmp_path / "warc")), env=_env(),
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            deadline = time.monotonic() + 60
            while _count(db) < 8 and time.monotonic() < deadline and proc.poll() is None:
                time.sleep(0.05)
            assert proc.poll() is None, "the round ended before it could be killed"
            proc.send_signal(signal.SIGKILL)
        finally:
            proc.wait(timeout=30)
        killed_at = _count(db)
        assert 8 <= killed_at < 50
        done = subprocess.run(_cmd(sources, db, "--once", "--archive", str(tmp_path / "warc")), env=_env(),
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
    with sqlite3.connect(db) as conn:
        urls = [u for (u,) in conn.execute("SELECT url FROM articles")]
        firsts = conn.execute("SELECT url, count(*) FROM article_versions GROUP BY url HAVING count(*) > 1").fetchall()
        unstored = conn.execute("SELECT url, state FROM watch_pages WHERE state != 'ok' ORDER BY url").fetchall()
    assert len(urls) == len(set(urls)) == 11 + 40  # every allowed page (the slow one times out), once
    assert firsts == []
    assert [s for _, s in unstored] == ["failed", "disallowed"]


def test_sigterm_stops_the_loop_cleanly(tmp_path: Path) -> None:
    with serve(Site()) as site:
        sources = tmp_path / "s.toml"
        sources.write_text(sources_toml(site, interval="1h"), encoding="utf-8")
        proc = subprocess.Popen(_cmd(sources, tmp_path / "c.db"), env=_env(), stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
        try:
            assert proc.stderr is not None
            lines = []
            for line in proc.stderr:
                lines.append(line)
                if line.startswith("next round in"):
                    break
            proc.send_signal(signal.SIGTERM)
            rc = proc.wait(timeout=20)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert rc == 0, "".join(lines)
    assert any(" 11 stored" in line for line in lines)
