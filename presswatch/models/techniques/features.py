"""Paragraph features for the technique model: MiniLM context blocks, surface cues and TF-IDF n-grams.

The lexical vectorizers are stored as plain JSON vocabularies plus idf arrays (no pickles).
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

_WORD = re.compile(r"\w+", re.UNICODE)
N_SURFACE = 10


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
    out = [TfidfVectorizer(analyzer="word", ngram_range=(1, 2), min_df=2, max_features=max_word, sublinear_tf=True,
                           lowercase=True, token_pattern=r"(?u)\b\w+\b", dtype=np.float32)]
    if max_char:
        out.append(TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=3, max_features=max_char,
                                   sublinear_tf=True, lowercase=True, dtype=np.float32))
    return out


def lexical(vectorizers: list[TfidfVectorizer], texts: list[str]) -> sparse.csr_matrix:
    """TF-IDF rows of every vectorizer side by side, each block L2-normalised, scaled to unit total."""
    blocks = [v.transform(texts) for v in vectorizers]
    return sparse.hstack(blocks, format="csr", dtype=np.float32) * (1.0 / np.sqrt(len(blocks)))


def vectorizer_state(v: TfidfVectorizer) -> dict[str, Any]:
    """What is needed to rebuild a fitted vectorizer: params, vocabulary (by index) and idf."""
    vocab = sorted(v.vocabulary_, key=v.vocabulary_.__getitem__)
    return {"analyzer": v.analyzer, "ngram_range": list(v.ngram_range), "vocab": vocab,
            "token_pattern": v.token_pattern}


def vectorizer_from_state(state: dict[str, Any], idf: np.ndarray) -> TfidfVectorizer:
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
