"""A French NER PERSON span cut to the name it holds, or relabelled, or dropped (data/ner_names.json).

fr_core_news_sm tags words around a name as part of it ("président Obama", "général de Gaulle"), common words and
compounds as persons ("post-Maïdan", "hygiène de Lvov", "Président de la République") and organisations whose
first word is capitalised as persons ("Pôle Emploi"). A PERSON span here starts at its first name word: leading
lower-case words and titles are no part of a name; a particle ("de Gaulle", "von der Leyen") may open it only
where the span opens with it or a title stands before it; a span with no capitalised name word left names nobody.
A PERSON span whose first (or, in an English-style name, last) word names an organisation is an ORG, as is an
acronym; an ORG or LOC span of a known first name and a surname is a PERSON ("Margarita Simonyan").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from presswatch.stages.speech_rules import rule_names

DATA = Path(__file__).resolve().parent / "data"
_WORD = re.compile(r"\S+")
_ELIDED = re.compile(r"[^\W\d_]{1,3}['’](?=[^\W\d_])")


@dataclass(frozen=True)
class NameWords:
    particles: frozenset[str]
    titles: frozenset[str]
    civil: frozenset[str]
    org_first: frozenset[str]
    org_last: frozenset[str]


@cache
def name_words(lang: str) -> NameWords:
    d = json.loads((DATA / "ner_names.json").read_text(encoding="utf-8"))
    orgs = d["org_words"]
    return NameWords(frozenset(d["particles"]), frozenset(d["titles"]), frozenset(d.get("civil_titles", [])),
                     frozenset(orgs.get(lang, []) + orgs["any"]), frozenset(orgs["any"]))


def _bare(word: str) -> str:
    return word.strip("«»“”\"'’()[],;:").casefold()


def person_span(text: str, start: int, end: int, lang: str) -> tuple[int, int, str] | None:
    """The span (start, end, label) a NER PERSON span at text[start:end] becomes; None where it names nobody."""
    nw = name_words(lang)
    elided = _ELIDED.match(text, start, end)  # "qu’Elena Baturina", "d'Emmanuel Macron"
    start = elided.end() if elided is not None else start
    words = list(_WORD.finditer(text, start, end))
    i = 0
    while i < len(words) and (_bare(words[i].group(0)) in nw.titles
                              or words[i].group(0)[:1].islower() and _bare(words[i].group(0)) not in nw.particles):
        i += 1
    j = i
    while j < len(words) and _bare(words[j].group(0)) in nw.particles:  # "de Gaulle", "von der Leyen"
        j += 1
    if j == len(words) or not words[j].group(0)[:1].isupper():
        return None
    if j > i and i > 0 and _bare(words[i - 1].group(0)) not in nw.titles:
        return None  # "hygiène de Lvov": the complement of a common noun, not a name
    name = [_bare(w.group(0)) for w in words[j:]]
    if name[0] in nw.org_first or len(name) > 1 and name[-1] in nw.org_last or len(name) == 1 and (
            len(words[j].group(0).strip(".,;:")) >= 2 and words[j].group(0).strip(".,;:").isupper()):
        return start, end, "ORG"  # "Pôle Emploi", "Hudson Institute"; "RT", "BFMTV": an acronym
    if i > 0 and len(words) - i == 1 and _written_lower(text, words[i].group(0)):
        return None  # "Président Français": a title and a common word
    return words[i].start(), end, "PERSON"


def _written_lower(text: str, word: str) -> bool:
    low = word.lower()
    return low != word and re.search(rf"(?<![\w'’-]){re.escape(low)}(?![\w'’-])", text) is not None


def _first_named(span: str, lang: str) -> bool:
    """Whether an ORG or LOC span is a person's name: two or three capitalised words (particles between) that open
    with a first name of the language's list and hold no organisation word ("Margarita Simonyan" tagged ORG)."""
    nw = name_words(lang)
    words = span.split()
    caps = [w for w in words if _bare(w) not in nw.particles]
    return (2 <= len(caps) <= 3 and all(w[:1].isupper() and not w.isupper() for w in caps)
            and words[0] == caps[0] and words[0].casefold() in rule_names.first_names(lang)
            and not any(_bare(w) in nw.org_first for w in words))


def _after_civil_title(text: str, start: int, civil: frozenset[str]) -> bool:
    """Whether a civil title ("M.", "Mme") stands right before offset `start`, a space between."""
    m = re.search(r"(?<![\w'’])([^\W\d_]{1,5}\.?)[ \u00a0]+$", text[max(0, start - 8):start])
    return m is not None and m.group(1).casefold() in civil


def clean_persons(text: str, spans: list[tuple[int, int, str]], lang: str) -> list[tuple[int, int, str]]:
    """`spans` (start, end, label) with each PERSON span cut, relabelled or dropped by `person_span`, an ORG or LOC
    span that names a person by a known first name or follows a civil title ("M. Morozov") a PERSON, a span of
    the title alone dropped; a one-word PERSON that is a word of an organisation the NER names in the article, and
    of no longer person, is that organisation's ("Emploi" beside "Pôle Emploi")."""
    out = []
    civil = name_words(lang).civil
    bare_civil = {t.rstrip(".") for t in civil}  # "M", "Mme"
    for s, e, label in spans:
        if _bare(text[s:e].rstrip(".")) in bare_civil:
            continue  # "M" of "M. Morozov" tagged ORG: a title, nobody
        if label != "PERSON" and _after_civil_title(text, s, civil):
            label = "PERSON"  # "M. Morozov" with "Morozov" tagged LOC
        if label != "PERSON":
            out.append((s, e, "PERSON" if _first_named(text[s:e], lang) else label))
        elif (kept := person_span(text, s, e, lang)) is not None:
            out.append(kept)
    words = {lab: {w.casefold() for s, e, lb in out if lb == lab and " " in text[s:e].strip()
                   for w in text[s:e].split()} for lab in ("ORG", "PERSON")}
    return [(s, e, "ORG" if lab == "PERSON" and " " not in text[s:e].strip() and text[s:e].casefold() in words["ORG"]
             and text[s:e].casefold() not in words["PERSON"] else lab) for s, e, lab in out]
