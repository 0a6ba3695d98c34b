"""Article-level classifiers: frames (14, multi-label, SemEval subtask 2) here; genre (subtask 1) in `genre.py`.

Features are MiniLM paragraph embeddings pooled per article plus language-independent style cues; the heads are
logistic regressions trained with scikit-learn and stored as plain arrays (.npz + .json), so loading is numpy-only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from presswatch.errors import ModelError
from presswatch.taxonomy import FRAMES

FEATURE_VERSION = 2
_WORD = re.compile(r"\w+", re.UNICODE)
_QUOTES = "\"“”«»„"
N_STYLE = 10


def paragraph_texts(text: str) -> list[str]:
    """The non-empty lines of `text`, exactly as `Article.paragraphs()` cuts them."""
    return [line for line in text.split("\n") if line.strip()]


def line_numbers(text: str) -> list[int]:
    """1-based line numbers of the non-empty lines of `text` (aligned with `paragraph_texts`)."""
    return [n for n, line in enumerate(text.split("\n"), start=1) if line.strip()]


def style_features(paragraphs: Sequence[str]) -> np.ndarray:
    """Cues that tell reporting from opinion and satire in any language: length, quotes, punctuation, numbers."""
    out = np.zeros(N_STYLE, dtype=np.float32)
    if not paragraphs:
        return out
    body = list(paragraphs[1:]) or list(paragraphs)
    words = [_WORD.findall(p) for p in body]
    nw = [max(len(w), 1) for w in words]
    total = float(sum(nw))
    text = "\n".join(body)
    out[:] = (
        np.log1p(len(paragraphs)) / 4.0,
        np.log1p(total / len(body)) / 5.0,
        sum(any(q in p for q in _QUOTES) for p in body) / len(body),
        sum(p.lstrip()[:1] in _QUOTES for p in body) / len(body),
        min(text.count("?") / len(body), 2.0),
        min(text.count("!") / len(body), 2.0),
        sum(any(c.isdigit() for c in w) for ws in words for w in ws) / total * 10.0,
        sum(w.isupper() and len(w) > 1 for ws in words for w in ws) / total * 10.0,
        np.log1p(len(_WORD.findall(paragraphs[0]))) / 4.0,
        float(np.std([np.log1p(n) for n in nw])),
    )
    return out


def article_features(embeddings: np.ndarray, paragraphs: Sequence[str]) -> np.ndarray:
    """One vector per article: mean paragraph embedding (title included) and style cues. (Adding the title's own
    embedding did not help in English CV.)"""
    pooled = embeddings.mean(axis=0) if len(embeddings) else np.zeros(384, dtype=np.float32)
    return np.concatenate([pooled, style_features(paragraphs)]).astype(np.float32)


def _encoder_id() -> str:
    from presswatch.models.encoder import ENCODER_ID

    return ENCODER_ID


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


@dataclass
class LinearModel:
    """A standardised linear head: `labels`, weights `coef` (k x d), `intercept` (k,), feature mean/scale (d,)."""

    kind: str  # "frames" | "genre"
    labels: list[str]
    coef: np.ndarray
    intercept: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    thresholds: np.ndarray  # frames: per-label decision thresholds; genre: log-prior shift per class
    meta: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, np.ndarray] = field(default_factory=dict)  # further arrays a subclass needs
    feature_version = FEATURE_VERSION

    def logits(self, features: np.ndarray) -> np.ndarray:
        x = (np.atleast_2d(features) - self.mean) / self.scale
        return x @ self.coef.T + self.intercept

    def paragraph_contributions(self, embeddings: np.ndarray) -> np.ndarray:
        """What each paragraph adds to each label's logit through the mean-embedding block of the features
        (exact for this linear head, up to a constant per label), shape (paragraphs, labels)."""
        if not len(embeddings):
            return np.zeros((0, len(self.labels)), np.float32)
        d = embeddings.shape[1]
        return (embeddings / len(embeddings) / self.scale[:d]) @ self.coef[:, :d].T

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(directory / f"{self.kind}.npz", coef=self.coef.astype(np.float32),
                            intercept=self.intercept, mean=self.mean, scale=self.scale, thresholds=self.thresholds,
                            **{f"x_{k}": v for k, v in self.extra.items()})
        meta = {"kind": self.kind, "labels": self.labels, "feature_version": self.feature_version,
                "encoder": _encoder_id(), **self.meta}
        (directory / f"{self.kind}.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, directory: Path, kind: str, feature_version: int = FEATURE_VERSION) -> LinearModel:
        npz, meta_path = directory / f"{kind}.npz", directory / f"{kind}.json"
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            with np.load(npz, allow_pickle=False) as z:
                arrays = {k: z[k] for k in ("coef", "intercept", "mean", "scale", "thresholds")}
                extra = {k[2:]: z[k] for k in z.files if k.startswith("x_")}
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(f"cannot load the {kind} model from {directory}: {exc}") from exc
        if meta.get("feature_version") != feature_version or meta.get("kind") != kind:
            raise ModelError(f"the {kind} model in {directory} was built for other features; run `presswatch train`")
        if meta.get("encoder") != _encoder_id():
            raise ModelError(f"the {kind} model in {directory} was trained on {meta.get('encoder')!r} embeddings, "
                             f"the encoder is now {_encoder_id()!r}; run `presswatch train {kind}`")
        labels = list(meta.pop("labels"))
        if arrays["coef"].shape != (len(labels), arrays["mean"].shape[0]):
            raise ModelError(f"the {kind} model in {directory} is inconsistent (shape {arrays['coef'].shape})")
        return cls(kind, labels, arrays["coef"].astype(np.float32), arrays["intercept"], arrays["mean"],
                   arrays["scale"], arrays["thresholds"], meta, extra)


class FramesModel(LinearModel):
    """Multi-label frames: one logistic regression per frame with its own threshold."""

    def scores(self, features: np.ndarray) -> np.ndarray:
        return _sigmoid(self.logits(features))

    def predict(self, features: np.ndarray) -> list[list[tuple[str, float]]]:
        """Per article, the frames whose score passes their threshold, best first."""
        out = []
        for row in self.scores(features):
            hits = [(self.labels[j], float(s)) for j, s in enumerate(row) if s >= self.thresholds[j]]
            out.append(sorted(hits, key=lambda h: -h[1]))
        return out

    @classmethod
    def load(cls, directory: Path, kind: str = "frames") -> FramesModel:
        m = LinearModel.load(directory, kind)
        return cls(**m.__dict__)


# --- training ------------------------------------------------------------------------------------------------------


def _standardise(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    return mean.astype(np.float32), scale.astype(np.float32)


_GRID = np.arange(0.05, 0.951, 0.025)


def _best_threshold(scores: np.ndarray, y: np.ndarray) -> float:
    """The threshold that maximises micro-F1 of `scores` against 0/1 `y` (any shape; ties: middle of the best run)."""
    f1 = np.array([2 * float(((scores >= t) & (y == 1)).sum()) / max(float((scores >= t).sum() + y.sum()), 1.0)
                   for t in _GRID])
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
    mean, scale = _standardise(features)
    x = (features - mean) / scale
    k, d = len(FRAMES), x.shape[1]
    coef, intercept, thresholds = np.zeros((k, d), np.float32), np.zeros(k), np.full(k, 0.5)
    folds = list(KFold(min(inner_folds, len(x)), shuffle=True, random_state=seed).split(x)) if len(x) > 2 else []
    oof = np.zeros(y_all.shape)
    for j in range(k):
        coef[j], intercept[j] = _fit_binary(x, y_all[:, j], c, seed)
        for tr, te in folds:
            w, b = _fit_binary(x[tr], y_all[tr, j], c, seed)
            oof[te, j] = _sigmoid(x[te] @ w + b)
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
def load_frames_model(directory: Path | None = None) -> FramesModel:
    """The shipped frames model (loaded once per process); ModelError if it is missing or broken."""
    return FramesModel.load(directory or _artifacts())
