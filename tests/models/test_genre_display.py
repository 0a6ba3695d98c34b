"""The genre distribution in words never shows a score under a floor as reaching it."""

from __future__ import annotations

from presswatch.taxonomy import shown_score as _shown


def test_a_score_just_under_its_floor_is_rounded_down_and_others_as_usual() -> None:
    assert _shown(0.7995, 0.80) == "0.79"  # was "0.80" beside "no genre reaches 0.80"
    assert _shown(0.8, 0.80) == "0.80"
    assert _shown(0.4551, 0.80) == "0.46"
    assert _shown(0.9739, 0.974) == "0.97"  # rounding down to 0.97 never reaches the satire floor anyway
