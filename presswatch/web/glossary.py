"""How the persuasion technique labels look in the UI: family colours, CSS slugs and readable names (the labels
and their explanations themselves are in `presswatch.taxonomy`)."""

from __future__ import annotations

import re

# One colour per technique family, shared by the CSS (--fam-*) and the SVG charts: distinct hues of one luminance
# (0.22-0.25), so each is >= 3:1 against the white page and >= 5.9:1 under the black text of a highlight.
FAMILY_COLORS: dict[str, str] = {
    "Attack on reputation": "#ea5a13",
    "Justification": "#208edd",
    "Simplification": "#279b61",
    "Distraction": "#e15791",
    "Call": "#8d8d00",
    "Manipulative wording": "#a96ce5",
    "Other": "#888888",
}


def slug(name: str | None) -> str:
    """A CSS-class-safe slug: "Attack on reputation" -> "attack-on-reputation"."""
    s = re.sub(r"[^a-z0-9]+", "-", (name or "").lower()).strip("-")
    return s or "other"


def pretty(name: str) -> str:
    """Human form of a label: "Appeal_to_Fear-Prejudice" -> "Appeal to Fear-Prejudice"."""
    return name.replace("_", " ")
