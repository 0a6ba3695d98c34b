"""The label vocabulary: 23 techniques in 6 families, 14 frames, 3 genres, one explanation per technique."""

from __future__ import annotations

from presswatch import taxonomy


def test_counts_and_families() -> None:
    assert len(taxonomy.TECHNIQUES) == len(set(taxonomy.TECHNIQUES)) == 23
    assert len(taxonomy.FRAMES) == 14 and taxonomy.GENRES == ("opinion", "reporting", "satire")
    assert tuple(taxonomy.FAMILIES) == taxonomy.FAMILY_ORDER and len(taxonomy.FAMILY_ORDER) == 6
    assert taxonomy.FAMILY_ORDER_WITH_OTHER[-1] == taxonomy.OTHER_FAMILY
    assert taxonomy.family_of("Doubt") == "Attack on reputation"
    assert taxonomy.family_of("Not_A_Technique") == taxonomy.OTHER_FAMILY


def test_every_technique_has_one_explanation() -> None:
    notes = taxonomy.explanations()
    assert set(notes) == set(taxonomy.TECHNIQUES)
    assert all(0 < len(v) < 200 and "\n" not in v for v in notes.values())
    assert taxonomy.explain("Whataboutism") == notes["Whataboutism"]
    assert taxonomy.explain("Not_A_Technique") == ""


def test_semeval_language_codes() -> None:
    assert [taxonomy.semeval_language(c) for c in ("de", "pl", "EN", None, "ru")] == ["ge", "po", "en", "en", "ru"]
    assert set(taxonomy.LANGUAGES) == {"en", "fr", "ge", "it", "po", "ru"}


def test_an_abstaining_genre_score_never_rounds_up_to_its_floor() -> None:
    text = taxonomy.genre_score_text
    assert text(taxonomy.UNCERTAIN, 0.7995) == "0.79" and text("reporting", 0.7995) == "0.80"
    assert text(taxonomy.UNCERTAIN, 0.29) == "0.29" and text(taxonomy.UNCERTAIN, 0.4599) == "0.46"
    assert text(taxonomy.UNCERTAIN, float("nan")) == "nan"
