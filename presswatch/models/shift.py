"""Score systems on the split schemes of `splits.py` (random folds, leave-one-language-out, newest slice), per
language and subtask, with the official metrics; `presswatch eval` prints the table."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from presswatch.article import paragraph_texts, paragraphs
from presswatch.evaluation import scorers
from presswatch.evaluation.semeval import SemEvalArticle
from presswatch.evaluation.splits import SCHEMES, make_splits
from presswatch.models.crossval import _Predictions, gold_labels
from presswatch.taxonomy import GENRES, LANGUAGES

if TYPE_CHECKING:
    from presswatch.models.techniques.model import TechniqueConfig

Progress = Callable[[str], None]
# fit(train articles, their paragraph embeddings) -> predict(test articles, their embeddings) -> predictions
Predictor = Callable[[Sequence[SemEvalArticle], Sequence[np.ndarray]], _Predictions]
System = Callable[[Sequence[SemEvalArticle], Sequence[np.ndarray]], Predictor]
SUBTASKS = ("genre", "frames", "techniques")


def _quiet(_: str) -> None:
    return None


@dataclass
class Cell:
    """One system's official metric for one language, scheme and subtask."""

    system: str
    scheme: str
    lang: str
    subtask: str
    score: float | None
    n: int  # scored articles (genre, frames) or paragraphs (techniques)


@dataclass
class ShiftReport:
    cells: list[Cell] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    predictions: dict[tuple[str, str], _Predictions] = field(default_factory=dict)  # (system, scheme)

    def get(self, system: str, scheme: str, lang: str, subtask: str) -> Cell | None:
        return next((c for c in self.cells if (c.system, c.scheme, c.lang, c.subtask) == (system, scheme, lang,
                                                                                         subtask)), None)

    def to_dict(self) -> dict[str, Any]:
        return {"cells": [c.__dict__ for c in self.cells], "seconds": self.seconds}


def score_language(gold: _Predictions, pred: _Predictions, subtask: str) -> tuple[float | None, int]:
    """The official metric of `subtask` on the gold items that `pred` covers."""
    if subtask == "genre":
        g = {k: v for k, v in gold.genre.items() if k in pred.genre}
        return (scorers.genre_macro_f1(g, pred.genre) if g else None), len(g)
    if subtask == "frames":
        g2 = {k: v for k, v in gold.frames.items() if k in pred.frames}
        return (scorers.frames_micro_f1(g2, pred.frames) if g2 else None), len(g2)
    g3 = {k: v for k, v in gold.techniques.items() if k in pred.techniques}
    return (scorers.techniques_micro_f1(g3, pred.techniques) if g3 else None), len(g3)


def evaluate(articles: Sequence[SemEvalArticle], embeddings: Sequence[np.ndarray], systems: dict[str, System],
             schemes: Sequence[str] = SCHEMES, subtasks: Sequence[str] = SUBTASKS, folds: int = 5, seed: int = 0,
             progress: Progress = _quiet) -> ShiftReport:
    """Fit every system on the training side of every split and score its test side, per language."""
    if len({(a.id) for a in articles}) != len(articles):
        raise ValueError("article ids repeat across languages; predictions are keyed by id")
    report = ShiftReport()
    langs = [x for x in LANGUAGES if any(a.lang == x for a in articles)]
    for scheme in schemes:
        splits = make_splits(articles, scheme, folds, seed)
        for name, system in systems.items():
            t0 = time.perf_counter()
            merged = _Predictions()
            for sp in splits:
                progress(f"{name}: {scheme} {sp.name} ({len(sp.train)} train, {len(sp.test)} test)")
                predict = system([articles[i] for i in sp.train], [embeddings[i] for i in sp.train])
                got = predict([articles[i] for i in sp.test], [embeddings[i] for i in sp.test])
                merged.genre |= got.genre
                merged.frames |= got.frames
                merged.techniques |= got.techniques
                merged.genre_probs |= got.genre_probs
                merged.genre_verdicts |= got.genre_verdicts
            report.predictions[(name, scheme)] = merged
            report.seconds[f"{name} {scheme}"] = time.perf_counter() - t0
            for lang in langs:
                gold = gold_labels([a for a in articles if a.lang == lang])
                for sub in subtasks:
                    score, n = score_language(gold, merged, sub)
                    report.cells.append(Cell(name, scheme, lang, sub, score, n))
    return report


METRIC = {"genre": "macro-F1", "frames": "micro-F1", "techniques": "micro-F1"}


def format_report(report: ShiftReport, systems: Sequence[str], schemes: Sequence[str] = SCHEMES,
                  subtasks: Sequence[str] = SUBTASKS) -> list[str]:
    """Plain-text tables, one per subtask: a row per language, a column per scheme and system."""
    lines: list[str] = []
    cols = [(sc, sy) for sc in schemes for sy in systems]
    langs = list(dict.fromkeys(c.lang for c in report.cells))
    for sub in subtasks:
        lines += ["", f"{sub} ({METRIC[sub]})", "lang  " + " ".join(f"{sc + ':' + sy:>16.16}" for sc, sy in cols)]
        for lang in langs + ["mean"]:
            vals = []
            for sc, sy in cols:
                cells = [report.get(sy, sc, x, sub) for x in (langs if lang == "mean" else [lang])]
                got = [c.score for c in cells if c is not None and c.score is not None]
                vals.append(f"{np.mean(got):16.3f}" if got and (lang == "mean" or len(got) == 1) else f"{'-':>16}")
            lines.append(f"{lang:<5} " + " ".join(vals))
    return lines


# -- systems -----------------------------------------------------------------------------------------------------
def shipped_system(subtasks: Sequence[str] = SUBTASKS, seed: int = 0, config: TechniqueConfig | None = None) -> System:
    """The recipe `presswatch train` ships: frames and genre heads on document embeddings, the techniques model
    (with `config`: other technique-model settings)."""
    from presswatch.models import training

    def fit(train: Sequence[SemEvalArticle], emb: Sequence[np.ndarray]) -> Predictor:
        fm = gm = tm = None
        if "frames" in subtasks:
            fm = training.fit_frames(train, training.frames_inputs(train, emb), seed)
        if "genre" in subtasks:
            gm = training.fit_genre(train, emb, seed)
        if "techniques" in subtasks:
            from presswatch.models.techniques.training import train_techniques

            tm = train_techniques(list(train), seed=seed, config=config)

        def predict(test: Sequence[SemEvalArticle], temb: Sequence[np.ndarray]) -> _Predictions:
            out = _Predictions()
            if fm is not None:
                for a, fr in zip(test, fm.predict(training.frames_inputs(test, temb)), strict=True):
                    out.frames[a.id] = [f for f, _ in fr]
            for a, e in zip(test, temb, strict=True):
                paras = paragraph_texts(a.text)
                if gm is not None:
                    feats = gm.features(e, paras)
                    probs, top = gm.probabilities(feats)[0], int(gm.top(feats)[0])
                    out.genre[a.id] = gm.labels[top]
                    out.genre_probs[a.id] = [round(float(v), 5) for v in probs]
                    out.genre_verdicts[a.id] = gm.decide(probs, top)[0]
                if tm is not None:
                    found = tm.predict_paragraphs(paras, e, lang=a.lang)
                    for (n, _), labels in zip(paragraphs(a.text), found, strict=True):
                        out.techniques[(a.id, n)] = [t for t, _ in labels]
            return out

        return predict

    return fit


def baseline_system(seed: int = 0, subtasks: Sequence[str] = SUBTASKS) -> System:
    """The TF-IDF + logistic-regression baseline for `subtasks`, fitted on the same training side."""
    from presswatch.models.baseline import TfidfBaseline

    def fit(train: Sequence[SemEvalArticle], _emb: Sequence[np.ndarray]) -> Predictor:
        bl = TfidfBaseline(seed).fit(list(train), subtasks)

        def predict(test: Sequence[SemEvalArticle], _temb: Sequence[np.ndarray]) -> _Predictions:
            out = _Predictions()
            if "genre" in subtasks:
                out.genre = bl.predict_genre(list(test))
            if "frames" in subtasks:
                out.frames = bl.predict_frames(list(test))
            if "techniques" in subtasks:
                out.techniques = bl.predict_techniques(list(test))
            return out

        return predict

    return fit


def genre_calibration(report: ShiftReport, articles: Sequence[SemEvalArticle], system: str,
                      schemes: Sequence[str] = ("lolo", "newest")) -> dict[str, Any]:
    """ECE (on the held-out mix and reweighted to the news-feed mix the scores are stated for) and reliability table
    of `system`'s genre probabilities on the shift schemes' held-out articles, and how often a verdict of
    probability >= 0.9 is wrong."""
    from presswatch.evaluation import calibration
    from presswatch.models.genre import DEPLOY_PRIOR

    gold = {a.id: GENRES.index(a.genre) for a in articles if a.genre in GENRES}
    out: dict[str, Any] = {}
    for scheme in schemes:
        pred = report.predictions.get((system, scheme))
        keys = [k for k in (pred.genre_probs if pred else {}) if k in gold]
        if not pred or not keys:
            continue
        probs, y = np.array([pred.genre_probs[k] for k in keys]), np.array([gold[k] for k in keys])
        said = np.array([GENRES.index(pred.genre_verdicts[k]) if pred.genre_verdicts.get(k) in GENRES else -1
                         for k in keys])  # -1: uncertain (no verdicts recorded: the top genre)
        if not pred.genre_verdicts:
            said = probs.argmax(1)
        sure = (said >= 0) & (probs.max(1) >= 0.9)
        share = np.bincount(y, minlength=len(GENRES)) / len(y)
        news = (np.array([DEPLOY_PRIOR[g] for g in GENRES]) / np.maximum(share, 1e-9))[y]
        reporting = y == GENRES.index("reporting")
        out[scheme] = {"n": len(y), "ece": round(calibration.ece(probs, y), 4),
                       "ece_news_mix": round(calibration.ece(probs, y, weights=news), 4),
                       "reporting_uncertain": (round(float((said[reporting] < 0).mean()), 4) if reporting.any()
                                               else None),
                       "abstained": round(float((said < 0).mean()), 4),
                       "confident_0.9": int(sure.sum()),
                       "confident_0.9_wrong": int((sure & (said != y)).sum()),
                       "verdicts": {f">={t}": {g: [int(((said == c) & (probs.max(1) >= t) & (y == c)).sum()),
                                                   int(((said == c) & (probs.max(1) >= t)).sum())]
                                               for c, g in enumerate(GENRES)} for t in (0.8, 0.9)},
                       "table": calibration.format_table(calibration.reliability(probs, y))}
    return out


def load_with_embeddings(root: Path, langs: Sequence[str], progress: Progress = _quiet
                         ) -> tuple[list[SemEvalArticle], list[np.ndarray]]:
    """The articles of `langs` and their document embeddings (MiniLM | USE per paragraph, cached on disk)."""
    from presswatch.models import training

    articles = training.load_articles(root, langs)
    return articles, training.embed_articles(articles, progress)
