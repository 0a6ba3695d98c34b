"""Model and library loads run outside the document caps (`limits.lifted`): the caps measure the document alone."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from functools import lru_cache
from pathlib import Path

import pytest

from presswatch import limits

ROOT = Path(__file__).resolve().parents[2]


def test_the_timer_stands_still_while_lifted_and_then_runs_out() -> None:
    with pytest.raises(limits.LimitError, match="document_seconds"), limits.time_limit(0.3, "x"):
        with limits.lifted():
            time.sleep(0.5)  # past the whole cap, but not the document's time
        time.sleep(0.1)  # the document still has about 0.3 s
        done = True
        while True:  # and then it is stopped
            sum(range(1000))
    assert done


def test_a_load_may_map_past_the_memory_cap_and_the_document_keeps_its_headroom() -> None:
    import resource

    before = resource.getrlimit(resource.RLIMIT_AS)
    with limits.memory_limit(64, source="doc.txt"):
        with limits.lifted():
            model = bytearray(256 << 20)  # a "model" four times the document's cap
        assert len(model) == 256 << 20
        assert len(bytearray(32 << 20)) == 32 << 20  # the document's own 64 MiB are still there
        with pytest.raises(MemoryError):
            bytearray(128 << 20)  # and no more than that
    assert resource.getrlimit(resource.RLIMIT_AS) == before


def test_a_time_out_after_a_lifted_load_is_not_called_out_of_memory() -> None:
    """The process's peak address space counts a lifted load past the cap; a time-out is still a time-out."""
    with pytest.raises(limits.LimitError, match="document_seconds"), limits.memory_limit(64, source="doc.txt"):
        with limits.lifted():
            model = bytearray(256 << 20)
        assert len(model) == 256 << 20
        with limits.time_limit(0.2, "doc.txt"):
            while True:
                sum(range(1000))


def test_outside_caps_lifts_only_the_first_call_of_a_cached_loader() -> None:
    calls: list[bool] = []

    @lru_cache(maxsize=1)
    @limits.outside_caps
    def load() -> str:
        calls.append(limits._lift_depth == 1)
        time.sleep(0.4)
        return "model"

    with limits.time_limit(0.3, "x"):
        assert load() == "model" and load() == "model"
    assert calls == [True]


def test_a_fresh_process_analyses_its_first_document_under_caps_smaller_than_its_model_load(tmp_path: Path) -> None:
    """spaCy's load takes longer than 1 s and maps more than 200 MiB; the first document is still analysed."""
    doc = tmp_path / "a.txt"
    doc.write_text("Talks in Geneva. The minister said on Monday that the talks would go on.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PRESSWATCH_DOC_SECONDS": "1.0", "PRESSWATCH_DOC_MEMORY_MB": "200"}
    code = ("import sys, time\nfrom presswatch.article import RawDocument\nfrom presswatch.pipeline import Pipeline\n"
            "t = time.perf_counter()\n"
            "a = Pipeline(['linguistics']).run(RawDocument(data=open(sys.argv[1], 'rb').read(), source=sys.argv[1]))\n"
            "print(len(a.sentences), round(time.perf_counter() - t, 2))\n")
    out = subprocess.run([sys.executable, "-c", code, str(doc)], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    sentences, seconds = out.stdout.split()
    assert int(sentences) == 2
    assert float(seconds) > 1.0, "the load was quicker than the cap: this test shows nothing on this machine"
