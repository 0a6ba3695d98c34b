"""Hostile paths and environments: odd names, special files, full disks, read-only stores, two writers, kills."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from presswatch.cli import main
from presswatch.corpus.store import Store, StoreError

TEXT = "{n}: the ministers met in Istanbul to sign the grain deal, officials said on Friday."
ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}


def _folder(root: Path, n: int = 3) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (root / f"good{i}.txt").write_text(TEXT.format(n=f"Good {i}"), encoding="utf-8")
    return root


def test_odd_names_special_files_and_colliding_keys(tmp_path: Path) -> None:
    root = _folder(tmp_path / "in")
    (root / os.fsdecode(b"caf\xe9 \xff.txt")).write_text(TEXT.format(n="Latin-1 name"), encoding="utf-8")
    (root / "collide.jsonl").write_text(json.dumps({"text": TEXT.format(n="Line one")}) + "\n", encoding="utf-8")
    (root / "collide.jsonl#line=1").write_text(TEXT.format(n="A file named like a line"), encoding="utf-8")
    (root / ".hidden.txt").write_text("x")
    os.mkfifo(root / "fifo.txt")
    (root / "status.txt").symlink_to("/proc/self/status")
    (root / "loop1").symlink_to(root / "loop2")
    (root / "loop2").symlink_to(root / "loop1")
    t0 = time.perf_counter()
    res = CliRunner().invoke(main, ["ingest", str(root), "--db", str(tmp_path / "c.db"), "--stages", "clean"])
    assert time.perf_counter() - t0 < 30  # the FIFO is never opened
    assert res.exit_code == 0, res.output
    assert "ingested 6 new articles" in res.output and "0 failed" in res.output
    for name, why in [(".hidden.txt", "hidden"), ("fifo.txt", "FIFO"), ("status.txt", "outside the folder"),
                      ("loop1", "symlink loop"), ("loop2", "symlink loop")]:
        assert f"skipped: {root / name}: " in res.output and why in res.output, name
    with Store(tmp_path / "c.db", readonly=True) as store:
        keys = {k for (k,) in store.conn.execute("SELECT key FROM sources")}
    assert f"{root}/caf%E9 %FF.txt" in keys
    assert {f"{root}/collide.jsonl#line=1", f"{root}/collide.jsonl%23line=1"} <= keys


@pytest.mark.parametrize("make", ["fifo", "device", "loop", "unreadable", "missing"])
def test_analyze_one_clear_line_and_exit_2(tmp_path: Path, make: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "doc.txt"
    expected = {"fifo": "fifo", "device": "character device", "loop": "symbolic links",
                "unreadable": "permission denied", "missing": "no such file"}[make]
    if make == "fifo":
        os.mkfifo(path)
    elif make == "device":
        path = Path("/dev/zero")
    elif make == "loop":
        path.symlink_to(path)
    elif make == "unreadable":
        path.write_text(TEXT.format(n="x"), encoding="utf-8")
        path.chmod(0)
        real_access = os.access
        monkeypatch.setattr(os, "access", lambda p, m: False if Path(p) == path else real_access(p, m))  # root
    res = CliRunner().invoke(main, ["analyze", str(path), "--stages", "clean"])
    assert res.exit_code == 2, res.output
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0].lower() and str(path) in lines[0], res.output
    assert "Traceback" not in res.output and "internal error" not in res.output


def test_disk_full_is_one_line_and_exit_2(tmp_path: Path) -> None:
    root = _folder(tmp_path / "in", 1)
    res = CliRunner().invoke(main, ["ingest", str(root), "--db", str(tmp_path / "c.db"), "--stages", "clean",
                                    "--report", "/dev/full"])
    assert res.exit_code == 2 and "error: /dev/full: No space left on device" in res.output.splitlines()[-1], res.output


def test_store_write_failures_name_the_store(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    Store(db).close()
    with Store(db) as store:
        store.conn.close()
        store.conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
        with pytest.raises(StoreError, match=r"cannot write store .*c\.db: the store file or its folder is read-only"):
            store.record_source("k", "ok")
        for msg, words in [("database or disk is full", "disk is full"), ("database is locked", "in use")]:
            assert words in str(store._write_error(sqlite3.OperationalError(msg)))


def test_two_ingests_into_one_store_both_finish_and_store_everything_once(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for i in range(40):
        (_folder(a, 0) / f"{i}.txt").write_text(TEXT.format(n=f"A{i}"), encoding="utf-8")
        (_folder(b, 0) / f"{i}.txt").write_text(TEXT.format(n=f"B{i}"), encoding="utf-8")
    shared = tmp_path / "shared.txt"
    shared.write_text(TEXT.format(n="Both runs read this one"), encoding="utf-8")
    db = tmp_path / "c.db"
    cmd = [sys.executable, "-m", "presswatch", "ingest", "--db", str(db), "--stages", "clean", "--batch-size", "1"]
    procs = [subprocess.Popen([*cmd, str(p), str(shared)], env=ENV, stderr=subprocess.PIPE, text=True)
             for p in (a, b)]
    outs = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    with Store(db, readonly=True) as store:
        assert store.count() == 81
        keys = [k for (k,) in store.conn.execute("SELECT key FROM sources")]
        assert len(keys) == len(set(keys)) == 81


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
                cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid and b"spawn_main" in cmdline:
                out.append(int(entry))
    return out


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_workers_die_with_a_killed_ingest(tmp_path: Path) -> None:
    root = tmp_path / "in"
    for i in range(400):
        (_folder(root, 0) / f"{i:03}.txt").write_text(TEXT.format(n=f"Doc {i}") * 20, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "presswatch", "ingest", str(root), "--db", str(tmp_path / "c.db"),
                             "--stages", "clean", "--workers", "2"], env=ENV, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.1)
        workers = _children(proc.pid)
    assert len(workers) == 2, "the workers did not start"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    t0 = time.monotonic()
    while any(_alive(w) for w in workers) and time.monotonic() - t0 < 5:
        time.sleep(0.05)
    assert not any(_alive(w) for w in workers)
    assert time.monotonic() - t0 < 1.0


def test_sigterm_stops_cleanly_with_progress_committed(tmp_path: Path) -> None:
    root = tmp_path / "in"
    for i in range(300):
        (_folder(root, 0) / f"{i:03}.txt").write_text(TEXT.format(n=f"Doc {i}") * 20, encoding="utf-8")
    db = tmp_path / "c.db"
    cmd = [sys.executable, "-m", "presswatch", "ingest", str(root), "--db", str(db), "--stages", "clean",
           "--batch-size", "5"]
    proc = subprocess.Popen(cmd, env=ENV, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                with Store(db, readonly=True) as store:
                    if store.count() >= 10:
                        break
            except StoreError:
                pass
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    err = proc.communicate(timeout=60)[1]
    assert proc.returncode in (130, 0), err
    with Store(db, readonly=True) as store:
        stored = store.count()
        assert stored == store.conn.execute("SELECT count(*) FROM sources WHERE status = 'ok'").fetchone()[0]
    if proc.returncode == 130:
        assert "interrupted" in err and "Traceback" not in err and 10 <= stored < 300
    rerun = subprocess.run(cmd, env=ENV, stderr=subprocess.PIPE, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    with Store(db, readonly=True) as store:
        assert store.count() == 300


def test_search_offset_past_sqlite_integers_is_one_line(tmp_path: Path) -> None:
    Store(tmp_path / "c.db").close()
    res = CliRunner().invoke(main, ["search", "--db", str(tmp_path / "c.db"), "--offset", str(2**63)])
    assert res.exit_code == 2 and res.output.strip().splitlines() == [
        "error: limit and offset must be between 0 and 2**63 - 1"], res.output
