"""Article-level k-fold cross-validation of the technique model: paragraph micro-F1 (SemEval subtask 3),
per-technique and per-genre F1, and character-overlap span F1.

    python -m presswatch.models.technique_cv --lang en --folds 5 [--extra fr,ge,it,po,ru] [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from dataclasses import replace

import numpy as np
from sklearn.model_selection import KFold

from presswatch.article import Article
from presswatch.config import SETTINGS
from presswatch.evaluation.semeval import SemEvalArticle, load_language
from presswatch.models.techniques import TechniqueConfig, TechniqueModel, _default_embedder, train_techniques

Triple = tuple[str, int, str]


def predict_article(model: TechniqueModel, a: SemEvalArticle) -> dict[int, list[tuple[str, float]]]:
    """Predicted techniques for each scored line of one article."""
    paras = Article(text=a.text).paragraphs()
    texts = [a.text[s.start:s.end] for _, s in paras]
    preds = model.predict_paragraphs(texts, _default_embedder(texts), lang=a.lang)
    return {n: p for (n, _), p in zip(paras, preds, strict=True) if n in a.paragraph_labels}


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4)}


def triple_scores(gold: set[Triple], pred: set[Triple]) -> dict[str, float]:
    return prf(len(gold & pred), len(pred - gold), len(gold - pred))


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
    return prf(tp, sum(len(v) for v in p.values()) - tp, sum(len(v) for v in g.values()) - tp)


def gold_spans_on_scored(a: SemEvalArticle) -> list[tuple[str, str, int, int]]:
    lines = set(a.paragraph_labels)
    art = Article(text=a.text)
    return [(a.id, t, s, e) for t, s, e in a.spans if art.line_of(s) in lines]


def run_cv(lang: str, folds: int, extra: list[str], cfg: TechniqueConfig, seed: int = 0) -> dict[str, object]:
    arts = load_language(SETTINGS.semeval_dir, lang)
    extra_arts = [a for lg in extra for a in load_language(SETTINGS.semeval_dir, lg)]
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
            art = Article(text=a.text)
            lines = [n for n, _ in art.paragraphs()]
            labels = [found.get(n, []) for n in lines]
            oracle = [[(t, 1.0) for t in a.paragraph_labels.get(n, [])] for n in lines]
            gold_sp += gold_spans_on_scored(a)
            pred_sp += [(a.id, x.technique, x.start, x.end) for x in model.predict_spans(art, labels)]
            oracle_sp += [(a.id, x.technique, x.start, x.end) for x in model.predict_spans(art, oracle)]
        print(f"fold {k}: {triple_scores(gold, pred)} ({time.time() - t0:.0f}s)", flush=True)
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--lang", default="en")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--extra", default="", help="comma-separated languages added to every training fold")
    ap.add_argument("--set", action="append", default=[], help="config override, e.g. --set epochs=30")
    ap.add_argument("--out", default=None)
    ap.add_argument("--seed", type=int, default=0, help="seed of the article folds and of training")
    args = ap.parse_args()
    cfg = TechniqueConfig()
    for kv in args.set:
        k, v = kv.split("=", 1)
        cfg = replace(cfg, **{k: type(getattr(cfg, k))(v)})
    res = run_cv(args.lang, args.folds, [x for x in args.extra.split(",") if x], cfg, seed=args.seed)
    text = json.dumps(res, indent=1)
    print(text)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
