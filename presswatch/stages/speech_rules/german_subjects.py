"""The subject of a German sentence that ends in a colon before a quote paragraph and holds no speech cue
("Auch über den Einzelfall hinaus äußert sich die Politikerin sorgenvoll über Gesetzesinitiativen:", "Dann ruderte
sie hart zurück. Mit bemerkenswerten Argumenten:"): whoever it names speaks the quote below it."""

from __future__ import annotations

import re

from presswatch.stages.speech_rules import role_speakers
from presswatch.stages.speech_rules.speech_language import Rules
from presswatch.stages.speech_rules.speech_text import Names, after_preposition, words_of

# a subject pronoun, or an article, at most two adjectives and a noun
_CANDIDATE = re.compile(
    r"(?<![\w-])(?:(?P<pron>er|sie|Er|Sie)|(?P<det>[Dd]er|[Dd]ie)(?:[ \u00a0]+[a-zäöüß][\w-]*){0,2}"
    r"[ \u00a0]+(?P<noun>[A-ZÄÖÜ][\w-]*))(?![\w-])"
)
# endings of German nouns for people by what they do ("Politikerin", "Journalist", "Präsident", "Soziologe")
PERSON_ENDINGS = ("iker", "ikerin", "ist", "istin", "ent", "entin", "ant", "antin", "oge", "ogin", "eur", "eurin")
MAX_SHORT = 5  # words of a colon sentence that lets the sentence before it name the subject


def person_noun(noun: str, r: Rules) -> bool:
    """Whether a capitalised German noun names a person by role: a title word or a role ending."""
    return role_speakers.is_title(noun, r) or noun.casefold().endswith(PERSON_ENDINGS)


def _subject(text: str, start: int, end: int, names: Names, r: Rules) -> tuple[int, int] | None:
    persons = [
        h for h in names.within(start, end) if h[2].label == "PERSON" and not after_preposition(text, start, h[0], r)
    ]
    if persons:
        return persons[0][0], persons[0][1]
    for m in _CANDIDATE.finditer(text, start, end):
        if m.group("pron") is not None:
            return m.start(), m.end()
        if person_noun(m.group("noun"), r) and not after_preposition(text, start, m.start(), r):
            return m.start(), m.end()
    return None


def colon_subject(text: str, para_start: int, colon: int, names: Names, r: Rules) -> tuple[int, int] | None:
    """The speaker span of the colon sentence ending at `colon` in the paragraph from `para_start`: the first person
    it names (not after a preposition), else the first subject pronoun or role phrase; a colon sentence of a few words
    with none ("Mit bemerkenswerten Argumenten:") asks the sentence before it."""
    cut = max(text.rfind(ch, para_start, colon) for ch in ".!?")
    start = cut + 1 if cut >= para_start else para_start
    found = _subject(text, start, colon, names, r)
    if found is None and cut > para_start and len(words_of(text[start:colon])) <= MAX_SHORT:
        before = max(text.rfind(ch, para_start, cut) for ch in ".!?")
        found = _subject(text, before + 1 if before >= para_start else para_start, cut, names, r)
    return found
