"""Deterministic train/test splits of the SemEval training articles: random folds and two shift splits.

* `random`: k folds within each language (seeded shuffle), fold i of every language tested together; the training
  side holds the other folds of all six languages. Random folds reward fitting the training mix.
* `lolo` (leave one language out): train on five languages, test on the sixth, once per language.
* `newest`: per language, the newest `NEWEST_SHARE` of articles by numeric article id (ids grow with collection
  time) is tested; the training side is the older rest of all six languages. One split.

Models are chosen on the two shift splits; random folds are reported beside them, never alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from presswatch.evaluation.semeval import SemEvalArticle

SCHEMES = ("random", "lolo", "newest")
NEWEST_SHARE = 0.25
FOLDS = 5


@dataclass(frozen=True)
class Split:
    """One train/test partition: indices into the article list."""

    scheme: str
    name: str
    train: tuple[int, ...]
    test: tuple[int, ...]


def _by_language(articles: Sequence[SemEvalArticle]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for i, a in enumerate(articles):
        out.setdefault(a.lang, []).append(i)
    return out


def _article_order(a: SemEvalArticle) -> tuple[int, str]:
    return (int(a.id), a.id) if a.id.isdigit() else (0, a.id)


def random_folds(articles: Sequence[SemEvalArticle], folds: int = FOLDS, seed: int = 0) -> list[Split]:
    """`folds` seeded folds inside each language; split i tests fold i of every language."""
    rng = np.random.default_rng(seed)
    fold_of = np.zeros(len(articles), dtype=int)
    for _lang, idx in sorted(_by_language(articles).items()):
        order = sorted(idx, key=lambda i: _article_order(articles[i]))  # independent of the input order
        perm = rng.permutation(len(order))
        for rank, j in enumerate(perm):
            fold_of[order[j]] = rank % folds
    return [Split("random", f"fold {k + 1}/{folds}", tuple(np.flatnonzero(fold_of != k).tolist()),
                  tuple(np.flatnonzero(fold_of == k).tolist())) for k in range(folds) if (fold_of == k).any()]


def leave_one_language_out(articles: Sequence[SemEvalArticle]) -> list[Split]:
    """One split per language: test on it, train on all the others."""
    groups = _by_language(articles)
    everything = set(range(len(articles)))
    return [Split("lolo", f"without {lang}", tuple(sorted(everything - set(idx))), tuple(idx))
            for lang, idx in sorted(groups.items()) if len(groups) > 1]


def newest_slice(articles: Sequence[SemEvalArticle], share: float = NEWEST_SHARE) -> list[Split]:
    """Test on the newest `share` of each language (largest article ids), train on the older rest."""
    test: list[int] = []
    for _lang, idx in sorted(_by_language(articles).items()):
        order = sorted(idx, key=lambda i: _article_order(articles[i]))
        k = int(round(len(order) * share))
        test += order[len(order) - k:] if k else []
    held = set(test)
    return [Split("newest", f"newest {share:.0%}", tuple(i for i in range(len(articles)) if i not in held),
                  tuple(sorted(test)))]


def make_splits(articles: Sequence[SemEvalArticle], scheme: str, folds: int = FOLDS, seed: int = 0) -> list[Split]:
    """The splits of `scheme` (one of `SCHEMES`)."""
    if scheme == "random":
        return random_folds(articles, folds, seed)
    if scheme == "lolo":
        return leave_one_language_out(articles)
    if scheme == "newest":
        return newest_slice(articles)
    raise ValueError(f"unknown split scheme {scheme!r} (known: {', '.join(SCHEMES)})")
