"""Calibration helpers: ECE, reliability bins, temperature, confidence floor."""

from __future__ import annotations

import numpy as np

from presswatch.evaluation import calibration


def test_ece_is_zero_when_confidence_matches_accuracy_and_large_when_overconfident() -> None:
    probs = np.array([[0.75, 0.25]] * 4)
    assert calibration.ece(probs, np.array([0, 0, 0, 1])) < 1e-9
    sure = np.array([[0.99, 0.01]] * 4)
    assert calibration.ece(sure, np.array([0, 1, 1, 1])) > 0.7
    bins = calibration.reliability(sure, np.array([0, 1, 1, 1]))
    assert len(bins) == 1 and bins[0].n == 4 and bins[0].accuracy == 0.25
    assert calibration.format_table(bins)[1].startswith("0.9-1.0")


def test_temperature_softens_overconfident_logits() -> None:
    rng = np.random.default_rng(0)
    y = rng.integers(0, 3, 300)
    logits = rng.normal(size=(300, 3)) * 0.5
    logits[np.arange(300), y] += 1.0
    t = calibration.fit_temperature(logits * 6, y)
    assert t > 1.2
    probs = np.exp(logits * 6 / t)
    probs /= probs.sum(1, keepdims=True)
    raw = np.exp(logits * 6)
    raw /= raw.sum(1, keepdims=True)
    assert calibration.ece(probs, y) < calibration.ece(raw, y)


def test_confidence_floor_reaches_the_precision_or_stays_high() -> None:
    probs = np.array([[0.95, 0.05], [0.9, 0.1], [0.62, 0.38], [0.55, 0.45]])
    floor, precision, coverage = calibration.confidence_floor(probs, np.array([0, 0, 1, 1]), 0.8, 0.5, 0.8)
    assert floor > 0.62 and precision == 1.0 and coverage == 0.5
    assert calibration.confidence_floor(probs, np.array([1, 1, 1, 1]), 0.8, 0.5, 0.8)[0] == 0.8
