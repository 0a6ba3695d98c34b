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

from presswatch.article import Article
from presswatch.clean.language import STOPWORDS

MAX_SOURCE_WORDS = 8
MIN_WORDS = 4


def find(article: Article, r: Any, names: Any, helpers: dict[str, Callable[..., Any]], found: type) -> list[Any]:
    """The reported views the openers of `r.view_openers` introduce; `helpers` as for speech_pointers."""
    if r.view_openers is None:
        return []
    text = article.text
    clause_start, sentence_end, words = helpers["clause_start"], helpers["sentence_end"], helpers["words"]
    out = []
    for _, para in article.paragraphs():
        for m in r.view_openers.finditer(text, para.start, para.end):
            if text[clause_start(text, para.start, m.start()):m.start()].strip():
                continue  # not at a sentence start
            end = sentence_end(text, m.end(), para.end)
            comma = text.find(",", m.end(), end)
            if comma < 0 or len(words(text[m.end():comma])) > MAX_SOURCE_WORDS or re.search(
                    r"[«»„“”\"()]", text[m.end():comma]):
                continue
            source = _source(text, m.end(), comma, r, names)
            if source is None:
                continue
            comma, source = _apposition(text, comma, end, source, names, words,
                                        r.determiners | frozenset(STOPWORDS.get(r.lang, ())))
            s, e = helpers["trim"](text, comma + 1, end, " \t\u00a0,.;:")
            if len(words(text[s:e])) >= MIN_WORDS:
                out.append(found(s, e, "reported", m.group(0).lower(), source, m.start()))
    return out


def _apposition(text: str, comma: int, end: int, source: tuple[int, int], names: Any,
                words: Callable[[str], list[str]], stop: frozenset[str]) -> tuple[int, tuple[int, int]]:
    """The comma the view starts after and its source, past an apposition: 'Pour Karine Bechet-Golovko, docteur en
    droit public, …' (a few lower-case words), 'Per il viceministro …, Yevhinnii Yenin, …' (the name of the role)."""
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
    return comma, source


def _source(text: str, start: int, comma: int, r: Any, names: Any) -> tuple[int, int] | None:
    """The person or role phrase between an opener and its comma, if it is one."""
    person = [h for h in names.within(start, comma) if h[2].label == "PERSON"]
    lead = text[start:person[0][0]].split() if person else []
    if person and len(lead) <= 1 and (not lead or lead[0].casefold() in r.titles or lead[0] in {"M.", "Mme"}):
        return person[0][0], person[0][1]
    head = re.match(r"[ \u00a0]*(\w+['’]?)[ \u00a0]*([\w-]+)", text[start:comma])
    if head and head.group(1).casefold() in r.determiners and head.group(2).casefold() in r.role_heads:
        s = start + head.start(1)
        return s, len(text[:comma].rstrip(" \u00a0"))
    return None
