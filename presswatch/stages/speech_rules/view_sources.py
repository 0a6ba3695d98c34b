"""Reported views a sentence opens with a person's name (data/speech_rules.json `view_openers`: French, Italian).

'Pour le chef de la diplomatie hongroise, il est hors de question que …', 'Per Mario Draghi, la crisi …': the
words after the comma are what that person holds. The opener must start its sentence and be followed by a person
named there or by a role phrase (a determiner and one of the language's role words), then a comma within
MAX_SOURCE_WORDS words; the view is the rest of the sentence, MIN_WORDS words at least. 'Pour la première fois, …'
and 'Per questo, …' name no one and report nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from presswatch.clean.language import STOPWORDS
from presswatch.stages.speech_rules.speech_walk import Cue, Walk, walk

MAX_SOURCE_WORDS = 8
MIN_WORDS = 4


def find(w: Walk) -> list[Any]:
    """The reported views the openers of `r.view_openers` introduce."""
    return walk(w, w.r.view_openers, _link, _clause, _quote)


def _link(w: Walk, cue: Cue) -> tuple[int, int, tuple[int, int]] | None:
    """The comma the view starts after, the sentence's end and the view's source, for an opener that starts its
    sentence and names a person or a role before a comma."""
    text, m, r = w.text, cue.m, w.r
    if not w.opens_sentence(cue.para, m.start()):
        return None
    end = w.kit.sentence_end(text, m.end(), cue.para.end)
    comma = text.find(",", m.end(), end)
    if comma < 0 or len(w.kit.words(text[m.end():comma])) > MAX_SOURCE_WORDS or re.search(
            r"[«»„“”\"()]", text[m.end():comma]):
        return None
    source = _source(text, m.end(), comma, r, w.names)
    if source is None:
        return None
    comma, source = _apposition(text, comma, end, source, w.names, w.kit.words,
                                r.determiners | frozenset(STOPWORDS.get(r.lang, ())), r.role_heads)
    return comma, end, source


def _clause(w: Walk, cue: Cue, link: tuple[int, int, tuple[int, int]]) -> tuple[int, int] | None:
    comma, end, _ = link
    return w.clause(comma + 1, end, MIN_WORDS)


def _quote(w: Walk, cue: Cue, link: tuple[int, int, tuple[int, int]], span: tuple[int, int]) -> Any:
    return w.kit.found(*span, "reported", cue.m.group(0).lower(), link[2], cue.m.start())


def _apposition(text: str, comma: int, end: int, source: tuple[int, int], names: Any,
                words: Callable[[str], list[str]], stop: frozenset[str],
                roles: frozenset[str] = frozenset()) -> tuple[int, tuple[int, int]]:
    """The comma the view starts after and its source, past an apposition: 'Pour Karine Bechet-Golovko, docteur en
    droit public, …' (a few lower-case words or a role word and what it is of: 'Per Walter Ricciardi, Professore
    ordinario d’Igiene …, «…»'), 'Per il viceministro …, Yevhinnii Yenin, …' (the name of the role)."""
    nxt = text.find(",", comma + 1, end)
    if nxt < 0:
        return comma, source
    between = text[comma + 1:nxt].strip(" \u00a0")
    person = [h for h in names.within(comma + 1, nxt) if h[2].label == "PERSON"]
    if person and not text[comma + 1:person[0][0]].strip() and not text[person[0][1]:nxt].strip():
        return nxt, (person[0][0], person[0][1])
    first = words(between)[0].casefold() if words(between) else ""
    if between[:1].islower() and len(words(between)) <= 6 and first not in stop and not re.search(
            r"\b(?:est|sont|a|ont|è|sono|ha)\b", between):
        return nxt, source  # "docteur en droit public", not "la laïcité, c’est …" nor "outre les fondamentaux"
    if first in roles and not re.search(r"\b(?:est|sont|a|ont|è|sono|ha)\b", between):
        return nxt, source  # "Per Walter Ricciardi, Professore ordinario d’Igiene … di Roma, «…»"
    return comma, source


def _source(text: str, start: int, comma: int, r: Any, names: Any) -> tuple[int, int] | None:
    """The person or role phrase between an opener and its comma, if it is one."""
    person = [h for h in names.within(start, comma) if h[2].label == "PERSON"]
    lead = text[start:person[0][0]].split() if person else []
    if person and len(lead) <= 1 and (not lead or lead[0].casefold() in r.titles or lead[0] in {"M.", "Mme"}):
        return person[0][0], person[0][1]
    head = re.match(r"[ \u00a0]*(\w+['’]?)[ \u00a0]*([\w-]+)(?:[ \u00a0]+([\w-]+))?", text[start:comma])
    if head and head.group(1).casefold() in r.determiners and (head.group(2).casefold() in r.role_heads or (
            head.group(2).casefold() in r.titles and (head.group(3) or "").casefold() in r.role_heads)):  # "le
        # Premier ministre", not "la première fois"
        s = start + head.start(1)
        return s, len(text[:comma].rstrip(" \u00a0"))
    return None
