"""Check-worthy claims: sentences with figures, dates, comparisons or an attributed source, scored transparently.

Score (weights in data/claims.json): the sum of the weights of the claim's kinds, + `extra_figure` for each
figure beyond the first (at most `max_extra_figures`), + `named_source` when a source is known, + `hedge` when
the sentence hedges ("may", "reportedly"); times `short_factor` for sentences under `short_words` words;
clipped to [0, 1]. Questions are not claims.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from spacy.attrs import IS_PUNCT, IS_SPACE, LIKE_NUM, LOWER
from spacy.strings import StringStore
from spacy.tokens import Span as SpacySpan

from presswatch.article import Article, Claim, Mention, Quote
from presswatch.stages.linguistics import DATA, sentences_of

FIGURE_LABELS = frozenset({"CARDINAL", "PERCENT", "MONEY", "QUANTITY"})
DATE_LABELS = frozenset({"DATE", "TIME"})
NUMBER_WORDS = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|half|quarter|percent|"
    r"per cent)\b")


@dataclass(frozen=True)
class Rules:
    weights: dict[str, float]
    extra_figure: float
    max_extra_figures: int
    named_source: float
    hedge: float
    short_words: int
    short_factor: float
    hedges: frozenset[str]
    comparison: re.Pattern[str]
    vague_dates: frozenset[str]
    months: frozenset[str]
    weak_numbers: frozenset[str]


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The scoring table from data/claims.json, loaded once."""
    d: dict[str, Any] = json.loads((DATA / "claims.json").read_text(encoding="utf-8"))
    words = sorted(d["comparatives"] + d["superlatives"], key=len, reverse=True)
    comparison = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)
    return Rules(d["weights"], d["extra_figure"], d["max_extra_figures"], d["named_source"], d["hedge"],
                 d["short_words"], d["short_factor"], frozenset(d["hedges"]), comparison,
                 frozenset(d["vague_dates"]), frozenset(d["month_words"]), frozenset(d["weak_numbers"]))


def _is_date(text: str, r: Rules) -> bool:
    low = text.lower()
    if low in r.vague_dates or low.removeprefix("the ") in r.vague_dates:
        return False
    return any(ch.isdigit() for ch in low) or any(w in r.months for w in low.split())


def _is_figure(text: str, r: Rules) -> bool:
    low = text.lower()
    if low in r.weak_numbers or low.startswith(("one of", "a few")):
        return False
    return any(ch.isdigit() for ch in low) or bool(NUMBER_WORDS.search(low))


def _evidence(sent: SpacySpan, ents: list[SpacySpan], like_num: np.ndarray, r: Rules
              ) -> tuple[list[Mention], list[Mention], list[Mention]]:
    """Figures, dates and comparison markers of one sentence (`ents`: the NER spans inside it)."""
    doc = sent.doc
    figures: list[Mention] = []
    dates: list[Mention] = []
    covered: set[int] = set()
    for ent in ents:
        m = Mention(ent.text, ent.start_char, ent.end_char, ent.label_)
        if ent.label_ in FIGURE_LABELS and _is_figure(ent.text, r):
            figures.append(m)
        elif ent.label_ in DATE_LABELS and _is_date(ent.text, r):
            dates.append(m)
        covered.update(range(ent.start, ent.end))
    for i in np.flatnonzero(like_num[sent.start:sent.end]) + sent.start:  # numbers the NER left out ("2 000")
        tok = doc[int(i)]
        if tok.i not in covered and any(ch.isdigit() for ch in tok.text):
            figures.append(Mention(tok.text, tok.idx, tok.idx + len(tok), "NUMBER"))
    figures.sort(key=lambda m: m.start)
    offset = sent.start_char
    comparisons = [Mention(m.group(), offset + m.start(), offset + m.end(), "COMPARISON")
                   for m in r.comparison.finditer(sent.text)]
    # "more than 200" is one figure, not a comparison
    comparisons = [c for c in comparisons if not any(f.start <= c.start and c.end <= f.end for f in figures)]
    return figures, dates, comparisons


def _source(quotes: list[Quote], start: int, end: int) -> tuple[Quote | None, Quote | None]:
    """The reported and the direct quote overlapping a sentence, if any."""
    reported = direct = None
    best_r = best_d = 0
    for q in quotes:
        overlap = min(end, q.end) - max(start, q.start)
        if overlap <= 0:
            continue
        if q.kind == "reported" and overlap > best_r:
            reported, best_r = q, overlap
        elif q.kind == "direct" and overlap > best_d:
            direct, best_d = q, overlap
    return reported, direct


def score(kinds: list[str], figures: int, source: str | None, hedged: bool, words: int, r: Rules) -> float:
    """The documented check-worthiness score (see the module docstring)."""
    s = sum(r.weights[k] for k in kinds)
    s += r.extra_figure * min(max(figures - 1, 0), r.max_extra_figures)
    if source:
        s += r.named_source
    if hedged:
        s += r.hedge
    if words < r.short_words:
        s *= r.short_factor
    return round(min(max(s, 0.0), 1.0), 3)


def find(article: Article) -> list[Claim]:
    """Claims of one article, in text order."""
    r = rules()
    sents = sentences_of(article)
    doc = article._cache["doc"]
    arr = doc.to_array([LIKE_NUM, IS_PUNCT, IS_SPACE, LOWER])
    like_num, is_word = arr[:, 0].astype(bool), ~(arr[:, 1].astype(bool) | arr[:, 2].astype(bool))
    hedges = np.isin(arr[:, 3].astype(np.uint64), _hashes(doc.vocab.strings, r.hedges))
    all_ents = list(doc.ents)
    e = 0
    out: list[Claim] = []
    for sent in sents:
        while e < len(all_ents) and all_ents[e].start < sent.start:
            e += 1
        ents = []
        while e < len(all_ents) and all_ents[e].end <= sent.end:
            ents.append(all_ents[e])
            e += 1
        text = sent.text
        if text.rstrip(" \"'”»").endswith("?"):
            continue
        figures, dates, comparisons = _evidence(sent, ents, like_num, r)
        reported, direct = _source(article.quotes, sent.start_char, sent.end_char)
        kinds = [k for k, hit in (("figure", figures), ("date", dates), ("comparison", comparisons),
                                  ("attribution", reported), ("quoted", direct)) if hit]
        if not kinds or kinds == ["quoted"]:
            continue
        source = (reported.speaker if reported else None) or (direct.speaker if direct else None)
        hedged = bool(hedges[sent.start:sent.end].any())
        words = int(is_word[sent.start:sent.end].sum())
        evidence = sorted(figures + dates + comparisons, key=lambda m: (m.start, m.end))
        out.append(Claim(text, sent.start_char, sent.end_char, kinds, source, evidence,
                         score(kinds, len(figures), source, hedged, words, r)))
    return out


def _hashes(strings: StringStore, words: frozenset[str]) -> np.ndarray:
    return np.array([strings.add(w) for w in words], dtype=np.uint64)


def run(article: Article) -> None:
    """Fill `article.claims`."""
    article.claims = find(article)
