"""Genre verdicts that hold: confident wrong verdicts and per-genre errors on the shift splits, recipe by recipe.

For every split of `lolo`, `newest` and `random` the genre features are built as `bench/genre_shift_study.py`
builds them and standardised on the training side. On the training side the shipped head is fitted, and so is one
head per training language left out (the committee: `presswatch train genre` fits the same heads for the inner
held-out logits its temperature and bias are fitted on). Every rule is fitted on the training side only and scored
on the test side; SemEval's genre (what macro-F1 scores) is the full head's top genre after the news-mix shift
unless a recipe says otherwise.

Shown distribution and verdict rules (a verdict: the top shown genre at its floor, 0.8 or 0.974 for satire, and
SemEval's genre):

* `full head (before)`: softmax(z / T + b + log mix) of the head fitted on the whole training side;
* `committee mean (shipped)`: the mean of that over the committee heads;
* `committee + full`, `committee mean logits`: the full head as a seventh member; the heads' logits averaged first;
* `committee, nested calibration`: the committee mean with its own temperature and bias, fitted (equal genres) on
  the mean probability each training article gets from the heads that saw neither its language nor one other;
* `full, committee-mean gate`: the full head's distribution, a verdict only where the committee mean reaches it;
* `full, every head >= F`: a verdict only where every committee head gives it at least F;
* `full, inner floor (train mix / news mix)`: per genre the lowest floor at which the inner held-out verdicts were
  80% right, at the training side's mix or reweighted to the news-feed mix;
* `full, >= 0.8 halfway to train mix`: the verdict must also reach 0.8 with the prior halfway (in log odds) between
  the stated mix and the training side's.

* `full, every head's top genre agrees`: a verdict only where every committee head has the verdict as its top genre.

SemEval's genre recipes (macro-F1 only): `full head`, `committee mean logits`, `class x language weights` (balanced
genres times equal languages as sample weights), `language means projected out` (the embedding columns projected
onto the complement of the span of the training languages' mean differences, fitted on the training side only),
`MAP-EM shift, A` (the opinion/reporting shift from each test language's genre mix, estimated on its unlabelled
articles by EM on the equal-genre calibrated probabilities with A pseudo-articles of the stated mix).

    python bench/genre_trust_study.py [--cache FILE]      # 3-4 min on two shared cores; --cache: then seconds
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

SCHEMES = ("lolo", "newest", "random")
DEPLOY = genre.prior_vector(genre.DEPLOY_PRIOR, GENRES)
LOG_SHOWN = np.log(genre.shown_prior(DEPLOY, GENRES))
SHIFT = genre.deploy_shift() * np.array([-1.0, 1.0, 0.0])
FLOORS = np.array([genre.label_floor(genre.PRECISION_FLOOR, DEPLOY[c], np.exp(LOG_SHOWN[c]))
                   for c in range(len(GENRES))])


def _weighted_head(x: np.ndarray, y: np.ndarray, lang: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The head with balanced genres times equal languages as sample weights."""
    from sklearn.linear_model import LogisticRegression

    w = (len(y) / len(GENRES) / np.bincount(y, minlength=len(GENRES)))[y]
    for g in set(lang.tolist()):
        w[lang == g] *= len(y) / len(set(lang.tolist())) / (lang == g).sum()
    clf = LogisticRegression(C=genre.GENRE_C, max_iter=3000, random_state=0).fit(x, y, sample_weight=w / w.mean())
    return clf.coef_, clf.intercept_


def _without_language_means(x: np.ndarray, lang: np.ndarray) -> np.ndarray:
    """The projection that removes the directions between the languages' mean embeddings (columns of `x`)."""
    mu = np.stack([x[lang == g].mean(0) - x.mean(0) for g in sorted(set(lang.tolist()))])
    q, _ = np.linalg.qr(mu.T)
    return np.eye(x.shape[1]) - q @ q.T


def _nested_logits(x: np.ndarray, y: np.ndarray, lang: np.ndarray) -> np.ndarray:
    """Per training article, the logits of the heads trained without its language and one other (heads x rows x
    genres)."""
    langs = sorted(set(lang.tolist()))
    out = np.zeros((len(langs) - 1, len(y), len(GENRES)))
    seen = dict.fromkeys(langs, 0)
    for i, a in enumerate(langs):
        for b in langs[i + 1:]:
            keep = (lang != a) & (lang != b)
            coef, icpt = genre._fit_softmax(x[keep], y[keep], genre.GENRE_C, 0)
            for g in (a, b):
                m = lang == g
                out[seen[g], m] = x[m] @ coef.T + icpt
                seen[g] += 1
    return out


def _fit_mean_calibration(z: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """Temperature and bias minimising the equal-genre log-loss of the mean of softmax(z / T + b) over heads."""
    from scipy.optimize import minimize

    w = (1 / len(GENRES) / (np.bincount(y, minlength=len(GENRES)) / len(y)))[y]

    def nll(v: np.ndarray) -> float:
        p = softmax(z / np.exp(v[0]) + np.r_[0.0, v[1:]]).mean(0)[np.arange(len(y)), y]
        return float(np.average(-np.log(np.clip(p, 1e-12, None)), weights=w))

    v = minimize(nll, np.zeros(len(GENRES)), method="Nelder-Mead",
                 options={"xatol": 1e-5, "fatol": 1e-8, "maxiter": 4000}).x
    return float(np.exp(v[0])), np.r_[0.0, v[1:]]


def collect() -> dict[str, list[dict[str, Any]]]:
    """Per scheme and split, on the test side: gold, language, the full head's and every committee head's logits,
    the language-balanced head's logits; on the training side: gold and the inner held-out logits."""
    gc = load_genre_corpus()
    out: dict[str, list[dict[str, Any]]] = {}
    for scheme in SCHEMES:
        for sp in make_splits(gc.articles, scheme):
            print(f"  {scheme} {sp.name}", file=sys.stderr)
            tr, te = gc.sides(sp)
            with threadpool_limits(1):
                feats = split_features(gc.use, gc.texts, gc.flags, tr, te)
                mean, scale = standardise(feats[tr])
                x = (feats - mean) / scale
                coef, icpt = genre._fit_softmax(x[tr], gc.y[tr], genre.GENRE_C, 0)
                held, heads, intercepts = genre._held_out_logits(x[tr], gc.y[tr], list(gc.lang[tr]), genre.GENRE_C,
                                                                 0)
                wcoef, wicpt = _weighted_head(x[tr], gc.y[tr], gc.lang[tr])
                emb = slice(0, 2 * gc.use[0].shape[1])  # the mean and max pooled embedding columns
                xp = x.copy()
                xp[:, emb] = x[:, emb] @ _without_language_means(x[tr][:, emb], gc.lang[tr])
                pcoef, picpt = genre._fit_softmax(xp[tr], gc.y[tr], genre.GENRE_C, 0)
                nested = _nested_logits(x[tr], gc.y[tr], gc.lang[tr])
            out.setdefault(scheme, []).append({
                "y": gc.y[te], "lang": gc.lang[te], "z": x[te] @ coef.T + icpt,
                "comm": np.einsum("nf,hgf->hng", x[te], heads) + intercepts[:, None], "z_lang": x[te] @ wcoef.T + wicpt,
                "z_proj": xp[te] @ pcoef.T + picpt,
                "held": held, "hy": gc.y[tr], "nested": nested})
    return out


def mix_weights(y: np.ndarray) -> np.ndarray:
    """Per article, its genre's share in the news-feed mix over its share in `y`."""
    share = np.bincount(y, minlength=len(GENRES)) / max(len(y), 1)
    return (DEPLOY / np.maximum(share, 1e-9))[y]


# one split and its calibration (T, b) -> (shown distribution, verdict or -1)
Recipe = Callable[[dict[str, Any], float, np.ndarray], tuple[np.ndarray, np.ndarray]]


def _verdicts(probs: np.ndarray, top: np.ndarray, ok: np.ndarray | None = None) -> np.ndarray:
    k = probs.argmax(1)
    sure = (k == top) & (probs.max(1) >= FLOORS[k])
    return np.where(sure if ok is None else sure & ok, k, -1)


def _dist(kind: str) -> Recipe:
    def run(part: dict[str, Any], t: float, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        full = softmax(part["z"] / t + b + LOG_SHOWN)
        each = softmax(part["comm"] / t + b + LOG_SHOWN)
        probs = {"full": full, "committee": each.mean(0), "committee+full": (each.sum(0) + full) / (len(each) + 1),
                 "logits": softmax(part["comm"].mean(0) / t + b + LOG_SHOWN)}.get(kind)
        if probs is None:  # "nested"
            tn, bn = _fit_mean_calibration(part["nested"], part["hy"])
            probs = softmax(part["comm"] / tn + bn + LOG_SHOWN).mean(0)
        return probs, _verdicts(probs, (part["z"] + SHIFT).argmax(1))

    return run


def _gate(rule: str, value: float = 0.0) -> Recipe:
    def run(part: dict[str, Any], t: float, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        probs = softmax(part["z"] / t + b + LOG_SHOWN)
        k = probs.argmax(1)
        rows = np.arange(len(k))
        each = softmax(part["comm"] / t + b + LOG_SHOWN)
        if rule == "mean":
            ok = each.mean(0)[rows, k] >= FLOORS[k]
        elif rule == "every":
            ok = each[:, rows, k].min(0) >= value
        elif rule == "agree":
            ok = (each.argmax(2) == k).all(0)
        elif rule == "halfway":
            source = np.bincount(part["hy"], minlength=len(GENRES)) / len(part["hy"])
            ok = softmax(part["z"] / t + b + (LOG_SHOWN + np.log(source)) / 2)[rows, k] >= genre.PRECISION_FLOOR
        else:  # inner floor at the training mix ("train") or the news-feed mix ("news")
            inner = softmax(part["held"] / t + b + LOG_SHOWN)
            said = _verdicts(inner, (part["held"] + SHIFT).argmax(1))
            w = mix_weights(part["hy"]) if rule == "news" else np.ones(len(part["hy"]))
            floors = FLOORS.copy()
            for c in range(len(GENRES)):
                for f in np.arange(FLOORS[c], 1.0, 0.01):
                    m = (said == c) & (inner.max(1) >= f)
                    if not m.any() or (w * (part["hy"] == c))[m].sum() / w[m].sum() >= genre.PRECISION_FLOOR:
                        floors[c] = f
                        break
                else:
                    floors[c] = 1.01
            ok = probs.max(1) >= floors[k]
        return probs, _verdicts(probs, (part["z"] + SHIFT).argmax(1), ok)

    return run


RECIPES: dict[str, Recipe] = {
    "full head (before)": _dist("full"), "committee mean (shipped)": _dist("committee"),
    "committee + full": _dist("committee+full"), "committee mean logits": _dist("logits"),
    "committee, nested calibration": _dist("nested"),
    "full, committee-mean gate": _gate("mean"), "full, every head's top genre agrees": _gate("agree"),
    "full, every head >= 0.7": _gate("every", 0.7),
    "full, every head >= 0.8": _gate("every", 0.8), "full, inner floor train mix": _gate("train"),
    "full, inner floor news mix": _gate("news"), "full, >= 0.8 halfway to train mix": _gate("halfway")}


def _map_em_shift(alpha: float) -> Callable[[dict[str, Any]], np.ndarray]:
    """Logits plus, per test language, the opinion/reporting shift of its EM-estimated mix (`alpha` pseudo-articles
    of the stated mix), in place of the stated mix's shift."""
    def run(part: dict[str, Any]) -> np.ndarray:
        cal = genre.calibrate(part["held"], part["hy"])
        probs = softmax(part["z"] / cal["temperature"] + np.array(cal["bias"]))
        out = part["z"] - SHIFT
        for g in set(part["lang"].tolist()):
            m = part["lang"] == g
            pi = DEPLOY.copy()
            for _ in range(300):
                q = probs[m] * pi
                q /= q.sum(1, keepdims=True)
                new = (q.sum(0) + alpha * DEPLOY) / (m.sum() + alpha)
                done = np.abs(new - pi).max() < 1e-7
                pi = new
                if done:
                    break
            h = 0.5 * np.log(pi[1] / pi[0])
            out[m] += np.array([-h, h, 0.0])
        return out

    return run


SEMEVAL: dict[str, Callable[[dict[str, Any]], np.ndarray]] = {
    "full head": lambda p: p["z"], "committee mean logits": lambda p: p["comm"].mean(0),
    "class x language weights": lambda p: p["z_lang"], "language means projected out": lambda p: p["z_proj"],
    "MAP-EM shift, 0": _map_em_shift(0.0), "MAP-EM shift, 50": _map_em_shift(50.0),
    "MAP-EM shift, 300": _map_em_shift(300.0)}


def _trust_row(probs: np.ndarray, said: np.ndarray, y: np.ndarray) -> str:
    w, rep = mix_weights(y), y == GENRES.index("reporting")
    cells = [f"{(said < 0).mean():.2f}", f"{(said[rep] < 0).mean():.2f}" if rep.any() else "-",
             f"{calibration.ece(probs, y):.3f}", f"{calibration.ece(probs, y, weights=w):.3f}"]
    for t in (0.8, 0.9):
        m = (said >= 0) & (probs.max(1) >= t)
        cells.append(f"{int((m & (said != y)).sum())}/{int(m.sum())}")
        cells.append(" ".join(f"{int((m & (said == c) & (y == c)).sum())}/{int((m & (said == c)).sum())}"
                              for c in range(len(GENRES))))
        cells.append(f"{(w * (said == y))[m].sum() / w[m].sum():.2f}" if m.any() else "-")
    return " ".join(f"{c:>11}" for c in cells)


def _macro(top: np.ndarray, y: np.ndarray, lang: np.ndarray) -> list[float]:
    return [scorers.genre_macro_f1({str(i): GENRES[y[i]] for i in np.flatnonzero(lang == x)},
                                   {str(i): GENRES[top[i]] for i in np.flatnonzero(lang == x)}) for x in LANGUAGES]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cache", type=Path, help="a .npy file of the collected logits: written once, then reused")
    args = ap.parse_args()
    data = cached(args.cache, collect)
    head = ["uncertain", "rep uncert", "ECE", "ECE mix", "wrong>=.8", "o/r/s >=.8", "P mix", "wrong>=.9",
            "o/r/s >=.9", "P mix"]
    for scheme, parts in data.items():
        cal = [genre.calibrate(p["held"], p["hy"]) for p in parts]
        y, lang = np.concatenate([p["y"] for p in parts]), np.concatenate([p["lang"] for p in parts])
        print(f"\n{scheme} ({len(y)} articles; opinion/reporting/satire {np.bincount(y, minlength=3).tolist()})")
        print(f"{'recipe':36s} " + " ".join(f"{h:>11}" for h in head))
        for name, fn in RECIPES.items():
            got = [fn(p, c["temperature"], np.array(c["bias"])) for p, c in zip(parts, cal, strict=True)]
            probs, said = np.vstack([g[0] for g in got]), np.concatenate([g[1] for g in got])
            print(f"{name:36s} " + _trust_row(probs, said, y))
            if name in ("full head (before)", "committee mean (shipped)"):
                for x in LANGUAGES:
                    m = lang == x
                    print(f"{'':31s} {x:4s} " + _trust_row(probs[m], said[m], y[m]))
        print(f"\nSemEval's genre, macro-F1 {' '.join(f'{x:>5}' for x in LANGUAGES)}  mean; confusion per language "
              "(gold opinion/reporting/satire rows, predicted columns)")
        for name, get in SEMEVAL.items():
            top = np.concatenate([(get(p) + SHIFT).argmax(1) for p in parts])
            f1 = _macro(top, y, lang)
            print(f"{name:31s}        {' '.join(f'{v:.3f}' for v in f1)}  {np.mean(f1):.3f}")
            if name == "full head":
                for x in LANGUAGES:
                    m = lang == x
                    cm = np.zeros((3, 3), int)
                    np.add.at(cm, (y[m], top[m]), 1)
                    print(f"{'':31s} {x:4s} {cm.tolist()}")


if __name__ == "__main__":
    main()
