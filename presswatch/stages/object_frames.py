"""Reported speech in a cue + object + infinitive frame (data/speech_rules.json `frame_cues`, `frame_link`:
French, Italian).

'a appelé la Chine à stopper ses exercices', 'accuse Kiev d'avoir bombardé …', 'ha chiesto a Pechino di evitare
…', 'ha invitato i cittadini a restare a casa': what the speaker asks, urges or accuses someone of is what they
said. The cue is one of the language's frame verbs (not after a determiner or an elided article: 'la demande de',
'L'accusa di' are nouns); its object takes at most MAX_OBJECT_WORDS words without punctuation or quotation marks,
then the linking word and an infinitive. The quote runs from the object to the sentence's end; its speaker is the
cue's, found as for any cue.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from presswatch.article import Article

MAX_OBJECT_WORDS = 6
NOUN_BEFORE = re.compile(r"(?<![\w'’])(?:la|une|sa|cette|leur|notre|votre|la sua|una|questa|l|un|dell|all|nell|sull|d)"
                         r"['’ \u00a0]*$", re.I)


def find(article: Article, r: Any, names: Any, direct: list[tuple[int, int]], helpers: dict[str, Callable[..., Any]],
         found: type) -> list[Any]:
    """The reported quotes of the frames of `r.frame_cues`; `helpers` as for speech_pointers."""
    if r.frame_cues is None or r.frame_link is None:
        return []
    text = article.text
    words, trim = helpers["words"], helpers["trim"]
    out = []
    for _, para in article.paragraphs():
        for m in r.frame_cues.finditer(text, para.start, para.end):
            if NOUN_BEFORE.search(text[max(para.start, m.start() - 12):m.start()]) or any(
                    s <= m.start() < e for s, e in direct):
                continue
            end = helpers["sentence_end"](text, m.end(), para.end)
            link = r.frame_link.search(text, m.end(), end)
            if link is None:
                continue
            obj = text[m.end():link.start()]
            if len(words(obj)) > MAX_OBJECT_WORDS or re.search(r"[,;:.!?«»„“”\"()]|(?<!\w)qu", obj):
                continue  # "ne demandent qu’à travailler": a wish, not a request
            s, e = trim(text, m.end(), end, " \t\u00a0,.;:")
            if len(words(text[s:e])) < 4 or any(a < e and s < b for a, b in direct):
                continue
            speaker = helpers["speaker_beside"](text, m.start(), m.end(), para.start, m.start(), names, r)
            out.append(found(s, e, "reported", m.group(0), speaker, m.start()))
    return out
