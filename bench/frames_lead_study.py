"""Frames on the shift splits with MiniLM read only on each article's lead (issue #11, speed): the frames head
(`training.fit_frames`) over the mean USE paragraph embedding, the mean MiniLM embedding of the first K paragraphs and
the style cues, for several K (`none`: no MiniLM block; `all`: MiniLM on every paragraph, which is what the shipped
frames head reads, MiniLM | USE mean). MiniLM costs about 7 ms of CPU a paragraph, so K sets its cost per article.

    python bench/frames_lead_study.py [--leads none,3,5,all] [--schemes random,lolo,newest] [--json out.json]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.shift_study import run_study  # noqa: E402
from presswatch.article import paragraph_texts  # noqa: E402
from presswatch.evaluation.semeval import SemEvalArticle  # noqa: E402
from presswatch.models import shift, training  # noqa: E402
from presswatch.models.crossval import _Predictions  # noqa: E402
from presswatch.models.encoder import DIM  # noqa: E402
from presswatch.models.linear import style_features  # noqa: E402


def lead_features(articles: Sequence[SemEvalArticle], embeddings: Sequence[np.ndarray], lead: int | None
                  ) -> np.ndarray:
    """Per article: mean USE block, mean MiniLM block of the first `lead` paragraphs (None: left out), style."""
    rows = []
    for a, e in zip(articles, embeddings, strict=True):
        parts = [e[:, DIM:].mean(axis=0)] + ([] if lead is None else [e[:lead, :DIM].mean(axis=0)])
        rows.append(np.concatenate([*parts, style_features(paragraph_texts(a.text))]).astype(np.float32))
    return np.vstack(rows)


def lead_system(lead: int | None, seed: int = 0) -> shift.System:
    """The shipped frames recipe on `lead_features`."""

    def fit(train: Sequence[SemEvalArticle], emb: Sequence[np.ndarray]) -> shift.Predictor:
        fm = training.fit_frames(train, lead_features(train, emb, lead), seed)

        def predict(test: Sequence[SemEvalArticle], temb: Sequence[np.ndarray]) -> _Predictions:
            out = _Predictions()
            for a, fr in zip(test, fm.predict(lead_features(test, temb, lead)), strict=True):
                out.frames[a.id] = [f for f, _ in fr]
            return out

        return predict

    return fit


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--leads", default="none,3,5,all")
    ap.add_argument("--schemes", default="random,lolo,newest")
    ap.add_argument("--json", default=None)
    args = ap.parse_args()
    run_study(lambda: {f"lead {name}": lead_system(None if name == "none" else 10_000 if name == "all" else int(name))
                       for name in args.leads.split(",")}, args.schemes.split(","), ("frames",), args.json)


if __name__ == "__main__":
    main()
