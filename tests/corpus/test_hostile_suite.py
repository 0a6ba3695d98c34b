"""A CI-sized slice of the seeded hostile-input suite (bench/hostile.py) through `presswatch ingest`."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "hostile.py"


def _hostile():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("hostile", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["hostile"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_hostile_slice_no_crash_no_hang_nothing_lost_everything_named(tmp_path: Path) -> None:
    hostile = _hostile()
    suite = hostile.generate(tmp_path / "in", files=120, seed=11, small=True)
    figures = hostile.run(suite, tmp_path / "h.db", timeout=300, env={"PRESSWATCH_MAX_DECOMPRESSED": str(16 << 20)})
    assert not figures["hung"] and not figures["crashed"], figures
    assert figures["good"] >= 30 and figures["good_stored_once"] == figures["good"], figures
    assert figures["bad_not_named_count"] == 0 and figures["special_not_reported"] == [], figures
