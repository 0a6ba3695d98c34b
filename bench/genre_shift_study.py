"""Genre recipes on the shift splits: which feature blocks and regularisation hold up out of language and period.

Every recipe is the shipped genre head (`presswatch.models.genre`: balanced multinomial logistic regression, the
news-mix prior shift, out-of-fold persuasion density) on a subset of the shipped feature blocks, fitted on the
training side of each split of `presswatch.evaluation.splits` and scored per language with subtask 1 macro-F1
beside the TF-IDF baseline. Models are chosen on lolo and newest; random folds are printed beside them.

    python bench/genre_shift_study.py [--schemes random,lolo,newest] [--c 0.005,0.01,0.02]

Blocks: mean (USE mean pooling), max (USE max pooling), style (the cues shared with frames), cues (genre_cues.py),
dateline (cue 5 of genre_cues alone; `-dateline` drops it), density and attribution (always on).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import numpy as np
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from presswatch.article import paragraph_texts, paragraphs  # noqa: E402
from presswatch.config import SETTINGS  # noqa: E402
from presswatch.evaluation import scorers  # noqa: E402
from presswatch.evaluation.semeval import SemEvalArticle  # noqa: E402
from presswatch.evaluation.splits import Split, make_splits  # noqa: E402
from presswatch.models import genre, shift  # noqa: E402
from presswatch.models.genre_cues import N_CUES  # noqa: E402
from presswatch.models.linear import N_STYLE, standardise  # noqa: E402
from presswatch.taxonomy import GENRES, LANGUAGES  # noqa: E402

T = TypeVar("T")

D = 512
BLOCKS = {"mean": range(0, D), "max": range(D, 2 * D), "style": range(2 * D, 2 * D + N_STYLE),
          "cues": range(2 * D + N_STYLE, 2 * D + N_STYLE + N_CUES)}
DATELINE = 2 * D + N_STYLE + 4
RECIPES = {"shipped before (mean)": ["mean", "style"], "mean+max": ["mean", "max", "style"],
           "mean+cues": ["mean", "style", "cues"], "mean+max+cues (shipped)": ["mean", "max", "style", "cues"],
           "mean+max+cues-dateline": ["mean", "max", "style", "cues", "-dateline"],
           "max+cues": ["max", "style", "cues"]}


@dataclass
class GenreCorpus:
    """The training articles with a genre, their USE paragraph blocks, paragraph texts, technique flags, gold and
    language, and where each sits among `articles` (all articles and their embeddings, which the splits index)."""

    articles: list[SemEvalArticle]
    embeddings: list[np.ndarray]
    pos: dict[int, int]
    use: list[np.ndarray]
    texts: list[list[str]]
    flags: list[np.ndarray]
    y: np.ndarray
    lang: np.ndarray

    def sides(self, sp: Split) -> tuple[np.ndarray, np.ndarray]:
        """The training and test rows of split `sp` among the labelled articles."""
        return (np.array([self.pos[i] for i in sp.train if i in self.pos]),
                np.array([self.pos[i] for i in sp.test if i in self.pos]))


def load_genre_corpus() -> GenreCorpus:
    arts, emb = shift.load_with_embeddings(SETTINGS.semeval_dir, LANGUAGES)
    keep = [i for i, a in enumerate(arts) if a.genre in GENRES]
    labelled = [arts[i] for i in keep]
    return GenreCorpus(
        arts, emb, {i: k for k, i in enumerate(keep)}, [emb[i][:, genre.USE_BLOCK] for i in keep],
        [paragraph_texts(a.text) for a in labelled],
        [genre.technique_flags([n for n, _ in paragraphs(a.text)], a.paragraph_labels) for a in labelled],
        np.array([GENRES.index(str(a.genre)) for a in labelled]), np.array([a.lang for a in labelled]))


def cached(path: Path | None, collect: Callable[[], T]) -> T:
    """`collect()`, read from the .npy file `path` when it exists, else computed and written there (if given)."""
    if path and path.exists():
        return np.load(path, allow_pickle=True).item()
    data = collect()
    if path:
        np.save(path, np.array(data, dtype=object), allow_pickle=True)
    return data


def columns(blocks: Sequence[str]) -> np.ndarray:
    cols = [c for b in blocks if not b.startswith("-") for c in BLOCKS[b]]
    if "-dateline" in blocks:
        cols.remove(DATELINE)
    return np.array(cols + [-2, -1])  # density, attribution


def split_features(use: list[np.ndarray], texts: list[list[str]], flags: list[np.ndarray], tr: np.ndarray,
                   te: np.ndarray) -> np.ndarray:
    """Genre features of every article with the density of this split: out of fold on the training side (as
    `train_genre` does), from the whole training side on the test side."""
    from sklearn.model_selection import KFold

    dens = np.zeros(len(use))
    weights = [genre.authorial_weights(p) for p in texts]
    head = genre.fit_density([use[i] for i in tr], [flags[i] for i in tr])
    dens[te] = [head.article_density(use[i], weights[i]) for i in te]
    for a, b in KFold(4, shuffle=True, random_state=0).split(tr):
        h = genre.fit_density([use[tr[i]] for i in a], [flags[tr[i]] for i in a])
        dens[tr[b]] = [h.article_density(use[tr[i]], weights[tr[i]]) for i in b]
    return np.vstack([genre.genre_features(e, p, d) for e, p, d in zip(use, texts, dens, strict=True)])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--schemes", default="random,lolo,newest")
    ap.add_argument("--c", default="0.01")
    args = ap.parse_args()
    gc = load_genre_corpus()
    arts, emb, use, texts, flags, y, lang = gc.articles, gc.embeddings, gc.use, gc.texts, gc.flags, gc.y, gc.lang
    shift_vec = genre.deploy_shift() * np.array([-1.0, 1.0, 0.0])
    cs = [float(c) for c in args.c.split(",")]
    names = [f"{r} C={c}" for r in RECIPES for c in cs]
    preds: dict[tuple[str, str], np.ndarray] = {}
    schemes = args.schemes.split(",")
    for scheme in schemes:
        for name in names:
            preds[(name, scheme)] = np.full(len(y), -1)
        for sp in make_splits(arts, scheme):
            tr, te = gc.sides(sp)
            print(f"  {scheme} {sp.name}", file=sys.stderr)
            with threadpool_limits(1):
                feats = split_features(use, texts, flags, tr, te)
                for recipe, blocks in RECIPES.items():
                    x = feats[:, columns(blocks)]
                    mean, scale = standardise(x[tr])
                    for c in cs:
                        coef, icpt = genre._fit_softmax((x[tr] - mean) / scale, y[tr], c, 0)
                        logits = ((x[te] - mean) / scale) @ coef.T + icpt + shift_vec
                        preds[(f"{recipe} C={c}", scheme)][te] = logits.argmax(1)
    tfidf = {"tf-idf": shift.baseline_system(subtasks=("genre",))}
    base = shift.evaluate(arts, emb, tfidf, schemes, subtasks=("genre",))
    print(f"{'recipe':34s} " + "  ".join(f"{s + ': ' + ' '.join(f'{x:>5}' for x in LANGUAGES) + '  mean':>48}"
                                          for s in schemes))
    rows = {"tf-idf": {(s, x): base.get("tf-idf", s, x, "genre").score for s in schemes for x in LANGUAGES}}
    for name in names:
        rows[name] = {}
        for s in schemes:
            p = preds[(name, s)]
            for x in LANGUAGES:
                idx = np.flatnonzero((lang == x) & (p >= 0))
                rows[name][(s, x)] = scorers.genre_macro_f1({str(i): GENRES[y[i]] for i in idx},
                                                            {str(i): GENRES[p[i]] for i in idx})
    for name, r in rows.items():
        cells = [" ".join(f"{r[(s, x)]:.3f}" for x in LANGUAGES) + f"  {np.mean([r[(s, x)] for x in LANGUAGES]):.3f}"
                 for s in schemes]
        gap = min((r[(s, x)] - rows["tf-idf"][(s, x)] for s in schemes if s != "random" for x in LANGUAGES),
                  default=float("nan"))
        print(f"{name:34s} " + "   ".join(cells) + ("" if name == "tf-idf" else f"   min shift gap {gap:+.3f}"))


if __name__ == "__main__":
    main()
