"""Calibration of probabilistic verdicts: expected calibration error, reliability tables, temperature scaling and
the confidence floor that keeps confident verdicts precise."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

BINS = 10
_TEMPERATURES = np.exp(np.linspace(np.log(0.25), np.log(8.0), 61))


@dataclass
class Bin:
    lo: float
    hi: float
    n: int
    confidence: float  # mean top probability in the bin
    accuracy: float  # share of the bin's verdicts that are right
    weight: float = 0.0  # the bin's total article weight (its count when unweighted)


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def reliability(probs: np.ndarray, y: np.ndarray, bins: int = BINS, weights: np.ndarray | None = None) -> list[Bin]:
    """Top-label reliability table: verdicts binned by their probability, with their accuracy (`weights` reweight
    the articles, e.g. to another genre mix; `n` stays a count)."""
    conf, right = probs.max(axis=1), (probs.argmax(axis=1) == y)
    w = np.ones(len(y)) if weights is None else np.asarray(weights, float)
    out = []
    edges = np.linspace(0.0, 1.0, bins + 1)
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        m = (conf > lo) & (conf <= hi) if lo > 0 else (conf <= hi)
        if m.any() and w[m].sum() > 0:
            out.append(Bin(float(lo), float(hi), int(m.sum()), float(np.average(conf[m], weights=w[m])),
                           float(np.average(right[m], weights=w[m])), float(w[m].sum())))
    return out


def ece(probs: np.ndarray, y: np.ndarray, bins: int = BINS, weights: np.ndarray | None = None) -> float:
    """Expected calibration error of the top label (bins weighted by their size, or by their `weights`)."""
    table = reliability(probs, y, bins, weights)
    total = max(sum(b.weight for b in table), 1e-12)
    return float(sum(b.weight / total * abs(b.confidence - b.accuracy) for b in table))


def _nll(logits: np.ndarray, y: np.ndarray, weights: np.ndarray | None) -> float:
    p = _softmax(logits)[np.arange(len(y)), y]
    return float(np.average(-np.log(np.clip(p, 1e-12, None)), weights=weights))


def fit_temperature(logits: np.ndarray, y: np.ndarray, bias: np.ndarray | None = None,
                    weights: np.ndarray | None = None) -> float:
    """The temperature T minimising the log-loss of softmax(logits / T + bias) on held-out `logits` (each article
    weighted by `weights`, e.g. to another label mix)."""
    bias = np.zeros(logits.shape[1]) if bias is None else bias
    return float(min(_TEMPERATURES, key=lambda t: _nll(logits / t + bias, y, weights)))


def fit_temperature_bias(logits: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None
                         ) -> tuple[float, np.ndarray]:
    """Bias-corrected temperature scaling: the T and per-class bias b (b[0] = 0) minimising the log-loss of
    softmax(logits / T + b) on held-out `logits`, so the scores are calibrated for the label mix of `y` (or of
    `y` reweighted by `weights`); rounded to 4 decimals (a byte-identical artifact)."""
    from scipy.optimize import minimize

    k = logits.shape[1]

    def nll(v: np.ndarray) -> float:
        return _nll(logits / np.exp(v[0]) + np.r_[0.0, v[1:]], y, weights)

    start = np.r_[np.log(fit_temperature(logits, y, weights=weights)), np.zeros(k - 1)]
    v = minimize(nll, start, method="Nelder-Mead", options={"xatol": 1e-5, "fatol": 1e-8, "maxiter": 4000}).x
    return round(float(np.exp(v[0])), 4), np.round(np.r_[0.0, v[1:]], 4)


def shift_prior(probs: np.ndarray, source: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Posteriors calibrated for label mix `source` moved to mix `target` (Bayes: p * target / source, renormalised;
    the label-shift correction, which assumes each label's texts look alike in both mixes)."""
    p = np.atleast_2d(probs) * (np.asarray(target, float) / np.maximum(np.asarray(source, float), 1e-12))
    return p / np.maximum(p.sum(axis=1, keepdims=True), 1e-12)


def em_prior(probs: np.ndarray, source: np.ndarray, iters: int = 200, tol: float = 1e-6) -> np.ndarray:
    """The label mix of unlabelled texts, estimated from their posteriors (calibrated for `source`) by the EM of
    Saerens, Latinne and Decaestecker (2002): alternately move the posteriors to the current mix and take their
    mean as the next mix."""
    prior = np.asarray(source, float)
    if not len(probs):
        return prior
    for _ in range(iters):
        new = shift_prior(probs, source, prior).mean(axis=0)
        if np.abs(new - prior).max() < tol:
            return new
        prior = new
    return prior


def confidence_floor(probs: np.ndarray, y: np.ndarray, precision: float, lo: float, hi: float,
                     step: float = 0.025) -> tuple[float, float, float]:
    """The lowest floor in [lo, hi] at which the verdicts with top probability >= floor are right at least
    `precision` of the time (`hi` if none is); returns (floor, their precision, their coverage)."""
    conf, right = probs.max(axis=1), (probs.argmax(axis=1) == y)
    chosen = hi
    for g in np.arange(lo, hi + 1e-9, step):
        m = conf >= g
        if m.any() and right[m].mean() >= precision:
            chosen = float(g)
            break
    m = conf >= chosen
    return round(chosen, 3), float(right[m].mean()) if m.any() else 1.0, float(m.mean())


def format_table(bins: list[Bin]) -> list[str]:
    """The reliability table as text rows."""
    rows = ["probability   n  mean p  accuracy"]
    rows += [f"{b.lo:.1f}-{b.hi:.1f} {b.n:6d}  {b.confidence:6.2f}  {b.accuracy:8.2f}" for b in bins]
    return rows


def precision_curve(conf: np.ndarray, right: np.ndarray, floor: float = 0.0,
                    weights: np.ndarray | None = None) -> tuple[list[float], list[float]]:
    """Knots of the isotonic (non-decreasing) fit of `right` (1 when a held-out verdict was right) on its top
    probability `conf`: a verdict of probability p was right about `np.interp(p, *knots)` of the time. `weights`
    reweight the verdicts (e.g. to another label mix). Fewer than two distinct probabilities give the identity;
    values are rounded to 4 decimals (a byte-identical artifact)."""
    from sklearn.isotonic import IsotonicRegression

    if len(np.unique(conf)) < 2:
        return [0.0, 1.0], [0.0, 1.0]
    fit = IsotonicRegression(y_min=floor, y_max=1.0, increasing=True, out_of_bounds="clip")
    fit.fit(np.asarray(conf, float), np.asarray(right, float), sample_weight=weights)
    xs, ys = np.round(fit.X_thresholds_, 4), np.round(fit.y_thresholds_, 4)
    keep = np.r_[True, np.diff(xs) > 0]  # rounding can merge knots; keep the first of each
    return [float(v) for v in xs[keep]], [float(v) for v in ys[keep]]


def ceiling_scores(conf: np.ndarray, knots: tuple[list[float], list[float]]) -> np.ndarray:
    """`conf` lowered to the precision the knots measured at that probability (never raised)."""
    return np.minimum(conf, np.interp(conf, knots[0], knots[1]))


def restate(probs: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """Distributions whose top genre gets `scores` (its stated score) and whose other genres share the rest in
    their old proportions; a score is raised just enough that the top genre stays on top."""
    probs = np.atleast_2d(probs)
    k = probs.argmax(axis=1)
    top = probs.max(axis=1)
    second = np.sort(probs, axis=1)[:, -2] if probs.shape[1] > 1 else np.zeros(len(probs))
    s = np.maximum(scores, second / np.maximum(1.0 - top + second, 1e-12) + 1e-3)
    rows = np.arange(len(probs))
    rest = probs.astype(float).copy()
    rest[rows, k] = 0.0
    total = rest.sum(axis=1, keepdims=True)
    even = np.where(np.arange(probs.shape[1]) == k[:, None], 0.0, 1.0 / max(probs.shape[1] - 1, 1))
    rest = np.where(total > 1e-12, rest / np.maximum(total, 1e-12), even)
    out = rest * (1.0 - s)[:, None]
    out[rows, k] = s
    return out
