"""German separable speech cues with words between the verb and its particle ("gab US-Präsident Joe Biden am Montag
bekannt, dass …", "stellte am Dienstag klar, dass …", "teilte der Zeitung mit, die Lage sei ernst"): the clause after
the particle's comma is reported speech, spoken by whoever the gap or the clause before the verb names."""

from __future__ import annotations

import json
import re
from functools import cache

from presswatch.stages.lexicon import DATA as STAGE_DATA
from presswatch.stages.speech_rules.speech_text import sentence_bounds

DATA = STAGE_DATA / "speech_rules.json"
MAX_GAP = 7  # words between the verb and its particle
PARTICLES = frozenset(["mit", "an", "bekannt", "fest", "klar", "ein", "hinzu", "hervor", "deutlich", "zu", "vor",
                       "voraus"])
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


# "Das hat der Sprecher … angekündigt.", "Dies berichtet das Magazin …", "Das sagte Merz dem RND.": a short sentence
# opened by "Das"/"Dies" and a finite verb that names who said the sentence before it
_BACK = re.compile(r"(?:Das|Dies)(?:[ \u00a0]+alles)?[ \u00a0]+(?P<verb>\w+)(?!\w)")
_AUXILIARIES = frozenset(["hat", "haben", "hatte", "hatten"])
_NOT_SAID = frozenset(["heißt", "hieß", "zeigt", "zeigte"])  # "Das zeigte sich auch an …"
MAX_BACK_WORDS = 20


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The paragraph's sentences (`sentence_bounds`) without their leading space, empty ones left out."""
    out = []
    for i, stop in sentence_bounds(text, start, end):
        s = i + len(text[i:stop]) - len(text[i:stop].lstrip())
        if s < stop:
            out.append((s, stop))
    return out


def back_references(text: str, start: int, end: int,
                    cue: re.Pattern[str]) -> list[tuple[int, int, re.Match[str], str]]:
    """(start, end) of each sentence of a paragraph that the next one attributes by pointing back ("2G- und 3G-Regel
    sollen zurückkommen. Das hat der Sprecher der Grünen, Janosch Dahmen, angekündigt."), the pointing sentence's
    finite verb (its speaker stands after it) and the cue: the verb itself is a cue ("Das sagte …", "Dies berichtet
    …"), or it is a form of "haben" and the sentence ends in a cue ("… angekündigt.", "… mitgeteilt.")."""
    out: list[tuple[int, int, re.Match[str], str]] = []
    if _BACK.search(text, start, end) is None:  # no "Das"/"Dies" and a verb in the paragraph: no sentence walk
        return out
    sents = _sentences(text, start, end)
    for (ps, pe), (s, e) in zip(sents, sents[1:], strict=False):
        m = _BACK.match(text, s, e)
        if m is None or len(re.findall(r"\w+", text[s:e])) > MAX_BACK_WORDS or re.search(r"[«»„“”\"]", text[s:e]):
            continue
        if m.group("verb") in _NOT_SAID:
            continue  # "Das heißt, dass …": that is to say
        said = cue.match(text, m.start("verb"), e)
        if said is None and m.group("verb") in _AUXILIARIES:
            tail = text[s:e].rstrip(" \u00a0.!")
            said = next((c for c in cue.finditer(text, m.end(), s + len(tail)) if c.end() == s + len(tail)), None)
        if said is not None:
            out.append((ps, pe, m, said.group(0)))
    return out
