"""Reported speech in a cue + object + infinitive frame (data/speech_rules.json `frame_cues`, `frame_link`:
French, Italian).

'a appelé la Chine à stopper ses exercices', 'accuse Kiev d'avoir bombardé …', 'ha chiesto a Pechino di evitare
…', 'ha invitato i cittadini a restare a casa': what the speaker asks, urges or accuses someone of is what they
said. The cue is one of the language's frame verbs (not after a determiner or an elided article: 'la demande de',
'L'accusa di' are nouns); its object takes at most MAX_OBJECT_WORDS words without punctuation or quotation marks,
then the linking word and an infinitive, or marked words after an object ('a accusé la Chine de « pratiques … »'),
then up to the closing mark: one reported quote with the marked words as its parts (mixed_rules). The quote runs
from the object (past a time phrase: romance_cues) to the sentence's end, or to the comma before the sentence's
next cue; its speaker is the cue's, found as for any cue.
"""

from __future__ import annotations

import re
from typing import Any

from presswatch.stages.speech_rules import romance_cues
from presswatch.stages.speech_rules.speech_walk import Cue, Walk, outside_direct, reported_beside, walk

MAX_OBJECT_WORDS = 6
MIN_WORDS = 4
NOUN_BEFORE = re.compile(r"(?<![\w'’])(?:la|une|sa|cette|leur|notre|votre|la sua|una|questa|l|un|dell|all|nell|sull|d)"
                         r"['’ \u00a0]*$", re.I)


def find(w: Walk) -> list[Any]:
    """The reported quotes of the frames of `r.frame_cues`."""
    if w.r.frame_link is None:
        return []
    return walk(w, w.r.frame_cues, _link, outside_direct(MIN_WORDS), reported_beside)


def _link(w: Walk, cue: Cue) -> tuple[int, int] | None:
    """Where the object starts (past a time phrase: 'a accusé jeudi soir X de …') and where the clause ends, when an
    object of a few words and the linking word follow the cue."""
    text, m, para = w.text, cue.m, cue.para
    if NOUN_BEFORE.search(text[max(para.start, m.start() - 12):m.start()]) or w.in_direct(m.start()):
        return None
    end = w.kit.sentence_end(text, m.end(), para.end)
    start = romance_cues.after_time(text, m.end(), end, w.r.lang)
    link = w.r.frame_link.search(text, start, end)
    if link is None:
        return None
    obj = text[start:link.start()]
    if len(w.kit.words(obj)) > MAX_OBJECT_WORDS or re.search(r"[,;:.!?«»„“”\"()]|(?<!\w)qu", obj):
        return None  # "ne demandent qu’à travailler": a wish, not a request
    if marked_link(text, link):
        close = re.compile(r"[»”\"]").search(text, link.end() + 1, end)
        if not w.kit.words(obj) or close is None:
            return None  # "… de « … »" with no object: the marked words are a quote as they stand
        return start, close.end()  # '… de "pratiques …" et disent vouloir …': the frame ends with its marks
    return start, _next_cue(w, link.end(), end)


def marked_link(text: str, link: re.Match[str]) -> bool:
    """Whether a frame's link opens marked words rather than an infinitive ('a accusé la Chine de « pratiques … »',
    'ha accusato Kiev di «…»'): the marks stand right after it, no verb inside them."""
    return link.end() < len(text) and text[link.end()] in "«“\"" and not re.match(
        r"[«“\"][ \u00a0]*(?:(?:ne|non)[ \u00a0]+(?:\w+[ \u00a0]+)?)?"
        r"(?:\w+(?:er|ir|are|ere|ire)|avoir|être|aver|avere|essere)\b", text[link.end():], re.I)


def _next_cue(w: Walk, start: int, end: int) -> int:
    """Where the clause after a frame's link ends: at the comma before another cue of the sentence ('… de mettre en
    danger des civils, après que l'ONG a reproché à Kiev de …'), else at `end`."""
    for pattern in (w.r.cue, w.r.frame_cues):
        nxt = pattern.search(w.text, start, end)
        comma = w.text.rfind(",", start, nxt.start()) if nxt is not None else -1
        if comma > start:
            end = comma
    return end
