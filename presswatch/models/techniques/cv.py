"""Article-level k-fold cross-validation of the technique model alone: paragraph micro-F1 (SemEval subtask 3),
per-technique and per-genre F1, and character-overlap span F1.

    presswatch eval techniques --langs en --folds 5 [--extra-langs fr,ge,it,po,ru] [--seed 0] [--set epochs=30]
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import numpy as np
from sklearn.model_selection import KFold

from presswatch.article import Article, Metadata
from presswatch.config import SETTINGS
from presswatch.evaluation.scorers import prf
from presswatch.evaluation.semeval import SemEvalArticle, gold_spans, load_language
from presswatch.models.techniques.model import TechniqueConfig, TechniqueModel
from presswatch.models.techniques.training import default_embedder, train_techniques
from presswatch.taxonomy import iso_language

# an article -> its verb-object lookup: (start, end) stretches -> (start, end, object start, object end) of the verbs
VerbsOf = Callable[[Article], Callable[[list[tuple[int, int]]], list[tuple[int, int, int, int]]]]

Triple = tuple[str, int, str]


def predict_article(model: TechniqueModel, a: SemEvalArticle) -> dict[int, list[tuple[str, float]]]:
    """Predicted techniques for each scored line of one article."""
    paras = Article(text=a.text).paragraphs()
    texts = [a.text[s.start:s.end] for _, s in paras]
    preds = model.predict_paragraphs(texts, default_embedder(texts), lang=a.lang)
    return {n: p for (n, _), p in zip(paras, preds, strict=True) if n in a.paragraph_labels}


def rounded_prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """{"p", "r", "f1"} rounded to four places, as the CV report prints them."""
    return dict(zip(("p", "r", "f1"), (round(x, 4) for x in prf(tp, fp, fn)), strict=True))


def triple_scores(gold: set[Triple], pred: set[Triple]) -> dict[str, float]:
    return rounded_prf(len(gold & pred), len(pred - gold), len(gold - pred))


def char_sets(spans: list[tuple[str, str, int, int]]) -> dict[str, set[tuple[str, int]]]:
    """technique -> {(article, char offset)} covered by the spans."""
    out: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for aid, tech, s, e in spans:
        out[tech].update((aid, i) for i in range(s, e))
    return out


def span_f1(gold: list[tuple[str, str, int, int]], pred: list[tuple[str, str, int, int]]) -> dict[str, float]:
    """Micro character-overlap P/R/F1 over techniques."""
    g, p = char_sets(gold), char_sets(pred)
    tp = sum(len(g[t] & p[t]) for t in set(g) | set(p))
    return rounded_prf(tp, sum(len(v) for v in p.values()) - tp, sum(len(v) for v in g.values()) - tp)


def gold_spans_on_scored(a: SemEvalArticle) -> list[tuple[str, str, int, int]]:
    """The article's gold spans (re-aligned to its text) that start on a scored line."""
    lines = set(a.paragraph_labels)
    art = Article(text=a.text)
    return [(a.id, t, s, e) for t, s, e in gold_spans(a) if art.line_of(s) in lines]


def run_cv(lang: str, folds: int, extra: list[str], cfg: TechniqueConfig, seed: int = 0, root: Path | None = None,
           progress: Callable[[str], None] = print, verbs: VerbsOf | None = None) -> dict[str, object]:
    """k-fold CV over the articles of `lang` (`extra` languages join every training fold); fold lines go to
    `progress`. `verbs(article)`: the verb-object lookup `TechniqueModel.predict_spans` cuts spans with (the
    techniques stage's `verbs_with_objects` bound to the article), so the spans scored are the ones the stage
    makes; None scores them without it."""
    root = root or SETTINGS.semeval_dir
    arts = load_language(root, lang)
    extra_arts = [a for lg in extra for a in load_language(root, lg)]
    gold: set[Triple] = set()
    pred: set[Triple] = set()
    genre_of: dict[str, str] = {}
    gold_sp: list[tuple[str, str, int, int]] = []
    pred_sp: list[tuple[str, str, int, int]] = []
    oracle_sp: list[tuple[str, str, int, int]] = []
    t0 = time.time()
    for k, (tr, te) in enumerate(KFold(folds, shuffle=True, random_state=seed).split(np.arange(len(arts)))):
        model = train_techniques([arts[i] for i in tr] + extra_arts, seed=seed, config=cfg)
        for i in te:
            a = arts[i]
            genre_of[a.id] = a.genre or "unknown"
            found = predict_article(model, a)
            gold |= {(a.id, n, t) for n, ts in a.paragraph_labels.items() for t in ts}
            pred |= {(a.id, n, t) for n, ps in found.items() for t, _ in ps}
            art = Article(text=a.text, metadata=Metadata(language=iso_language(lang)))
            cut = verbs(art) if verbs else None
            lines = [n for n, _ in art.paragraphs()]
            labels = [found.get(n, []) for n in lines]
            oracle = [[(t, 1.0) for t in a.paragraph_labels.get(n, [])] for n in lines]
            gold_sp += gold_spans_on_scored(a)
            pred_sp += [(a.id, x.technique, x.start, x.end) for x in model.predict_spans(art, labels, cut)]
            oracle_sp += [(a.id, x.technique, x.start, x.end) for x in model.predict_spans(art, oracle, cut)]
        progress(f"fold {k}: {triple_scores(gold, pred)} ({time.time() - t0:.0f}s)")
    techs = sorted({t for *_, t in gold} | {t for *_, t in pred})
    per_tech = {t: {**triple_scores({x for x in gold if x[2] == t}, {x for x in pred if x[2] == t}),
                    "support": sum(x[2] == t for x in gold)} for t in techs}
    per_genre = {g: triple_scores({x for x in gold if genre_of[x[0]] == g}, {x for x in pred if genre_of[x[0]] == g})
                 for g in sorted(set(genre_of.values()))}
    return {"lang": lang, "folds": folds, "seed": seed, "extra": extra, "config": cfg.__dict__,
            "micro": triple_scores(gold, pred), "per_technique": per_tech, "per_genre": per_genre,
            "span_char_f1_end_to_end": span_f1(gold_sp, pred_sp),
            "span_char_f1_given_gold_paragraph_labels": span_f1(gold_sp, oracle_sp),
            "seconds": round(time.time() - t0)}
