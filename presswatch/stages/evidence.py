"""Evidence for article-level labels (frames, genre): the paragraphs that push a linear head toward a label."""

from __future__ import annotations

import numpy as np

from presswatch.article import Article

EXCERPT_CHARS = 90


def paragraph_numbers_and_texts(article: Article) -> tuple[list[int], list[str]]:
    """1-based line numbers and texts of the article's paragraphs."""
    paras = article.paragraphs()
    return [n for n, _ in paras], [article.text[s.start:s.end] for _, s in paras]


def top_paragraphs(contribution: np.ndarray, numbers: list[int], k: int = 2) -> list[int]:
    """The (at most `k`) paragraphs with the largest positive contribution, strongest first."""
    order = np.argsort(-contribution, kind="stable")[:k]
    return [numbers[i] for i in order if contribution[i] > 0]


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The start of `text`, cut at a word boundary, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def paragraph_evidence(paragraphs: list[int], numbers: list[int], texts: list[str]) -> list[str]:
    """`¶N: "excerpt"` for each paragraph number."""
    by_number = dict(zip(numbers, texts, strict=True))
    return [f'¶{n}: "{excerpt(by_number[n])}"' for n in paragraphs]
