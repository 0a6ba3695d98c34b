"""Article-level k-fold cross-validation of the shipped model recipe and the TF-IDF baseline, per language."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from presswatch.article import paragraph_texts, paragraphs
from presswatch.evaluation import scorers
from presswatch.evaluation.semeval import SemEvalArticle
from presswatch.models import training
from presswatch.models.genre import DEPLOY_PRIOR
from presswatch.taxonomy import FRAMES, GENRES, TECHNIQUES

Progress = Callable[[str], None]


@dataclass
class SystemResult:
    """Official metrics and per-label scores of one system on one language."""

    system: str
    subtask1_macro_f1: float | None = None
    subtask1_news_mix_macro_f1: float | None = None  # reweighted to the news-feed genre mix (genre.DEPLOY_PRIOR)
    subtask2_micro_f1: float | None = None
    subtask3_micro_f1: float | None = None
    genres: dict[str, scorers.LabelScore] = field(default_factory=dict)
    frames: dict[str, scorers.LabelScore] = field(default_factory=dict)
    techniques: dict[str, scorers.LabelScore] = field(default_factory=dict)
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "system": self.system,
            "subtask1_macro_f1": self.subtask1_macro_f1,
            "subtask1_news_mix_macro_f1": self.subtask1_news_mix_macro_f1,
            "subtask2_micro_f1": self.subtask2_micro_f1,
            "subtask3_micro_f1": self.subtask3_micro_f1,
            "genres": {k: v.to_dict() for k, v in self.genres.items()},
            "frames": {k: v.to_dict() for k, v in self.frames.items()},
            "techniques": {k: v.to_dict() for k, v in self.techniques.items()},
            "note": self.note,
        }


@dataclass
class LanguageReport:
    lang: str
    articles: int
    folds: int
    seed: int
    systems: list[SystemResult]
    seconds: float
    extra_langs: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"lang": self.lang, "articles": self.articles, "folds": self.folds, "seed": self.seed,
                "extra_langs": self.extra_langs, "seconds": round(self.seconds, 1),
                "systems": [s.to_dict() for s in self.systems]}


@dataclass
class _Predictions:
    genre: dict[str, str] = field(default_factory=dict)
    frames: dict[str, list[str]] = field(default_factory=dict)
    techniques: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    genre_probs: dict[str, list[float]] = field(default_factory=dict)  # stated (calibrated), in GENRES order (optional)
    genre_verdicts: dict[str, str] = field(default_factory=dict)  # what a reader sees, `uncertain` included


def _quiet(_: str) -> None:
    return None


def gold_labels(articles: Sequence[SemEvalArticle]) -> _Predictions:
    """Gold labels in the scorer's shapes (only articles/paragraphs that have labels)."""
    g = _Predictions()
    for a in articles:
        if a.genre in GENRES:
            g.genre[a.id] = str(a.genre)
        if a.frames:
            g.frames[a.id] = list(a.frames)
        for n, ts in a.paragraph_labels.items():
            g.techniques[(a.id, n)] = list(ts)
    return g


def _score(name: str, gold: _Predictions, pred: _Predictions, note: str = "") -> SystemResult:
    r = SystemResult(name, note=note)
    if gold.genre and pred.genre:
        r.subtask1_macro_f1 = scorers.genre_macro_f1(gold.genre, pred.genre)
        r.subtask1_news_mix_macro_f1 = scorers.genre_macro_f1_at_mix(gold.genre, pred.genre, DEPLOY_PRIOR)
        r.genres = scorers.per_label(scorers.genre_pairs(gold.genre),
                                     scorers.genre_pairs({k: v for k, v in pred.genre.items() if k in gold.genre}),
                                     GENRES)
    if gold.frames and pred.frames:
        r.subtask2_micro_f1 = scorers.frames_micro_f1(gold.frames, pred.frames)
        r.frames = scorers.per_label(scorers.frame_pairs(gold.frames),
                                     scorers.frame_pairs({k: v for k, v in pred.frames.items() if k in gold.frames}),
                                     FRAMES)
    if gold.techniques and pred.techniques:
        r.subtask3_micro_f1 = scorers.techniques_micro_f1(gold.techniques, pred.techniques)
        keep = {k: v for k, v in pred.techniques.items() if k in gold.techniques}
        seen = {t for ts in gold.techniques.values() for t in ts} | {t for ts in keep.values() for t in ts}
        r.techniques = scorers.per_label(scorers.technique_triples(gold.techniques),
                                         scorers.technique_triples(keep), [t for t in TECHNIQUES if t in seen])
    return r


def cross_validate(root: Path, lang: str, folds: int = 5, seed: int = 0, extra_langs: Sequence[str] = (),
                   techniques: bool = True, baseline: bool = True, progress: Progress = _quiet) -> LanguageReport:
    """k-fold CV over the articles of `lang`; `extra_langs` articles join every training fold of the frames and
    techniques models (as `presswatch train` ships them); genre and the baseline train on `lang` only."""
    from sklearn.model_selection import KFold

    t0 = time.perf_counter()
    target = training.load_articles(root, [lang])
    extra = training.load_articles(root, [x for x in extra_langs if x != lang])
    everything = target + extra
    progress(f"{lang}: {len(target)} articles (+{len(extra)} from {', '.join(extra_langs) or 'no other language'})")
    emb = training.embed_articles(everything, progress)
    x = training.frames_inputs(everything, emb)
    gold = gold_labels(target)
    model, base = _Predictions(), _Predictions()
    train_techniques = None
    note = ""
    if techniques:
        try:
            from presswatch.models.techniques.training import train_techniques
        except ImportError as exc:  # the techniques model is optional for this harness
            note = f"techniques not evaluated: {exc}"
    n_extra = np.arange(len(target), len(everything))
    # genre trains on the target language alone, as the shipped (English) genre model does
    genre_langs = {lang}
    k = min(folds, len(target))
    for fold, (tr, te) in enumerate(KFold(k, shuffle=True, random_state=seed).split(np.arange(len(target)))):
        progress(f"{lang}: fold {fold + 1}/{k}")
        train_idx = np.concatenate([tr, n_extra]).astype(int)
        train_arts = [everything[i] for i in train_idx]
        test_arts = [target[i] for i in te]
        fm = training.fit_frames(train_arts, x[train_idx], seed)
        genre_idx = [i for i in train_idx if everything[i].lang in genre_langs]
        gm = training.fit_genre([everything[i] for i in genre_idx], [emb[i] for i in genre_idx], seed)
        for i, a, fr in zip(te, test_arts, fm.predict(x[te]), strict=True):
            model.frames[a.id] = [f for f, _ in fr]
            model.genre[a.id] = gm.predict_article(emb[i], paragraph_texts(a.text))[0]
        if train_techniques is not None:
            tm = train_techniques(train_arts, seed=seed)
            for i in te:
                a = target[i]
                found = tm.predict_paragraphs(paragraph_texts(a.text), emb[i], lang=lang)
                for n, labels in zip((n for n, _ in paragraphs(a.text)), found, strict=True):
                    model.techniques[(a.id, n)] = [t for t, _ in labels]
        if baseline:
            from presswatch.models.baseline import TfidfBaseline

            bl = TfidfBaseline(seed).fit([target[i] for i in tr])
            base.genre |= bl.predict_genre(test_arts)
            base.frames |= bl.predict_frames(test_arts)
            base.techniques |= bl.predict_techniques(test_arts)
    systems = [_score("model", gold, model, note)]
    if baseline:
        systems.append(_score("baseline (tf-idf + lr)", gold, base))
    return LanguageReport(lang, len(target), k, seed, systems, time.perf_counter() - t0,
                          sorted({a.lang for a in extra}))
