"""Which technique head to use per language, from the scores `bench/technique_scores.py` keeps (issue #11, speed):
paragraph micro-F1 of the MiniLM head, the USE head and the routing `TechniqueConfig.minilm_langs` on the test side
of each split, per language; the label density (gold and predicted labels a paragraph); and one global threshold
per language, tuned on that language's inner out-of-fold rows of the training side (none under lolo, where the
held-out language has no training rows; the shipped one is kept there), beside the best one global threshold on the
test side itself (an oracle, never shippable: it says how much of a language's gap a threshold could close).

    python bench/technique_scores.py --split newest --no-tagger --out newest.npz
    python bench/routing_study.py newest.npz [lolo.npz] [--minilm-langs ge,po]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from presswatch.evaluation.scorers import f1_score  # noqa: E402
from presswatch.models.techniques.model import TechniqueConfig  # noqa: E402
from presswatch.models.techniques.training import tune_thresholds  # noqa: E402

LANGS = ("en", "fr", "ge", "it", "po", "ru")


def micro_f1(scores: np.ndarray, y: np.ndarray, thresholds: np.ndarray) -> float:
    pred = scores >= thresholds
    gold = y > 0
    return f1_score(int((pred & gold).sum()), int((pred & ~gold).sum()), int((~pred & gold).sum()))


def splits_of(z: np.lib.npyio.NpzFile) -> list[int]:
    return sorted(int(k[4:]) for k in z.files if k.startswith("rows") and k[4:].isdigit())


def study(path: Path, minilm_langs: str) -> None:
    cfg = TechniqueConfig(minilm_langs=minilm_langs)
    with np.load(path) as z:
        rows: dict[str, dict[str, list[np.ndarray]]] = {}
        for k in splits_of(z):
            lang = np.array([r.split("/")[0] for r in z[f"rows{k}"]])
            oof_lang = z[f"oof_lang{k}"]
            y = z[f"test_y{k}"]
            for lg in LANGS:
                if (lang == lg).any():
                    rows.setdefault(lg, {}).setdefault("y", []).append(y[lang == lg])
            for head, suffix in (("minilm", ""), ("use", "_use")):
                if f"test{suffix}{k}" not in z.files:  # a fit without this head
                    continue
                test, oof, thr = (z[f"{x}{suffix}{k}"] for x in ("test", "oof", "thresholds"))
                for lg in LANGS:
                    m = lang == lg
                    if not m.any():
                        continue
                    r = rows.setdefault(lg, {})
                    r.setdefault(f"{head} scores", []).append(test[m])
                    r.setdefault(f"{head} thr", []).append(np.repeat(thr[None], m.sum(), axis=0))
                    om = oof_lang == lg
                    own = tune_thresholds(oof[om], z[f"oof_y{k}"][om], cfg)[0] if om.any() else thr
                    r.setdefault(f"{head} own thr", []).append(np.repeat(own[None], m.sum(), axis=0))
    print(f"{path.name}: paragraph micro-F1 per language; routed = MiniLM head for {minilm_langs}, USE head else")
    print("lang  paragraphs  gold/para  MiniLM  pred/para  USE  pred/para  routed  "
          "MiniLM own-lang thr  USE own-lang thr  MiniLM oracle thr  USE oracle thr")
    for lg, r in rows.items():
        y = np.vstack(r["y"])
        out = {h: (float("nan"),) * 4 for h in ("minilm", "use")}
        for head in (h for h in ("minilm", "use") if f"{h} scores" in r):
            s, t, own = (np.vstack(r[f"{head} {x}"]) for x in ("scores", "thr", "own thr"))
            oracle = max(micro_f1(s, y, np.full(s.shape[1], g)) for g in np.arange(0.05, 0.9, 0.025))
            out[head] = (micro_f1(s, y, t), float((s >= t).sum(1).mean()), micro_f1(s, y, own), oracle)
        routed = out[cfg.head_for(lg)][0]  # nan where that head was not fitted
        print(f"{lg:<5} {len(y):>10}  {y.sum(1).mean():9.2f}  {out['minilm'][0]:.3f}  {out['minilm'][1]:9.2f}  "
              f"{out['use'][0]:.3f}  {out['use'][1]:9.2f}  {routed:.3f}  {out['minilm'][2]:19.3f}  "
              f"{out['use'][2]:16.3f}  {out['minilm'][3]:17.3f}  {out['use'][3]:14.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("scores", nargs="+", type=Path)
    ap.add_argument("--minilm-langs", default=TechniqueConfig().minilm_langs)
    args = ap.parse_args()
    for path in args.scores:
        study(path, args.minilm_langs)


if __name__ == "__main__":
    main()
