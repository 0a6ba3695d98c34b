"""The stages' word-list folder (`DATA`) and the English speech verbs read from it, shared by the
linguistics, quotes and speech-frame stages without one importing another."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=1)
def speech_verbs() -> dict[str, str]:
    """Every listed inflected form of a speech verb -> its lemma (from data/speech_verbs.json)."""
    table: dict[str, list[str]] = json.loads((DATA / "speech_verbs.json").read_text(encoding="utf-8"))
    return {form: lemma for lemma, forms in table.items() for form in (lemma, *forms)}
