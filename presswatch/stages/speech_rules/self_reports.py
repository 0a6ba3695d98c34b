"""Reported speech of a speaker's own stance (data/speech_rules.json `self_cue`: French, Italian).

'Il s'est aussi dit prêt à un échange de militaires …', 's'était dit «indigné» par les accusations …', 'si è detto
pronto a …': the speaker says how they stand, so the rest of the clause is reported speech, the cue's speaker's.
A complementiser right after the cue ('si è detto che …': impersonal) is no such stance, nor is a cue after a
relative pronoun ('ce qui se dit'); the clause runs to the sentence's end or its first comma ('se disent « anéantis »
par …, mais ils …').
"""

from __future__ import annotations

from typing import Any

from presswatch.stages.speech_rules import romance_cues
from presswatch.stages.speech_rules.speech_walk import Cue, Walk, outside_direct, reported_beside, walk

MIN_WORDS = 3


def find(w: Walk) -> list[Any]:
    """The reported quotes after `r.self_cue`."""
    return walk(w, w.r.self_cue, _link, outside_direct(MIN_WORDS), reported_beside)


def _link(w: Walk, cue: Cue) -> tuple[int, int] | None:
    text, m, para = w.text, cue.m, cue.para
    before = w.kit.words(text[max(para.start, m.start() - 12):m.start()])
    if w.in_direct(m.start()) or before and romance_cues.is_relative(before[-1], w.r.lang):
        return None  # "ce qui se dit ici": a relative clause, no speaker's stance
    end = w.kit.sentence_end(text, m.end(), para.end)
    start = romance_cues.after_time(text, m.end(), end, w.r.lang)
    if w.r.that.match(text, start, end):
        return None
    comma = text.find(",", start, end)
    return start, comma if comma > start else end
