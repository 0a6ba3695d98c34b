"""Frames (SemEval-2023 subtask 2): 14 frames, multi-label, one logistic regression per frame over the document
features (`frames_features`: mean USE paragraph embedding, mean MiniLM embedding of the lead, style cues), each with
its own threshold tuned out of fold."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from presswatch.evaluation.scorers import f1_score
from presswatch.limits import outside_caps
from presswatch.models.encoder import DIM, LEAD_PARAGRAPHS
from presswatch.models.linear import LinearModel, sigmoid, standardise, style_features
from presswatch.taxonomy import FRAMES

# 3: the MiniLM mean of the first LEAD_PARAGRAPHS paragraphs in place of the MiniLM mean of every paragraph
FRAMES_FEATURE_VERSION = 3


def frames_features(embeddings: np.ndarray, paragraphs: Sequence[str]) -> np.ndarray:
    """One vector per article from its document embeddings (MiniLM | USE per paragraph; only the first
    `LEAD_PARAGRAPHS` MiniLM rows are read): mean USE embedding, mean MiniLM embedding of the title and lead, style
    cues. On the shift splits the lead alone keeps English frames (lolo 0.602 vs 0.604 with MiniLM on every
    paragraph; docs/BENCHMARKS.md, issue #11 speed)."""
    if not len(embeddings):
        return np.concatenate([np.zeros(embeddings.shape[1], np.float32), style_features(paragraphs)])
    use, lead = embeddings[:, DIM:].mean(axis=0), embeddings[:LEAD_PARAGRAPHS, :DIM].mean(axis=0)
    return np.concatenate([use, lead, style_features(paragraphs)]).astype(np.float32)


class FramesModel(LinearModel):
    """Multi-label frames: one logistic regression per frame with its own threshold."""

    feature_version = FRAMES_FEATURE_VERSION

    def paragraph_contributions(self, embeddings: np.ndarray) -> np.ndarray:
        """What each paragraph adds to each frame's logit through the mean USE block (the lead block is left out)."""
        return super().paragraph_contributions(embeddings[:, DIM:])

    def scores(self, features: np.ndarray) -> np.ndarray:
        return sigmoid(self.logits(features))

    def predict(self, features: np.ndarray) -> list[list[tuple[str, float]]]:
        """Per article, the frames whose score passes their threshold, best first."""
        out = []
        for row in self.scores(features):
            hits = [(self.labels[j], float(s)) for j, s in enumerate(row) if s >= self.thresholds[j]]
            out.append(sorted(hits, key=lambda h: -h[1]))
        return out

    @classmethod
    def load(cls, directory: Path, kind: str = "frames") -> FramesModel:
        m = LinearModel.load(directory, kind, FRAMES_FEATURE_VERSION)
        return cls(**m.__dict__)


_GRID = np.arange(0.05, 0.951, 0.025)


def _f1_at(predicted: np.ndarray, positive: np.ndarray, gold: int) -> float:
    tp = int((predicted & positive).sum())
    return f1_score(tp, int(predicted.sum()) - tp, gold - tp)


def _best_threshold(scores: np.ndarray, y: np.ndarray) -> float:
    """The threshold that maximises micro-F1 of `scores` against 0/1 `y` (any shape; ties: middle of the best run)."""
    gold = int(y.sum())
    f1 = np.array([_f1_at(scores >= t, y == 1, gold) for t in _GRID])
    best = np.flatnonzero(f1 >= f1.max() - 1e-9)
    return float(_GRID[best[len(best) // 2]])


def tune_thresholds(oof: np.ndarray, y: np.ndarray, shrink: float = 0.5) -> np.ndarray:
    """Per-label thresholds from out-of-fold scores, pulled `shrink` of the way toward the one global threshold
    that maximises micro-F1 (the official subtask 2 metric), which keeps rare labels from over-fitting."""
    glob = _best_threshold(oof, y)
    thr = np.full(y.shape[1], glob)
    for j in range(y.shape[1]):
        if 0 < y[:, j].sum() < len(y):
            thr[j] = shrink * glob + (1 - shrink) * _best_threshold(oof[:, j], y[:, j])
    return thr


FRAMES_C = 0.003


def _fit_binary(x: np.ndarray, y: np.ndarray, c: float, seed: int,
                class_weight: str | None = None) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    if y.min() == y.max():  # a label never (or always) seen: a constant score
        p = float(np.clip(y.mean(), 1e-3, 1 - 1e-3))
        return np.zeros(x.shape[1], np.float32), float(np.log(p / (1 - p)))
    clf = LogisticRegression(C=c, max_iter=3000, class_weight=class_weight, random_state=seed)
    clf.fit(x, y)
    return clf.coef_[0].astype(np.float32), float(clf.intercept_[0])


def train_frames(features: np.ndarray, frames: Sequence[Sequence[str]], seed: int = 0, c: float = FRAMES_C,
                 inner_folds: int = 3, meta: dict[str, Any] | None = None) -> FramesModel:
    """One L2 logistic regression per frame; thresholds tuned on inner out-of-fold scores."""
    from sklearn.model_selection import KFold

    y_all = np.array([[f in fs for f in FRAMES] for fs in frames], dtype=int)
    mean, scale = standardise(features)
    x = (features - mean) / scale
    k, d = len(FRAMES), x.shape[1]
    coef, intercept, thresholds = np.zeros((k, d), np.float32), np.zeros(k), np.full(k, 0.5)
    folds = list(KFold(min(inner_folds, len(x)), shuffle=True, random_state=seed).split(x)) if len(x) > 2 else []
    oof = np.zeros(y_all.shape)
    for j in range(k):
        coef[j], intercept[j] = _fit_binary(x, y_all[:, j], c, seed)
        for tr, te in folds:
            w, b = _fit_binary(x[tr], y_all[tr, j], c, seed)
            oof[te, j] = sigmoid(x[te] @ w + b)
    if folds:
        thresholds = tune_thresholds(oof, y_all)
    info = {"c": c, "seed": seed, "n_train": len(x), "support": {f: int(n) for f, n in zip(FRAMES, y_all.sum(0),
                                                                                          strict=True)}}
    return FramesModel("frames", list(FRAMES), coef, intercept, mean, scale, thresholds, {**info, **(meta or {})})


# --- shipped models ------------------------------------------------------------------------------------------------


def _artifacts() -> Path:
    from presswatch.config import SETTINGS

    return SETTINGS.models_dir


@lru_cache(maxsize=4)
@outside_caps
def load_frames_model(directory: Path | None = None) -> FramesModel:
    """The shipped frames model (loaded once per process); ModelError if it is missing or broken."""
    return FramesModel.load(directory or _artifacts())
