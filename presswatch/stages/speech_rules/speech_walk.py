"""One walk over an article's paragraphs for the speech rules' cue shapes (object_frames, speech_nouns,
speech_pointers, view_sources): each match of a shape's cue pattern, then the link that ties it to what was said,
then the clause reported, then the quote.

A shape gives three steps: `link` (None: this match reports nothing), `clause` (the reported span, None when too
short or overlapping direct speech) and `quote` (the speech rules' Found with its speaker). The helpers the steps
share (clause and sentence bounds, the speaker beside a cue, trimming, words, the Found constructor) come from the
speech rules as one `Kit`; speech_rules imports this module, never the other way round.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from presswatch.article import Article, Span
from presswatch.stages.speech_rules.speech_text import EDGE

L = TypeVar("L")  # what a shape's link step hands to its clause and quote steps
Q = TypeVar("Q")  # the quote a shape makes (speech_text.Found)
CLAUSE_STRIP = EDGE


class Kit(Protocol):
    """The speech rules' own text helpers (speech_rules.KIT)."""

    def clause_start(self, text: str, para_start: int, before: int) -> int:
        """Start of the sentence (or the clause after a closing quote) holding offset `before`."""
        ...

    def sentence_end(self, text: str, start: int, para_end: int) -> int:
        """End of the sentence that goes on at `start`."""
        ...

    def speaker_beside(self, text: str, cue_start: int, cue_end: int, lo: int, hi: int, names: Any,
                       r: Any) -> tuple[int, int] | None:
        """The speaker span of a cue, looked for between `lo` and `hi`."""
        ...

    def trim(self, text: str, start: int, end: int, strip: str = " \t\u00a0,") -> tuple[int, int]:
        """`start`, `end` moved inward past the characters of `strip`."""
        ...

    def words(self, text: str) -> list[str]:
        """The words of `text`."""
        ...

    def found(self, start: int, end: int, kind: str, cue: str | None, speaker: tuple[int, int] | None,
              order: int) -> Any:
        """A quote before its speaker is resolved (speech_text.Found)."""
        ...


@dataclass(frozen=True)
class Walk:
    """One article as every shape reads it: its text and paragraphs, its language's rules (speech_language.Rules),
    its names (speech_text.Names), the direct quotes already found and the speech rules' helpers."""

    text: str
    paras: list[Span]
    r: Any
    names: Any
    direct: list[tuple[int, int]]
    kit: Kit

    @classmethod
    def of(cls, article: Article, r: Any, names: Any, direct: list[tuple[int, int]], kit: Kit) -> Walk:
        return cls(article.text, [p for _, p in article.paragraphs()], r, names, direct, kit)

    def in_direct(self, at: int) -> bool:
        """Offset `at` lies inside a direct quote."""
        return any(s <= at < e for s, e in self.direct)

    def overlaps_direct(self, start: int, end: int) -> bool:
        return any(a < end and start < b for a, b in self.direct)

    def opens_sentence(self, para: Span, at: int) -> bool:
        """Only spaces lie between the start of `at`'s sentence and `at`."""
        return not self.text[self.kit.clause_start(self.text, para.start, at):at].strip()

    def clause(self, start: int, end: int, min_words: int) -> tuple[int, int] | None:
        """The text between `start` and `end` trimmed of spaces and punctuation, if it holds `min_words` words."""
        s, e = self.kit.trim(self.text, start, end, CLAUSE_STRIP)
        return (s, e) if len(self.kit.words(self.text[s:e])) >= min_words else None


@dataclass(frozen=True)
class Cue:
    """One match of a shape's cue pattern, in paragraph `k` (`para`) of the walk."""

    k: int
    para: Span
    m: re.Match[str]


def walk(w: Walk, pattern: re.Pattern[str] | None, link: Callable[[Walk, Cue], L | None],
         clause: Callable[[Walk, Cue, L], tuple[int, int] | None],
         quote: Callable[[Walk, Cue, L, tuple[int, int]], Q]) -> list[Q]:
    """The quotes of every match of `pattern` that has a link and a clause, in text order."""
    if pattern is None:
        return []
    out = []
    for k, para in enumerate(w.paras):
        for m in pattern.finditer(w.text, para.start, para.end):
            cue = Cue(k, para, m)
            joined = link(w, cue)
            if joined is None:
                continue
            span = clause(w, cue, joined)
            if span is not None:
                out.append(quote(w, cue, joined, span))
    return out


def outside_direct(min_words: int) -> Callable[[Walk, Cue, Any], tuple[int, int] | None]:
    """A clause step: the link's span as a clause of at least `min_words` words, None where it overlaps direct
    speech."""

    def clause(w: Walk, cue: Cue, link: tuple[int, int]) -> tuple[int, int] | None:
        span = w.clause(*link, min_words)
        return None if span is None or w.overlaps_direct(*span) else span

    return clause


def reported_beside(w: Walk, cue: Cue, link: Any, span: tuple[int, int]) -> Any:
    """A quote step: `span` as reported speech, cued by the match, its speaker the one beside the cue."""
    m = cue.m
    speaker = w.kit.speaker_beside(w.text, m.start(), m.end(), cue.para.start, m.start(), w.names, w.r)
    return w.kit.found(*span, "reported", m.group(0), speaker, m.start())
