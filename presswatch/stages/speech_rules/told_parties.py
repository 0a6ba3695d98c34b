"""Who was told, when and on which programme, between a Russian or Polish speech cue and its speaker's name
('заявил «360» политолог Дмитрий Дробницкий', 'oznajmiła portalowi Verificat Adelaida Sarukhan'): the phrases of
data/told_parties.json, skipped so the name after them is the speaker's."""

from __future__ import annotations

import json
import re
from functools import cache

from presswatch.stages.lexicon import DATA as STAGE_DATA

DATA = STAGE_DATA / "told_parties.json"
MAX_PHRASES = 4


@cache
def _patterns(lang: str) -> re.Pattern[str] | None:
    entries = json.loads(DATA.read_text(encoding="utf-8")).get(lang)
    return re.compile("|".join(f"(?:{e})" for e in entries) + r"(?![\w»”\"])") if entries else None


def skip(text: str, at: int, end: int, lang: str | None) -> int:
    """`at` moved past the told parties, dates and programmes that start there (and the spaces and commas around
    them), up to `end`; `at` itself when none does or the language has none."""
    pattern = _patterns(lang) if lang and not lang.startswith("_") else None
    if pattern is None:
        return at
    pos = at
    for _ in range(MAX_PHRASES):
        space = re.match(r"[ \u00a0]*", text[pos:end])
        start = pos + (space.end() if space else 0)
        m = pattern.match(text, start, end)
        if m is None:
            break
        pos = m.end()
    return pos if pos != at else at
