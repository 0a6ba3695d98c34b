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


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def reliability(probs: np.ndarray, y: np.ndarray, bins: int = BINS) -> list[Bin]:
    """Top-label reliability table: verdicts binned by their probability, with their accuracy."""
    conf, right = probs.max(axis=1), (probs.argmax(axis=1) == y)
    out = []
    edges = np.linspace(0.0, 1.0, bins + 1)
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        m = (conf > lo) & (conf <= hi) if lo > 0 else (conf <= hi)
        if m.any():
            out.append(Bin(float(lo), float(hi), int(m.sum()), float(conf[m].mean()), float(right[m].mean())))
    return out


def ece(probs: np.ndarray, y: np.ndarray, bins: int = BINS) -> float:
    """Expected calibration error of the top label (bins weighted by their size)."""
    n = max(len(y), 1)
    return float(sum(b.n / n * abs(b.confidence - b.accuracy) for b in reliability(probs, y, bins)))


def fit_temperature(logits: np.ndarray, y: np.ndarray, bias: np.ndarray | None = None) -> float:
    """The temperature T minimising the log-loss of softmax(logits / T + bias) on held-out `logits`."""
    bias = np.zeros(logits.shape[1]) if bias is None else bias
    rows = np.arange(len(y))

    def nll(t: float) -> float:
        p = _softmax(logits / t + bias)
        return float(-np.log(np.clip(p[rows, y], 1e-12, None)).mean())

    return float(min(_TEMPERATURES, key=nll))


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
