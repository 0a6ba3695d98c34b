"""The article-level linear head shared by frames (`frames.py`) and genre (`genre.py`), and its features.

Features are document embeddings (`encoder.document_embeddings`) pooled per article plus language-independent style
cues (`article_features`; frames pool their own way, `frames.frames_features`); the heads are
logistic regressions trained with scikit-learn and stored as plain arrays (.npz + .json), so loading is numpy-only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from presswatch.errors import ModelError

FEATURE_VERSION = 2
_WORD = re.compile(r"\w+", re.UNICODE)
QUOTE_MARKS = "\"“”«»„"
N_STYLE = 10


def body_paragraphs(paragraphs: Sequence[str]) -> list[str]:
    """An article's paragraphs without its title (the first line), or all of them where the title is all there is."""
    return list(paragraphs[1:]) or list(paragraphs)


def style_features(paragraphs: Sequence[str]) -> np.ndarray:
    """Cues that tell reporting from opinion and satire in any language: length, quotes, punctuation, numbers."""
    out = np.zeros(N_STYLE, dtype=np.float32)
    if not paragraphs:
        return out
    body = body_paragraphs(paragraphs)
    words = [_WORD.findall(p) for p in body]
    nw = [max(len(w), 1) for w in words]
    total = float(sum(nw))
    text = "\n".join(body)
    out[:] = (
        np.log1p(len(paragraphs)) / 4.0,
        np.log1p(total / len(body)) / 5.0,
        sum(any(q in p for q in QUOTE_MARKS) for p in body) / len(body),
        sum(p.lstrip()[:1] in QUOTE_MARKS for p in body) / len(body),
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
    pooled = embeddings.mean(axis=0) if len(embeddings) else np.zeros(embeddings.shape[1], dtype=np.float32)
    return np.concatenate([pooled, style_features(paragraphs)]).astype(np.float32)


def _encoder_id() -> str:
    from presswatch.models.encoder import DOC_ENCODER_ID

    return DOC_ENCODER_ID


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def softmax(z: np.ndarray) -> np.ndarray:
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


def standardise(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    return mean.astype(np.float32), scale.astype(np.float32)
