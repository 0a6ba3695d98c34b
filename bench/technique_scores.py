"""Fit the technique model on the training side of a shift split and keep its scores: the inner out-of-fold
scores its thresholds are tuned on, and the scores of every label on every scored paragraph of the test side.

    python bench/technique_scores.py --split newest [--max-splits N] [--seed 0] --out SCORES.npz [--labels CACHE]
                                     [--aligned-training]
    python bench/technique_scores.py --split lolo --holdout en,ru --set minilm_langs=- --no-tagger --out S.npz

One fit (`train_techniques`, as `presswatch train` builds it) takes 15-25 minutes on two shared cores. SCORES.npz
holds, per split k, `oof{k}` / `oof_y{k}` (training side) and `test{k}` / `test_y{k}` (test side, one row per
scored paragraph) with the article, line and language of each test row; `labels` the label order. These keys
hold the MiniLM head (`model.HEADS`); `oof_use{k}`, `test_use{k}` and `thresholds_use{k}` the USE head, so one fit
scores both heads in every language (`bench/routing_study.py` reads them); a head the model was not trained with
(`--set minilm_langs=-`: the USE head alone) is left out. `--holdout` keeps only the lolo splits of those languages.
With --labels
the paragraph labels at the model's own thresholds are also written in the cache format of `span_study.py
--end-to-end`, so both studies read one fit. `bench/threshold_study.py` chooses per-label thresholds from them.
`--aligned-training` fits with `TechniqueConfig.aligned_offsets` (span lexicon and tagger on the re-aligned gold
spans); the paragraph micro-F1 at the model's thresholds is printed per split.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from presswatch.article import Article  # noqa: E402
from presswatch.config import SETTINGS  # noqa: E402
from presswatch.evaluation.semeval import load_language  # noqa: E402
from presswatch.evaluation.splits import make_splits  # noqa: E402
from presswatch.models.techniques import training  # noqa: E402

LANGS = ("en", "fr", "ge", "it", "po", "ru")


def micro(hits: np.ndarray, truth: np.ndarray) -> float:
    """Micro-F1 of boolean label rows."""
    tp, fp, fn = int((hits & truth).sum()), int((hits & ~truth).sum()), int((~hits & truth).sum())
    return 2 * tp / max(2 * tp + fp + fn, 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--split", default="newest", choices=("random", "newest", "lolo"))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--max-splits", type=int, default=0)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--labels", type=Path, default=None)
    ap.add_argument("--no-tagger", action="store_true", help="skip the span tagger (paragraph scores unchanged)")
    ap.add_argument("--holdout", default="", help="lolo: only the splits that hold out these languages")
    ap.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                    help="a technique-model setting (str or int), e.g. minilm_langs=-")
    ap.add_argument("--aligned-training", action="store_true",
                    help="train the span parts on the re-aligned gold spans (TechniqueConfig.aligned_offsets)")
    args = ap.parse_args()
    cfg = training.TechniqueConfig(span_tagger=not args.no_tagger, aligned_offsets=args.aligned_training)
    for kv in args.overrides:
        key, _, value = kv.partition("=")
        setattr(cfg, key, type(getattr(cfg, key))(value))
    arts = [a for lg in LANGS for a in load_language(SETTINGS.semeval_dir, lg)]
    splits = make_splits(arts, args.split, seed=args.seed)
    if args.holdout:
        splits = [sp for lg in args.holdout.split(",") for sp in splits if sp.name == f"without {lg}"]
    splits = splits[:args.max_splits] if args.max_splits else splits
    captured: list[tuple[np.ndarray, np.ndarray]] = []
    tune = training.tune_thresholds

    def capture(scores: np.ndarray, y: np.ndarray, cfg: training.TechniqueConfig) -> tuple[np.ndarray, float]:
        captured.append((scores.copy(), y.copy()))
        return tune(scores, y, cfg)

    training.tune_thresholds = capture  # type: ignore[assignment]
    arrays: dict[str, np.ndarray] = {}
    stored = json.loads(args.labels.read_text(encoding="utf-8")) if args.labels and args.labels.exists() else {}
    labels: tuple[str, ...] = ()
    for k, sp in enumerate(splits):
        t0 = time.perf_counter()
        model = training.train_techniques([arts[i] for i in sp.train], seed=args.seed, config=cfg)
        labels = model.labels
        rows: dict[str, list[np.ndarray]] = {h: [] for h in model.nets}
        ys, meta, routed_rows = [], [], []
        cache: dict[str, dict[str, list[str]]] = {}
        for i in sp.test:
            a = arts[i]
            paras = Article(text=a.text).paragraphs()
            texts = [a.text[s.start:s.end] for _, s in paras]
            emb = training.default_embedder(texts)
            probs = {h: model.scores(texts, emb, head=h) for h in model.nets}
            routed, thr = probs[model.head(a.lang)], model.thresholds[model.head(a.lang)]
            cache[f"{a.lang}/{a.id}"] = {str(n): [labels[j] for j in np.argsort(-row) if row[j] >= thr[j]]
                                         for (n, _), row in zip(paras, routed, strict=True)}
            for j, (n, _) in enumerate(paras):
                if n in a.paragraph_labels:
                    for h, p in probs.items():
                        rows[h].append(p[j])
                    ys.append([t in a.paragraph_labels[n] for t in labels])
                    routed_rows.append(routed[j] >= thr)
                    meta.append(f"{a.lang}/{a.id}/{n}")
        tuned = dict(zip(model.nets, captured[-len(model.nets):], strict=True))  # tuned in `HEADS` order
        oof_lang = [arts[i].lang for i in sp.train for n, _ in Article(text=arts[i].text).paragraphs()
                    if n in arts[i].paragraph_labels]
        arrays |= {f"oof_y{k}": tuned[next(iter(tuned))][1].astype(np.int8), f"test_y{k}": np.array(ys, np.int8),
                   f"rows{k}": np.array(meta), f"oof_lang{k}": np.array(oof_lang)}
        for h, suffix in (("minilm", ""), ("use", "_use")):
            if h in model.nets:
                arrays |= {f"oof{suffix}{k}": tuned[h][0].astype(np.float32),
                           f"test{suffix}{k}": np.array(rows[h], np.float32),
                           f"thresholds{suffix}{k}": model.thresholds[h]}
        stored[f"{args.split} {k} seed {args.seed}"] = cache
        hits, truth = np.array(routed_rows, dtype=bool), np.array(ys, dtype=bool)
        row_lang = np.array([m.split("/")[0] for m in meta])
        scored = {"all": np.ones(len(meta), dtype=bool)} | {lg: row_lang == lg for lg in LANGS if lg in row_lang}
        print(f"{args.split} {k}: fitted and scored in {time.perf_counter() - t0:.0f} s; paragraph micro-F1 "
              f"(routed heads, the model's thresholds) " + ", ".join(f"{lg} {micro(hits[m], truth[m]):.4f}"
                                                               for lg, m in scored.items()), file=sys.stderr)
        np.savez_compressed(args.out, labels=np.array(labels), **arrays)
        if args.labels:
            args.labels.write_text(json.dumps(stored), encoding="utf-8")


if __name__ == "__main__":
    main()
