"""Whose words a text span is: a quote's own words, its attribution, or the outlet's.

A quote's attribution is its cue word and its speaker mention, with what joins them to the quote when that is
only punctuation, dashes or at most `JOIN_WORDS` words ('», — написал Клишас', '"…," Putin also said',
'Lavrov said: "…"'); words further off ("в своем Telegram-канале", "саркастически прокомментировала отставку")
stay the outlet's. The cue is found as the nearest occurrence of `Quote.cue` beside the quote, in the same
sentence. A quote's turn is its text and its attribution: attribution words belong to the quote ('написал
Клишас' is Клишас's attribution, not the outlet's voice), and a span of nothing but cue and speaker words is no
evidence of a technique at all; attribution words joined to the quote at a span's edges are cut off it (`trim`).
A speaker phrase that names no entity ("the lying media") is the outlet's wording and stays its voice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from presswatch.article import Quote

JOIN_WORDS = 2  # '"…," Putin also said': words allowed between a quote, its cue and its speaker
REACH = 120  # characters beside a quote where its cue and speaker may be
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…]\s")


@dataclass
class Turn:
    """One quote's words (`body`), its attribution joined to it (`attribution`: '», — написал Клишас'), and its
    cue and named speaker alone (`bare`: words that are never technique evidence), as character ranges."""

    quote: Quote
    body: tuple[int, int]
    attribution: list[tuple[int, int]] = field(default_factory=list)
    bare: list[tuple[int, int]] = field(default_factory=list)


def _cue_at(text: str, q: Quote) -> tuple[int, int] | None:
    """The cue's occurrence nearest to the quote, outside it, within `REACH` characters and one sentence."""
    if not q.cue:
        return None
    best: tuple[int, int] | None = None
    dist = REACH + 1
    pattern = re.compile(rf"(?<!\w){re.escape(q.cue)}(?!\w)", re.I)
    for m in pattern.finditer(text, max(0, q.start - REACH), min(len(text), q.end + REACH)):
        if q.start <= m.start() < q.end:
            continue
        gap = text[m.end():q.start] if m.end() <= q.start else text[q.end:m.start()]
        d = len(gap)
        if d < dist and "\n" not in gap and not _SENTENCE_END.search(gap.strip(" \u00a0\"'»”“«„")):
            best, dist = (m.start(), m.end()), d
    return best


def _joins(text: str, a: int, b: int) -> bool:
    """Whether text[a:b] only joins two parts of an attribution: punctuation, dashes, a few words, no sentence end."""
    gap = text[a:b]
    return "\n" not in gap and len(_WORD.findall(gap)) <= JOIN_WORDS and not _SENTENCE_END.search(gap.strip())


def turns(text: str, quotes: list[Quote]) -> list[Turn]:
    """The turn of every quote: its text, its cue and speaker, and what joins them."""
    out: list[Turn] = []
    for q in quotes:
        turn = Turn(q, (q.start, q.end))
        pieces = [p for p in (_cue_at(text, q), _speaker_at(q)) if p is not None]
        turn.bare = sorted(pieces)
        # grow the attribution outwards from the quote, one piece at a time, while the gaps only join
        after = sorted((p for p in pieces if p[0] >= q.end), key=lambda p: p[0])
        before = sorted((p for p in pieces if p[1] <= q.start), key=lambda p: -p[1])
        edge = q.end
        for s, e in after:
            if not _joins(text, edge, s):
                break
            turn.attribution.append((edge, e))
            edge = e
        edge = q.start
        for s, e in before:
            if not _joins(text, e, edge):
                break
            turn.attribution.append((s, edge))
            edge = s
        out.append(turn)
    return out


def _speaker_at(q: Quote) -> tuple[int, int] | None:
    """The speaker's mention beside the quote when it names someone (an entity or a pronoun): a phrase such as
    "the lying media" is the outlet's wording, not an attribution to leave out."""
    m = q.speaker_mention
    if m is None or m.label is None or q.start <= m.start < q.end or \
            min(abs(m.start - q.end), abs(q.start - m.end)) > REACH:
        return None
    return m.start, m.end


def _overlap(start: int, end: int, ranges: list[tuple[int, int]]) -> int:
    return sum(max(0, min(end, b) - max(start, a)) for a, b in _merged(ranges))


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def only_cue_words(text: str, start: int, end: int, all_turns: list[Turn]) -> bool:
    """Whether every word of text[start:end] is a cue or speaker word of some quote ("написал Клишас")."""
    bare = _merged([r for t in all_turns for r in t.bare])
    words = list(_WORD.finditer(text, start, end))
    return bool(words) and all(any(a <= w.start() and w.end() <= b for a, b in bare) for w in words)


def whose(start: int, end: int, all_turns: list[Turn]) -> tuple[Turn | None, bool]:
    """(the turn whose words text[start:end] mostly are, whether its quote's own words rather than its
    attribution): a turn holding at least half of the span (its text and attribution together), else None (the
    outlet's words)."""
    best: Turn | None = None
    best_share = body_share = 0
    for t in all_turns:
        body = _overlap(start, end, [t.body])
        share = _overlap(start, end, [t.body, *t.attribution, *t.bare])
        if share > best_share:
            best, best_share, body_share = t, share, body
    if best is None or 2 * best_share < end - start:
        return None, False
    return best, body_share * 2 >= best_share


def trim(text: str, start: int, end: int, all_turns: list[Turn]) -> tuple[int, int]:
    """text[start:end] without the attribution words at its edges ('заявив, что денацификация идет' ->
    'денацификация идет'), and without the spaces and punctuation that leaves there; unchanged when nothing
    would be left."""
    ranges = _merged([r for t in all_turns for r in t.attribution])
    s, e = start, end
    for a, b in ranges:
        if a <= s < b:
            s = b
        if a < e <= b:
            e = a
    while start < s < e and not text[s].isalnum():  # only at an edge that was cut
        s += 1
    while s < e < end and not text[e - 1].isalnum():
        e -= 1
    return (s, e) if _WORD.search(text, s, e) else (start, end)
