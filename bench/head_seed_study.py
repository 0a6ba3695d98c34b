"""Seed noise of the technique heads on the shift splits (issue #11, speed): per split, the n-gram, lexicon and span
parts are fitted once (`training.training_features`), then each head's inner k-fold is fitted as single rounds
with seeds 0..N-1 (`training.fit_round`, exactly the rounds `presswatch train` fits). A recipe of R rounds at seed s
is the union of the single rounds s..s+R-1 (thresholds tuned on their mean out-of-fold scores), so one set of fits
scores every single seed and every ensemble of consecutive seeds. Paragraph micro-F1 per language of the test side.

    python bench/head_seed_study.py --split newest --seeds 6 --out newest_seeds.json
    python bench/head_seed_study.py --split lolo --holdout en,fr,it --seeds 6 --out lolo_seeds.json
    python bench/head_seed_study.py --report newest_seeds.json lolo_seeds.json --rounds 3
    python bench/head_seed_study.py --split lolo --holdout en,ru,po --seeds 1 --aligned-training --out lolo_al.json

The MiniLM head is fitted at seed 0 alone (`--minilm-seeds` for more) as the reference (main's recipe).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.routing_study import LANGS, micro_f1  # noqa: E402
from presswatch.article import Article  # noqa: E402
from presswatch.config import SETTINGS  # noqa: E402
from presswatch.evaluation.semeval import load_language  # noqa: E402
from presswatch.evaluation.splits import make_splits  # noqa: E402
from presswatch.models.techniques import training  # noqa: E402
from presswatch.models.techniques.model import TechniqueModel  # noqa: E402


def fit_split(arts: list, train: list[int], test: list[int], seeds: dict[str, int], aligned: bool = False) -> dict:
    """Single rounds of each head at seeds 0..n-1: out-of-fold and test scores, test gold and languages;
    `aligned`: the span lexicon fitted on the re-aligned gold spans (`TechniqueConfig.aligned_offsets`)."""
    cfg = training.TechniqueConfig(span_tagger=False, aligned_offsets=aligned)
    articles = [arts[i] for i in train]
    feats = training.training_features(articles, seed=0, config=cfg)
    shell = TechniqueModel(feats.labels, feats.vectorizers, feats.lexical, {}, {}, feats.spans, cfg)
    x_test: dict[str, list[np.ndarray]] = {h: [] for h in seeds}
    ys, langs = [], []
    for i in test:
        a = arts[i]
        paras = Article(text=a.text).paragraphs()
        texts = [a.text[s.start:s.end] for _, s in paras]
        keep = [j for j, (n, _) in enumerate(paras) if n in a.paragraph_labels]
        if not keep:
            continue
        emb = training.default_embedder(texts)
        for h in seeds:
            x_test[h].append(shell.features(texts, emb, h)[keep])
        ys += [[t in a.paragraph_labels[paras[j][0]] for t in feats.labels] for j in keep]
        langs += [a.lang] * len(keep)
    out: dict = {"y": np.array(ys, np.int8).tolist(), "lang": langs, "oof_y": feats.rows.y.astype(np.int8).tolist(),
                 "heads": {}}
    for h, n in seeds.items():
        xt = np.vstack(x_test[h])
        rounds = []
        for s in range(n):
            t0 = time.process_time()
            r = training.fit_round(articles, feats, h, cfg, s)
            assert r is not None
            test_scores = np.mean([m.predict(xt) for m in r.members], axis=0)
            rounds.append({"oof": r.oof.round(5).tolist(), "test": test_scores.round(5).tolist()})
            print(f"  {h} seed {s}: {time.process_time() - t0:.0f} CPU s", file=sys.stderr, flush=True)
        out["heads"][h] = rounds
    return out


def report(paths: list[Path], rounds: list[int]) -> None:
    cfg = training.TechniqueConfig()
    print("split  lang  head  rounds  seed  micro-F1")
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        for name, sp in data.items():
            y, lang, oof_y = np.array(sp["y"]), np.array(sp["lang"]), np.array(sp["oof_y"])
            for h, fits in sp["heads"].items():
                for r in rounds:
                    for s in range(0, len(fits) - r + 1, r):
                        part = fits[s:s + r]
                        oof = np.mean([np.array(f["oof"]) for f in part], axis=0)
                        test = np.mean([np.array(f["test"]) for f in part], axis=0)
                        thr, _ = training.tune_thresholds(oof, oof_y, cfg)
                        for lg in LANGS:
                            m = lang == lg
                            if m.any():
                                print(f"{name}  {lg}  {h}  {r}  {s}  {micro_f1(test[m], y[m], thr):.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--split", default="newest", choices=("newest", "lolo", "random"))
    ap.add_argument("--holdout", default="", help="lolo: only the splits that hold out these languages")
    ap.add_argument("--seeds", type=int, default=6, help="single rounds of the USE head, seeds 0..N-1")
    ap.add_argument("--minilm-seeds", type=int, default=1)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--aligned-training", action="store_true",
                    help="fit the span lexicon on the re-aligned gold spans (TechniqueConfig.aligned_offsets)")
    ap.add_argument("--report", nargs="*", type=Path)
    ap.add_argument("--rounds", default="1,3", help="ensemble sizes the report scores")
    args = ap.parse_args()
    if args.report:
        report(args.report, [int(r) for r in args.rounds.split(",")])
        return
    arts = [a for lg in LANGS for a in load_language(SETTINGS.semeval_dir, lg)]
    splits = make_splits(arts, args.split, seed=0)
    if args.holdout:
        splits = [sp for lg in args.holdout.split(",") for sp in splits if sp.name == f"without {lg}"]
    seeds = {"use": args.seeds} | ({"minilm": args.minilm_seeds} if args.minilm_seeds else {})
    results: dict = {}
    for sp in splits:
        t0 = time.process_time()
        print(f"{args.split} {sp.name}", file=sys.stderr, flush=True)
        results[f"{args.split} {sp.name}"] = fit_split(arts, sp.train, sp.test, seeds, args.aligned_training)
        args.out.write_text(json.dumps(results), encoding="utf-8")
        print(f"{args.split} {sp.name}: {time.process_time() - t0:.0f} CPU s", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
