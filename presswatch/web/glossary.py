"""Names, families, colours and plain-language explanations of the persuasion techniques shown in the UI."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

# The techniques stage's own explanations file: one wording everywhere (terminal report, JSON, web).
EXPLANATIONS_FILE = Path(__file__).resolve().parents[1] / "models" / "data" / "technique_explanations.toml"

FAMILY_ORDER: tuple[str, ...] = (
    "Attack on reputation", "Justification", "Simplification", "Distraction", "Call", "Manipulative wording",
)
# Colour-blind-safe palette (Okabe-Ito), one colour per technique family, shared by CSS and SVG charts.
FAMILY_COLORS: dict[str, str] = {
    "Attack on reputation": "#d55e00",
    "Justification": "#0072b2",
    "Simplification": "#009e73",
    "Distraction": "#cc79a7",
    "Call": "#e69f00",
    "Manipulative wording": "#56b4e9",
    "Other": "#8a8f98",
}


@lru_cache(maxsize=1)
def explanations() -> dict[str, str]:
    """Technique name -> one-line explanation (empty when the data file is missing)."""
    try:
        with EXPLANATIONS_FILE.open("rb") as f:
            return {str(k): str(v) for k, v in tomllib.load(f).get("explanations", {}).items()}
    except (OSError, tomllib.TOMLDecodeError):
        return {}


def explain(technique: str) -> str:
    """The explanation of a technique name, or an empty string if it is not a SemEval technique."""
    return explanations().get(technique, "")


def technique_names() -> list[str]:
    """All SemEval-2023 technique names, sorted."""
    from presswatch.evaluation.semeval import TECHNIQUES

    return sorted(TECHNIQUES)


def family_of(technique: str) -> str:
    """The SemEval family of a technique name ("Other" when unknown)."""
    from presswatch.evaluation.semeval import FAMILY_OF

    return FAMILY_OF.get(technique, "Other")


def slug(name: str | None) -> str:
    """A CSS-class-safe slug: "Attack on reputation" -> "attack-on-reputation"."""
    s = re.sub(r"[^a-z0-9]+", "-", (name or "").lower()).strip("-")
    return s or "other"


def pretty(name: str) -> str:
    """Human form of a label: "Appeal_to_Fear-Prejudice" -> "Appeal to Fear-Prejudice"."""
    return name.replace("_", " ")
