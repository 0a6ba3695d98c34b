"""Character spans for techniques found in a paragraph: short phrases from a span-trained word lexicon,
Repetition as the phrases that recur in the article, longer techniques as the sentence the paragraph model's
n-gram weights score highest."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from presswatch.models.linear import QUOTE_MARKS

_TOKEN = re.compile(r"\w+(?:['’-]\w+)*", re.UNICODE)
_SENT_END = re.compile(r"[.!?…][\"'”’»)\]]*(\s+)(?=[\"'“‘«(\[]?[A-ZÀ-ÖØ-Þ0-9А-ЯЁ])")
# techniques whose word lexicon also feeds the paragraph classifier (short, wording-driven ones)
LEXICON_FEATURES = ("Loaded_Language", "Name_Calling-Labeling", "Repetition", "Exaggeration-Minimisation",
                    "Flag_Waving", "Slogans", "Doubt")
N_LEXICON_FEATURES = 3 * len(LEXICON_FEATURES) + 2
PHRASE_MAX_MEDIAN = 30  # techniques whose gold spans have a median below this many characters are phrases
# techniques whose mode is set here, not by their median: Conversation_Killer's median gold span sits on the line
# (29 characters as stored, 31 re-aligned to the text over the six languages), so the offset reading alone would
# move it between the token tagger and the sentence rule; it stays a phrase, as every shipped build had it
FIXED_MODES = {"Conversation_Killer": "phrase"}
REPEAT_MAX_WORDS = 6  # the longest phrase the Repetition rule looks for


def ngram_counts(text: str, most: int = REPEAT_MAX_WORDS) -> Counter[str]:
    """How often each lowercased word sequence of 1 to `most` words occurs in `text` (keys joined by spaces)."""
    words = [t for *_, t in tokens(text)]
    return Counter(" ".join(words[i:i + n]) for n in range(1, most + 1) for i in range(len(words) - n + 1))


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, lowercased word) of each word; cached, as the features and the spans both need them."""
    return tuple((m.start(), m.end(), m.group().lower()) for m in _TOKEN.finditer(text))


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph, whitespace trimmed."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _SENT_END.finditer(text):
        out.append((pos, m.start(1)))
        pos = m.end()
    out.append((pos, len(text)))
    trimmed = []
    for s, e in out:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return trimmed


def unpaired_quotes_trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """`start`, `end` moved past a quotation mark at either edge whose partner lies outside the span
    ('"They are telling lies.' -> 'They are telling lies.'), and past the spaces behind it."""
    for _ in range(2):
        inner = sum(text[i] in QUOTE_MARKS for i in range(start, end))
        if inner % 2 and start < end and text[start] in QUOTE_MARKS:
            start += 1
            while start < end and text[start].isspace():
                start += 1
        elif inner % 2 and end > start and text[end - 1] in QUOTE_MARKS:
            end -= 1
            while end > start and text[end - 1].isspace():
                end -= 1
    return start, end


def word_runs(on: np.ndarray) -> list[tuple[int, int]]:
    """(first, last) index of each run of marked words, after bridging one-word gaps ("so very stupid")."""
    on = on.copy()
    for i in range(1, len(on) - 1):
        if not on[i] and on[i - 1] and on[i + 1]:
            on[i] = True
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(on):
        if not on[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(on) and on[j + 1]:
            j += 1
        runs.append((i, j))
        i = j + 1
    return runs


def best_spans(spans: list[tuple[int, int, float]], most: int) -> list[tuple[int, int, float]]:
    """The `most` best-scored (start, end, score) spans, in text order."""
    return sorted(sorted(spans, key=lambda x: -x[2])[:most])


@dataclass
class SpanModel:
    """Per technique: "phrase" mode with a word lexicon (P(word inside a span | paragraph has it)), or "sentence"."""

    modes: dict[str, str] = field(default_factory=dict)
    lexicon: dict[str, dict[str, float]] = field(default_factory=dict)
    prior: dict[str, float] = field(default_factory=dict)
    phrase_threshold: float = 0.3
    max_phrases: int = 3  # gold paragraphs hold ~1.3 spans of a phrase technique; keep the best few
    # Repetition: a span is a phrase of the paragraph that recurs in the article, starting and ending on a content
    # word (`repeated_spans`); a one-word one needs this span-lexicon score, a longer one `repeat_phrase_score`;
    # at most `repeat_most` a paragraph; none where nothing recurs. Chosen by character F0.5 given the gold
    # paragraph labels on the newest slice and leave-one-language-out (bench/repetition_study.py)
    repeat_word_score: float = 0.3
    repeat_phrase_score: float = 0.0
    repeat_most: int = 2
    repeat_reporting: bool = False  # phrases may hold neutral reporting words ("said", "told": literal_senses.json)
    repeat_names: bool = False  # phrases of capitalised words only (names: "Vladimir Putin") may be spans

    def to_json(self) -> dict[str, object]:
        return {"modes": self.modes, "lexicon": self.lexicon, "prior": self.prior,
                "phrase_threshold": self.phrase_threshold, "max_phrases": self.max_phrases}  # the repeat_* are rules

    @classmethod
    def from_json(cls, d: dict[str, object]) -> SpanModel:
        return cls(dict(d["modes"]), {k: dict(v) for k, v in d["lexicon"].items()},  # type: ignore[union-attr]
                   dict(d["prior"]), float(d["phrase_threshold"]), int(d.get("max_phrases", 3)))  # type: ignore

    def spans(self, paragraph: str, technique: str,
              sentence_scorer: Callable[[list[str]], np.ndarray] | None = None,
              article_counts: Counter[str] | None = None, lang: str | None = None) -> list[tuple[int, int, float]]:
        """(start, end, local score) within `paragraph` for one technique the paragraph is known to hold;
        `article_counts` (`ngram_counts` of the whole article) makes Repetition's spans the phrases that recur
        (`repeated_spans`, function words of `lang` aside), and none where nothing does."""
        if technique == "Repetition" and article_counts is not None:
            return self.repeated_spans(paragraph, article_counts, lang)
        if self.modes.get(technique) == "phrase" and technique in self.lexicon:
            found = self._phrases(paragraph, technique)  # Repetition with counts returned above
            if found:
                return found
        sents = sentences(paragraph)
        if not sents:
            return []
        if len(sents) == 1 or sentence_scorer is None:
            s, e = (sents[0][0], sents[-1][1]) if sentence_scorer is None else sents[0]
        else:
            s, e = sents[int(np.argmax(sentence_scorer([paragraph[s:e] for s, e in sents])))]
        s, e = unpaired_quotes_trimmed(paragraph, s, e)
        return [(s, e, 1.0)] if e > s else []

    def repeated_spans(self, paragraph: str, counts: Counter[str], lang: str | None = None,
                       ) -> list[tuple[int, int, float]]:
        """Repetition's spans: at each word, the longest phrase (up to REPEAT_MAX_WORDS words) that occurs at least
        twice in the article (`counts`: `ngram_counts`) and starts and ends on a content word (not a function word
        of `lang`, not a number, over two letters); a one-word phrase needs the span lexicon's `repeat_word_score`,
        a longer one `repeat_phrase_score` (its best word's). The `repeat_most` best by that score (then length),
        not overlapping; none where nothing recurs."""
        from presswatch.models.techniques.literal import literal_senses
        from presswatch.models.techniques.stopwords import stop_words
        from presswatch.taxonomy import semeval_language

        toks = tokens(paragraph)
        lex, stop = self.lexicon.get("Repetition", {}), stop_words(lang)
        reporting = frozenset() if self.repeat_reporting else literal_senses().reporting.get(
            semeval_language(lang) or "en", frozenset())
        content = [len(w) > 2 and w.replace("’", "'") not in stop and not w.isdigit() for *_, w in toks]
        capital = [paragraph[s:s + 1].isupper() for s, _, _ in toks]
        words = [w for *_, w in toks]
        found: list[tuple[float, int, int, int]] = []
        for a in range(len(toks)):
            if not content[a] or counts[words[a]] < 2 or words[a] in reporting:
                continue
            b = a
            for n in range(2, REPEAT_MAX_WORDS + 1):
                if a + n > len(toks) or words[a + n - 1] in reporting or counts[" ".join(words[a:a + n])] < 2:
                    break
                if content[a + n - 1]:
                    b = a + n - 1
            score = max(lex.get(w, 0.0) for w in words[a:b + 1])
            named = all(capital[k] for k in range(a, b + 1) if content[k])
            if a < b and named and not self.repeat_names and score < self.repeat_word_score:
                continue
            if score >= (self.repeat_word_score if a == b else self.repeat_phrase_score):
                found.append((score, b - a, a, b))
        kept: list[tuple[int, int, float]] = []
        used: set[int] = set()
        for score, _n, a, b in sorted(found, key=lambda x: (-x[0], -x[1], x[2])):
            if len(kept) < self.repeat_most and not used & set(range(a, b + 1)):
                kept.append((toks[a][0], toks[b][1], score))
                used |= set(range(a, b + 1))
        return sorted(kept)

    def _phrases(self, paragraph: str, technique: str,
                 repeated: Counter[str] | None = None) -> list[tuple[int, int, float]]:
        """The lexicon's phrases; with `repeated` (article word counts) only words over three letters that recur:
        Repetition's rule before `repeated_spans`, kept as the baseline of bench/repetition_study.py."""
        lex = self.lexicon[technique]
        toks = tokens(paragraph)
        if not toks:
            return []
        p = np.array([lex.get(t, 0.0) for _, _, t in toks])
        if repeated is not None:
            p = np.where([repeated[t] >= 2 and len(t) > 3 for _, _, t in toks], np.maximum(p, 2 * self.prior.get(
                technique, 0.0)), 0.0)
        thr = self.phrase_threshold
        on = p >= thr
        if not on.any():
            best = int(np.argmax(p))
            if p[best] <= self.prior.get(technique, 0.0):
                return []
            on[best] = True
        # widen each run by neighbours at half the threshold
        out = []
        for a, b in word_runs(on):
            while a > 0 and p[a - 1] >= thr / 2 and b - a < 5:
                a -= 1
            while b + 1 < len(toks) and p[b + 1] >= thr / 2 and b - a < 5:
                b += 1
            out.append((toks[a][0], toks[b][1], float(p[a:b + 1].max())))
        return best_spans(out, self.max_phrases)


def fit_span_model(examples: Iterable[tuple[str, str, list[tuple[int, int]]]], min_count: int = 2,
                   smoothing: float = 1.0, phrase_threshold: float = 0.3) -> SpanModel:
    """Learn from (paragraph text, technique, gold spans within the paragraph) triples."""
    lengths: dict[str, list[int]] = defaultdict(list)
    inside: dict[str, Counter[str]] = defaultdict(Counter)
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for text, tech, spans in examples:
        for s, e in spans:
            lengths[tech].append(e - s)
        for s, e, t in tokens(text):
            seen[tech][t] += 1
            if any(s < ge and e > gs for gs, ge in spans):
                inside[tech][t] += 1
    model = SpanModel(phrase_threshold=phrase_threshold)
    for tech, ls in lengths.items():
        model.modes[tech] = FIXED_MODES.get(tech) or ("phrase" if float(np.median(ls)) < PHRASE_MAX_MEDIAN
                                                      else "sentence")
        tot_in, tot = sum(inside[tech].values()), sum(seen[tech].values())
        prior = tot_in / max(tot, 1)
        model.prior[tech] = round(prior, 4)
        if model.modes[tech] == "phrase" or tech in LEXICON_FEATURES:
            model.lexicon[tech] = {
                w: round((inside[tech][w] + smoothing * prior) / (c + smoothing), 3)
                for w, c in seen[tech].items()
                if c >= min_count and inside[tech][w] / c > prior
            }
    return model


def lexicon_features(model: SpanModel, paragraphs: list[str], counts: Counter[str] | None = None) -> np.ndarray:
    """Per paragraph: for each of LEXICON_FEATURES, the top word score, the mean of the top three and the share
    of words above the phrase threshold; then how many of its words repeat in the article (`counts`)."""
    out = np.zeros((len(paragraphs), N_LEXICON_FEATURES), dtype=np.float32)
    for i, p in enumerate(paragraphs):
        toks = [t for *_, t in tokens(p)]
        if not toks:
            continue
        thr = model.phrase_threshold
        row = []
        for tech in LEXICON_FEATURES:
            lex = model.lexicon.get(tech, {})
            v = sorted((lex.get(t, 0.0) for t in toks), reverse=True)
            row += [v[0], sum(v[:3]) / len(v[:3]), sum(x >= thr for x in v) / len(v)]
        if counts is not None:
            rep = [counts[t] for t in toks if len(t) > 3]
            row += [sum(c >= 2 for c in rep) / len(toks), float(np.log1p(max(rep, default=1) - 1) / 3.0)]
        else:
            row += [0.0, 0.0]
        out[i] = row
    return out
