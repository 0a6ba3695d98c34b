"""Genre, session 10: sample weights, regularisation and the news-mix shift of the shipped head, on the shift splits.

Every recipe is the shipped genre head (multinomial logistic regression on the pooled-standardised shipped features,
the news-mix opinion/reporting shift added before the argmax) with one thing changed:

* `C=...`: the head's inverse regularisation (shipped 0.01);
* `shift xK`: the news-mix shift scaled by K (shipped 1: half the log-odds of reporting over opinion in the mix);
* `language x genre balanced`: every (training language, genre) cell weighs the same in total, so the largest
  language (English, 88% opinion) does not set the opinion/reporting boundary for the others, and a language's
  few reporting articles count as much as another's many (cells under `MIN_CELL` articles are weighted as if they
  had `MIN_CELL`);
* `language balanced`: every training language weighs the same, genres balanced over the pooled side;
* `language balanced ** 0.5`: each language weighs n ** 0.5 of its n articles (half way to equal);
* `no max block`, `no mean block`, `no dateline cue`: the max- or mean-pooled embedding or the dateline cue left out;
* `mean block centred / language` (`mean+max ...`): those embedding columns minus their language's mean over its
  training-side articles, no labels used (`bench/genre_language_study.per_language`: a language absent from the
  training side by the other half of its own articles);
* `committee vote`: the mean logits of one head per training language, each fitted without that language (the
  committee `GenreModel.probabilities` already averages for the shown scores).

Features come from the `--cache` of `bench/genre_language_study.py` (the same splits and seed); SemEval's genre per
language, subtask 1 macro-F1, beside the TF-IDF baseline of the same splits.

    python bench/genre_weight_study.py --cache FILE [--recipes "NAME;..."]   # about 1 min CPU a recipe
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.genre_language_study import SCHEMES, SHIFT, _macro, collect, per_language, print_rows  # noqa: E402
from bench.genre_shift_study import BLOCKS, DATELINE, cached  # noqa: E402
from presswatch.models import genre  # noqa: E402
from presswatch.models.linear import standardise  # noqa: E402
from presswatch.taxonomy import GENRES  # noqa: E402

MIN_CELL = 5


def cell_weights(y: np.ndarray, lang: np.ndarray, by_genre: bool, power: float = 1.0) -> np.ndarray:
    """Sample weights, mean 1: each (language, genre) cell (or each language, genres then balanced over the pool)
    with the same total weight (`power` < 1: a language's weight only moved part of the way, n ** -power)."""
    w = np.zeros(len(y))
    langs = sorted(set(lang.tolist()))
    for g in langs:
        rows = lang == g
        if by_genre:
            present = sorted(set(y[rows].tolist()))
            for c in present:
                cell = rows & (y == c)
                w[cell] = 1.0 / (len(langs) * len(present) * max(int(cell.sum()), MIN_CELL))
        else:
            w[rows] = 1.0 / (len(langs) * rows.sum() ** power)
    if not by_genre:
        for c in sorted(set(y.tolist())):
            w[y == c] /= w[y == c].sum() * len(set(y.tolist()))
    return w / w.mean()


def fit(x: np.ndarray, y: np.ndarray, c: float, weights: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """The shipped head (`genre._fit_softmax`), or with explicit sample weights instead of balanced classes."""
    if weights is None:
        return genre._fit_softmax(x, y, c, 0)
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=c, max_iter=3000, random_state=0).fit(x, y, sample_weight=weights)
    coef, icpt = np.zeros((len(GENRES), x.shape[1])), np.full(len(GENRES), -30.0)
    coef[clf.classes_], icpt[clf.classes_] = clf.coef_, clf.intercept_
    return coef, icpt


Recipe = Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray], np.ndarray]


def recipe(c: float = genre.GENRE_C, shift: float = 1.0, weights: str = "", committee: bool = False,
           power: float = 1.0, drop: str = "", centre: tuple[str, ...] = ()) -> Recipe:
    def run(f: np.ndarray, y: np.ndarray, lang: np.ndarray, tr: np.ndarray, te: np.ndarray) -> np.ndarray:
        if centre:
            f = per_language(f, lang, tr, te, np.array([c for b in centre for c in BLOCKS[b]]), scale=False)
        if drop:
            f = np.delete(f, [DATELINE] if drop == "dateline" else BLOCKS[drop], axis=1)
        mean, scale = standardise(f[tr])
        x = (f - mean) / scale
        heads = ([tr[lang[tr] != g] for g in sorted(set(lang[tr].tolist()))]
                 if committee and len(set(lang[tr].tolist())) > 1 else [tr])
        out = np.zeros((len(te), len(GENRES)))
        for rows in heads:
            w = cell_weights(y[rows], lang[rows], weights == "lang x genre", power) if weights else None
            coef, icpt = fit(x[rows], y[rows], c, w)
            out += (x[te] @ coef.T + icpt) / len(heads)
        return out + SHIFT * shift

    return run


RECIPES: dict[str, Recipe] = {
    "shipped": recipe(), "C=0.005": recipe(c=0.005), "C=0.02": recipe(c=0.02),
    "shift x0.5": recipe(shift=0.5), "shift x1.5": recipe(shift=1.5), "shift x2": recipe(shift=2.0),
    "language x genre balanced": recipe(weights="lang x genre"), "language balanced": recipe(weights="lang"),
    "committee vote": recipe(committee=True),
    "language x genre balanced, committee": recipe(weights="lang x genre", committee=True),
    "language balanced ** 0.5": recipe(weights="lang", power=0.5),
    "language balanced, shift x0.5": recipe(weights="lang", shift=0.5),
    "no max block": recipe(drop="max"), "no mean block": recipe(drop="mean"),
    "no max block, shift x0.5": recipe(drop="max", shift=0.5),
    "mean block centred / language": recipe(centre=("mean",)),
    "mean+max centred / language": recipe(centre=("mean", "max")),
    "no dateline cue": recipe(drop="dateline")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cache", type=Path, help="the .npy feature cache of bench/genre_language_study.py")
    ap.add_argument("--recipes", default=";".join(RECIPES), help="names separated by ;")
    args = ap.parse_args()
    data = cached(args.cache, collect)
    y, lang = data["y"], data["lang"]
    from bench.genre_language_study import TFIDF

    rows = {"tf-idf (bench/genre_shift_study.py)": {s: list(TFIDF[s]) for s in SCHEMES}}
    for name in args.recipes.split(";"):
        rows[name] = {}
        for scheme in SCHEMES:
            top = np.full(len(y), -1)
            with threadpool_limits(1):
                for tr, te, f in data["splits"][scheme]:
                    top[te] = RECIPES[name](f, y, lang, tr, te).argmax(1)
            rows[name][scheme] = _macro(top, y, lang)
        print_rows({name: rows[name]}, 40)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
