"""Genre across languages: what pushes one language's articles to the wrong genre, and recipes that normalise per
language, on the shift splits.

For every split of `lolo`, `newest` and `random` the shipped genre features are built as
`bench/genre_shift_study.py` builds them (out-of-fold persuasion density on the training side). Every recipe is the
shipped head (balanced multinomial logistic regression, C=0.01, the news-mix opinion/reporting shift) on features
transformed as the recipe says; SemEval's genre is scored per language with subtask 1 macro-F1.

Per-language statistics (mean and standard deviation of each feature) come from that language's articles on the
training side, never from labels. A language with no training articles (the held-out language of `lolo`) is
normalised with the statistics of the other half of its own articles (a seeded half split), so no article is scaled
by statistics it is part of; at inference the shipped model would use the statistics of the language's training
articles, which `newest` and `random` measure.

* `shipped`: features standardised on the pooled training side;
* `cues z / language`: the style, reporting, density and attribution cues z-scored within each language, the
  embedding blocks pooled (as shipped);
* `all z / language`: every column z-scored within each language; `all centred / language`: centred only;
* `+ title cues`: five more cues (title ends with "?", holds a quotation mark, has a colon or dash, ends with "!";
  percentages per 100 words of the body);
* `consistent dims K`: all z / language, then only the K embedding columns whose standardised genre difference
  (reporting or satire vs opinion) has the same sign in every training language, ranked by its smallest size;
* `within-language directions`: all z / language, the embeddings projected onto each training language's own
  reporting-minus-opinion and satire-minus-opinion mean directions, with the cues;
* `all z / language, cues x3`: the cue columns weighted 3x against the embedding columns after standardising (the
  same penalty then binds them less); `cues only, z / language`: no embedding at all.

`--stack` adds, on the newest slice only, a per-language char 2-5-gram TF-IDF + logistic regression whose centred
logits (out of fold inside each language on the training side, 4 folds) are three more features of the head; a
language without training articles would fall back to the shipped head, so leave-one-language-out is unchanged by
construction.

`--explain` prints, for English left out, each feature block's share of the reporting-minus-opinion logit and the
cue means per language and genre (why English opinion reads as reporting there).

    python bench/genre_language_study.py [--cache FILE] [--explain] [--stack]   # 65 s CPU; --stack: 3 min CPU
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.genre_shift_study import BLOCKS, cached, load_genre_corpus, split_features  # noqa: E402
from presswatch.evaluation import scorers  # noqa: E402
from presswatch.evaluation.splits import make_splits  # noqa: E402
from presswatch.models import genre  # noqa: E402
from presswatch.models.linear import QUOTE_MARKS, standardise  # noqa: E402
from presswatch.taxonomy import GENRES, LANGUAGES  # noqa: E402

SCHEMES = ("lolo", "newest", "random")
SHIFT = genre.deploy_shift() * np.array([-1.0, 1.0, 0.0])
N_EMB = 2 * 512
# TF-IDF + logistic regression on the same splits and seed (`python bench/genre_shift_study.py`, docs/BENCHMARKS.md)
TFIDF = {"lolo": (0.361, 0.275, 0.368, 0.373, 0.331, 0.304), "newest": (0.300, 0.512, 0.556, 0.276, 0.276, 0.121),
         "random": (0.364, 0.509, 0.720, 0.425, 0.442, 0.406)}
CUE_NAMES = ("paragraphs", "words/paragraph", "paragraphs quoting", "paragraphs opening on a quote", "?/paragraph",
             "!/paragraph", "digits", "capitals", "title length", "paragraph length sd", "quoted share",
             "first/second person", "?/sentence", "!/sentence", "dateline", "log words/paragraph",
             "log words/sentence", "satire outlet tag", "persuasion density", "attribution")
_PERCENT = re.compile(r"\d[\d.,]*\s?(?:%|prozent|percent|pour cent|per cento|procent|процент)", re.IGNORECASE)


def title_cues(paragraphs: Sequence[str]) -> np.ndarray:
    """Title ends with "?", holds a quotation mark, has a colon or a dash, ends with "!"; percentages per 100 words."""
    title = paragraphs[0].rstrip() if paragraphs else ""
    body = "\n".join(paragraphs[1:]) or title
    return np.array([title.endswith("?"), any(q in title for q in QUOTE_MARKS),
                     ":" in title or " – " in title or " - " in title, title.endswith("!"),
                     len(_PERCENT.findall(body)) / max(len(body.split()), 1) * 100.0], dtype=float)


def per_language(f: np.ndarray, lang: np.ndarray, tr: np.ndarray, te: np.ndarray, cols: np.ndarray,
                 scale: bool = True) -> np.ndarray:
    """`f` with columns `cols` centred (and scaled) within each language: by the language's training-side articles,
    or for a language absent from the training side by the other half of its own test articles."""
    out = f.astype(np.float64).copy()
    present = set(lang[tr].tolist())
    for g in sorted(set(lang.tolist())):
        rows_tr, rows_te = tr[lang[tr] == g], te[lang[te] == g]
        if g in present:
            parts = [(rows_tr, rows_tr), (rows_te, rows_tr)]
        else:
            perm = np.random.default_rng(0).permutation(rows_te)
            parts = [(perm[::2], perm[1::2]), (perm[1::2], perm[::2])]
        done = []
        for rows, ref in parts:
            if len(rows) and len(ref):
                block = f[np.ix_(ref, cols)]
                sd = block.std(0)
                sd[sd < 1e-6] = 1.0
                done.append((rows, (f[np.ix_(rows, cols)] - block.mean(0)) / (sd if scale else 1.0)))
        for rows, values in done:
            out[np.ix_(rows, cols)] = values
    return out


def head_logits(f: np.ndarray, y: np.ndarray, tr: np.ndarray, te: np.ndarray, scaled: bool = False) -> np.ndarray:
    """The shipped head fitted on the training rows of `f` (standardised there unless `scaled`); logits of the test
    rows."""
    mean, scale = standardise(f[tr]) if not scaled else (0.0, 1.0)
    x = (f - mean) / scale
    coef, icpt = genre._fit_softmax(x[tr], y[tr], genre.GENRE_C, 0)
    return x[te] @ coef.T + icpt


def _consistent_columns(f: np.ndarray, y: np.ndarray, lang: np.ndarray, tr: np.ndarray, k: int) -> np.ndarray:
    """The `k` embedding columns whose genre differences agree in sign across the training languages, then the cues."""
    score = np.zeros(N_EMB)
    for c in (1, 2):
        effects = []
        for g in sorted(set(lang[tr].tolist())):
            r = tr[lang[tr] == g]
            if (y[r] == c).sum() >= 3 and (y[r] == 0).any():
                e = f[r][:, :N_EMB]
                effects.append((e[y[r] == c].mean(0) - e[y[r] == 0].mean(0)) / (e.std(0) + 1e-6))
        if effects:
            e = np.array(effects)
            agree = np.sign(e).min(0) == np.sign(e).max(0)
            score = np.maximum(score, np.where(agree, np.abs(e).min(0), 0.0))
    return np.r_[np.sort(np.argsort(-score)[:k]), np.arange(N_EMB, f.shape[1])]


def _directions(f: np.ndarray, y: np.ndarray, lang: np.ndarray, tr: np.ndarray) -> np.ndarray:
    """Each training language's reporting- and satire-minus-opinion mean embedding directions (unit columns)."""
    e, dirs = f[:, :N_EMB], []
    for g in sorted(set(lang[tr].tolist())):
        r = tr[lang[tr] == g]
        for c in (1, 2):
            if (y[r] == c).sum() >= 3 and (y[r] == 0).any():
                d = e[r][y[r] == c].mean(0) - e[r][y[r] == 0].mean(0)
                dirs.append(d / np.linalg.norm(d))
    return np.stack(dirs, 1)


# (features, gold, language, title cues, train rows, test rows) -> test logits
Recipe = Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray], np.ndarray]


def _recipe(norm: str, titles: bool = False, keep: int = 0, directions: bool = False, cue_weight: float = 1.0
            ) -> Recipe:
    def run(f: np.ndarray, y: np.ndarray, lang: np.ndarray, tc: np.ndarray, tr: np.ndarray, te: np.ndarray
            ) -> np.ndarray:
        x = np.c_[f, tc] if titles else f
        if norm != "pooled":
            cols = np.arange(N_EMB, x.shape[1]) if norm == "cues" else np.arange(x.shape[1])
            x = per_language(x, lang, tr, te, cols, scale=norm != "centred")
        if keep > 0:
            x = x[:, _consistent_columns(x, y, lang, tr, keep)]
        if directions:
            x = np.c_[x[:, :N_EMB] @ _directions(x, y, lang, tr), x[:, N_EMB:]]
        if cue_weight != 1.0 or keep < 0:
            mean, scale = standardise(x[tr])
            x = (x - mean) / scale
            x = x[:, N_EMB:] if keep < 0 else np.c_[x[:, :N_EMB], x[:, N_EMB:] * cue_weight]
            return head_logits(x, y, tr, te, scaled=True)
        return head_logits(x, y, tr, te)

    return run


RECIPES: dict[str, Recipe] = {
    "shipped": _recipe("pooled"), "cues z / language": _recipe("cues"), "all z / language": _recipe("all"),
    "all centred / language": _recipe("centred"), "+ title cues": _recipe("pooled", titles=True),
    "+ title cues, all z / language": _recipe("all", titles=True),
    "consistent dims 256": _recipe("all", keep=256), "consistent dims 512": _recipe("all", keep=512),
    "within-language directions": _recipe("all", directions=True),
    "all z / language, cues x3": _recipe("all", cue_weight=3.0), "cues only, z / language": _recipe("all", keep=-1)}


def _char_logits(docs: Sequence[str], y: np.ndarray, fit: np.ndarray, score: np.ndarray) -> np.ndarray:
    """Centred logits of a char 2-5-gram TF-IDF + balanced logistic regression fitted on rows `fit`, for `score`."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    out = np.zeros((len(score), len(GENRES)))
    if len(set(y[fit].tolist())) < 2:
        return out
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, max_features=50000, sublinear_tf=True,
                          dtype=np.float32)
    clf = LogisticRegression(C=10.0, max_iter=2000, class_weight="balanced", random_state=0)
    clf.fit(vec.fit_transform([docs[i] for i in fit]), y[fit])
    z = clf.decision_function(vec.transform([docs[i] for i in score]))
    z = np.c_[-z / 2, z / 2] if z.ndim == 1 else z
    out[:, clf.classes_] = z
    return out - out.mean(1, keepdims=True)


def stacked_newest(data: dict[str, Any], docs: Sequence[str]) -> list[float]:
    """Newest-slice macro-F1 per language of the shipped head with per-language char TF-IDF logits as features."""
    from sklearn.model_selection import KFold

    y, lang = data["y"], data["lang"]
    top = np.full(len(y), -1)
    for tr, te, f in data["splits"]["newest"]:
        t = np.zeros((len(y), len(GENRES)))
        for g in sorted(set(lang[tr].tolist())):
            r, rt = tr[lang[tr] == g], te[lang[te] == g]
            for a, b in KFold(4, shuffle=True, random_state=0).split(r):
                t[r[b]] = _char_logits(docs, y, r[a], r[b])
            t[rt] = _char_logits(docs, y, r, rt)
        with threadpool_limits(1):
            top[te] = (head_logits(np.c_[f, t], y, tr, te) + SHIFT).argmax(1)
    return _macro(top, y, lang)


def collect() -> dict[str, Any]:
    """Gold, language, title cues and paragraph texts of the labelled articles; per scheme and split the training
    and test rows and the genre features."""
    gc = load_genre_corpus()
    splits: dict[str, list[tuple[np.ndarray, np.ndarray, np.ndarray]]] = {}
    for scheme in SCHEMES:
        for sp in make_splits(gc.articles, scheme):
            print(f"  {scheme} {sp.name}", file=sys.stderr)
            tr, te = gc.sides(sp)
            with threadpool_limits(1):
                splits.setdefault(scheme, []).append((tr, te, split_features(gc.use, gc.texts, gc.flags, tr, te)))
    return {"y": gc.y, "lang": gc.lang, "titles": np.stack([title_cues(t) for t in gc.texts]), "splits": splits,
            "docs": ["\n".join(t) for t in gc.texts]}


def _macro(top: np.ndarray, y: np.ndarray, lang: np.ndarray) -> list[float]:
    rows = [np.flatnonzero((lang == x) & (top >= 0)) for x in LANGUAGES]
    return [scorers.genre_macro_f1({str(i): GENRES[y[i]] for i in r}, {str(i): GENRES[top[i]] for i in r})
            for r in rows]


def explain(data: dict[str, Any]) -> None:
    """English left out: each block's mean share of the reporting-minus-opinion logit, and the cue means."""
    y, lang = data["y"], data["lang"]
    tr, te, f = next(s for s in data["splits"]["lolo"] if set(lang[s[1]].tolist()) == {"en"})
    mean, scale = standardise(f[tr])
    x = (f - mean) / scale
    coef, icpt = genre._fit_softmax(x[tr], y[tr], genre.GENRE_C, 0)
    top = (x[te] @ coef.T + icpt + SHIFT).argmax(1)
    d = coef[1] - coef[0]
    blocks = {"mean emb": BLOCKS["mean"], "max emb": BLOCKS["max"], "style": BLOCKS["style"], "cues": BLOCKS["cues"],
              "density+attribution": range(f.shape[1] - 2, f.shape[1])}
    print("English left out: mean reporting-minus-opinion logit from each block")
    groups = {"English opinion -> opinion": x[te][(y[te] == 0) & (top == 0)],
              "English opinion -> reporting": x[te][(y[te] == 0) & (top == 1)],
              "English reporting -> reporting": x[te][(y[te] == 1) & (top == 1)],
              "training opinion (5 languages)": x[tr][y[tr] == 0],
              "training reporting (5 languages)": x[tr][y[tr] == 1]}
    for name, rows in groups.items():
        print(f"  {name:34s} n={len(rows):4d} " + "  ".join(
            f"{b} {float((rows[:, list(s)] @ d[list(s)]).mean()):+.2f}" for b, s in blocks.items()))
    print("\nCue means per language, opinion / reporting / satire")
    c = f[:, N_EMB:]
    print(f"  {'cue':30s} " + " ".join(f"{g:>20s}" for g in LANGUAGES))
    for j, name in enumerate(CUE_NAMES):
        print(f"  {name:30s} " + " ".join(
            "/".join(f"{c[(lang == g) & (y == k), j].mean():.2f}" for k in range(3)).rjust(20) for g in LANGUAGES))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cache", type=Path, help="a .npy file of the collected features: written once, then reused")
    ap.add_argument("--explain", action="store_true", help="also print why English opinion reads as reporting")
    ap.add_argument("--stack", action="store_true", help="also the per-language char TF-IDF stack on the newest slice")
    args = ap.parse_args()
    data = cached(args.cache, collect)
    y, lang, tc = data["y"], data["lang"], data["titles"]
    if args.explain:
        explain(data)
    print(f"\n{'recipe':32s} " + "   ".join(f"{s}: " + " ".join(f"{x:>5}" for x in LANGUAGES) + "  mean"
                                           for s in SCHEMES) + "   min shift gap, cells >= TF-IDF + 0.05")
    rows = {"tf-idf (bench/genre_shift_study.py)": {s: list(TFIDF[s]) for s in SCHEMES}}
    for name, fn in RECIPES.items():
        rows[name] = {}
        for scheme in SCHEMES:
            top = np.full(len(y), -1)
            with threadpool_limits(1):
                for tr, te, f in data["splits"][scheme]:
                    top[te] = (fn(f, y, lang, tc, tr, te) + SHIFT).argmax(1)
            rows[name][scheme] = _macro(top, y, lang)
    if args.stack:
        rows["char TF-IDF stack (newest only)"] = {"lolo": rows["shipped"]["lolo"], "random": [float("nan")] * 6,
                                                   "newest": stacked_newest(data, data["docs"])}
    print_rows(rows, 32)


def print_rows(rows: dict[str, dict[str, list[float]]], width: int) -> None:
    """One line per recipe: macro-F1 per language and mean per scheme, then (beside TF-IDF) the smallest shift-split
    gap to TF-IDF and how many of the 12 shift cells are at TF-IDF + 0.05."""
    for name, r in rows.items():
        gaps = [r[s][i] - TFIDF[s][i] for s in ("lolo", "newest") for i in range(len(LANGUAGES))]
        tail = "" if name.startswith("tf-idf") else f"   {min(gaps):+.3f}, {sum(g >= 0.05 for g in gaps)}/12"
        print(f"{name:{width}s} " + "   ".join(" ".join(f"{v:.3f}" for v in r[s]) + f"  {np.mean(r[s]):.3f}"
                                              for s in SCHEMES) + tail)


if __name__ == "__main__":
    main()
