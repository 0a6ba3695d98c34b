"""German separable speech cues with words between the verb and its particle ("gab US-Präsident Joe Biden am Montag
bekannt, dass …", "stellte am Dienstag klar, dass …", "teilte der Zeitung mit, die Lage sei ernst"): the clause after
the particle's comma is reported speech, spoken by whoever the gap or the clause before the verb names."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "speech_rules.json"
MAX_GAP = 7  # words between the verb and its particle
PARTICLES = frozenset(["mit", "an", "bekannt", "fest", "klar", "ein", "hinzu", "hervor", "deutlich", "zu", "vor"])
_CLAUSE = re.compile(r"[ \u00a0]*,[ \u00a0]*(?:(?P<that>dass|daß)(?!\w)[ \u00a0]*)?")


@cache
def _pattern() -> re.Pattern[str] | None:
    cues = json.loads(DATA.read_text(encoding="utf-8"))["de"]["cues"]
    pairs = [c.split() for c in cues if len(c.split()) == 2 and c.split()[1] in PARTICLES]
    if not pairs:
        return None
    verbs = "|".join(sorted({re.escape(v) for v, _ in pairs}, key=len, reverse=True))
    parts = "|".join(sorted({re.escape(p) for _, p in pairs}, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?P<verb>{verbs})(?P<gap>(?:[ \u00a0]+[\w.-]+){{1,{MAX_GAP}}}?)[ \u00a0]+"
                      rf"(?P<part>{parts})(?=[ \u00a0]*,)")


@cache
def pairs() -> frozenset[tuple[str, str]]:
    """The German cues of a verb and its separable particle ("teilte mit", "gab bekannt")."""
    cues = json.loads(DATA.read_text(encoding="utf-8"))["de"]["cues"]
    return frozenset((c.split()[0], c.split()[1]) for c in cues if len(c.split()) == 2 and c.split()[1] in PARTICLES)


def separable(text: str, start: int, end: int, subjunctive: re.Pattern[str] | None) -> list[tuple[re.Match[str], int]]:
    """Each gapped separable cue between `start` and `end` whose verb and particle make one of the German cues,
    followed by a comma and "dass" or a clause with a Konjunktiv verb among its first four words: the match and where
    its reported clause starts."""
    pattern = _pattern()
    if pattern is None:
        return []
    known = pairs()
    out = []
    for m in pattern.finditer(text, start, end):
        if (m.group("verb"), m.group("part")) not in known or re.search(r"[,.;:!?()«»„“”\"]", m.group("gap")):
            continue
        clause = _CLAUSE.match(text, m.end(), end)
        if clause is None:
            continue
        head = " ".join(re.findall(r"\w+", text[clause.end():end])[:4])
        if clause.group("that") or subjunctive is not None and subjunctive.search(head):
            out.append((m, clause.end()))
    return out
