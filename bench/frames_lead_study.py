"""Frames on the shift splits with MiniLM read only on each article's lead (issue #11, speed): the frames head
(`training.fit_frames`) over the mean USE paragraph embedding, the mean MiniLM embedding of the first K paragraphs and
the style cues, for several K (`none`: no MiniLM block; `all`: MiniLM on every paragraph, which is what the shipped
frames head reads, MiniLM | USE mean). MiniLM costs about 7 ms of CPU a paragraph, so K sets its cost per article.

    python bench/frames_lead_study.py [--leads none,3,5,all] [--schemes random,lolo,newest] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from presswatch.article import paragraph_texts
from presswatch.config import SETTINGS
from presswatch.evaluation.semeval import SemEvalArticle
from presswatch.models import shift, training
from presswatch.models.crossval import _Predictions
from presswatch.models.encoder import DIM
from presswatch.models.linear import style_features
from presswatch.taxonomy import LANGUAGES


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
    t0 = time.perf_counter()
    arts, emb = shift.load_with_embeddings(SETTINGS.semeval_dir, LANGUAGES)
    print(f"loaded {len(arts)} articles in {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    systems: dict[str, shift.System] = {}
    for name in args.leads.split(","):
        systems[f"lead {name}"] = lead_system(None if name == "none" else 10_000 if name == "all" else int(name))
    schemes = args.schemes.split(",")
    rep = shift.evaluate(arts, emb, systems, schemes, subtasks=("frames",),
                         progress=lambda m: print("  " + m, file=sys.stderr))
    print("\n".join(shift.format_report(rep, list(systems), schemes, subtasks=("frames",))))
    print({k: round(v) for k, v in rep.seconds.items()}, file=sys.stderr)
    if args.json:
        Path(args.json).write_text(json.dumps(rep.to_dict(), indent=1))


if __name__ == "__main__":
    main()
