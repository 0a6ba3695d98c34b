"""Plain-language explanations of the SemEval-2023 persuasion techniques, frames and genres shown in the UI."""

from __future__ import annotations

import re

TECHNIQUES: dict[str, str] = {
    "Name_Calling-Labeling": "Labels the target with a loaded word or phrase the audience fears, hates or admires.",
    "Guilt_by_Association": "Attacks the target by linking it to a group, person or idea the audience sees as bad.",
    "Doubt": "Questions the credibility of the target without evidence, to weaken trust in it.",
    "Appeal_to_Hypocrisy": "Attacks the target's reputation by pointing at its inconsistency or past behaviour.",
    "Questioning_the_Reputation": "Undermines the target's character or moral stature rather than its argument.",
    "Flag_Waving": "Justifies an idea by appeal to group pride or identity: the nation, party, religion.",
    "Appeal_to_Authority": "Presents a claim as true because an authority or expert said it.",
    "Appeal_to_Popularity": "Presents a claim as true or right because many people agree with it.",
    "Appeal_to_Values": "Links an idea to values the audience holds dear: freedom, tradition, peace, justice.",
    "Appeal_to_Fear-Prejudice": "Promotes or rejects an idea by stirring fear, anxiety or prejudice.",
    "Causal_Oversimplification": "Reduces a complex issue to a single cause.",
    "False_Dilemma-No_Choice": "Presents two options (or one) as the only possibilities when more exist.",
    "Consequential_Oversimplification": "Claims that a first step will lead to a chain of (usually bad) consequences.",
    "Straw_Man": "Refutes a distorted version of the opponent's position instead of the real one.",
    "Red_Herring": "Diverts attention to an irrelevant topic.",
    "Whataboutism": "Deflects criticism by accusing the critic of something similar.",
    "Slogans": "A short, striking phrase that replaces argument with a catchword.",
    "Conversation_Killer": "A phrase that discourages critical thought and closes the discussion.",
    "Appeal_to_Time": "Argues that the time to act is now, creating urgency.",
    "Loaded_Language": "Words with strong emotional connotations used to sway the reader.",
    "Obfuscation-Vagueness-Confusion": "Deliberately unclear wording that lets the reader read in what they want.",
    "Exaggeration-Minimisation": "Makes something look bigger or smaller, better or worse, than it is.",
    "Repetition": "Repeats the same word, phrase or idea so the audience accepts it.",
}

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


def explain(technique: str) -> str:
    """The explanation of a technique name, or an empty string if it is not a SemEval technique."""
    return TECHNIQUES.get(technique, "")


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
