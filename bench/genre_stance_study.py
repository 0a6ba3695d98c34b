"""Genre with an outlet's stated genre and stance cues, on the shift splits (issue #11, session 9).

Recipes on the features of `bench/genre_language_study.py` (same splits, cache and head: balanced multinomial
logistic regression, C=0.01, the news-mix opinion/reporting shift), scored per language with subtask 1 macro-F1:

* `before`: the genre features of session 8, every dateline one cue (Der Postillon's "Kairo (dpo) - ..." included),
  no satire-outlet cue;
* `shipped`: the dateline cue only where the dateline's tag names no outlet whose profile states a genre, and a cue
  that is 1 where it names a satire outlet (`genre_cues.outlet_genre`, `presswatch/clean/outlets/der_postillon.toml`);
* `+ stance`: obligation, evaluation, first person singular and news days (weekdays, yesterday, today) per 100 words
  of the body, six languages (`genre_cues.stance_cues`); `+ stance: NAME` adds one of them, `+ evaluation + X` two;
* `all z / language`: every column z-scored within each language, as in genre_language_study;
* `per-language prior x A`: the shipped logits plus A times the log ratio of the article's language's genre mix on
  the training side to the pooled training mix (a language without training articles, lolo's, gets none).

    python bench/genre_stance_study.py [--cache FILE]   # FILE as genre_language_study's --cache; 3 min CPU with it
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.genre_language_study import N_EMB, SCHEMES, SHIFT, TFIDF, Recipe, _macro, _recipe, collect  # noqa: E402
from bench.genre_shift_study import cached  # noqa: E402
from presswatch.models.genre_cues import N_CUES, has_dateline, outlet_genre, stance_cues  # noqa: E402
from presswatch.models.linear import N_STYLE  # noqa: E402
from presswatch.taxonomy import LANGUAGES  # noqa: E402

DATELINE = N_EMB + N_STYLE + 4
SATIRE_OUTLET = N_EMB + N_STYLE + N_CUES - 1
STANCE = ("obligation", "evaluation", "first singular", "news days")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cache", type=Path, help="genre_language_study's feature cache (.npy): written once, reused")
    args = ap.parse_args()
    data = cached(args.cache, collect)
    y, lang = data["y"], data["lang"]
    texts = [d.split("\n") for d in data["docs"]]
    satire = np.array([float(outlet_genre(t) == "satire") for t in texts])
    dateline = np.array([float(has_dateline(t)) for t in texts])
    stance = np.stack([stance_cues(t) for t in texts]).astype(float)
    print("satire-outlet datelines per language, opinion / reporting / satire: " + ", ".join(
        f"{g} " + "/".join(str(int(satire[(lang == g) & (y == k)].sum())) for k in range(3)) for g in LANGUAGES))
    print("stance cue means per language, opinion / reporting / satire")
    for j, name in enumerate(STANCE):
        print(f"  {name:16s} " + "  ".join(
            f"{g} " + "/".join(f"{stance[(lang == g) & (y == k), j].mean():.2f}" for k in range(3)) for g in LANGUAGES))

    def before(f: np.ndarray) -> np.ndarray:
        g = f.copy()
        g[:, DATELINE] = dateline
        return np.delete(g, SATIRE_OUTLET, axis=1)

    def language_prior(tr: np.ndarray, te: np.ndarray) -> np.ndarray:
        pooled = np.bincount(y[tr], minlength=3) + 1.0
        out = np.zeros((len(te), 3))
        for g in sorted(set(lang[te].tolist()) & set(lang[tr].tolist())):
            own = np.bincount(y[tr][lang[tr] == g], minlength=3) + 1.0
            out[lang[te] == g] = np.log(own / own.sum()) - np.log(pooled / pooled.sum())
        return out

    none = np.zeros((len(y), 0))
    priors = {"per-language prior x 0.5": 0.5, "per-language prior x 1": 1.0}
    recipes: dict[str, tuple[Recipe, bool, np.ndarray]] = {
        "before (session 8)": (_recipe("pooled"), True, none),
        "shipped": (_recipe("pooled"), False, none),
        "+ stance": (_recipe("pooled", titles=True), False, stance),
        **{f"+ stance: {n}": (_recipe("pooled", titles=True), False, stance[:, [j]]) for j, n in enumerate(STANCE)},
        **{f"+ evaluation + {n}": (_recipe("pooled", titles=True), False, stance[:, [1, j]])
           for j, n in enumerate(STANCE) if j != 1},
        "all z / language": (_recipe("all"), False, none),
        "+ stance, all z / language": (_recipe("all", titles=True), False, stance),
        **{name: (_recipe("pooled"), False, none) for name in priors},
    }
    print(f"\n{'recipe':42s} " + "   ".join(f"{s}: " + " ".join(f"{x:>5}" for x in LANGUAGES) + "  mean"
                                           for s in SCHEMES) + "   min shift gap, cells >= TF-IDF + 0.05")
    rows = {"tf-idf (bench/genre_shift_study.py)": {s: list(TFIDF[s]) for s in SCHEMES}}
    for name, (fn, old, cols) in recipes.items():
        rows[name] = {}
        for scheme in SCHEMES:
            top = np.full(len(y), -1)
            with threadpool_limits(1):
                for tr, te, f in data["splits"][scheme]:
                    prior = priors.get(name, 0.0) * language_prior(tr, te)
                    top[te] = (fn(before(f) if old else f, y, lang, cols, tr, te) + SHIFT + prior).argmax(1)
            rows[name][scheme] = _macro(top, y, lang)
    for name, r in rows.items():
        gaps = [r[s][i] - TFIDF[s][i] for s in ("lolo", "newest") for i in range(len(LANGUAGES))]
        tail = "" if name.startswith("tf-idf") else f"   {min(gaps):+.3f}, {sum(g >= 0.05 for g in gaps)}/12"
        print(f"{name:42s} " + "   ".join(" ".join(f"{v:.3f}" for v in r[s]) + f"  {np.mean(r[s]):.3f}"
                                           for s in SCHEMES) + tail)


if __name__ == "__main__":
    main()
