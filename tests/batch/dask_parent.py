"""A program for test_dask_workers: starts `workers.dask_client`'s local cluster of 2 worker processes, keeps both
busy in one C call that holds the GIL (so no Python thread in them can notice anything), prints their pids and
waits to be killed."""

from __future__ import annotations

import os
import re
import sys
import time


def hold_gil(n: int) -> None:
    re.match(r"(a+)+$", "a" * n + "b")  # catastrophic backtracking: minutes inside the regex engine


if __name__ == "__main__":
    try:
        from presswatch.workers import dask_client

        client = dask_client(2, None)
        pids = client.run(os.getpid)
    except Exception as exc:  # no local cluster here (sandbox, ports): the test skips
        print(f"no cluster: {type(exc).__name__}: {exc}", flush=True)
        sys.exit(3)
    busy = [client.submit(hold_gil, 34, workers=[w], pure=False) for w in pids]
    time.sleep(1.0)  # both tasks are running
    print(" ".join(str(p) for p in pids.values()), flush=True)
    time.sleep(600)
