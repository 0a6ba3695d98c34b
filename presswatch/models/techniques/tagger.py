"""Token tagger for the spans of short, wording-driven techniques (loaded language, name calling...).

Inside a paragraph already known to hold a technique, each word gets P(word lies inside a span of it) from a
logistic regression over hashed features: the word, its neighbours, the word bigrams around it, the span lexicon's
score of it and of its neighbours, capitals and whether it sits inside quotation marks, each crossed with the
technique. Runs of words above `threshold` become spans, widened within their sentence over neighbours scoring
half of it (or that the span lexicon scores high: "telling lies"), and trimmed at their edges of the function words
of the article's language (`stopwords.py`) and, for name calling and loaded language, of the words of people's and
places' names (NER mentions): "Владимир Зеленский" alone is no label, and of words in a literal sense (`literal.py`:
numbers, neutral reporting words, a verb whose direct object lies outside the span). A common word of the language
alone is no span unless the span lexicon supports it (`common_words.py`: «Ранее», «façon»). Where no word reaches the
threshold the tagger abstains rather than show its best weak word, and a paragraph's further spans need half its
best one's score. The decoding was chosen on the newest slice of six languages by end-to-end F0.5 (precision
weighted twice) with `python bench/span_study.py --split newest --end-to-end CACHE` and `bench/literal_study.py`;
see docs/BENCHMARKS_persuasion.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy import sparse

from presswatch.models.linear import QUOTE_MARKS
from presswatch.models.techniques.common_words import CommonWords, common_words
from presswatch.models.techniques.literal import LiteralSenses, literal_senses
from presswatch.models.techniques.spans import SpanModel, best_spans, tokens, word_runs
from presswatch.models.techniques.stopwords import stop_words

N_HASH = 2 ** 20
Example = tuple[str, str, list[tuple[int, int]]]  # paragraph text, technique, gold spans within it
# Repetition keeps the span model's rule: its spans are the paragraph's words repeated elsewhere in the article,
# which a paragraph-local tagger cannot see
UNTAGGED = frozenset({"Repetition"})
_SENT_MARK = re.compile(r"[.!?…;]")
# techniques whose spans neither start nor end on the name of a person or place (an NER mention of NAME_LABELS),
# nor consist of one: "Владимир Зеленский" alone is no label, "хунта Зеленского клоуна" keeps the name inside
NAME_BLIND = frozenset({"Name_Calling-Labeling", "Loaded_Language"})
NAME_LABELS = frozenset({"PERSON", "GPE", "LOC"})


def name_mask(toks: Sequence[tuple[int, int, str]], names: Sequence[tuple[int, int]]) -> np.ndarray:
    """Which words lie inside one of the (start, end) `names`."""
    return np.array([any(ns <= s and e <= ne for ns, ne in names) for s, e, _ in toks], dtype=bool)


def _split(run: tuple[int, int], joined: Sequence[bool]) -> list[tuple[int, int]]:
    """A run of words (first, last) cut at the sentence ends inside it."""
    a, b = run
    out = []
    for k in range(a, b):
        if not joined[k]:
            out.append((a, k))
            a = k + 1
    return [*out, (a, b)]


def tagged_techniques(span_model: SpanModel) -> list[str]:
    """The techniques the tagger serves: the phrase-mode ones of `span_model`, Repetition aside."""
    return sorted(t for t, mode in span_model.modes.items() if mode == "phrase" and t not in UNTAGGED)


def token_features(text: str, technique: str, lexicon: dict[str, float]) -> list[dict[str, float]]:
    """One feature dict per word of `text` (aligned with `tokens(text)`)."""
    toks = tokens(text)
    quotes = [i for i, c in enumerate(text) if c in QUOTE_MARKS]
    out: list[dict[str, float]] = []
    t = technique
    for k, (s, _e, w) in enumerate(toks):
        prev = toks[k - 1][2] if k else "<s>"
        nxt = toks[k + 1][2] if k + 1 < len(toks) else "</s>"
        score = lexicon.get(w, 0.0)
        inside_quote = sum(1 for q in quotes if q < s) % 2
        out.append({f"w={w}": 1.0, f"{t}|w={w}": 1.0, f"{t}|wn={w}_{nxt}": 1.0, f"{t}|pw={prev}_{w}": 1.0,
                    f"{t}|prev={prev}": 1.0, f"{t}|next={nxt}": 1.0, f"{t}|lex": score,
                    f"{t}|lexb={int(score * 10)}": 1.0, f"{t}|plex": lexicon.get(prev, 0.0),
                    f"{t}|nlex": lexicon.get(nxt, 0.0), f"{t}|cap={text[s:s + 1].isupper()}": 1.0,
                    f"{t}|quote={inside_quote}": 1.0, f"{t}|long={len(w) > 3}": 1.0, f"{t}|bias": 1.0})
    return out


@lru_cache(maxsize=1)
def _hasher() -> object:
    """scikit-learn's FeatureHasher (training); prediction uses `hashed`, the same matrix without the import."""
    from sklearn.feature_extraction import FeatureHasher

    return FeatureHasher(N_HASH, input_type="dict")


def hashed(feats: Sequence[dict[str, float]]) -> sparse.csr_matrix:
    """`FeatureHasher(N_HASH, input_type="dict").transform(feats)` of scikit-learn 1.9 (signed MurmurHash3 of
    the UTF-8 name, seed 0, alternate sign, zero values skipped, duplicates summed), with the `murmurhash` package
    that spaCy depends on: equal indices, indptr and float64 values on the training paragraphs
    (`bench/sklearn_free_check.py`), so loading the tagger needs no scikit-learn."""
    from murmurhash.mrmr import hash as murmur

    indices: list[int] = []
    values: list[float] = []
    indptr = [0]
    for feat in feats:
        for name, value in feat.items():
            if value == 0:
                continue
            h = murmur(name)
            indices.append((2147483647 - (N_HASH - 1)) % N_HASH if h == -2147483648 else abs(h) % N_HASH)
            values.append(value if h >= 0 else -value)
        indptr.append(len(indices))
    x = sparse.csr_matrix((np.array(values, dtype=np.float64), np.array(indices, dtype=np.int32),
                           np.array(indptr, dtype=np.int32)), shape=(len(feats), N_HASH))
    x.sum_duplicates()
    return x


@dataclass
class SpanTagger:
    """Hashed logistic weights (`coef`, N_HASH) and the decision rule."""

    coef: np.ndarray
    intercept: float
    techniques: list[str]
    threshold: float = 0.25
    # where no word reaches the threshold, the best word is a span if it scores `floor`; at the threshold (as
    # shipped) the tagger abstains: on the newest slice those best words were 25% right, the spans 30%
    floor: float = 0.25
    max_phrases: int = 3
    # extend, trim_stop: chosen on the newest-slice split (bench/span_study.py --split newest), the best character F1
    # whose precision stays within 0.01 of the rule without widening or trimming; lex_extend, ratio and floor: the
    # best end-to-end F0.5 there (`--end-to-end`)
    extend: float = 0.125  # neighbours scoring at least this join a run (0: none)
    trim_stop: bool = True  # spans neither start nor end on a function word (`function_words`), nor consist of them
    max_words: int = 8  # widening stops at this many words
    lex_extend: float = 0.4  # neighbours the span lexicon scores at least this high join a run too (0: none)
    ratio: float = 0.5  # a paragraph's further spans score at least this share of its best span (0: any)
    # words in a literal sense (literal.py: numbers, neutral reporting words, a verb with a direct object) are
    # treated like function words for the techniques the rules list; chosen with bench/literal_study.py
    literal: bool = True
    senses: LiteralSenses | None = None  # the rules; None: the shipped `literal_senses.json`
    # a span of one common word of the language alone needs the span lexicon's support (common_words.py: «Ранее»,
    # «façon», «ordre» are no spans by themselves); chosen with bench/lone_word_study.py
    lone_evidence: bool = True
    common: CommonWords | None = None  # the lists; None: the shipped `common_words.json`

    def __post_init__(self) -> None:
        self.coef = np.asarray(self.coef, dtype=np.float32)  # once, not per paragraph

    def probabilities(self, text: str, technique: str, lexicon: dict[str, float]) -> np.ndarray:
        feats = token_features(text, technique, lexicon)
        if not feats:
            return np.zeros(0)
        x = hashed(feats)
        z = x @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-np.asarray(z).ravel()))

    def spans(self, text: str, technique: str, lexicon: dict[str, float], lang: str | None = None,
              names: Sequence[tuple[int, int]] = (),
              verbs: Sequence[tuple[int, int, int, int]] = (),
              p: np.ndarray | None = None) -> list[tuple[int, int, float]]:
        """(start, end, score) within `text`: the best few runs of words above the threshold. `names`: the
        (start, end) within `text` of the NER mentions of people and places, which a span of a NAME_BLIND
        technique neither starts nor ends on; the words of a literal sense (`literal.py`) are treated alike.
        `verbs`: (start, end, object start, object end) of the verbs with a direct object (a parse's); a span
        holding such a verb but not its object is cut off it ("striking civilian" of "striking civilian targets";
        "telling lies" holds its object and stays). `p`: the words' probabilities, where already known."""
        toks = tokens(text)
        if not toks:
            return []
        lex = np.array([lexicon.get(w, 0.0) for *_, w in toks])
        blind = (name_mask(toks, names) if technique in NAME_BLIND and names else None)
        senses = self.senses or literal_senses()
        literal = senses.mask(toks, lang, technique) if self.literal else None
        if literal is not None:
            blind = literal if blind is None else blind | literal
        p = self.probabilities(text, technique, lexicon) if p is None else p
        stop = self.function_words(lang, lexicon)
        lone = self.lone_words(toks, lex, lang)
        found = self.decode(toks, p, stop, text, lex, blind, lone)
        if not (verbs and found and self.parses(technique, lang)):
            return found
        content = np.array([w not in stop for *_, w in toks]) if self.trim_stop else np.ones(len(toks), bool)
        if blind is not None:
            content &= ~blind
        out = []
        for s, e, _score in found:
            cut = content & ~senses.object_verbs(toks, verbs, s, e, lang)
            idx = [k for k, (ts, te, _) in enumerate(toks) if s <= ts and te <= e and cut[k]]
            if idx and not (lone is not None and idx[0] == idx[-1] and lone[idx[0]]):
                a, b = idx[0], idx[-1]
                out.append((toks[a][0], toks[b][1], float(p[a:b + 1].max())))
        top = max((x[2] for x in out), default=0.0)
        return [x for x in out if x[2] >= self.ratio * top]  # the further-span rule, on the spans that are left

    def parses(self, technique: str, lang: str | None) -> bool:
        """Whether spans of `technique` in `lang` read a parse (the verbs with a direct object)."""
        senses = self.senses or literal_senses()
        return self.literal and technique in senses.techniques and senses.parses(lang)

    def function_words(self, lang: str | None, lexicon: dict[str, float]) -> frozenset[str]:
        """The stop words of `lang` less those the technique's span lexicon scores at the threshold or above
        (intensifiers like "very" or "never" are stop words, yet carry exaggeration)."""
        return frozenset(w for w in stop_words(lang) if lexicon.get(w, 0.0) < self.threshold)

    def lone_words(self, toks: Sequence[tuple[int, int, str]], lex: np.ndarray, lang: str | None) -> np.ndarray | None:
        """Which words may not make a span alone (`common_words.py`: common in `lang`, little span-lexicon
        support), or None where the rule is off or no word is such."""
        if not self.lone_evidence:
            return None
        common = self.common or common_words()
        out = np.array([common.unsupported(w, float(x), lang) for (*_, w), x in zip(toks, lex, strict=True)],
                       dtype=bool)
        return out if out.any() else None

    def decode(self, toks: Sequence[tuple[int, int, str]], p: np.ndarray, stop: frozenset[str] = frozenset(),
               text: str = "", lex: np.ndarray | None = None,
               names: np.ndarray | None = None, lone: np.ndarray | None = None) -> list[tuple[int, int, float]]:
        """Spans from word probabilities `p`: runs above the threshold (or the best word, if it reaches the
        floor), never across a sentence end of `text` (the words' source); each widened over neighbours scoring
        at least `extend`, or whose span-lexicon score `lex` reaches `lex_extend` (a phrase whole, not its first
        word), then trimmed of the `stop` words and the words of a name (`names`, a mask over the words) at its
        edges: a span neither starts nor ends on them, nor consists of them. A paragraph's further spans need
        `ratio` times the score of its best one. `lone` (a mask over the words): words that make no span alone."""
        content = np.array([w not in stop for *_, w in toks]) if self.trim_stop else np.ones(len(toks), bool)
        if names is not None:
            content &= ~names
        on = (p >= self.threshold) & content
        if not on.any():
            scored = np.where(content, p, -1.0)
            best = int(np.argmax(scored))
            if scored[best] < self.floor or scored[best] < 0:
                return []
            on[best] = True
        # `joined[k]`: word k and k + 1 share a sentence; neither runs nor widening cross a sentence end
        joined = [not _SENT_MARK.search(text[e:s]) for (_, e, _), (s, _, _) in zip(toks, toks[1:], strict=False)]
        near = p >= self.extend if self.extend > 0 else np.zeros(len(toks), bool)
        if self.lex_extend > 0 and lex is not None:
            near |= lex >= self.lex_extend
        runs: list[tuple[int, int]] = []
        for a, b in (r for run in word_runs(on) for r in _split(run, joined)):
            while a > 0 and joined[a - 1] and near[a - 1] and b - a + 1 < self.max_words:
                a -= 1
            while b + 1 < len(toks) and joined[b] and near[b + 1] and b - a + 1 < self.max_words:
                b += 1
            while a < b and not content[a]:
                a += 1
            while b > a and not content[b]:
                b -= 1
            if not content[a]:
                continue
            if runs and a <= runs[-1][1]:  # widened into the previous run: one span
                pa, pb = runs.pop()
                a, b = pa, max(b, pb)
            runs.append((a, b))
        if lone is not None:
            runs = [(a, b) for a, b in runs if a < b or not lone[a]]
        found = [(toks[a][0], toks[b][1], float(p[a:b + 1].max())) for a, b in runs]
        if found and self.ratio > 0:
            top = max(x[2] for x in found)
            found = [x for x in found if x[2] >= self.ratio * top]
        return best_spans(found, self.max_phrases)

    def arrays(self) -> dict[str, np.ndarray]:
        return {"tagger_coef": self.coef.astype(np.float16), "tagger_intercept": np.array([self.intercept])}

    def to_json(self) -> dict[str, object]:
        return {"techniques": self.techniques, "threshold": self.threshold, "floor": self.floor,
                "max_phrases": self.max_phrases, "extend": self.extend, "trim_stop": self.trim_stop,
                "max_words": self.max_words, "lex_extend": self.lex_extend, "ratio": self.ratio,
                "literal": self.literal, "n_hash": N_HASH}

    @classmethod
    def load(cls, meta: dict[str, object], arrays: dict[str, np.ndarray]) -> SpanTagger:
        if int(meta.get("n_hash", 0)) != N_HASH:  # type: ignore[call-overload]
            raise ValueError(f"span tagger hashed into {meta.get('n_hash')} features, expected {N_HASH}")
        return cls(arrays["tagger_coef"].astype(np.float32), float(arrays["tagger_intercept"][0]),
                   list(meta["techniques"]), float(meta["threshold"]), float(meta["floor"]),  # type: ignore
                   int(meta["max_phrases"]), float(meta.get("extend", 0.0)),  # type: ignore[call-overload]
                   bool(meta.get("trim_stop", False)), int(meta.get("max_words", 8)),  # type: ignore[call-overload]
                   float(meta.get("lex_extend", 0.0)), float(meta.get("ratio", 0.0)),  # type: ignore[arg-type]
                   bool(meta.get("literal", True)))


def fit_span_tagger(examples: Iterable[Example], lexicons: dict[str, dict[str, float]],
                    techniques: Sequence[str], seed: int = 0, c: float = 1.0) -> SpanTagger | None:
    """Fit on the words of every example of `techniques`: 1 inside a gold span, 0 outside. None without both."""
    from sklearn.linear_model import LogisticRegression

    wanted = set(techniques)
    feats: list[dict[str, float]] = []
    y: list[bool] = []
    for text, tech, spans in examples:
        if tech not in wanted:
            continue
        feats += token_features(text, tech, lexicons.get(tech, {}))
        y += [any(s < ge and e > gs for gs, ge in spans) for s, e, _ in tokens(text)]
    if len(set(y)) < 2:
        return None
    x = _hasher().transform(feats)  # type: ignore[attr-defined]
    clf = LogisticRegression(C=c, max_iter=2000, random_state=seed).fit(x, np.array(y))
    return SpanTagger(clf.coef_[0].astype(np.float32), float(clf.intercept_[0]), sorted(wanted))
