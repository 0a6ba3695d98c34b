"""Paragraph features for the technique model: MiniLM context blocks, surface cues and TF-IDF n-grams.

The lexical vectorizers are stored as plain JSON vocabularies plus idf arrays (no pickles); a loaded model
transforms with `FixedTfidf`, the same matrices as scikit-learn's `TfidfVectorizer` without importing it.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Any

import numpy as np
from scipy import sparse

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import TfidfVectorizer

_WORD = re.compile(r"\w+", re.UNICODE)
N_SURFACE = 10
WORD_CACHE = 50_000  # distinct words whose char n-gram ids `FixedTfidf` keeps (about 10 MB when full)


def context_block(emb: np.ndarray) -> np.ndarray:
    """Per paragraph: own embedding, mean of neighbours, title (first paragraph) and article mean."""
    n = emb.shape[0]
    if n == 0:
        return np.zeros((0, emb.shape[1] * 4 if emb.ndim == 2 else 0), dtype=np.float32)
    prev = np.vstack([np.zeros((1, emb.shape[1]), np.float32), emb[:-1]])
    nxt = np.vstack([emb[1:], np.zeros((1, emb.shape[1]), np.float32)])
    cnt = np.full((n, 1), 2.0, np.float32)
    cnt[0] -= 1
    cnt[-1] -= 1
    neigh = (prev + nxt) / np.maximum(cnt, 1.0)
    title = np.repeat(emb[:1], n, axis=0)
    mean = np.repeat(emb.mean(axis=0, keepdims=True), n, axis=0)
    return np.hstack([emb, neigh, title, mean]).astype(np.float32)


def surface_block(paragraphs: list[str]) -> np.ndarray:
    """Cheap cues: position, length, quotes, punctuation, shouting, numbers."""
    n = len(paragraphs)
    out = np.zeros((n, N_SURFACE), dtype=np.float32)
    for i, p in enumerate(paragraphs):
        words = _WORD.findall(p)
        nw = max(len(words), 1)
        out[i] = (
            i / max(n - 1, 1),
            float(i == 0),
            np.log1p(len(words)) / 5.0,
            min(sum(p.count(q) for q in "\"“”«»„") / 4.0, 1.0),
            min(p.count("!") / 2.0, 1.0),
            min(p.count("?") / 2.0, 1.0),
            sum(w.isupper() and len(w) > 1 for w in words) / nw * 5.0,
            sum(any(c.isdigit() for c in w) for w in words) / nw * 5.0,
            min(len(re.findall(r"[.!?](\s|$)", p)) / 5.0, 1.0),
            float(len(words) <= 12),
        )
    return out


def make_vectorizers(max_word: int, max_char: int) -> list[TfidfVectorizer]:
    """Word 1-2-grams, plus character 3-5-grams when `max_char` (slower: ~1 ms a paragraph)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    out = [TfidfVectorizer(analyzer="word", ngram_range=(1, 2), min_df=2, max_features=max_word, sublinear_tf=True,
                           lowercase=True, token_pattern=r"(?u)\b\w+\b", dtype=np.float32)]
    if max_char:
        out.append(TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=3, max_features=max_char,
                                   sublinear_tf=True, lowercase=True, dtype=np.float32))
    return out


def lexical(vectorizers: list[Any], texts: list[str]) -> sparse.csr_matrix:
    """TF-IDF rows of every vectorizer side by side, each block L2-normalised, scaled to unit total."""
    blocks = [v.transform(texts) for v in vectorizers]
    return sparse.hstack(blocks, format="csr", dtype=np.float32) * (1.0 / np.sqrt(len(blocks)))


def vectorizer_state(v: TfidfVectorizer) -> dict[str, Any]:
    """What is needed to rebuild a fitted vectorizer: params, vocabulary (by index) and idf."""
    vocab = sorted(v.vocabulary_, key=v.vocabulary_.__getitem__)
    return {"analyzer": v.analyzer, "ngram_range": list(v.ngram_range), "vocab": vocab,
            "token_pattern": v.token_pattern}


class FixedTfidf:
    """`transform` of a `TfidfVectorizer` (scikit-learn 1.9) fitted with a fixed vocabulary, lowercase, no accent
    stripping or stop words, sublinear tf, the given idf, l2 norm, float32: equal indices, indptr and data bit for
    bit (`bench/sklearn_free_check.py` on every training paragraph). Char n-grams are counted once per distinct
    word of a text and kept for the next texts (a word's `char_wb` n-grams do not depend on its neighbours)."""

    def __init__(self, analyzer: str, ngram_range: tuple[int, int], token_pattern: str | None,
                 vocab: list[str], idf: np.ndarray) -> None:
        if analyzer not in ("word", "char_wb"):
            raise ValueError(f"unsupported TF-IDF analyzer {analyzer!r}")
        self.analyzer = analyzer
        self.ngram_range = ngram_range
        self.token_pattern = token_pattern
        self.vocabulary_ = {t: i for i, t in enumerate(vocab)}
        self.idf_ = np.asarray(idf, dtype=np.float64)
        self._tokens = re.compile(token_pattern or r"(?u)\b\w\w+\b").findall
        self._word_ids: dict[str, list[int]] = {}  # word -> its char n-grams' ids, across calls

    def _word_grams(self, doc: str) -> list[str]:
        toks = self._tokens(doc.lower())
        lo, hi = self.ngram_range
        out = list(toks) if lo == 1 else []
        for n in range(max(lo, 2), min(hi + 1, len(toks) + 1)):
            out += [" ".join(toks[i:i + n]) for i in range(len(toks) - n + 1)]
        return out

    def _char_ids(self, word: str, vocab: dict[str, int]) -> list[int]:
        """Vocabulary ids of the `char_wb` n-grams of one word, with repeats, as scikit-learn lists them."""
        w = " " + word + " "
        size = len(w)
        out: list[int] = []
        lo, hi = self.ngram_range
        for n in range(lo, hi + 1):
            grams = [w[:n]] + [w[k:k + n] for k in range(1, size - n + 1)]
            out += [i for i in map(vocab.get, grams) if i is not None]
            if size <= n:  # a short word is counted once
                break
        return out

    def _ids(self, doc: str) -> list[int]:
        """Vocabulary ids of the n-grams of `doc`, with repeats (their order aside, scikit-learn's)."""
        vocab = self.vocabulary_
        if self.analyzer == "word":
            return [i for i in map(vocab.get, self._word_grams(doc)) if i is not None]
        cache = self._word_ids
        if len(cache) > WORD_CACHE:
            cache.clear()
        out: list[int] = []
        for word, times in Counter(doc.lower().split()).items():
            ids = cache.get(word)
            if ids is None:
                ids = cache[word] = self._char_ids(word, vocab)
            out += ids * times
        return out

    def transform(self, texts: list[str]) -> sparse.csr_matrix:
        width = len(self.vocabulary_)
        keys = np.concatenate([np.zeros(0, np.int64)] + [np.array(self._ids(doc), dtype=np.int64) + r * width
                                                          for r, doc in enumerate(texts)])
        cells, counts = np.unique(keys, return_counts=True)  # sorted: by row, then column
        indptr = np.searchsorted(cells, np.arange(len(texts) + 1, dtype=np.int64) * width).astype(np.int32)
        x = sparse.csr_matrix((counts.astype(np.float32), (cells % max(width, 1)).astype(np.int32), indptr),
                              shape=(len(texts), width))
        data = x.data
        np.log(data, data)
        data += 1.0
        data *= self.idf_[x.indices]
        for r in range(len(texts)):  # scikit-learn's l2 rows: float32 squares summed in order in float64
            a, b = x.indptr[r], x.indptr[r + 1]
            if a == b:
                continue
            row = data[a:b]
            total = np.cumsum(row * row, dtype=np.float64)[-1]
            if total == 0.0:
                continue
            data[a:b] = row / np.sqrt(total)
        return x


def vectorizer_from_state(state: dict[str, Any], idf: np.ndarray) -> FixedTfidf:
    return FixedTfidf(state["analyzer"], tuple(state["ngram_range"]), state["token_pattern"], state["vocab"], idf)


def sklearn_vectorizer_from_state(state: dict[str, Any], idf: np.ndarray) -> TfidfVectorizer:
    """The scikit-learn vectorizer `vectorizer_from_state` stands in for (the reference of the identity check)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    v = TfidfVectorizer(analyzer=state["analyzer"], ngram_range=tuple(state["ngram_range"]), sublinear_tf=True,
                        lowercase=True, token_pattern=state["token_pattern"], dtype=np.float32,
                        vocabulary={t: i for i, t in enumerate(state["vocab"])})
    v.fit(["x"])  # sets up the fixed vocabulary; idf is replaced below
    v.idf_ = idf.astype(np.float64)
    return v


def score_context(scores: np.ndarray, groups: np.ndarray | None = None) -> np.ndarray:
    """Per row: its own n-gram scores, the mean of its neighbours' and its article's mean (techniques cluster
    by article). `groups` gives each row's article (rows of one article consecutive, in line order)."""
    n = scores.shape[0]
    if groups is None:
        groups = np.zeros(n, dtype=int)
    out = np.zeros((n, scores.shape[1] * 3), dtype=np.float32)
    start = 0
    while start < n:
        end = start
        while end < n and groups[end] == groups[start]:
            end += 1
        block = scores[start:end]
        m = end - start
        prev = np.vstack([np.zeros((1, block.shape[1])), block[:-1]])
        nxt = np.vstack([block[1:], np.zeros((1, block.shape[1]))])
        cnt = np.full((m, 1), 2.0)
        cnt[0] -= 1
        cnt[-1] -= 1
        out[start:end] = np.hstack([block, (prev + nxt) / np.maximum(cnt, 1.0),
                                    np.repeat(block.mean(axis=0, keepdims=True), m, axis=0)])
        start = end
    return out
