"""French and Italian additions to the speech rules (data/romance_speech.json).

A time phrase between a cue and its speaker is passed over ('a déclaré vendredi le secrétaire d'État américain
Antony Blinken', 'a indiqué, ce mercredi, la ministre …'), and a clause closed by a cue and the speaker named after
it is reported speech however long the sentence goes on after the name (`named_tail`); a name after a dative word
before a colon is who was addressed, not the speaker of the quote after it (`addressees`); a paragraph that ends
in a cue and a colon attributes the quote that opens the next one; a source phrase may name an outlet only in marks
('Secondo “Bloomberg”, …': `quoted_title`) or name it after up to 14 words; a cue may close a sentence with an
inverted pronoun ('…, a-t-il estimé.') or, in Italian, with no subject at all ('…, ha spiegato.'). Languages
without an entry are unchanged.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from typing import Any

from presswatch.stages.lexicon import DATA as STAGE_DATA

DATA = STAGE_DATA / "romance_speech.json"
_QUOTED = re.compile(r"«[^»]*»?|“[^”]*”?|\"[^\"]*\"?")
_TITLE = re.compile(r"[ \u00a0]*[«“\"][ \u00a0]*([A-ZÀ-Ý][^«»“”\",.;:]{0,39}?)[ \u00a0]*[»”\"][ \u00a0]*[.!?…]?"
                    r"[ \u00a0]*$")


@cache
def _table() -> dict[str, Any]:
    table: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    return table


@cache
def _times(lang: str) -> re.Pattern[str] | None:
    entry = _table().get(lang)
    return re.compile(entry["cue_times"], re.I) if entry and entry.get("cue_times") else None


def after_time(text: str, at: int, end: int, lang: str) -> int:
    """`at` moved past a time phrase or a filler adverb that starts there (before `end`), if the language lists
    them ('confirment cependant tous les interlocuteurs', 'hanno ammesso apertamente di …')."""
    times = _times(lang) if not lang.startswith("_") else None
    m = times.match(text, at, end) if times is not None else None
    at = m.end() if m is not None else at
    fillers = _fillers(lang) if not lang.startswith("_") else None
    f = fillers.match(text, at, end) if fillers is not None else None
    return f.end() if f is not None else at


@cache
def _fillers(lang: str) -> re.Pattern[str] | None:
    entry = _table().get(lang)
    return re.compile(entry["cue_fillers"], re.I) if entry and entry.get("cue_fillers") else None


@cache
def words(lang: str, key: str) -> frozenset[str]:
    """The lower-case words the language's entry lists under `key` (none where it lists none)."""
    entry = _table().get(lang) if not lang.startswith("_") else None
    return frozenset(w.casefold() for w in entry.get(key, [])) if entry else frozenset()


def enabled(lang: str) -> bool:
    """Whether the language has an entry here (French, Italian)."""
    return not lang.startswith("_") and lang in _table()


def points_back(text: str, lo: int, at: int, lang: str) -> bool:
    """Whether the words right before a cue at `at` point back to what the sentence said before them ('«…» comme le
    rappelait X'); one that opens its sentence points forward ('Comme le rapporte BFMTV, le candidat …')."""
    entry = _table().get(lang) if enabled(lang) else None
    if not entry or not entry.get("back_pointers"):
        return False
    head = text[lo:at].rstrip(" \u00a0")
    low = head.casefold()
    for p in sorted(entry["back_pointers"], key=len, reverse=True):
        if low.endswith(p) and (len(low) == len(p) or not low[-len(p) - 1].isalnum()):
            before = head[:len(head) - len(p)]
            sent = max(before.rfind(ch) for ch in ".!?\n") + 1
            return len(re.findall(r"\w+", before[sent:])) >= 2
    return False


def is_relative(word: str, lang: str) -> bool:
    """Whether a word is one of the language's relative pronouns ("qui", "che")."""
    entry = _table().get(lang) if enabled(lang) else None
    return bool(entry) and word.casefold() in entry.get("relatives", [])


def addressed(text: str, lo: int, at: int, lang: str) -> bool:
    """Whether the name at `at` is who was addressed, not who spoke: one of the language's dative words stands among
    the three words before it ('la lettre envoyée à la présidente Metsola :', 'la lettera inviata alla Presidente
    Metsola:')."""
    entry = _table().get(lang) if not lang.startswith("_") else None
    if not entry:
        return False
    before = re.findall(r"\w+['’]?", text[max(lo, at - 40):at])[-3:]
    return any(w.casefold().rstrip("'’") in entry.get("addressees", []) for w in before)


def quoted_title(text: str, start: int, end: int, lang: str) -> tuple[int, int] | None:
    """The words inside the marks when a source phrase's source is only a short title in marks ('Secondo
    “Bloomberg”, …', 'selon «Le Monde»'): an outlet the text names in marks, which no name finder reads."""
    if not enabled(lang):
        return None
    m = _TITLE.match(text[start:end])
    return (start + m.start(1), start + m.end(1)) if m is not None else None


def in_brackets(text: str, start: int, at: int, end: int) -> tuple[int, int]:
    """(start, end) of the clause around offset `at` narrowed to the brackets `at` stands in, if it stands in any."""
    open_ = text.rfind("(", start, at)
    if open_ < 0 or text.rfind(")", start, at) > open_:
        return start, end
    close = text.find(")", at, end)
    return open_ + 1, close if close >= 0 else end


def role_source(text: str, start: int, end: int, r: Any) -> bool:
    """Whether the words of a source phrase are a determiner and a role word ('secondo il professore', 'selon le
    défenseur des droits'), a person the text may name elsewhere, not a thing ('secondo le legislazioni')."""
    words = re.findall(r"\w[\w-]*['’]?", text[start:end])
    head = words[1] if len(words) > 1 and words[0].casefold() in r.determiners else words[0] if words else ""
    return head.casefold() in r.role_heads


_PARTICLE_NAME = re.compile(r"(?<![\w'’])([A-ZÀ-Ý][a-zà-ÿ]+)[ \u00a0]+((?:De|Di|Del|Della|Dalla|Lo|La|D['’])[ \u00a0]*"
                            r"[A-ZÀ-Ý][\w'’-]+)")


def particle_names(text: str, first_names: frozenset[str]) -> set[str]:
    """Italian full names whose surname opens with a capitalised particle ('Luigi Di Maio', 'Concita De Gregorio',
    'Alessandro Di Battista'): a known first name, the particle and a capitalised word."""
    return {f"{m.group(1)} {m.group(2)}" for m in _PARTICLE_NAME.finditer(text) if m.group(1).casefold() in first_names}


def after_preposition(text: str, lo: int, at: int, lang: str) -> bool:
    """Whether the word before offset `at` (from `lo` on) is one of the language's prepositions: a role phrase after
    one is an adverbial ('Dans un rapport, l'ONG a accusé …'), not the subject."""
    entry = _table().get(lang) if not lang.startswith("_") else None
    if not entry:
        return False
    prev = re.findall(r"\w+['’]?", text[max(lo, at - 20):at])[-1:]
    return bool(prev) and prev[0].casefold() in entry.get("prepositions", [])


def chain_subject(text: str, para_lo: int, told: list[tuple[int, str]], clause_start: Callable[[str, int, int], int],
                  r: Any) -> list[tuple[int, str]]:
    """The person a subject pronoun continues: the first person of the nearest sentence of the paragraph that names
    one, unless that sentence's own subject is a pronoun before the person ('Lors de son déplacement, il a qualifié
    Vladimir Poutine de …': Poutine is the object, the pronoun goes on with the subject of an earlier sentence).
    `told` is the paragraph's persons before the pronoun, nearest first."""
    seen: set[int] = set()
    for off, _ in told:
        sent = clause_start(text, para_lo, off)
        if sent in seen:
            continue
        seen.add(sent)
        first = min((x for x in told if x[0] >= sent and clause_start(text, para_lo, x[0]) == sent), key=lambda x: x[0])
        lead = {w.casefold() for w in re.findall(r"\w+", _QUOTED.sub(" ", text[sent:first[0]]))}  # not "«Ce qu’il …»"
        if not lead & {p for p, g in r.pronouns.items() if g in {"m", "f"}}:
            return [first]
    return []


def in_marks(text: str, at: int) -> bool:
    """Whether offset `at` lies inside quotation marks opened earlier in its paragraph (« », “ ”)."""
    line = text[text.rfind("\n", 0, at) + 1:at]
    return line.count("«") > line.count("»") or line.count("“") > line.count("”")


def colon_subject(text: str, start: int, end: int, r: Any) -> tuple[int, int] | None:
    """The subject pronoun opening a clause that ends in a colon before a quote and names no one ('… ; il donne
    les chiffres … :'), as a span to resolve like any pronoun speaker."""
    m = re.match(r"[ \u00a0]*(\w+)(?![\w'’])", text[start:end])
    if m is None or r.pronouns.get(m.group(1).casefold()) not in {"m", "f"}:
        return None
    return start + m.start(1), start + m.end(1)


def closing_attribution(text: str, para_start: int, cue_start: int, cue_end: int, sent_end: int,
                        r: Any) -> tuple[int, tuple[int, int] | None] | None:
    """(the comma that closes the reported clause, the pronoun that speaks or None) for a sentence that a cue
    closes without a name: an inverted auxiliary and pronoun before the participle ('…, a-t-il estimé.',
    `inverted_auxiliary`), or a cue with a left-out subject at the sentence's end ('…, ha spiegato.',
    `closing_pro_drop`). Not after a closing quotation mark: that is a direct quote's attribution."""
    entry = _table().get(r.lang) if not r.lang.startswith("_") else None
    if not entry:
        return None
    head = text[para_start:cue_start]
    inverted = entry.get("inverted_auxiliary")
    m = re.search(inverted + r"[ \u00a0]*$", head, re.I) if inverted else None
    if m is not None:
        comma, pronoun = para_start + m.start(), (para_start + m.start("p"), para_start + m.end("p"))
    elif entry.get("closing_pro_drop") and head.rstrip(" \u00a0").endswith(",") and not re.search(
            r"\w", text[after_time(text, cue_end, sent_end, r.lang):sent_end]):
        comma, pronoun = para_start + len(head.rstrip(" \u00a0")) - 1, None
    else:
        return None
    before = text[para_start:comma].rstrip(" \u00a0?!…")
    return None if not before or before[-1] in "»«“”\"" else (comma, pronoun)


def named_tail(lang: str) -> bool:
    """Whether a clause + cue + name sentence may go on for any length after the name."""
    entry = _table().get(lang) if not lang.startswith("_") else None
    return bool(entry and entry.get("named_tail"))


_ELIDED = re.compile(r"[lLdD]['’](?=\w)")


def unelided(word: str, lang: str) -> str:
    """A French or Italian word without its elided article ('l’immunologo' -> 'immunologo', "l'Insee" -> 'Insee');
    other languages' words as they are."""
    m = _ELIDED.match(word) if enabled(lang) else None
    return word[m.end():] if m is not None else word


def phrase_end(text: str, start: int, end: int, r: Any) -> int:
    """The end of a speaker phrase after a cue, cut before a quotation mark, a relative pronoun, one of the
    language's adverbial prepositions (not an agent's: 'par l'Arcom' names who) or a gerund after a name or noun
    that starts what the speaker says next ('confirme l'économiste de l'Insee pointant aussi « … »' ->
    "l'économiste de l'Insee"; 'a déclaré le sénateur républicain sur la chaîne CBSN' -> 'le sénateur
    républicain'; 'ipotizzano gli autori che ipotizzano una “…”' -> 'gli autori')."""
    entry = _table().get(r.lang) if not r.lang.startswith("_") else None
    if not entry:
        return end
    stops = set(entry.get("prepositions", [])) - set(entry.get("agent_prepositions", []))
    stops |= set(entry.get("relatives", []))
    prev = ""
    for m in re.finditer(r"[«»“”\"]|\w+['’]?", text[start:end]):
        word = m.group(0)
        gerund = (word[:1].islower() and bool(r.gerunds) and word.casefold().endswith(r.gerunds) and len(word) > 5
                  and prev.casefold() not in r.determiners and prev.casefold() not in stops)  # not "l’enfant"
        if m.start() and (not word[0].isalnum() or gerund or word.casefold() in stops):
            return start + len(text[start:start + m.start()].rstrip(" \u00a0"))
        prev = word
    return end


def agent(text: str, start: int, end: int, hits: list[tuple[int, int, Any]], lang: str) -> tuple[int, int] | None:
    """The name a source phrase gives as its author after an agent preposition ('selon l'estimation provisoire
    publiée ce vendredi par l'Insee', 'secondo il rapporto pubblicato dall’Istat'): the last name in the phrase."""
    entry = _table().get(lang) if not lang.startswith("_") else None
    pattern = entry.get("source_agent") if entry else None
    for s, e, _ in reversed(hits):
        if pattern and start <= s and e <= end and re.search(pattern + r"[ \u00a0]*$", text[start:s], re.I):
            return s, e
    return None


def after_of(text: str, at: int, r: Any) -> bool:
    """Whether the word at offset `at` follows one of the prepositions that name what a role is of ('il leader della
    Lega', "le chef de l'Etat", 'il direttore dell’Oms'), in French and Italian: an institution or place, no person."""
    if not enabled(r.lang):
        return False
    m = re.search(r"(\w+)(?:['’]|[ \u00a0]+)$", text[max(0, at - 20):at])
    return m is not None and m.group(1).casefold() in r.role_prepositions


def ordinal(text: str, m: re.Match[str], r: Any) -> bool:
    """Whether a source word is an ordinal after an article ('il nostro è stato il secondo Paese', 'al secondo
    posto'): the language's `ordinal_sources` after one of its determiners or an article fused with a preposition."""
    entry = _table().get(r.lang) if not r.lang.startswith("_") else None
    if not entry or m.group(0).casefold() not in entry.get("ordinal_sources", []):
        return False
    prev = re.findall(r"\w+['’]?", text[max(0, m.start() - 12):m.start()])[-1:]
    return bool(prev) and (prev[0].casefold() in r.determiners or prev[0].casefold() in entry.get("fused_articles", []))


def in_compound(text: str, at: int) -> bool:
    """Whether the capitalised word at `at` ends a hyphenated word that a lower-case part opens ("post-Maïdan",
    "pro-Trump"): an adjective or noun, no name."""
    m = re.search(r"(?<![\w'’-])([^\W\d_]+)-$", text[max(0, at - 30):at])
    return m is not None and m.group(1)[:1].islower()


def written_lower(text: str, word: str) -> bool:
    """Whether the text also writes `word` (capitalised at a sentence start) in lower case: a common word ("Nulla",
    "Ecco"), not the first word of a name."""
    low = word.lower()
    return low != word and re.search(rf"(?<![\w'’-]){re.escape(low)}(?![\w'’-])", text) is not None


PLACE_GAP = 12  # words between a cue and the name a place phrase puts after it


def after_place(text: str, at: int, persons: list[tuple[int, int, Any]], r: Any) -> tuple[int, int] | None:
    """A person named after a place or audience phrase that follows a cue ('a insisté en Bavière le chef de l’État
    Emmanuel Macron', "a plaidé au Conseil des droits de l'Homme l'ambassadeur pakistanais Khalil Hashmi"): the gap
    from `at` opens with one of the language's place prepositions, holds no punctuation and at most PLACE_GAP words,
    and a singular determiner and a role word stand in it after the place."""
    entry = _table().get(r.lang) if enabled(r.lang) else None
    if not entry or not entry.get("place_prepositions"):
        return None
    places, dets = frozenset(entry["place_prepositions"]), frozenset(entry["place_determiners"])
    for s, e, _ in persons:
        gap = text[at:s]
        words = [w.casefold() for w in re.findall(r"\w+['’]?", gap)]
        if not words or len(words) > PLACE_GAP or words[0] not in places or re.search(r"[,;:.!?()«»“”\"]", gap):
            continue
        if any(w in dets and nxt in r.role_heads for w, nxt in zip(words[2:], words[3:], strict=False)):
            return s, e
    return None


def source_role(text: str, start: int, end: int, of: int, r: Any) -> tuple[int, int] | None:
    """The role phrase a source word opens when the name after it is what the role is of ('Selon la présidente du
    Rassemblement national, «…»': the president, not the party): a determiner and a role word from `start`, the
    name at `of` after a role preposition, the phrase up to `end` (its comma)."""
    if not enabled(r.lang) or not after_of(text, of, r):
        return None
    words = re.findall(r"\w+['’]?", text[start:of])
    if len(words) < 2 or words[0].casefold() not in r.determiners or words[1].casefold() not in r.role_heads:
        return None  # "l’ambassadeur": "l’" and "ambassadeur"
    s = start + len(text[start:of]) - len(text[start:of].lstrip(" \u00a0"))
    e = len(text[:end].rstrip(" \u00a0,"))
    return (s, e) if e > of else None


def is_preposition(word: str, lang: str) -> bool:
    """Whether `word` is one of the language's prepositions here (adverbial, addressee or place ones)."""
    entry = _table().get(lang) if enabled(lang) else None
    return entry is not None and word.casefold() in {
        *entry.get("prepositions", []), *entry.get("addressees", []), *entry.get("place_prepositions", [])}



def past_agent(text: str, cue_start: int, cue_end: int, hi: int, lang: str) -> int:
    """`cue_end` moved past the agent preposition after a past-participle cue with no active auxiliary before it
    ('È quanto dichiarato dal ministro', 'comme rapporté par l’AFP'; data `participle_agents`); else `cue_end`."""
    entry = _table().get(lang, {}).get("participle_agents") if enabled(lang) else None
    cue = text[cue_start:cue_end]
    if not entry or " " in cue.strip():
        return cue_end
    prev = re.findall(r"\w+", text[max(0, cue_start - 12):cue_start])[-1:]
    if prev and prev[0].casefold() in entry["active_auxiliaries"]:
        return cue_end
    m = re.match(r"[ \u00a0]+(\w+['’]?)[ \u00a0]*", text[cue_end:hi])
    return cue_end + m.end() if m is not None and m.group(1).casefold() in entry["prepositions"] else cue_end
