"""Genre under label shift: class weighting, calibration and prior correction, compared on the shift splits.

The training split is 76% opinion; news feeds are mostly reporting. For every split of `lolo` and `newest` the genre
features are built as `bench/genre_shift_study.py` builds them; a head is fitted on the training side with balanced
or with no class weights, and so are the inner held-out logits of that training side (each training language
scored by a head that did not see it). Every calibration is fitted on those inner logits only; every prior
correction uses no test label. Recipes:

* `before`: balanced head, the fixed news-mix shift, temperature, per-genre precision ceiling, satire floor 0.974;
* `shipped`: the recipe this study chose (shipped until session 7, whose scores average it over the language
  committee: bench/genre_trust_study.py);
* `<weights> T+b -> <prior>`: temperature and per-class bias fitted on the inner held-out logits (bias-corrected
  temperature scaling), so the scores are calibrated for the training side's genre mix; then moved to a target
  prior by Bayes (p * target / source): `train` (none), `deploy` (the stated news-feed mix, `genre.DEPLOY_PRIOR`)
  or `EM` (the prior of the test language's unlabelled articles, estimated by Saerens-Latinne-Decaestecker EM).

Columns: macro-F1 (mean over languages), the same at the news-feed mix, share `uncertain`, share of reporting
articles `uncertain`, ECE of the shown distribution on the split's own mix and reweighted to the news-feed mix,
verdicts (not `uncertain`, score >= the floor) right/made per genre opinion/reporting/satire at >= 0.8 and >= 0.9.

    python bench/genre_prior_study.py [--cache FILE]     # 1-2 min on two shared cores; --cache reuses the logits
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.genre_shift_study import cached, load_genre_corpus, split_features  # noqa: E402
from presswatch.evaluation import calibration, scorers  # noqa: E402
from presswatch.evaluation.splits import make_splits  # noqa: E402
from presswatch.models import genre  # noqa: E402
from presswatch.models.linear import softmax, standardise  # noqa: E402
from presswatch.taxonomy import GENRES, LANGUAGES  # noqa: E402

WEIGHTS = ("balanced", "none")
DEPLOY = np.array([genre.DEPLOY_PRIOR[g] for g in GENRES])
SAT = GENRES.index("satire")
REP = GENRES.index("reporting")
# 0.974: a satire probability at its balanced third that is still 0.8 once satire is moved to its 5% feed share
_ODDS = genre.PRECISION_FLOOR / (1 - genre.PRECISION_FLOOR) / (DEPLOY[SAT] / (1 - DEPLOY[SAT]) / 0.5)
SATIRE_FLOOR = _ODDS / (1 + _ODDS)


def _inner(x: np.ndarray, y: np.ndarray, lang: np.ndarray, weights: str) -> np.ndarray:
    out = np.zeros((len(y), len(GENRES)))
    for g in sorted(set(lang.tolist())):
        te, tr = np.flatnonzero(lang == g), np.flatnonzero(lang != g)
        coef, icpt = genre._fit_softmax(x[tr], y[tr], genre.GENRE_C, 0, weights)
        out[te] = x[te] @ coef.T + icpt
    return out


def collect() -> dict[str, list[dict[str, Any]]]:
    """Per scheme and split: raw test logits and inner held-out logits of each class weighting, with gold."""
    gc = load_genre_corpus()
    use, texts, flags, y, lang = gc.use, gc.texts, gc.flags, gc.y, gc.lang
    out: dict[str, list[dict[str, Any]]] = {}
    for scheme in ("lolo", "newest"):
        for sp in make_splits(gc.articles, scheme):
            print(f"  {scheme} {sp.name}", file=sys.stderr)
            tr, te = gc.sides(sp)
            with threadpool_limits(1):
                feats = split_features(use, texts, flags, tr, te)
                mean, scale = standardise(feats[tr])
                x = (feats - mean) / scale
                part: dict[str, Any] = {"y": y[te], "lang": lang[te], "hy": y[tr]}
                for w in WEIGHTS:
                    coef, icpt = genre._fit_softmax(x[tr], y[tr], genre.GENRE_C, 0, w)
                    part[f"z_{w}"] = x[te] @ coef.T + icpt
                    part[f"held_{w}"] = _inner(x[tr], y[tr], lang[tr], w)
            out.setdefault(scheme, []).append(part)
    return out


# split -> (shown probs, verdict or -1[, the top genre SemEval is given when it is not the shown one's])
Recipe = Callable[[dict[str, Any]], tuple[np.ndarray, ...]]


def _ceilings(probs: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None) -> list[tuple[list[float], ...]]:
    """The replaced recipe's per-genre precision ceilings (isotonic; pooled for a genre with < 20 verdicts)."""
    top, k = probs.max(1), probs.argmax(1)
    right = (k == y).astype(float)
    pooled = calibration.precision_curve(top, right, 1 / 3, weights)
    return [calibration.precision_curve(top[k == c], right[k == c], 1 / 3, None if weights is None else weights[k == c])
            if (k == c).sum() >= 20 else pooled for c in range(len(GENRES))]


def _before(mix: bool) -> Recipe:
    """The recipe shipped before (balanced head, fixed news-mix shift, temperature on the shifted inner logits,
    per-genre precision ceiling, satire floor 0.974), with temperature and ceiling fitted at the training mix or
    (`mix`) on the inner logits reweighted to the news-feed mix."""
    def run(part: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
        s = genre.deploy_shift() * np.array([-1.0, 1.0, 0.0])
        held, hy = part["held_balanced"] + s, part["hy"]
        w = mix_weights(hy) if mix else None
        t = calibration.fit_temperature(held, hy, weights=w)
        curves = _ceilings(softmax(held / t), hy, w)
        probs = softmax((part["z_balanced"] + s) / t)
        k = probs.argmax(1)
        shown = calibration.restate(probs, np.array([calibration.ceiling_scores(np.array([p.max()]), curves[c])[0]
                                                     for p, c in zip(probs, k, strict=True)]))
        floors = np.full(len(GENRES), genre.PRECISION_FLOOR)
        floors[SAT] = SATIRE_FLOOR
        return shown, np.where((shown.max(1) >= genre.PRECISION_FLOOR) & (probs.max(1) >= floors[k]), k, -1)

    return run


def _shipped(part: dict[str, Any]) -> tuple[np.ndarray, ...]:
    """`genre.calibrate` on the inner logits, the stated news-feed mix with satire at an equal share, satire
    verdicts at 0.974, verdicts that agree with SemEval's genre (with the full head: the model before session 7)."""
    cal = genre.calibrate(part["held_balanced"], part["hy"])
    shown = genre.shown_prior(DEPLOY, GENRES)
    probs = softmax(part["z_balanced"] / cal["temperature"] + np.array(cal["bias"]) + np.log(shown))
    top = (part["z_balanced"] + genre.deploy_shift() * np.array([-1.0, 1.0, 0.0])).argmax(1)
    k = probs.argmax(1)
    floors = np.array([genre.label_floor(cal["confidence_floor"], DEPLOY[c], shown[c]) for c in range(len(GENRES))])
    return probs, np.where((k == top) & (probs.max(1) >= floors[k]), k, -1), top


def _adapted(weights: str, target: str) -> Recipe:
    def run(part: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
        held, hy = part[f"held_{weights}"], part["hy"]
        t, b = calibration.fit_temperature_bias(held, hy)
        source = np.bincount(hy, minlength=len(GENRES)) / len(hy)
        inner = softmax(held / t + b)
        floor = calibration.confidence_floor(inner, hy, genre.PRECISION_FLOOR, 0.5, genre.PRECISION_FLOOR)[0]
        probs = softmax(part[f"z_{weights}"] / t + b)
        if target == "deploy":
            probs = calibration.shift_prior(probs, source, DEPLOY)
        elif target == "EM":
            for g in sorted(set(part["lang"].tolist())):
                m = part["lang"] == g
                probs[m] = calibration.shift_prior(probs[m], source, calibration.em_prior(probs[m], source))
        k = probs.argmax(1)
        return probs, np.where(probs.max(1) >= floor, k, -1)

    return run


def _balanced_then_prior(weights: str, satire_balanced: bool, agree: bool = False, ceiling: bool = False) -> Recipe:
    """T and bias fitted on the inner logits reweighted to equal genres (scores for a uniform mix), then the
    stated news-feed prior added by Bayes; `satire_balanced` keeps satire at its uniform share (as shipped) and
    asks a satire verdict for the probability that reaches the floor at 5%."""
    def run(part: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
        held, hy = part[f"held_{weights}"], part["hy"]
        share = np.bincount(hy, minlength=len(GENRES)) / len(hy)
        t, b = calibration.fit_temperature_bias(held, hy, (1 / 3 / share)[hy])
        prior = genre.deploy_shift() * np.array([-1.0, 1.0, 0.0]) if satire_balanced else np.log(DEPLOY)
        probs = softmax(part[f"z_{weights}"] / t + b + prior)
        if ceiling:
            inner = softmax(held / t + b + prior)
            curves = _ceilings(inner, hy, mix_weights(hy))
            scores = np.array([calibration.ceiling_scores(np.array([p.max()]), curves[c])[0]
                               for p, c in zip(probs, probs.argmax(1), strict=True)])
            probs = calibration.restate(probs, scores)
        k = probs.argmax(1)
        floors = np.full(len(GENRES), genre.PRECISION_FLOOR)
        if satire_balanced:
            floors[SAT] = SATIRE_FLOOR
        said = np.where(probs.max(1) >= floors[k], k, -1)
        if not agree:
            return probs, said
        top = (part["z_balanced"] + genre.deploy_shift() * np.array([-1.0, 1.0, 0.0])).argmax(1)
        return probs, np.where(said == top, said, -1), top

    return run


def mix_weights(y: np.ndarray) -> np.ndarray:
    """Per article, its genre's share in the news-feed mix over its share in `y`."""
    share = np.bincount(y, minlength=len(GENRES)) / max(len(y), 1)
    return (DEPLOY / np.maximum(share, 1e-9))[y]


RECIPES: dict[str, Recipe] = {"before": _before(False), "before, T+ceiling at mix": _before(True),
                             "shipped": _shipped}
for _w in WEIGHTS:
    RECIPES[f"{_w} T+b@equal -> deploy"] = _balanced_then_prior(_w, False)
    RECIPES[f"{_w} T+b@equal -> dep, sat bal"] = _balanced_then_prior(_w, True)
    RECIPES[f"{_w} T+b@equal -> dep, agree"] = _balanced_then_prior(_w, False, True)
    RECIPES[f"{_w} T+b@eq -> dep, sat bal, agree"] = _balanced_then_prior(_w, True, True)
    RECIPES[f"{_w} T+b@eq -> dep, agree, ceil@mix"] = _balanced_then_prior(_w, False, True, True)
    for _t in ("train", "deploy", "EM"):
        RECIPES[f"{_w} T+b -> {_t}"] = _adapted(_w, _t)


def _row(shown: np.ndarray, said: np.ndarray, y: np.ndarray, lang: np.ndarray, langs: list[str],
         first: np.ndarray) -> list[str]:
    top = shown.max(1)
    f1s, mix = [], []
    for x in langs:
        idx = np.flatnonzero(lang == x)
        gold = {str(i): GENRES[y[i]] for i in idx}
        pred = {str(i): GENRES[first[i]] for i in idx}
        f1s.append(scorers.genre_macro_f1(gold, pred))
        mix.append(scorers.genre_macro_f1_at_mix(gold, pred, genre.DEPLOY_PRIOR))
    w = mix_weights(y)
    rep = y == REP
    cells = [f"{np.mean(f1s):.3f}", f"{np.mean(mix):.3f}", f"{(said < 0).mean():.2f}",
             f"{(said[rep] < 0).mean():.2f}" if rep.any() else "-", f"{calibration.ece(shown, y):.3f}",
             f"{calibration.ece(shown, y, weights=w):.3f}"]
    for t in (0.8, 0.9):
        m = (said >= 0) & (top >= t)
        cells.append(" ".join(f"{int(((said == y) & m & (said == c)).sum())}/{int((m & (said == c)).sum())}"
                              for c in range(len(GENRES))))
    m = (said >= 0) & (top >= 0.9)
    cells.append(f"{(w * (said == y))[m].sum() / w[m].sum():.2f}" if m.any() else "-")
    return cells


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cache", type=Path, help="a .npy file of the collected logits: written once, then reused")
    args = ap.parse_args()
    data = cached(args.cache, collect)
    head = ["macro-F1", "at mix", "uncertain", "rep uncert", "ECE", "ECE mix", ">=0.8 o/r/s", ">=0.9 o/r/s",
            "P>=.9 mix"]
    for scheme, parts in data.items():
        y, lang = np.concatenate([p["y"] for p in parts]), np.concatenate([p["lang"] for p in parts])
        print(f"\n{scheme} ({len(y)} articles; opinion/reporting/satire {np.bincount(y, minlength=3).tolist()})")
        print(f"{'recipe':30s} {'':3s}" + " ".join(f"{h:>12}" for h in head))
        for name, fn in RECIPES.items():
            got = [fn(p) for p in parts]
            shown, said = np.vstack([g[0] for g in got]), np.concatenate([g[1] for g in got])
            first = np.concatenate([g[2] if len(g) > 2 else g[0].argmax(1) for g in got])
            print(f"{name:30s} all" + " ".join(f"{c:>12}" for c in _row(shown, said, y, lang, LANGUAGES, first)))
            for x in LANGUAGES:
                m = lang == x
                cells = _row(shown[m], said[m], y[m], lang[m], [x], first[m])
                print(f"{'':30s} {x:3s}" + " ".join(f"{c:>12}" for c in cells))


if __name__ == "__main__":
    main()
