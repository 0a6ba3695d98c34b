"""English speech attributed by source phrases: 'according to X' (and 'per X'), the phrase a source
runs to, and whether it names its speaker.
"""

from __future__ import annotations

from bisect import bisect_right

import numpy as np
from spacy.attrs import LOWER
from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from presswatch.stages.english import speech_frames
from presswatch.stages.english.quote_context import Context, Speaker, inside
from presswatch.stages.english.subjects import DETERMINERS
from presswatch.stages.linguistics import (
    sentences_of,
)
from presswatch.stages.speech_rules.speech_text import Found, trim


def according_at(doc: Doc, i: int) -> bool:
    return doc[i].lower_ == "according" and i + 1 < len(doc) and doc[i + 1].lower_ == "to"



def noun_phrase_end(doc: Doc, start: int, limit: int) -> int:
    """End of the source phrase after "according to": up to the next punctuation mark."""
    k = start
    while k < limit and not (doc[k].is_punct and doc[k].text not in {"'s", "-", "."}) and doc[k].text not in {".", ","}:
        k += 1
    return k



def _per_source(ctx: Context, i: int, sent: TokenSpan) -> bool:
    """ "…, per Reuters.", "Per a statement from the ministry, …": "per" after a comma (or opening the
    sentence) before a named source or a document ("a report"), never "per cent", "$5 per barrel"."""
    doc = ctx.doc
    if doc[i].lower_ not in speech_frames.frames().per or i + 1 >= sent.end:
        return False
    if i > sent.start and doc[i - 1].text != "," and not (i - 1 == sent.start and doc[sent.start].is_punct):
        return False
    nxt = i + 1
    if ctx.mention_starting(nxt) is not None:
        return True
    return doc[nxt].lower_ in DETERMINERS and any(doc[k].lower_ in speech_frames.frames().sources
                                                  for k in range(nxt + 1, min(sent.end, nxt + 4)))



def find_according(ctx: Context, direct: list[tuple[int, int]]) -> list[Found[Speaker]]:
    """"According to X, ..." and "..., according to X.", and the same with "per X" (`_per_source`)."""
    doc, text = ctx.doc, ctx.article.text
    out: list[Found[Speaker]] = []
    for sent, toks in according_words(ctx):
        for tok in toks:
            if tok.lower_ == "according" and tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "to":
                np_start, cue = tok.i + 2, "according to"
            elif _per_source(ctx, tok.i, sent):
                np_start, cue = tok.i + 1, tok.lower_
            else:
                continue
            k = noun_phrase_end(doc, np_start, sent.end)
            if k == np_start:
                continue
            np_end = k
            if tok.i == sent.start or (tok.i - 1 == sent.start and doc[sent.start].is_punct):
                s, e = doc[k].idx if k < sent.end else sent.end_char, sent.end_char
            elif _between_commas(doc, tok.i, k, sent) and not inside(direct, sent.start_char, sent.end_char):
                s, e = sent.start_char, sent.end_char  # 'At the same time, according to X, the crowd might …'
            else:
                s, e = sent.start_char, tok.idx
            s, e = trim(text, s, e, " \t\u00a0,.;:")
            if len(text[s:e].split()) < 3 or inside(direct, s, e):
                continue
            line_end = text.find("\n", tok.idx)  # the name may lie past an abbreviation's full stop ('Dept.')
            sp = source_named(ctx, np_start, np_end, ctx.token_at(len(text) if line_end < 0 else line_end))
            out.append(Found(s, e, "reported", cue, sp, tok.idx))
    return out



def according_words(ctx: Context) -> list[tuple[TokenSpan, list[Token]]]:
    """The article's sentences with their "according" and "per" (`frames().per`) tokens, in order, those that
    have any: the only tokens `find_according` can start at, found on the Doc's lower-case array, not token by
    token."""
    doc = ctx.doc
    keys = np.array([doc.vocab.strings[w] for w in {"according", *speech_frames.frames().per}], dtype=np.uint64)
    sents = sentences_of(ctx.article)
    starts = [sp.start for sp in sents]
    out: list[tuple[TokenSpan, list[Token]]] = []
    for i in np.flatnonzero(np.isin(doc.to_array(LOWER), keys)).tolist():
        k = bisect_right(starts, i) - 1
        if k < 0 or i >= sents[k].end:
            continue
        if out and out[-1][0] is sents[k]:
            out[-1][1].append(doc[i])
        else:
            out.append((sents[k], [doc[i]]))
    return out



NOT_MAIN = frozenset({"which", "who", "whose", "where", "adding", "citing", "saying", "and", "but", "as", "while",
                      "with", "after", "before", "because", "though", "although"})



def _between_commas(doc: Doc, at: int, end: int, sent: TokenSpan) -> bool:
    """Whether an according-to phrase from token `at` to `end` interrupts its sentence between commas, the
    sentence going on with at least three words of its main clause ('At the same time, according to military
    planning documents, the majority of the crowd might dissolve …'; not '…, according to X, which added …')."""
    if at == sent.start or doc[at - 1].text != "," or end + 1 >= sent.end or doc[end].text != ",":
        return False
    if doc[end + 1].lower_ in NOT_MAIN:
        return False
    return sum(1 for t in doc[end + 1:sent.end] if not t.is_punct) >= 3



def source_named(ctx: Context, start: int, end: int, limit: int) -> Speaker:
    """The source after "according to": the phrase [start, end), or, when it names no one and a person's name
    follows it in apposition at the sentence's end or before a comma ('according to his attorney – former … Victoria
    Toensing.', 'according to a spokesman, John Smith, …'), that name."""
    doc = ctx.doc
    if end < limit and doc[end].text in {",", "–", "—"} and ctx.entity_in(doc[start].idx, doc[end - 1].idx + 1) is None:
        k = end + 1
        while k < limit and k - end <= 20 and not (doc[k].is_punct and doc[k].text not in {".", "-", "'s"}):
            stop = ctx.mention_starting(k)
            if stop is not None:
                hit = ctx.entity_in(doc[k].idx, doc[stop - 1].idx + len(doc[stop - 1]))
                after = doc[stop].text if stop < limit else "."
                if hit is not None and hit[0].label == "PERSON" and after in {",", ".", "–", "—"}:
                    return Speaker(k, stop, None)
            k += 1
    return Speaker(start, end, None)
