"""Shared fixtures: the example page and the SemEval training split beside the project."""

from __future__ import annotations

import os
from pathlib import Path

# FastAPI's TestClient sends `Host: testserver`: the tests' server allows that name like a deployment would
# (before presswatch.config reads the environment). Tests of the allowlist pass `allowed_hosts` themselves.
os.environ.setdefault("PRESSWATCH_ALLOWED_HOSTS", "testserver")

import pytest

from presswatch.config import SETTINGS

ROOT = Path(__file__).resolve().parents[1]
SHARED = SETTINGS.data_dir.parent
EXAMPLE = SHARED / "examples" / "000_eb0435d17527a139.txt"
SEMEVAL = SETTINGS.semeval_dir


@pytest.fixture(scope="session")
def example_path() -> Path:
    assert EXAMPLE.exists(), f"example page missing: {EXAMPLE}"
    return EXAMPLE


@pytest.fixture(scope="session")
def semeval_dir() -> Path:
    assert SEMEVAL.exists(), f"SemEval data missing: {SEMEVAL}"
    return SEMEVAL
