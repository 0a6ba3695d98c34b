"""How the persuasion technique labels look in the UI: family colours, CSS slugs and readable names (the labels
and their explanations themselves are in `presswatch.taxonomy`)."""

from __future__ import annotations

import re

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


def slug(name: str | None) -> str:
    """A CSS-class-safe slug: "Attack on reputation" -> "attack-on-reputation"."""
    s = re.sub(r"[^a-z0-9]+", "-", (name or "").lower()).strip("-")
    return s or "other"


def pretty(name: str) -> str:
    """Human form of a label: "Appeal_to_Fear-Prejudice" -> "Appeal to Fear-Prejudice"."""
    return name.replace("_", " ")
