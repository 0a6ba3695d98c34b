"""Reported speech that a pointer sentence attributes backwards (data/speech_rules.json `pointers`: Italian,
French).

'… oltre 6 miliardi di euro nelle campagne. È quanto afferma la Coldiretti …', 'Lo ha detto il ministro …',
'C’est ce qu’a déclaré X': the words the pointer refers to are what the speaker said. A pointer opens its sentence
and a cue follows it within a few words; the content is the sentence before it in its paragraph, or, when the
pointer opens the paragraph, the paragraph before (a paragraph of at least MIN_WORDS words without quotation
marks). A one-word pointer ('Lo scrive l'emittente …') needs its cue right after it. The speaker is the name
beside the cue, as for any cue.
"""

from __future__ import annotations

import re
from typing import Any

from presswatch.stages.speech_rules.speech_walk import Cue, Walk, walk

MIN_WORDS = 8  # a shorter paragraph before a pointer is a heading, not what was said
MAX_GAP_WORDS = 2  # words between the pointer and its cue ("È quanto emerge …" has none: no cue)
MARKS = re.compile(r"[«»„“”\"]")
MIN_OUTSIDE = 4  # words outside the marks of a mixed clause before a pointer
_QUOTED = re.compile(r"«[^«»]*»|[“”][^“”]*[“”]|„[^“”]*[“”]|\"[^\"]*\"")


def find(w: Walk) -> list[Any]:
    """The reported quotes the pointers of `r.pointers` attribute."""
    return walk(w, w.r.pointers, _link, _clause, _quote)


def _link(w: Walk, cue: Cue) -> tuple[re.Match[str], int] | None:
    """The speech cue a few words after a pointer that opens its sentence, and that sentence's end."""
    at = cue.m.start()
    if not w.opens_sentence(cue.para, at):
        return None
    sent_end = w.kit.sentence_end(w.text, cue.m.end(), cue.para.end)
    verb = w.r.cue.search(w.text, cue.m.end(), sent_end)
    gap = MAX_GAP_WORDS if " " in cue.m.group(0).strip() else 0  # "Lo scrive X", not "Lo stesso X ha detto"
    if verb is None or len(w.kit.words(w.text[cue.m.end():verb.start()])) > gap:
        return None
    return verb, sent_end


def _clause(w: Walk, cue: Cue, link: tuple[re.Match[str], int]) -> tuple[int, int] | None:
    """The sentence before the pointer, or the paragraph before when the pointer opens its paragraph."""
    text, para, at = w.text, cue.para, cue.m.start()
    if at == para.start or not text[para.start:at].strip():
        if cue.k == 0:
            return None
        start, end = w.paras[cue.k - 1].start, w.paras[cue.k - 1].end
    else:
        before = len(text[para.start:at].rstrip(" \u00a0"))
        start, end = (w.kit.clause_start(text, para.start, para.start + before - 1) if before else at), at
    span = w.clause(start, end, MIN_WORDS)
    if span is None or MARKS.search(text[span[0]:span[1]]) and not _mixed(w, *span):
        return None
    return span


def _mixed(w: Walk, start: int, end: int) -> bool:
    """Whether a clause with quotation marks is narration around quoted words (French, Italian mixed quotes: 'Le
    sanzioni che … stanno preparando ”sono tra le più grandi …”. Lo ha detto …'), not a quote said as it stands:
    it opens outside the marks and holds MIN_OUTSIDE words or more outside them."""
    if not w.r.mixed_quotes or MARKS.match(w.text, start):
        return False
    return len(w.kit.words(_QUOTED.sub(" ", w.text[start:end]))) >= MIN_OUTSIDE


def _quote(w: Walk, cue: Cue, link: tuple[re.Match[str], int], span: tuple[int, int]) -> Any:
    verb, sent_end = link
    speaker = w.kit.speaker_beside(w.text, verb.start(), verb.end(), cue.m.start(), sent_end, w.names, w.r)
    return w.kit.found(*span, "reported", verb.group(0), speaker, verb.start())
