"""German source phrases that name no person ("Laut den Veranstaltern beteiligten sich …", "Nach Angaben des
Dienstes war …", "Insidern zufolge laufen …", "…, laut einer Kurzanalyse des Thinktanks »Forces Watch«, …"): the
sentence (or, where the phrase opens it, the rest of it) is reported speech of the source. The speaker is an entity
or a proper name the phrase ends on, else nobody (a group, a report): never a person guessed from the text before."""

from __future__ import annotations

import re

from presswatch.stages.speech_rules import role_speakers
from presswatch.stages.speech_rules.speech_text import (
    EDGE_DASHES,
    Found,
    Names,
    inside_any,
    sentence_bounds,
    trim,
    words_of,
)

_DET = r"(?:dem|der|den|des|einer|einem|eines|eine|ein)"
_ADJ = r"(?:[a-zäöüß][\w-]*[ \u00a0]+){0,2}"
_NOUN = r"[A-ZÄÖÜ][\w-]*(?:\.[\w-]+)*"
_PROPER = rf"(?:»[^«»]{{1,40}}«|„[^“”]{{1,40}}[“”]|\"[^\"]{{1,40}}\"|{_NOUN}(?:[ \u00a0]+{_NOUN}){{0,3}})"
_NP = (
    rf"(?P<np>(?:{_DET}[ \u00a0]+)?{_ADJ}{_NOUN}"
    rf"(?:[ \u00a0]+für[ \u00a0]+{_NOUN})?(?:[ \u00a0]+(?:des|der)[ \u00a0]+{_ADJ}{_NOUN})?"
    rf"(?:[ \u00a0]+(?P<proper>{_PROPER}))?)"
)
_LEAD = r"(?:[Ll]aut|[Nn]ach[ \u00a0]+(?:Angaben|Ansicht|Aussagen?|Einschätzung|Informationen|Darstellung))"
_BEFORE = re.compile(rf"(?<![\w-]){_LEAD}[ \u00a0]+{_NP}(?![\w-])")  # not "gemäß Artikel 5"
_AFTER = re.compile(rf"(?<![\w-]){_NP}[ \u00a0]+zufolge(?![\w-])")
_SO = re.compile(rf",[ \u00a0]+so[ \u00a0]+(?=(?:eine|ein|einer)[ \u00a0]){_NP}[ \u00a0]*[.!]?$")
# sources that are numbers or plans, not anyone's words ("Laut Statistiken", "laut letzten Hochrechnungen")
NOT_SPEECH = (
    "statistik",
    "statistiken",
    "hochrechnung",
    "hochrechnungen",
    "prognose",
    "prognosen",
    "plan",
    "plänen",
    "gesetz",
    "vertrag",
    "verfassung",
    "regeln",
    "fahrplan",
    "zahlen",
    "daten",
    "umfragewerten",
)
MIN_WORDS = 4
# what the three patterns above start or end with: most paragraphs hold none of it
_ANY = re.compile(rf"(?<![\w-])(?:{_LEAD}|zufolge|so[ \u00a0]+ein(?:e|er)?)(?![\w-])")


def _speaker(m: re.Match[str], names: Names) -> tuple[int, int] | None:
    """An entity the phrase names, else its proper name in marks or capitals after the noun, else None."""
    hits = [
        h
        for h in names.within(m.start("np"), m.end("np"))
        if not re.match(_DET + r"(?!\w)", m.string[h[0] : h[1]], re.I)
    ]  # not "Dem Bericht"
    if hits:
        return hits[-1][0], hits[-1][1]
    np = m.group("np")
    marked = re.search(r"[»„\"]([^«»„“”\"]+)[«“”\"]$", np)
    if marked is not None:  # "des Thinktanks »Forces Watch«"
        return m.start("np") + marked.start(1), m.start("np") + marked.end(1)
    head = re.search(rf"(?<![\w-])(?!(?i:{_DET})[ \u00a0]){_NOUN}", np)  # the phrase's noun ("Analyse", "Worten")
    tail = np[head.end() :] if head is not None else ""
    # the proper name after it: "dem Sender CNN", "Kremlsprecher Peskow", "des Air Charter Service" ("des Dienstes"
    # has none, nor "der US-Behörde für Energieinformation")
    run = re.search(rf"(?<![\w-])(?<!für[ \u00a0]){_NOUN}(?:[ \u00a0]+{_NOUN})*$", tail)
    if run is not None and head is not None:
        start = m.start("np") + head.end() + run.start()
        return _nominative(names, start, m.start("np") + head.end() + run.end(), run.group(0))
    body = role_speakers.german_body(np)  # "dem Gesundheitsministerium", "des Auswärtigen Amtes"
    return (m.start("np") + len(np) - len(body), m.end("np")) if body is not None and np.endswith(body) else None


def _nominative(names: Names, start: int, end: int, word: str) -> tuple[int, int]:
    """A name in the genitive ("Den Worten Kissingers") as the latest earlier mention of the person whose last word
    it is with its -s dropped; the span as written otherwise."""
    if " " in word or not word.endswith("s"):
        return start, end
    earlier = [h for h in names.within(0, start) if h[2].label == "PERSON" and h[2].name.split()[-1] == word[:-1]]
    return (earlier[-1][0], earlier[-1][1]) if earlier else (start, end)


def _speech_noun(m: re.Match[str]) -> bool:
    nouns = [w for w in words_of(m.group("np")) if w[:1].isupper()]
    return bool(nouns) and nouns[0].casefold() not in NOT_SPEECH


def find(
    text: str, start: int, end: int, names: Names, direct: list[tuple[int, int]], found: list[Found]
) -> list[Found]:
    """Reported speech of the unnamed or institutional German source phrases of a paragraph."""
    out: list[Found] = []
    if _ANY.search(text, start, end) is None:  # most paragraphs hold no source phrase: no sentence walk
        return out
    for i, stop in sentence_bounds(text, start, end):
        s0, e0 = trim(text, i, stop, EDGE_DASHES)
        if s0 >= e0 or any(f.start < e0 and s0 < f.end for f in [*found, *out]):
            continue
        body = text[s0 : e0 + 1]
        m = _BEFORE.search(text, s0, e0) or _AFTER.search(text, s0, e0)
        if m is not None and _speech_noun(m):
            if not text[s0 : m.start()].strip():  # "Laut den Veranstaltern beteiligten sich …": the rest
                s, e = trim(text, m.end(), e0, EDGE_DASHES)
            else:  # "Die Streitkräfte haben nach Angaben Moskaus … simuliert": the whole sentence
                s, e = s0, e0
        elif (so := _SO.search(body)) is not None and _speech_noun(so):
            m = _SO.search(text, s0, e0 + 1)
            assert m is not None
            s, e = trim(text, s0, m.start(), EDGE_DASHES)  # "…, so eine Analyse des Air Charter Service."
        else:
            continue
        if len(words_of(text[s:e])) < MIN_WORDS or inside_any(direct, s, e):
            continue
        cue = "zufolge" if m.re is _AFTER else "so" if m.re is _SO else m.group(0)[: m.start("np") - m.start()].strip()
        out.append(Found(s, e, "reported", cue.casefold(), _speaker(m, names), m.start()))
    return out
