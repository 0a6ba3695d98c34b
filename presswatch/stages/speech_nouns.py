"""Reported speech after a speech noun and 'selon laquelle' / 'secondo cui' (data/speech_rules.json
`speech_nouns`, `noun_links`: French, Italian).

'Le président a réitéré sa position selon laquelle toute discussion deviendra impossible …', 'la sua tesi secondo
cui …': the rest of the sentence is what the noun says. The speaker is the cue's subject only when a possessive
names the noun's owner ('sa position', 'la sua tesi'); 'l'information selon laquelle …' is a claim of nobody named
(and often one the sentence's subject denies), so it has no speaker.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from presswatch.article import Article

MIN_WORDS = 4
POSSESSIVES = frozenset(["sa", "son", "ses", "leur", "leurs", "sua", "suo", "sue", "suoi", "loro"])


def find(article: Article, r: Any, names: Any, direct: list[tuple[int, int]], helpers: dict[str, Callable[..., Any]],
         found: type) -> list[Any]:
    """The reported quotes after `r.speech_nouns` and a link of `r.noun_links`; `helpers` as for speech_pointers."""
    if r.speech_nouns is None or r.noun_links is None:
        return []
    text = article.text
    words, trim = helpers["words"], helpers["trim"]
    out = []
    for _, para in article.paragraphs():
        for m in r.speech_nouns.finditer(text, para.start, para.end):
            link = r.noun_links.match(text, m.end(), para.end)
            if link is None or any(s <= m.start() < e for s, e in direct):
                continue
            end = helpers["sentence_end"](text, link.end(), para.end)
            s, e = trim(text, link.end(), end, " \t\u00a0,.;:")
            if len(words(text[s:e])) < MIN_WORDS or any(a < e and s < b for a, b in direct):
                continue
            before = [w.casefold() for w in words(text[max(para.start, m.start() - 12):m.start()])]
            speaker = None
            if before and before[-1] in POSSESSIVES:  # "a réitéré sa position selon laquelle …": the subject's
                start = helpers["clause_start"](text, para.start, m.start())
                verb = r.cue.search(text, start, m.start())
                at = verb.start() if verb is not None else m.start()
                speaker = helpers["speaker_beside"](text, at, verb.end() if verb is not None else m.start(),
                                                    para.start, at, names, r)
            cue = m.group(0).lower() if speaker is not None else None  # no cue: no left-out subject to look for
            out.append(found(s, e, "reported", cue, speaker, m.start()))
    return out
