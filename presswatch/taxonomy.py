"""The labels presswatch speaks in: SemEval-2023's techniques and their families, frames, genres and language
codes, with a one-line explanation of each technique (like spaCy's `glossary` / `spacy.explain`)."""

from __future__ import annotations

import math
import tomllib
from functools import lru_cache
from pathlib import Path

EXPLANATIONS_FILE = Path(__file__).resolve().parent / "data" / "technique_explanations.toml"

# SemEval-2023 Task 3's languages, in its own codes
LANGUAGES: tuple[str, ...] = ("en", "fr", "ge", "it", "po", "ru")
# ISO 639-1 codes as the cleaner detects them -> SemEval's language codes
_FROM_ISO = {"de": "ge", "pl": "po"}

FAMILIES: dict[str, tuple[str, ...]] = {
    "Attack on reputation": ("Name_Calling-Labeling", "Guilt_by_Association", "Doubt", "Appeal_to_Hypocrisy",
                             "Questioning_the_Reputation"),
    "Justification": ("Flag_Waving", "Appeal_to_Authority", "Appeal_to_Popularity", "Appeal_to_Values",
                      "Appeal_to_Fear-Prejudice"),
    "Simplification": ("Causal_Oversimplification", "False_Dilemma-No_Choice", "Consequential_Oversimplification"),
    "Distraction": ("Straw_Man", "Red_Herring", "Whataboutism"),
    "Call": ("Slogans", "Conversation_Killer", "Appeal_to_Time"),
    "Manipulative wording": ("Loaded_Language", "Obfuscation-Vagueness-Confusion", "Exaggeration-Minimisation",
                             "Repetition"),
}
FAMILY_ORDER: tuple[str, ...] = tuple(FAMILIES)
OTHER_FAMILY = "Other"  # the family of a technique name outside SemEval's list
FAMILY_ORDER_WITH_OTHER: tuple[str, ...] = (*FAMILY_ORDER, OTHER_FAMILY)
TECHNIQUES: tuple[str, ...] = tuple(t for ts in FAMILIES.values() for t in ts)
FAMILY_OF: dict[str, str] = {t: f for f, ts in FAMILIES.items() for t in ts}
FRAMES: tuple[str, ...] = (
    "Economic", "Capacity_and_resources", "Morality", "Fairness_and_equality",
    "Legality_Constitutionality_and_jurisprudence", "Policy_prescription_and_evaluation", "Crime_and_punishment",
    "Security_and_defense", "Health_and_safety", "Quality_of_life", "Cultural_identity", "Public_opinion",
    "Political", "External_regulation_and_reputation",
)
GENRES: tuple[str, ...] = ("opinion", "reporting", "satire")
UNCERTAIN = "uncertain"  # the genre stage's abstention: no genre is confident enough to be a verdict
GENRE_FLOOR = 0.8  # the genre stage's confidence floor: a verdict needs this calibrated probability


def shown_score(score: float, floor: float) -> str:
    """`score` with two decimals, rounded down where rounding would make a score under `floor` read as reaching it
    (0.7995 is "0.79" beside "no genre reaches 0.80", not "0.80")."""
    text = f"{score:.2f}"
    if math.isfinite(score) and score < floor <= float(text):
        return f"{math.floor(score * 100 + 1e-9) / 100:.2f}"
    return text


def genre_score_text(label: str, score: float) -> str:
    """A genre verdict's score with two decimals; an abstention's (the top genre's, under the confidence floor)
    never rounds up to the floor ("uncertain (0.79)", not "uncertain (0.80)")."""
    return shown_score(score, GENRE_FLOOR) if label == UNCERTAIN else f"{score:.2f}"


def semeval_language(code: str | None) -> str:
    """SemEval's code for a detected ISO 639-1 (or SemEval) language code; English when unknown."""
    code = (code or "en").lower()
    return _FROM_ISO.get(code, code)


def iso_language(code: str) -> str:
    """The ISO 639-1 code of a SemEval language code (the inverse of `semeval_language`)."""
    return {v: k for k, v in _FROM_ISO.items()}.get(code, code)


def family_of(technique: str) -> str:
    """The SemEval family of a technique name (`OTHER_FAMILY` when unknown)."""
    return FAMILY_OF.get(technique, OTHER_FAMILY)


@lru_cache(maxsize=1)
def explanations() -> dict[str, str]:
    """Technique -> one-line explanation, read once from the data file."""
    with EXPLANATIONS_FILE.open("rb") as f:
        return {str(k): str(v) for k, v in tomllib.load(f)["explanations"].items()}


def explain(technique: str) -> str:
    """The explanation of a technique name, or "" if it is not a SemEval technique."""
    return explanations().get(technique, "")
