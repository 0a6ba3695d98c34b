"""Which paragraph representation holds up under shift: MiniLM (English), multilingual USE, or both side by side.

Genre and frames use the shipped recipes (`training.fit_genre`, `training.fit_frames`) on each representation;
techniques use a cheap proxy (multi-output ridge on own + article-mean embedding and surface cues, one global
threshold tuned on inner folds), since the shipped techniques model takes minutes per fit. The TF-IDF baseline
runs on the same splits. Every number is per language, on random folds, leave-one-language-out and newest slice.

    python bench/shift_study.py [--schemes random,lolo,newest] [--systems minilm,use,both,tfidf] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from presswatch.article import paragraph_texts, paragraphs
from presswatch.config import SETTINGS
from presswatch.evaluation.semeval import SemEvalArticle
from presswatch.models import shift, training
from presswatch.models.crossval import _Predictions
from presswatch.models.encoder import DIM
from presswatch.models.techniques.features import surface_block
from presswatch.taxonomy import LANGUAGES, TECHNIQUES

SLICES = {"minilm": slice(0, DIM), "use": slice(DIM, None), "both": slice(0, None)}


def _tech_rows(arts: Sequence[SemEvalArticle], emb: Sequence[np.ndarray], cols: slice, labelled: bool
               ) -> tuple[np.ndarray, np.ndarray, list[tuple[str, int]]]:
    xs, ys, keys = [], [], []
    for a, e in zip(arts, emb, strict=True):
        e = e[:, cols]
        paras = paragraph_texts(a.text)
        block = np.hstack([e, np.repeat(e.mean(0, keepdims=True), len(e), 0), surface_block(paras)])
        for k, (n, _) in enumerate(paragraphs(a.text)):
            if labelled and n not in a.paragraph_labels:
                continue
            xs.append(block[k])
            ys.append([t in a.paragraph_labels.get(n, []) for t in TECHNIQUES])
            keys.append((a.id, n))
    return np.vstack(xs).astype(np.float64), np.array(ys, dtype=np.float64), keys


def _ridge(x: np.ndarray, y: np.ndarray, alpha: float = 30.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    mean, scale = x.mean(0), x.std(0) + 1e-6
    z = (x - mean) / scale
    w = np.linalg.solve(z.T @ z + alpha * np.eye(z.shape[1]), z.T @ (y - y.mean(0)))
    return w, mean, scale, y.mean(0)


def _ridge_predict(model: tuple, x: np.ndarray) -> np.ndarray:
    w, mean, scale, ymean = model
    return ((x - mean) / scale) @ w + ymean


def _threshold(scores: np.ndarray, y: np.ndarray) -> float:
    best, arg = -1.0, 0.3
    for g in np.arange(0.05, 0.8, 0.025):
        p = scores >= g
        tp, fp, fn = (p & (y > 0)).sum(), (p & (y == 0)).sum(), (~p & (y > 0)).sum()
        f = 2 * tp / max(2 * tp + fp + fn, 1)
        if f > best:
            best, arg = f, float(g)
    return arg


def embedding_system(cols: slice, seed: int = 0) -> shift.System:
    def fit(train: Sequence[SemEvalArticle], emb: Sequence[np.ndarray]) -> shift.Predictor:
        emb = [e[:, cols] for e in emb]
        fm = training.fit_frames(train, training.features(train, emb), seed)
        gm = training.fit_genre(train, emb, seed)
        x, y, _ = _tech_rows(train, emb, slice(0, None), True)
        rng = np.random.default_rng(seed)
        fold = rng.integers(0, 2, len(x))
        oof = np.zeros_like(y)
        for k in range(2):
            oof[fold == k] = _ridge_predict(_ridge(x[fold != k], y[fold != k]), x[fold == k])
        thr = _threshold(oof, y)
        rm = _ridge(x, y)

        def predict(test: Sequence[SemEvalArticle], temb: Sequence[np.ndarray]) -> _Predictions:
            temb = [e[:, cols] for e in temb]
            out = _Predictions()
            for a, fr in zip(test, fm.predict(training.features(test, temb)), strict=True):
                out.frames[a.id] = [f for f, _ in fr]
            for a, e in zip(test, temb, strict=True):
                out.genre[a.id] = gm.predict_article(e, paragraph_texts(a.text))[0]
            tx, _, keys = _tech_rows(test, temb, slice(0, None), False)
            s = _ridge_predict(rm, tx)
            for key, row in zip(keys, s, strict=True):
                out.techniques[key] = [TECHNIQUES[j] for j in np.flatnonzero(row >= thr)]
            return out

        return predict

    return fit


def run_study(make_systems: Callable[[], dict[str, shift.System]], schemes: Sequence[str],
              subtasks: Sequence[str] = shift.SUBTASKS, json_out: str | None = None) -> None:
    """Load the six languages' training articles with their embeddings, score `make_systems()` on `schemes`,
    print the report (progress and seconds on stderr) and write it as JSON to `json_out` if given."""
    t0 = time.perf_counter()
    arts, emb = shift.load_with_embeddings(SETTINGS.semeval_dir, LANGUAGES)
    print(f"loaded {len(arts)} articles in {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    systems = make_systems()
    rep = shift.evaluate(arts, emb, systems, schemes, subtasks, progress=lambda m: print("  " + m, file=sys.stderr))
    print("\n".join(shift.format_report(rep, list(systems), schemes, subtasks)))
    print({k: round(v) for k, v in rep.seconds.items()}, file=sys.stderr)
    if json_out:
        Path(json_out).write_text(json.dumps(rep.to_dict(), indent=1))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--schemes", default="random,lolo,newest")
    ap.add_argument("--systems", default="minilm,use,both,tfidf")
    ap.add_argument("--json", default=None)
    args = ap.parse_args()
    run_study(lambda: {name: shift.baseline_system() if name == "tfidf" else embedding_system(SLICES[name])
                       for name in args.systems.split(",")}, args.schemes.split(","), json_out=args.json)


if __name__ == "__main__":
    main()
