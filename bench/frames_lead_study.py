"""Frames on the shift splits with MiniLM read only on each article's lead: the frames head over the mean USE
paragraph embedding, the mean MiniLM embedding of the first K paragraphs (`encoder.encode_lead`) and style cues,
for several K (`none`: no MiniLM block; a large K: MiniLM on every paragraph, as before issue #11's speed change),
beside the TF-IDF baseline. MiniLM costs about 7 ms of CPU per paragraph, so K sets its cost per article.

    python bench/frames_lead_study.py [--leads none,1,3,5,8,all] [--schemes random,lolo,newest] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from presswatch.config import SETTINGS
from presswatch.evaluation.semeval import SemEvalArticle
from presswatch.models import shift, training
from presswatch.models.crossval import _Predictions
from presswatch.taxonomy import LANGUAGES

ALL = 10_000  # more paragraphs than any article has


def lead_system(lead: int | None, seed: int = 0) -> shift.System:
    """The shipped frames recipe with a MiniLM lead block of `lead` paragraphs (None: none)."""

    def fit(train: Sequence[SemEvalArticle], emb: Sequence[np.ndarray]) -> shift.Predictor:
        fm = training.fit_frames(train, training.features(train, emb, lead=lead), seed)

        def predict(test: Sequence[SemEvalArticle], temb: Sequence[np.ndarray]) -> _Predictions:
            out = _Predictions()
            for a, fr in zip(test, fm.predict(training.features(test, temb, lead=lead)), strict=True):
                out.frames[a.id] = [f for f, _ in fr]
            return out

        return predict

    return fit


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--leads", default="none,1,3,5,8,all")
    ap.add_argument("--schemes", default="random,lolo,newest")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--json", default=None)
    args = ap.parse_args()
    t0 = time.perf_counter()
    arts, emb = shift.load_with_embeddings(SETTINGS.semeval_dir, LANGUAGES)
    print(f"loaded {len(arts)} articles in {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    systems: dict[str, shift.System] = {}
    for name in args.leads.split(","):
        lead = None if name == "none" else ALL if name == "all" else int(name)
        systems[f"lead {name}"] = lead_system(lead)
    if not args.no_baseline:
        systems["tfidf"] = shift.baseline_system(subtasks=("frames",))
    schemes = args.schemes.split(",")
    rep = shift.evaluate(arts, emb, systems, schemes, subtasks=("frames",),
                         progress=lambda m: print("  " + m, file=sys.stderr))
    print("\n".join(shift.format_report(rep, list(systems), schemes, subtasks=("frames",))))
    print({k: round(v) for k, v in rep.seconds.items()}, file=sys.stderr)
    if args.json:
        Path(args.json).write_text(json.dumps(rep.to_dict(), indent=1))


if __name__ == "__main__":
    main()
