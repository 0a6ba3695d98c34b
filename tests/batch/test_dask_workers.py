"""The workers of `presswatch batch --engine dask`'s local cluster die with their parent, even when it is killed
with SIGKILL while they are busy in native code (PR_SET_PDEATHSIG; their own watch on the parent needs the GIL)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

PROGRAM = Path(__file__).with_name("dask_parent.py")


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_busy_dask_workers_die_within_a_second_of_a_killed_parent() -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(Path.cwd()), os.environ.get("PYTHONPATH")]))}
    proc = subprocess.Popen([sys.executable, str(PROGRAM)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True, env=env)
    workers: list[int] = []
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        if line.startswith("no cluster") or proc.poll() is not None:
            pytest.skip(f"dask's local cluster cannot start here: {line.strip() or proc.returncode}")
        workers = [int(p) for p in line.split()]
        assert len(workers) == 2 and all(_alive(w) for w in workers)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        t0 = time.monotonic()
        while any(_alive(w) for w in workers) and time.monotonic() - t0 < 5:
            time.sleep(0.02)
        assert not any(_alive(w) for w in workers), "a busy worker outlived its killed parent"
        assert time.monotonic() - t0 < 1.0
    finally:
        proc.kill()
        proc.wait()
        for w in workers:
            if _alive(w):
                os.kill(w, signal.SIGKILL)
