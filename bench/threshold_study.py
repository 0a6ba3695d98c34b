"""Per-label thresholds with a precision floor, chosen on the training side's inner out-of-fold scores and scored on
the test side of a shift split: can the rare techniques (Whataboutism, Appeal_to_Authority, Straw_Man) fire when
sure without costing micro-F1?

    python bench/technique_scores.py --split newest --out SCORES.npz      # one fit per split (15-25 min each)
    python bench/threshold_study.py SCORES.npz [--floors 0.4,0.5,0.6] [--min-hits 3,5]

Rules compared (each label j; `global` = the model's own threshold, one for all labels as trained):
  global               the shipped rule;
  lower to floor       t_j = the lowest grid threshold below global at which label j's out-of-fold precision
                       (over the scores at or above it) reaches the floor with at least `min hits` hits, else global;
  floor both ways      the same, but a label whose precision at global is under the floor rises to the lowest
                       threshold that reaches it (never above the grid's top, 0.7);
Reported: micro P / R / F1 on the test side, per language, and P / R / F1 / predicted count of the rare techniques.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from presswatch.evaluation.scorers import prf  # noqa: E402

RARE = ("Whataboutism", "Appeal_to_Authority", "Straw_Man", "Red_Herring", "Appeal_to_Popularity")
GRID = np.round(np.arange(0.05, 0.7 + 1e-9, 0.025), 3)
LANGS = ("en", "fr", "ge", "it", "po", "ru")


def precision_at(s: np.ndarray, y: np.ndarray, t: float) -> tuple[float, int]:
    hit = s >= t
    n = int(hit.sum())
    return (float(y[hit].mean()) if n else 0.0), n


def floor_thresholds(oof: np.ndarray, y: np.ndarray, glob: np.ndarray, floor: float, min_hits: int,
                     both: bool) -> np.ndarray:
    """Per-label thresholds from out-of-fold scores `oof` and labels `y` (see the module doc)."""
    out = glob.astype(np.float64).copy()
    for j in range(y.shape[1]):
        at = [(t, *precision_at(oof[:, j], y[:, j], t)) for t in GRID]
        ok = [t for t, p, n in at if p >= floor and n >= min_hits]
        below = [t for t in ok if t < glob[j]]
        if below:
            out[j] = min(below)
        elif both and precision_at(oof[:, j], y[:, j], glob[j])[0] < floor and ok:
            out[j] = min(ok)
    return out


def score(test: np.ndarray, y: np.ndarray, thr: np.ndarray) -> tuple[int, int, int]:
    pred = test >= thr
    return int((pred & (y > 0)).sum()), int((pred & (y == 0)).sum()), int((~pred & (y > 0)).sum())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("scores", type=Path)
    ap.add_argument("--floors", default="0.4,0.5,0.6")
    ap.add_argument("--min-hits", default="3,5")
    args = ap.parse_args()
    z = np.load(args.scores)
    labels = [str(x) for x in z["labels"]]
    k = 0
    while f"oof{k}" in z:
        oof, oy, test, ty = z[f"oof{k}"], z[f"oof_y{k}"], z[f"test{k}"], z[f"test_y{k}"]
        langs = np.array([str(r).split("/")[0] for r in z[f"rows{k}"]])
        glob = z[f"thresholds{k}"].astype(np.float64)
        rules = {"global (shipped)": glob}
        for floor in (float(x) for x in args.floors.split(",")):
            for m in (int(x) for x in args.min_hits.split(",")):
                rules[f"lower to floor {floor} (>= {m} hits)"] = floor_thresholds(oof, oy, glob, floor, m, False)
                rules[f"floor {floor} both ways (>= {m} hits)"] = floor_thresholds(oof, oy, glob, floor, m, True)
        print(f"split {k}: {len(oof)} training paragraphs (inner out-of-fold), {len(test)} test paragraphs; "
              f"global threshold {glob[0]:.3f}")
        for name, thr in rules.items():
            p, r, f1 = prf(*score(test, ty, thr))
            per_lang = "  ".join(f"{lg} {prf(*score(test[langs == lg], ty[langs == lg], thr))[2]:.3f}"
                                 for lg in LANGS if (langs == lg).any())
            changed = int((np.abs(thr - glob) > 1e-9).sum())
            print(f"  {name:40s} micro P {p:.3f} R {r:.3f} F1 {f1:.3f}  ({changed} labels moved)  {per_lang}")
            for lab in RARE:
                if lab not in labels:
                    continue
                j = labels.index(lab)
                tp, fp, fn = score(test[:, j:j + 1], ty[:, j:j + 1], thr[j:j + 1])
                lp, lr, lf = prf(tp, fp, fn)
                print(f"      {lab:24s} t {thr[j]:.3f}  predicted {tp + fp:3d} right {tp:3d} of {tp + fn:3d} gold"
                      f"  P {lp:.3f} R {lr:.3f} F1 {lf:.3f}")
        k += 1


if __name__ == "__main__":
    main()
