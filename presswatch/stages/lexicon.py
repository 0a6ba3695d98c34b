"""The stages' word-list folder (`DATA`) and the English speech verbs and speech frames' words read from it,
shared by the linguistics, quotes and speech-frame stages without one importing another."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=1)
def speech_verbs() -> dict[str, str]:
    """Every listed inflected form of a speech verb -> its lemma (from data/speech_verbs.json)."""
    table: dict[str, list[str]] = json.loads((DATA / "speech_verbs.json").read_text(encoding="utf-8"))
    return {form: lemma for lemma, forms in table.items() for form in (lemma, *forms)}


@dataclass(frozen=True)
class Frames:
    object_to: frozenset[str]
    to: frozenset[str]
    prep: dict[str, frozenset[str]]  # verb form -> prepositions whose phrase is the speech
    nouns: frozenset[str]
    noun_verbs: frozenset[str]
    sources: frozenset[str]
    per: frozenset[str]
    phrases: dict[str, frozenset[str]]  # 'clear' -> the verb forms it makes a speech verb ('made clear that')
    particles: dict[str, frozenset[str]]  # 'out' -> the verb forms it makes a speech verb ('pointed out')
    host_marks: frozenset[str]
    views: frozenset[str]  # 'Police believe that …'
    findings: frozenset[str]  # 'the report found that …', after a subject in `finders`
    finders: frozenset[str]
    not_holders: frozenset[str]

    def triggers(self) -> frozenset[str]:
        """Word forms that make a sentence worth parsing for these frames."""
        return self.object_to | self.to | frozenset(self.prep) | self.nouns | frozenset(self.phrases) | \
            self.views | self.findings


@lru_cache(maxsize=1)
def frames() -> Frames:
    """The English speech frames' word lists (data/speech_frames_en.json)."""
    d: dict[str, Any] = json.loads((DATA / "speech_frames_en.json").read_text(encoding="utf-8"))

    def forms(table: dict[str, list[str]]) -> frozenset[str]:
        return frozenset(f for fs in table.values() for f in fs)

    prep = {f: frozenset(v["preps"]) for v in d["prep"].values() for f in v["forms"]}
    return Frames(forms(d["object_to"]), forms(d["to"]), prep, frozenset(d["nouns"]), frozenset(d["noun_verbs"]),
                  frozenset(d["sources"]), frozenset(d["per"]),
                  {w: frozenset(v) for w, v in d["phrase_cues"].items()},
                  {w: frozenset(v) for w, v in d["particle_cues"].items()}, frozenset(d["host_marks"]),
                  forms(d["views"]), forms(d["findings"]), frozenset(d["finders"]), frozenset(d["not_holders"]))
