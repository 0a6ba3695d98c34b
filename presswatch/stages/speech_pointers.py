"""Reported speech that a pointer sentence attributes backwards (data/speech_rules.json `pointers`: Italian,
French).

'… oltre 6 miliardi di euro nelle campagne. È quanto afferma la Coldiretti …', 'Lo ha detto il ministro …',
'C’est ce qu’a déclaré X': the words the pointer refers to are what the speaker said. A pointer opens its sentence
and a cue follows it within a few words; the content is the sentence before it in its paragraph, or, when the
pointer opens the paragraph, the paragraph before (a paragraph of at least MIN_WORDS words without quotation
marks). The speaker is the name beside the cue, as for any cue.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from presswatch.article import Article

MIN_WORDS = 8  # a shorter paragraph before a pointer is a heading, not what was said
MAX_GAP_WORDS = 2  # words between the pointer and its cue ("È quanto emerge …" has none: no cue)
MARKS = re.compile(r"[«»„“”\"]")


def _previous_sentence(text: str, para_start: int, at: int, clause_start: Callable[[str, int, int], int]) -> int:
    end = len(text[para_start:at].rstrip(" \u00a0"))
    return clause_start(text, para_start, para_start + end - 1) if end else at


def find(article: Article, r: Any, names: Any, helpers: dict[str, Callable[..., Any]], found: type) -> list[Any]:
    """The reported quotes the pointers of `r.pointers` attribute; `helpers` holds the speech rules' own
    clause_start, sentence_end, speaker_beside, trim and words functions, `found` their Found class."""
    if r.pointers is None:
        return []
    text = article.text
    clause_start, sentence_end = helpers["clause_start"], helpers["sentence_end"]
    out = []
    paras = [p for _, p in article.paragraphs()]
    for k, para in enumerate(paras):
        for m in r.pointers.finditer(text, para.start, para.end):
            at = m.start()
            if text[clause_start(text, para.start, at):at].strip():
                continue  # not at a sentence start
            sent_end = sentence_end(text, m.end(), para.end)
            cue = r.cue.search(text, m.end(), sent_end)
            if cue is None or len(helpers["words"](text[m.end():cue.start()])) > MAX_GAP_WORDS:
                continue
            if at == para.start or not text[para.start:at].strip():
                if k == 0:
                    continue
                prev = paras[k - 1]
                start, end = prev.start, prev.end
            else:
                start, end = _previous_sentence(text, para.start, at, clause_start), at
            s, e = helpers["trim"](text, start, end, " \t\u00a0,.;:")
            body = text[s:e]
            if len(helpers["words"](body)) < MIN_WORDS or MARKS.search(body):
                continue
            speaker = helpers["speaker_beside"](text, cue.start(), cue.end(), at, sent_end, names, r)
            out.append(found(s, e, "reported", cue.group(0), speaker, cue.start()))
    return out
