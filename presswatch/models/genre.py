"""Genre (SemEval-2023 subtask 1): opinion, reporting or satire for a whole article.

Features: the mean and the max of the multilingual USE paragraph embeddings, the style cues shared with frames, the
language-neutral reporting cues of `genre_cues.py` (quoted share, first/second person, questions, exclamations,
dateline, paragraph and sentence length), plus two cues that separate reporting from opinion better than any other
we measured on the English split (AUC 0.72 and 0.68):

* persuasion density in the outlet's own voice: the probability that a paragraph uses any persuasion technique
  (a small logistic head on paragraph embeddings trained on the subtask 3 labels), averaged over the paragraphs
  with each weighted by its share of text outside quotation marks. A report that quotes a combative speaker is
  still a report. On the English split the weighting is neutral (reporting-vs-opinion AUC 0.715 -> 0.718,
  bench/genre_study.py unchanged at 0.495 / 0.561 over four fold seeds); it is kept because feeds of state and
  wire media quote combative officials far more than the opinion-heavy training split does;
* attribution rate: "said", "says", "told", "according to" per 100 words.

The head is a balanced multinomial logistic regression, so its scores assume equally likely genres. Its
reporting-vs-opinion log-odds are then moved to the genre mix of a news feed (`DEPLOY_PRIOR`, mostly reporting) by
the Bayes prior correction, log(p_reporting / p_opinion), split evenly between the two classes. Satire keeps its
balanced prior: its rate in feeds is unknown, and shrinking it to 5% would lose the few satire hits macro-F1 needs.
No fold tuning is involved (bench/genre_study.py compares fixed shifts: the correction sits on the flat optimum of
the mean of the training-mix and news-mix scores).

Scores: a temperature, then a per-genre precision ceiling, both fitted on held-out logits (each training language
scored by a head that did not see it): the score shown for a genre is its calibrated probability lowered to the
precision its held-out verdicts reached at that probability, so a stated 0.9 was right at least about 90% of the
time there. A verdict needs a stated score at the confidence floor; satire, kept at its balanced prior, needs the
probability that still reaches the floor at its 5% feed prior (0.974). Below either the stage says `uncertain`.
Macro-F1 is untouched (the top genre never changes); bench/genre_calibration_study.py has the trade-off.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from presswatch.errors import ModelError
from presswatch.limits import outside_caps
from presswatch.models.encoder import DIM, DOC_DIM
from presswatch.models.genre_cues import reporting_cues
from presswatch.models.linear import LinearModel, article_features, sigmoid, softmax, standardise
from presswatch.models.techniques.cues import _ATTRIBUTION as REPORTING_VERBS
from presswatch.models.techniques.cues import quoted_share
from presswatch.taxonomy import GENRES

GENRE_FEATURE_VERSION = 6  # 6: max pooling beside mean pooling, reporting cues (genre_cues.py)
# Genre reads the USE block of the document embeddings (MiniLM | USE): on leave-one-language-out genre macro-F1 USE
# alone beat MiniLM in all six languages and MiniLM | USE in five (bench/shift_study.py, docs/BENCHMARKS.md).
USE_BLOCK = slice(DIM, DOC_DIM)
GENRE_C = 0.01
DENSITY_C = 0.05
# The genre mix presswatch is calibrated for: a news feed is mostly reporting (the SemEval training split is 88%
# opinion in English). Only the opinion/reporting balance is shifted; satire keeps its balanced prior.
DEPLOY_PRIOR = {"opinion": 0.35, "reporting": 0.60, "satire": 0.05}
N_EXTRA = 2
# Calibration: a temperature fitted on held-out logits (inner leave-one-language-out) that changes how sure the
# model says it is, never its top genre (tempering logits before the prior shift lowered leave-one-language-out
# macro-F1 0.469 -> 0.408 and newest-slice 0.495 -> 0.317: the shift then outweighed the evidence); then a floor:
# below it the stage says `uncertain` with the distribution. The floor is the lowest top probability at which the
# held-out confident verdicts reach `PRECISION_FLOOR`, within [FLOOR_MIN, FLOOR_MAX].
PRECISION_FLOOR = 0.8
FLOOR_MIN, FLOOR_MAX = 0.5, 0.8
UNCERTAIN = "uncertain"
# A stated score never exceeds the precision that held-out verdicts of that genre reached at that probability (an
# isotonic fit per genre, pooled over the genres for one with fewer than CEILING_MIN_VERDICTS held-out verdicts):
# the temperature alone left 6 of 20 leave-one-language-out verdicts >= 0.9 wrong (bench/genre_calibration_study.py).
CEILING_MIN_VERDICTS = 20
# Satire keeps its balanced prior in the head (macro-F1 needs its hits), so its probability is for a feed of one
# third satire. A satire verdict must still reach the confidence floor once moved to the feed prior
# (`DEPLOY_PRIOR`, 5%): `label_floor` gives the balanced-prior probability that takes.
BALANCED_LABELS = ("satire",)


def attribution_rate(paragraphs: Sequence[str]) -> float:
    """Reporting verbs ("said", "a déclaré", "sagte", "ha detto", "powiedział", "заявил", "according to", ...)
    per 100 words of the body (title excluded)."""
    body = "\n".join(paragraphs[1:] or paragraphs)
    return len(REPORTING_VERBS.findall(body.lower())) / max(len(body.split()), 1) * 100.0


def authorial_share(paragraph: str) -> float:
    """Share of a paragraph's characters outside quotation marks ("…", “…”, «…», „…“)."""
    return 1.0 - quoted_share(paragraph)


def authorial_weights(paragraphs: Sequence[str]) -> np.ndarray:
    """`authorial_share` of every paragraph, aligned with the paragraph embeddings."""
    return np.array([authorial_share(p) for p in paragraphs], dtype=np.float32)


@dataclass
class DensityHead:
    """P(a paragraph uses some persuasion technique) from its embedding: a standardised logistic regression."""

    coef: np.ndarray
    intercept: float
    mean: np.ndarray
    scale: np.ndarray

    def article_density(self, embeddings: np.ndarray, weights: np.ndarray | None = None) -> float:
        """Mean paragraph probability of using a technique, weighted by `weights` (e.g. `authorial_weights`)."""
        if not len(embeddings):
            return 0.0
        p = sigmoid(((embeddings - self.mean) / self.scale) @ self.coef + self.intercept)
        if weights is None:
            return float(p.mean())
        return float((p * weights).sum() / max(float(weights.sum()), 1e-6))

    def arrays(self) -> dict[str, np.ndarray]:
        return {"density_coef": self.coef, "density_intercept": np.array([self.intercept]),
                "density_mean": self.mean, "density_scale": self.scale}

    @classmethod
    def from_arrays(cls, a: dict[str, np.ndarray]) -> DensityHead:
        return cls(a["density_coef"].astype(np.float32), float(a["density_intercept"][0]),
                   a["density_mean"].astype(np.float32), a["density_scale"].astype(np.float32))


def fit_density(embeddings: Sequence[np.ndarray], flags: Sequence[np.ndarray], seed: int = 0,
                c: float = DENSITY_C) -> DensityHead:
    """Fit the density head on the paragraphs that have subtask 3 labels (`flags`: 1 used a technique, 0 none,
    -1 unlabelled, aligned with each article's embeddings)."""
    from sklearn.linear_model import LogisticRegression

    dim = embeddings[0].shape[1] if embeddings else DOC_DIM - DIM
    x = np.vstack([e[f >= 0] for e, f in zip(embeddings, flags, strict=True)] or [np.zeros((0, dim))])
    y = np.concatenate([f[f >= 0] for f in flags] or [np.zeros(0)])
    if len(y) == 0 or y.min() == y.max():
        p = float(np.clip(y.mean() if len(y) else 0.5, 1e-3, 1 - 1e-3))
        return DensityHead(np.zeros(dim, np.float32), float(np.log(p / (1 - p))), np.zeros(dim, np.float32),
                           np.ones(dim, np.float32))
    mean, scale = standardise(x)
    clf = LogisticRegression(C=c, max_iter=2000, random_state=seed).fit((x - mean) / scale, y)
    return DensityHead(clf.coef_[0].astype(np.float32), float(clf.intercept_[0]), mean, scale)


def max_pooled(embeddings: np.ndarray) -> np.ndarray:
    """Per dimension, the largest value over the paragraphs: one strongly worded paragraph shows even in a long
    article (mean and max pooling side by side: leave-one-language-out genre macro-F1 0.469 -> 0.494 with the
    reporting cues, bench/genre_shift_study.py)."""
    return embeddings.max(axis=0) if len(embeddings) else np.zeros(embeddings.shape[1], np.float32)


def genre_features(embeddings: np.ndarray, paragraphs: Sequence[str], density: float) -> np.ndarray:
    """The genre feature vector of one article, given its persuasion density: mean embedding, style cues (as
    frames), max embedding, reporting cues, density, attribution rate."""
    base = article_features(embeddings, paragraphs)
    extra = np.array([density, attribution_rate(paragraphs)], dtype=np.float32)
    d = embeddings.shape[1]
    return np.concatenate([base[:d], max_pooled(embeddings), base[d:], reporting_cues(paragraphs), extra])


class GenreModel(LinearModel):
    """Softmax over opinion/reporting/satire; `thresholds` holds the log-prior shift per class, `extra` the
    density head."""

    feature_version = GENRE_FEATURE_VERSION

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """Calibrated probabilities for a news feed's genre mix: (logits + the log-prior shift) / temperature."""
        return softmax((self.logits(features) + self.thresholds) / self.temperature)

    @property
    def temperature(self) -> float:
        return float(self.meta.get("temperature", 1.0))

    @property
    def confidence_floor(self) -> float:
        return float(self.meta.get("confidence_floor", 0.0))

    def label_floors(self) -> np.ndarray:
        """Per genre, the calibrated probability its verdict needs: the confidence floor, higher for a genre kept at
        its balanced prior (satire)."""
        prior = self.meta.get("deploy_prior", DEPLOY_PRIOR)
        return np.array([label_floor(self.confidence_floor, prior[g], len(self.labels)) if g in BALANCED_LABELS
                         else self.confidence_floor for g in self.labels])

    def stated(self, probs: np.ndarray) -> np.ndarray:
        """The distributions shown to a reader: each top genre's probability lowered to the held-out precision of
        its verdicts at that probability (`precision_ceiling`), the rest shared in proportion; same top genre."""
        from presswatch.evaluation import calibration

        probs = np.atleast_2d(probs)
        curves = self.meta.get("precision_ceiling")
        if not curves:
            return probs
        k, top = probs.argmax(axis=1), probs.max(axis=1)
        scores = np.array([calibration.ceiling_scores(np.array([t]), (curves[self.labels[c]]["p"],
                                                                      curves[self.labels[c]]["precision"]))[0]
                           for c, t in zip(k, top, strict=True)])
        return calibration.restate(probs, scores)

    def predict(self, features: np.ndarray) -> list[tuple[str, float]]:
        """The most probable genre of each row (what SemEval scores: it has no `uncertain`)."""
        return [(self.labels[int(np.argmax(p))], float(np.max(p))) for p in self.probabilities(features)]

    def decide(self, probs: np.ndarray) -> tuple[str, float]:
        """The verdict shown to a reader from calibrated `probs`: the top genre if its stated score reaches the
        confidence floor and its probability its `label_floors`, else `uncertain`; with the stated score."""
        k = int(np.argmax(probs))
        score = float(self.stated(probs)[0, k])
        sure = score >= self.confidence_floor and probs[k] >= self.label_floors()[k]
        return (self.labels[k] if sure else UNCERTAIN), score

    @cached_property
    def density(self) -> DensityHead:
        """The persuasion-density head stored in `extra`, decoded once."""
        return DensityHead.from_arrays(self.extra)

    def features(self, embeddings: np.ndarray, paragraphs: Sequence[str]) -> np.ndarray:
        """Genre features of one article from its document embeddings and paragraph texts."""
        own = embeddings[:, USE_BLOCK]
        return genre_features(own, paragraphs, self.density.article_density(own, authorial_weights(paragraphs)))

    def paragraph_contributions(self, embeddings: np.ndarray) -> np.ndarray:
        """What each paragraph adds to each genre's logit through the mean and the max embedding blocks (exact up
        to a constant per genre): a max dimension is credited to the paragraph that holds it."""
        own = embeddings[:, USE_BLOCK]
        out = super().paragraph_contributions(own)
        if not len(own):
            return out
        d = own.shape[1]
        w = self.coef[:, d:2 * d] / self.scale[d:2 * d]
        top = own.argmax(axis=0)
        for k in range(len(own)):
            held = top == k
            out[k] += w[:, held] @ own[k, held]
        return out

    def predict_article(self, embeddings: np.ndarray, paragraphs: Sequence[str]) -> tuple[str, float]:
        return self.predict(self.features(embeddings, paragraphs))[0]

    def explain(self, embeddings: np.ndarray, paragraphs: Sequence[str]) -> tuple[np.ndarray, list[str]]:
        """Probabilities of one article and the cues behind them, in words."""
        feats = self.features(embeddings, paragraphs)
        probs = self.probabilities(feats)[0]
        means = self.meta.get("cue_means", {})

        def against(cue: str) -> str:
            m = means.get(cue)
            return f" (training average: {', '.join(f'{g} {v:.2f}' for g, v in m.items())})" if m else ""

        shown = self.stated(probs)[0]
        dist = " · ".join(f"{g} {p:.2f}" for g, p in sorted(zip(self.labels, shown, strict=True), key=lambda x: -x[1]))
        label, score = self.decide(probs)
        k = int(np.argmax(probs))
        need = (f"{self.labels[k]} is rare in news feeds and needs {self.label_floors()[k]:.2f} (here "
                f"{probs[k]:.2f})" if score >= self.confidence_floor
                else f"no genre reaches {self.confidence_floor:.2f}")
        head = f"uncertain, leaning {self.labels[k]}: {need} ({dist})" if label == UNCERTAIN else dist
        evidence = [head,
                    f"persuasion density {feats[-2]:.2f}, the share of paragraphs likely to use a technique, "
                    "outside quotations"
                    + against("density"),
                    f"attribution {feats[-1]:.2f} reporting verbs per 100 words (said, according to, заявил, …)"
                    + against("attribution")]
        if float(self.thresholds.max()) > 0:
            mix = ", ".join(f"{g} {p:.0%}" for g, p in self.meta.get("deploy_prior", DEPLOY_PRIOR).items())
            evidence.append(f"calibrated for a news feed of {mix}")
        return probs, evidence

    @classmethod
    def load(cls, directory: Path, kind: str = "genre") -> GenreModel:
        m = LinearModel.load(directory, kind, feature_version=GENRE_FEATURE_VERSION)
        if not {"density_coef", "density_intercept", "density_mean", "density_scale"} <= set(m.extra):
            raise ModelError(f"the genre model in {directory} has no persuasion-density head; run `presswatch train "
                             "genre`")
        problem = calibration_problem(m.meta, m.labels)
        if problem:
            raise ModelError(f"the genre model in {directory / (kind + '.json')} has {problem}; run `presswatch train "
                             "genre`")
        return cls(**m.__dict__)


def calibration_problem(meta: dict[str, Any], labels: Sequence[str]) -> str | None:
    """Why the calibration in a genre model's metadata is unusable (missing or corrupt), or None if it is sound."""
    t, floor, curves = meta.get("temperature"), meta.get("confidence_floor"), meta.get("precision_ceiling")
    if not isinstance(t, (int, float)) or not np.isfinite(t) or t <= 0:
        return f"no usable temperature ({t!r})"
    if not isinstance(floor, (int, float)) or not 0.0 <= floor <= 1.0:
        return f"no usable confidence floor ({floor!r})"
    if not isinstance(curves, dict) or set(curves) != set(labels):
        return "no precision ceiling for every genre"
    for g, c in curves.items():
        try:
            p, prec = np.asarray(c["p"], float), np.asarray(c["precision"], float)
        except (KeyError, TypeError, ValueError):
            return f"a corrupt precision ceiling for {g}"
        if (p.ndim != 1 or p.shape != prec.shape or len(p) < 2 or np.any(np.diff(p) <= 0) or np.any(np.diff(prec) < 0)
                or not np.all(np.isfinite(prec)) or prec.min() < 0 or prec.max() > 1):
            return f"a corrupt precision ceiling for {g}"
    return None


def label_floor(floor: float, feed_prior: float, n_labels: int = len(GENRES)) -> float:
    """The probability under a balanced prior (1 / `n_labels`) at which a label still has probability `floor` once
    its prior is `feed_prior` (odds times the prior odds ratio): 0.8 at 5% of 3 labels -> 0.974."""
    balanced = 1.0 / n_labels
    ratio = (feed_prior / (1.0 - feed_prior)) / (balanced / (1.0 - balanced))
    odds = floor / max(1.0 - floor, 1e-9) / ratio
    return round(float(odds / (1.0 + odds)), 4)


def _fit_softmax(x: np.ndarray, y: np.ndarray, c: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Balanced multinomial LR on standardised `x`; classes never seen get a -30 intercept."""
    from sklearn.linear_model import LogisticRegression

    coef, intercept = np.zeros((len(GENRES), x.shape[1]), np.float32), np.full(len(GENRES), -30.0)
    present = sorted(set(y.tolist()))
    if len(present) == 1:
        intercept[present[0]] = 0.0
        return coef, intercept
    clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced", random_state=seed).fit(x, y)
    rows = clf.coef_ if len(present) > 2 else np.vstack([-clf.coef_[0] / 2, clf.coef_[0] / 2])
    icpt = clf.intercept_ if len(present) > 2 else np.array([-clf.intercept_[0] / 2, clf.intercept_[0] / 2])
    for r, cls in enumerate(clf.classes_):
        coef[cls], intercept[cls] = rows[r], icpt[r]
    return coef, intercept


def deploy_shift(prior: dict[str, float] | None = None) -> float:
    """Half the log-odds of reporting over opinion in `prior` (default `DEPLOY_PRIOR`): added to reporting and
    taken from opinion, it turns balanced scores into scores for that mix."""
    prior = prior or DEPLOY_PRIOR
    return 0.5 * float(np.log(prior["reporting"] / prior["opinion"]))


def _held_out_logits(x: np.ndarray, y: np.ndarray, groups: Sequence[str], c: float, seed: int) -> np.ndarray:
    """Logits of every article from a head that did not see its language (its fold when only one language)."""
    from sklearn.model_selection import KFold

    out = np.zeros((len(y), len(GENRES)))
    g = np.asarray(groups)
    parts = ([np.flatnonzero(g == lang) for lang in sorted(set(groups))] if len(set(groups)) > 1
             else [te for _, te in KFold(min(4, len(y)), shuffle=True, random_state=seed).split(x)])
    for te in parts:
        tr = np.setdiff1d(np.arange(len(y)), te)
        coef, intercept = _fit_softmax(x[tr], y[tr], c, seed)
        out[te] = x[te] @ coef.T + intercept
    return out


def calibrate(held: np.ndarray, y: np.ndarray) -> dict[str, Any]:
    """Temperature and confidence floor from held-out logits (news-mix shift included). Scaling all logits by one
    temperature never changes the top genre, only how sure the model says it is."""
    from presswatch.evaluation import calibration

    t = calibration.fit_temperature(held, y)
    before, after = softmax(held), softmax(held / t)
    curves = precision_ceilings(after, y)
    stated = calibration.restate(after, np.array([calibration.ceiling_scores(
        np.array([p.max()]), (curves[GENRES[int(p.argmax())]]["p"], curves[GENRES[int(p.argmax())]]["precision"]))[0]
        for p in after]))
    floor, precision, coverage = calibration.confidence_floor(after, y, PRECISION_FLOOR, FLOOR_MIN, FLOOR_MAX)
    return {"temperature": round(t, 4), "confidence_floor": floor, "precision_ceiling": curves,
            "calibration": {"held_out": "leave one language out", "ece_before": round(calibration.ece(before, y), 4),
                            "ece_after": round(calibration.ece(after, y), 4),
                            "ece_stated": round(calibration.ece(stated, y), 4),
                            "precision_at_floor": round(precision, 4), "coverage_at_floor": round(coverage, 4)}}


def precision_ceilings(probs: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None
                       ) -> dict[str, dict[str, list[float]]]:
    """Per genre, the knots of the held-out precision of its verdicts against their probability (isotonic); the
    pooled curve for a genre with fewer than `CEILING_MIN_VERDICTS` held-out verdicts."""
    from presswatch.evaluation import calibration

    top, k = probs.max(axis=1), probs.argmax(axis=1)
    right = (k == y).astype(float)
    pooled = calibration.precision_curve(top, right, 1.0 / len(GENRES), weights)
    out = {}
    for c, g in enumerate(GENRES):
        m = k == c
        w = None if weights is None else weights[m]
        enough = m.sum() >= CEILING_MIN_VERDICTS
        p, prec = calibration.precision_curve(top[m], right[m], 1.0 / len(GENRES), w) if enough else pooled
        out[g] = {"p": p, "precision": prec}
    return out


IDENTITY_CALIBRATION = {"temperature": 1.0, "confidence_floor": FLOOR_MAX,
                        "precision_ceiling": {g: {"p": [0.0, 1.0], "precision": [0.0, 1.0]} for g in GENRES}}


def train_genre(embeddings: Sequence[np.ndarray], paragraphs: Sequence[Sequence[str]], flags: Sequence[np.ndarray],
                genres: Sequence[str], seed: int = 0, c: float = GENRE_C, inner_folds: int = 4,
                meta: dict[str, Any] | None = None, kind: str = "genre",
                langs: Sequence[str] | None = None) -> GenreModel:
    """Fit the density head, then the genre head on out-of-fold densities (so training sees densities as noisy as
    at prediction time); the news-mix prior correction goes into `thresholds`; temperature and confidence floor
    come from held-out logits (each language scored by a head trained on the others)."""
    from sklearn.model_selection import KFold

    n = len(genres)
    embeddings = [e[:, USE_BLOCK] for e in embeddings]
    density = fit_density(embeddings, flags, seed)
    weights = [authorial_weights(p) for p in paragraphs]
    dens = np.array([density.article_density(e, w) for e, w in zip(embeddings, weights, strict=True)])
    if n >= 2 * inner_folds:
        for tr, te in KFold(inner_folds, shuffle=True, random_state=seed).split(np.arange(n)):
            head = fit_density([embeddings[i] for i in tr], [flags[i] for i in tr], seed)
            dens[te] = [head.article_density(embeddings[i], weights[i]) for i in te]
    feats = np.vstack([genre_features(e, p, d) for e, p, d in zip(embeddings, paragraphs, dens, strict=True)])
    mean, scale = standardise(feats)
    x = (feats - mean) / scale
    y = np.array([GENRES.index(g) for g in genres])
    coef, intercept = _fit_softmax(x, y, c, seed)
    shift = deploy_shift()
    thresholds = np.array([-shift if g == "opinion" else shift if g == "reporting" else 0.0 for g in GENRES])
    calib = (calibrate(_held_out_logits(x, y, langs or ["en"] * n, c, seed) + thresholds, y) if n >= 8
             else IDENTITY_CALIBRATION)
    cue_means = {cue: {g: round(float(feats[y == i, col].mean()), 3) for i, g in enumerate(GENRES) if (y == i).any()}
                 for cue, col in (("density", -2), ("attribution", -1))}
    info = {"c": c, "seed": seed, "n_train": n, "support": {g: int((y == i).sum()) for i, g in enumerate(GENRES)},
            "deploy_prior": DEPLOY_PRIOR, "reporting_shift": round(shift, 4), "cue_means": cue_means, **calib}
    return GenreModel(kind, list(GENRES), coef, intercept, mean, scale, thresholds, {**info, **(meta or {})},
                      extra=density.arrays())


def technique_flags(paragraph_lines: Sequence[int], labels: dict[int, list[str]]) -> np.ndarray:
    """Per paragraph: 1 if subtask 3 labels it with some technique, 0 if labelled with none, -1 if not scored."""
    return np.array([(1 if labels[n] else 0) if n in labels else -1 for n in paragraph_lines], dtype=np.int8)


def artifact_kind(lang: str) -> str:
    """File stem of a language's genre model: `genre` for English, `genre-fr` for French, ..."""
    return "genre" if lang == "en" else f"genre-{lang}"


@lru_cache(maxsize=16)
@outside_caps
def load_genre_model(directory: Path | None = None, lang: str = "en") -> GenreModel:
    """The shipped genre model of SemEval language `lang`, or the English one where that language has none
    (loaded once per process); ModelError if it is missing or broken."""
    from presswatch.config import SETTINGS

    directory = directory or SETTINGS.models_dir
    kind = artifact_kind(lang)
    if not (directory / f"{kind}.json").exists():
        kind = "genre"
    return GenreModel.load(directory, kind)
