"""TF-IDF + logistic-regression baseline for the three SemEval subtasks (evaluation only, never shipped)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from presswatch.article import paragraphs
from presswatch.evaluation.semeval import SemEvalArticle
from presswatch.taxonomy import FRAMES, GENRES, TECHNIQUES


def _vectorizer() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=50000, sublinear_tf=True,
                           token_pattern=r"(?u)\b\w+\b", dtype=np.float32)


def _lr(seed: int, solver: str = "liblinear") -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=10.0, max_iter=2000, class_weight="balanced", solver=solver, random_state=seed)


def _lines(text: str) -> dict[int, str]:
    return {n: text[s.start:s.end] for n, s in paragraphs(text)}


@dataclass
class _OneVsRest:
    """Independent binary heads over one TF-IDF space; a label with no positive example is never predicted."""

    labels: Sequence[str]
    seed: int
    heads: dict[str, Any] = field(default_factory=dict)

    def fit(self, x: Any, targets: Sequence[Sequence[str]]) -> _OneVsRest:
        for label in self.labels:
            y = np.array([label in t for t in targets], dtype=int)
            if 0 < y.sum() < len(y):
                self.heads[label] = _lr(self.seed).fit(x, y)
        return self

    def predict(self, x: Any) -> list[list[str]]:
        out: list[list[str]] = [[] for _ in range(x.shape[0])]
        for label, head in self.heads.items():
            for i in np.flatnonzero(head.predict_proba(x)[:, 1] >= 0.5):
                out[i].append(label)
        return out


@dataclass
class TfidfBaseline:
    """Word 1-2-gram TF-IDF, balanced logistic regression, threshold 0.5; genre/frames per article,
    techniques per paragraph."""

    seed: int = 0

    def fit(self, articles: Sequence[SemEvalArticle], subtasks: Sequence[str] = ("genre", "frames", "techniques")
            ) -> TfidfBaseline:
        """Fit the heads of `subtasks` (the techniques head is by far the slowest)."""
        if "genre" in subtasks:
            self._fit_genre(articles)
        if "frames" in subtasks:
            self._fit_frames(articles)
        if "techniques" in subtasks:
            self._fit_techniques(articles)
        return self

    def _fit_genre(self, articles: Sequence[SemEvalArticle]) -> None:
        g = [a for a in articles if a.genre in GENRES]
        self.genre_vec = _vectorizer().fit([a.text for a in g])
        self.genre_clf = _lr(self.seed, "lbfgs").fit(self.genre_vec.transform([a.text for a in g]),
                                                     [a.genre for a in g])

    def _fit_frames(self, articles: Sequence[SemEvalArticle]) -> None:
        f = [a for a in articles if a.frames]
        self.frames_vec = _vectorizer().fit([a.text for a in f])
        self.frames_clf = _OneVsRest(FRAMES, self.seed).fit(self.frames_vec.transform([a.text for a in f]),
                                                            [a.frames for a in f])

    def _fit_techniques(self, articles: Sequence[SemEvalArticle]) -> None:
        paras, targets = [], []
        for a in articles:
            lines = _lines(a.text)
            for n, labels in a.paragraph_labels.items():
                if n in lines:
                    paras.append(lines[n])
                    targets.append(labels)
        self.tech_vec = _vectorizer().fit(paras)
        self.tech_clf = _OneVsRest(TECHNIQUES, self.seed).fit(self.tech_vec.transform(paras), targets)

    def predict_genre(self, articles: Sequence[SemEvalArticle]) -> dict[str, str]:
        pred = self.genre_clf.predict(self.genre_vec.transform([a.text for a in articles]))
        return {a.id: str(p) for a, p in zip(articles, pred, strict=True)}

    def predict_frames(self, articles: Sequence[SemEvalArticle]) -> dict[str, list[str]]:
        pred = self.frames_clf.predict(self.frames_vec.transform([a.text for a in articles]))
        return {a.id: p for a, p in zip(articles, pred, strict=True)}

    def predict_techniques(self, articles: Sequence[SemEvalArticle]) -> dict[tuple[str, int], list[str]]:
        keys, paras = [], []
        for a in articles:
            for n, line in _lines(a.text).items():
                keys.append((a.id, n))
                paras.append(line)
        if not paras:
            return {}
        pred = self.tech_clf.predict(self.tech_vec.transform(paras))
        return dict(zip(keys, pred, strict=True))
