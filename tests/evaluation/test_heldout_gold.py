"""The held-out attribution gold (bench/gold/heldout) is well formed: each span is the article's text there,
speakers are named or null in pairs, kinds are known, and the files are the draw its rule gives."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

GOLD_PY = Path(__file__).resolve().parents[2] / "bench" / "attribution_gold.py"


def _gold():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("attribution_gold", GOLD_PY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


GOLD = _gold()
PRESENT = [lang for lang in GOLD.LANGS if GOLD.heldout(lang) is not None]


def test_heldout_languages_present() -> None:
    assert len(PRESENT) >= 2


@pytest.mark.parametrize("lang", PRESENT)
def test_heldout_spans_match_the_text(lang: str, semeval_dir: Path) -> None:
    data = GOLD.heldout(lang)
    assert data["split"] == "heldout" and data["language"] == lang and data["procedure"]
    assert GOLD.problems(data) == []
    assert len(data["articles"]) >= 10 and sum(len(a["quotes"]) for a in data["articles"]) >= 20
    tuning = {a["file"] for a in GOLD.tuning(lang)["articles"]}
    assert not tuning & {a["file"] for a in data["articles"]}, "a tuning article in the held-out set"


@pytest.mark.parametrize("lang", PRESENT)
def test_heldout_files_are_the_draw(lang: str, semeval_dir: Path) -> None:
    data = GOLD.heldout(lang)
    assert [a["file"] for a in data["articles"]] == GOLD.draw(lang, data["drawn_excluding"])


@pytest.mark.parametrize("lang", PRESENT)
def test_next_tuning_files_are_in_neither_set(lang: str, semeval_dir: Path) -> None:
    data = GOLD.heldout(lang)
    picked = GOLD.next_tuning(lang, 5)
    assert len(picked) == len(set(picked)) == 5
    assert not set(picked) & {a["file"] for a in data["articles"]}, "a held-out article offered for tuning"
    assert not set(picked) & {a["file"] for a in GOLD.tuning(lang)["articles"]}
    assert picked == GOLD.next_tuning(lang, 5)


def _one(quote: dict[str, Any]) -> dict[str, Any]:
    art = {"file": "a.txt", "quotes": [quote], "persons": ["Olaf Scholz"]}
    return {"semeval_dir": "x", "articles": [art]}


def test_problems_are_caught() -> None:
    text = "Headline\nScholz said: \"We will not.\"\n"
    ok = {"kind": "direct", "start": 23, "end": 35, "text": "We will not.", "speaker_as_written": "Scholz",
          "speaker": "Olaf Scholz"}
    assert GOLD.problems(_one(ok), {"a.txt": text}) == []
    assert GOLD.problems(_one({**ok, "start": 22}), {"a.txt": text})  # offsets off by one
    assert GOLD.problems(_one({**ok, "kind": "quote"}), {"a.txt": text})
    assert GOLD.problems(_one({**ok, "speaker": " "}), {"a.txt": text})
    assert GOLD.problems(_one({**ok, "speaker_as_written": None}), {"a.txt": text})
    assert GOLD.problems(_one({**ok, "start": 0, "end": 8, "text": "Headline"}), {"a.txt": text})
