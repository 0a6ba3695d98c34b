"""Offsets in a rule language's text (words, clauses, sentence ends), capitalised name runs, and the two
types every speech-rule module shares: `Found` (a quote before its speaker is resolved) and `Names` (the
article's entity mentions by position)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Generic, TypeVar

from presswatch.article import Article, Entity, Mention
from presswatch.clean.language import STOPWORDS
from presswatch.stages.speech_rules.speech_language import DASHES, NAME_WORD, Rules

EDGE = " \t\u00a0,.;:"  # what `trim` takes off a clause's ends
EDGE_DASHES = EDGE + DASHES

S = TypeVar("S")
NAME_RUN = re.compile(rf"{NAME_WORD}(?:[ \u00a0]+{NAME_WORD}){{0,5}}")
MAX_NAME_WORDS = 3  # "Przywódca Korei Północnej Kim Dzong Un": the name is the run's last words


def common_word(word: str, r: Rules) -> bool:
    """A title, determiner, pronoun or stopword: no word of a name."""
    w = word.casefold()
    return w in r.titles or w in r.determiners or w in r.pronouns or w in STOPWORDS.get(r.lang, ()) or (
        r.according is not None and r.according.fullmatch(word) is not None)


def skip_words(text: str, i: int, skip: frozenset[str], years: bool = False) -> int:
    """Offset of the first word from `i` on that is not one of `skip` (at most two are skipped)."""
    i = skip_space(text, i)
    for _ in range(2):
        w = re.match(r"\w+", text[i:i + 30])
        year = years and w is not None and w.group(0).isdigit() and len(w.group(0)) == 4
        if w is None or w.group(0).casefold() not in skip and not year:
            break  # a year may stand there too ("sagte 1958 der damalige Bundespräsident Theodor Heuss")
        i = skip_space(text, i + w.end())
    return i


def skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \u00a0":
        i += 1
    return i


def sentence_start(text: str, i: int) -> bool:
    before = text[:i].rstrip(" \u00a0\"'«»„“”")
    return not before or before[-1] in ".!?:\n" or before[-1] in DASHES


@dataclass
class Found(Generic[S]):
    """A quote before its speaker is resolved (pronouns need the quotes before it); S is how a speaker is held:
    a character span here, a token-level Speaker in the English quotes stage."""

    start: int
    end: int
    kind: str
    cue: str | None
    speaker: S | None
    order: int  # character position used to order speakers
    # an unattributed quote that goes on with the previous speaker: "paragraph" (the whole paragraph is the
    # quote: the previous paragraph's last quote) or "sentence" (the previous quote of the same paragraph)
    inherit: str | None = None
    parts: list[tuple[int, int]] = field(default_factory=list)  # a mixed quote's quoted words
    weak: bool = False  # found by a frame ('accused X of …'): its speaker is not one a later "he" continues
    then: tuple[int, int] | None = None  # rules: the person the sentence after an unattributed quote says spoke


class Names:
    """The article's entity mentions by position, for speakers beside a cue."""

    def __init__(self, article: Article) -> None:
        self.ments = sorted(((m.start, m.end, e) for e in article.entities for m in e.mentions), key=lambda x: x[0])
        self.starts = [m[0] for m in self.ments]

    def within(self, start: int, end: int) -> list[tuple[int, int, Entity]]:
        lo = bisect_left(self.starts, start)
        out = []
        for s, e, ent in self.ments[lo:]:
            if s >= end:
                break
            if e <= end:
                out.append((s, e, ent))
        return out

    def at(self, start: int, end: int) -> tuple[Entity, Mention] | None:
        for s, _e, ent in self.within(start, end):
            return ent, next(m for m in ent.mentions if m.start == s)
        return None


def words_of(text: str) -> list[str]:
    return re.findall(r"\w[\w'’-]*", text)


def clause_start(text: str, para_start: int, before: int) -> int:
    """Start of the sentence (or the clause after a closing quote) holding offset `before`."""
    i = before
    while i > para_start:
        ch = text[i - 1]
        if ch in ".!?;" and (i >= len(text) or not text[i].isalnum() or text[i].isupper()) \
                and not initial_dot(text, i - 1):
            break
        if ch in "»“”\"" and i - 2 >= para_start and text[i - 2] in ".!?":
            break
        i -= 1
    return i


# lower-case abbreviations a name or a noun follows: Russian "г." (год), "ул."; Polish titles before a name ("dr hab.
# Agnieszka Legucka", "prof. Jan Kowalski", "gen. Władysław Sikorski", "ks. Tadeusz") and "im." ("Uniwersytet im.
# Adama Mickiewicza")
_ABBREVIATIONS = frozenset(["г", "гг", "ул", "т", "д", "dr", "hab", "prof", "gen", "ks", "płk", "ppłk", "mjr", "kpt",
                            "mec", "inż", "mgr", "abp", "bp", "kard", "św", "im"])


def initial_dot(text: str, dot: int) -> bool:
    """A dot after an initial or an abbreviation ("В. Путин", "M. Macron", "dr hab. Agnieszka"), not a sentence
    end."""
    j = dot
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    return 1 <= dot - j <= 2 and text[j:dot][:1].isupper() or text[j:dot] in _ABBREVIATIONS


def first_stop(text: str, start: int, end: int, stops: str, initials: bool = True,
               any_next: bool = False) -> int | None:
    """Offset of the first character of `stops` in text[start:end], passing over (when `initials`) the dot of an
    initial or an abbreviation before a capitalised word ("a écrit M. Morozov", "lui a lancé D. Trump"), with
    `any_next` before any word ("заявил В.Путин", "dr hab. Agnieszka"); None when there is none."""
    for m in _stops(stops).finditer(text, start, end):
        i = m.start()
        if not (initials and text[i] == "." and initial_dot(text, i) and (any_next or (
                i + 2 < len(text) and text[i + 1] in " \u00a0" and text[i + 2].isupper()))):
            return i
    return None


@cache
def _stops(stops: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(stops) + "]")


def sentence_bounds(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of text[start:end] in order, as `sentence_end` cuts them (not trimmed)."""
    i = start
    while i < end:
        stop = sentence_end(text, i, end)
        yield i, stop
        i = stop


def sentence_end(text: str, start: int, para_end: int) -> int:
    i = start
    while i < para_end:
        if text[i] == "\n":
            return i  # a sentence never goes on over a line end
        if text[i] in ".!?;" and not initial_dot(text, i) and (i + 1 >= para_end or text[i + 1] in " \u00a0\"»«”“"
                                                              or text[i + 1].isupper()):
            return i + 1
        i += 1
    return para_end


def after_preposition(text: str, lo: int, at: int, r: Rules) -> bool:
    """Whether the word before offset `at` (from `lo` on) is one of the language's prepositions; in German, also
    one before a determiner ("Luca von der Naturschutzjugend meint": not the organisation)."""
    prev = words_of(text[max(lo, at - 20):at])[-1:]
    if r.lang == "de" and prev and prev[0].casefold() in r.determiners:
        prev = words_of(text[max(lo, at - 40):at])[-2:-1]
    return bool(prev) and prev[0].casefold() in r.prepositions


def nth_word_end(text: str, n: int) -> int:
    ms = list(re.finditer(r"\w[\w'’-]*", text))
    return ms[min(n, len(ms)) - 1].end() if ms else 0


def trim(text: str, start: int, end: int, strip: str = " \t\u00a0,") -> tuple[int, int]:
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return start, end


def inside_any(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)
