"""Reported speech after a speech noun and 'selon laquelle' / 'secondo cui' (data/speech_rules.json
`speech_nouns`, `noun_links`: French, Italian).

'Le président a réitéré sa position selon laquelle toute discussion deviendra impossible …', 'la sua tesi secondo
cui …': the rest of the sentence is what the noun says. The speaker is the cue's subject only when a possessive
names the noun's owner ('sa position', 'la sua tesi'); 'l'information selon laquelle …' is a claim of nobody named
(and often one the sentence's subject denies), so it has no speaker.
"""

from __future__ import annotations

from typing import Any

from presswatch.stages.speech_rules.speech_walk import Cue, Walk, walk

MIN_WORDS = 4
POSSESSIVES = frozenset(["sa", "son", "ses", "leur", "leurs", "sua", "suo", "sue", "suoi", "loro"])


def find(w: Walk) -> list[Any]:
    """The reported quotes after `r.speech_nouns` and a link of `r.noun_links`."""
    if w.r.noun_links is None:
        return []
    return walk(w, w.r.speech_nouns, _link, _clause, _quote)


def _link(w: Walk, cue: Cue) -> tuple[int, int] | None:
    """Where the link after the noun ends and where its sentence ends."""
    link = w.r.noun_links.match(w.text, cue.m.end(), cue.para.end)
    if link is None or w.in_direct(cue.m.start()):
        return None
    return link.end(), w.kit.sentence_end(w.text, link.end(), cue.para.end)


def _clause(w: Walk, cue: Cue, link: tuple[int, int]) -> tuple[int, int] | None:
    span = w.clause(*link, MIN_WORDS)
    return None if span is None or w.overlaps_direct(*span) else span


def _quote(w: Walk, cue: Cue, link: tuple[int, int], span: tuple[int, int]) -> Any:
    text, m, para = w.text, cue.m, cue.para
    before = [x.casefold() for x in w.kit.words(text[max(para.start, m.start() - 12):m.start()])]
    speaker = None
    if before and before[-1] in POSSESSIVES:  # "a réitéré sa position selon laquelle …": the subject's
        start = w.kit.clause_start(text, para.start, m.start())
        verb = w.r.cue.search(text, start, m.start())
        at = verb.start() if verb is not None else m.start()
        speaker = w.kit.speaker_beside(text, at, verb.end() if verb is not None else m.start(), para.start, at,
                                       w.names, w.r)
    cue_word = m.group(0).lower() if speaker is not None else None  # no cue: no left-out subject to look for
    return w.kit.found(*span, "reported", cue_word, speaker, m.start())
