"""Where a news text names its speakers, for languages without a trained NER (the names `speech_rules` uses).

Besides the names next to a cue verb (`speaker_names.speaker_names`), news conventions put a speaker's name in a
few fixed places: after a postposed "so" that follows a closing quotation mark („…“, so Nebelsiek), after a source
phrase (laut X, secondo X, według X, selon X), before a colon that opens a quote (Guterres: «…»), and, as a full
name on first mention that the text later gives by surname alone (Bill McKibben … McKibben). Each is found here
as a run of capitalised words.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from functools import cache

from presswatch.stages.lexicon import DATA as STAGE_DATA

NAME_WORD = r"[A-ZÀ-ÖØ-ÞА-ЯЁĄĆĘŁŃÓŚŹŻ][\w'’-]*"
NAME_RUN = re.compile(rf"{NAME_WORD}(?:[ \u00a0]+{NAME_WORD}){{0,5}}")
CLOSE = "»«“”\"’"
# "„…“, so Nebelsiek vom Institut", "»…«, so der Minister": the name right after a postposed "so"
_SO = re.compile(rf"[{CLOSE}]\s*[,–—-]\s*so\s+")
_COLON = re.compile(rf"({NAME_WORD}(?:[ \u00a0]+{NAME_WORD}){{0,3}})\s*:\s*[«»„“\"]")
# German words that open a noun phrase: a capitalised run after one is a common noun phrase, not a name
_DE_ARTICLES = frozenset([
    "der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "einen",
    "im", "am", "vom", "zum", "zur", "beim", "ins"])
# endings of German common nouns that no name has: a capitalised word with one is no name on its own
DE_NOUN_ENDINGS = ("ung", "heit", "keit", "schaft", "tion", "ität", "ismus", "tum", "nis", "ment", "ern", "bericht")
_DE_QUANTIFIERS = frozenset(["mehr", "viel", "viele", "wenig", "wenige", "kein", "keine", "keinen", "etwas", "ohne"])
MAX_FULL_NAME = 3
DATA = STAGE_DATA


@cache
def genders() -> dict[str, str]:
    """Lower-case first name -> "m"/"f" (data/genders.json)."""
    d = json.loads((DATA / "genders.json").read_text(encoding="utf-8"))
    return {**{w: "m" for w in d["m"]}, **{w: "f" for w in d["f"]}}


@cache
def masculine_a() -> frozenset[str]:
    """Lower-case men's first names ending in -a ("Ilja", "Nikita"; data/first_names.json)."""
    table = json.loads((DATA / "first_names.json").read_text(encoding="utf-8"))
    return frozenset(w.casefold() for w in table.get("masculine_a", []))


@cache
def german_genders() -> dict[str, str]:
    """Lower-case German first name -> "m"/"f" (data/first_names.json, de_genders)."""
    d = json.loads((DATA / "first_names.json").read_text(encoding="utf-8")).get("de_genders", {})
    return {**{w.casefold(): "m" for w in d.get("m", [])}, **{w.casefold(): "f" for w in d.get("f", [])}}


@cache
def first_names(lang: str) -> frozenset[str]:
    """Lower-case first names of `lang` (data/first_names.json) and of the English rules' gender list."""
    table = json.loads((DATA / "first_names.json").read_text(encoding="utf-8"))
    genders = json.loads((DATA / "genders.json").read_text(encoding="utf-8"))
    return frozenset(w.casefold() for w in table.get(lang, []) + genders["m"] + genders["f"])


def placed_names(text: str, according: re.Pattern[str] | None,
                 after_quote: Iterable[str]) -> list[tuple[str, str]]:
    """(run, place) for capitalised runs where a speaker's name goes: after a postposed "so" (place "so"), after a
    source phrase ("according"), before a colon opening a quote ("colon"); as written: the caller drops titles and
    decides whether one word is a name."""
    out = []
    if "so" in after_quote:
        for m in _SO.finditer(text):
            run = NAME_RUN.match(text, m.end())
            if run is not None:
                out.append((run.group(0), "so"))
    if according is not None:
        for m in according.finditer(text):
            i = m.end()
            while i < len(text) and text[i] in " \u00a0":
                i += 1
            run = NAME_RUN.match(text, i)
            if run is not None:
                out.append((run.group(0), "according"))
    for m in _COLON.finditer(text):
        out.append((m.group(1), "colon"))
    return out


def surname_names(text: str, lang: str, mid_caps: set[str], common: Callable[[str], bool],
                  articles: frozenset[str] = _DE_ARTICLES) -> list[str]:
    """Full names given once and then by surname: runs of 2-3 capitalised words inside a sentence whose last word
    the text also writes alone, capitalised and inside a sentence ("Bill McKibben" … "come dice McKibben").
    `common(word)` says a word is a title or other common word that is no part of a name. In German, which
    capitalises nouns, a run after an article is a noun phrase ("der Deutschen Krankenhausgesellschaft")."""
    runs: list[tuple[int, list[str]]] = []
    for m in NAME_RUN.finditer(text):
        words = m.group(0).split()
        start = m.start()
        while words and common(words[0]):
            start += len(words[0])
            words = words[1:]
        if not 2 <= len(words) <= MAX_FULL_NAME or any(common(w) or w.isupper() for w in words):
            continue
        before = text[max(0, start - 30):start].rstrip(" \u00a0")
        if not before or before[-1] in ".!?\n:«»„“\"" or before[-1] in "-–—":
            continue  # a sentence's first word is capitalised anyway
        if lang == "de" and _de_noun_context(before.split()[-1]):
            continue  # "der Deutschen Krankenhausgesellschaft", "in Sachen Meinungsfreiheit", "1.900 Kilometer …"
        runs.append((start, words))
    runs = [(st, w if len(w) < 3 or len(re.findall(re.escape(" ".join(w)), text)) > 1 else w[1:])
            for st, w in runs]  # "Platformy Donald Tusk" once: the name is its last two words
    lone = _lone_words(text, {w[-1] for _, w in runs}, articles if lang == "de" else frozenset(), common,
                       pl_stem if lang == "pl" else None)
    return [" ".join(w) for _, w in runs if w[-1] in lone and w[-1] in mid_caps]


_DE_PREPOSITIONS = frozenset(["in", "auf", "unter", "über", "nach", "bei", "aus", "seit", "für", "gegen", "durch",
                              "zu"])


# capitalised German words that are no name and open none: amounts, times, possessives ("Millionen Menschen",
# "Ende Mai", "Seine Politik")
DE_NOT_NAMES = frozenset([
    "millionen", "milliarden", "tausende", "hunderte", "dutzende", "prozent", "ende", "anfang", "mitte", "seine",
    "ihre", "unsere", "hauptsache", "januar", "februar", "märz", "april", "mai", "juni", "juli", "august",
    "september", "oktober", "november", "dezember", "montag", "dienstag", "mittwoch", "donnerstag", "freitag",
    "samstag", "sonntag"])
DE_LEADING = _DE_ARTICLES | _DE_PREPOSITIONS | _DE_QUANTIFIERS | DE_NOT_NAMES  # "In Niederösterreich" opens no name


def _de_noun_context(prev: str) -> bool:
    """Whether a capitalised German word after `prev` is a noun: after an article, a quantifier, an inflected
    adjective, a number or one of a few prepositions."""
    w = prev.casefold()
    return (w in _DE_ARTICLES or w in _DE_QUANTIFIERS or w in _DE_PREPOSITIONS or prev[:1].isdigit()
            or prev.islower() and re.search(r"(?:en|er|es|em)$", prev) is not None)


def _lone_words(text: str, wanted: set[str], articles: frozenset[str], common: Callable[[str], bool],
                stem: Callable[[str], str] | None = None) -> set[str]:
    """The words of `wanted` that the text also writes alone: not after or before another capitalised word (other
    than a `common` one: "Według Tuska"), nor after one of `articles` ("der Wald" is a noun). With `stem`, in any
    case form ("Donalda Tuska" … "Tusk" … "Tuskiem")."""
    if not wanted:
        return set()
    found = set()
    by_stem = {stem(w): w for w in wanted} if stem else {w: w for w in wanted}
    tail = r"\w{0,4}" if stem else ""
    alts = "|".join(re.escape(w) for w in sorted(by_stem, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{alts}){tail}(?!\w)")
    for m in pattern.finditer(text):
        key = stem(m.group(0)) if stem else m.group(0)
        if key not in by_stem:
            continue
        before = text[max(0, m.start() - 40):m.start()]
        after = text[m.end():m.end() + 40]
        prev = re.search(rf"({NAME_WORD})[ \u00a0]+$", before)
        nxt = re.match(rf"[ \u00a0]+{NAME_WORD}", after)
        word = re.search(r"(\w+)\W*$", before)
        w = word.group(1) if word else ""
        noun = w.casefold() in articles or bool(articles) and w.islower() and (
            w in _DE_QUANTIFIERS or re.search(r"(?:en|er|es|em)$", w) is not None)  # "großen Wald", "mehr Wald"
        if (prev is None or common(prev.group(1))) and nxt is None and not noun:
            found.add(by_stem[key])
    return found


def pl_stem(word: str) -> str:
    """A Polish surname as its nominative, for comparing case forms ("Tuska", "Tuskiem" -> "Tusk";
    "Kaczyńskiego" -> "Kaczyński"; "Kowalska" stays)."""
    for ending, base, sure in _PL_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3 and (
                sure or ending in {"u", "ie", "y"} or ending == "a" and not _pl_woman(word)):
            return word[: len(word) - len(ending)] + base
    return word


def inflected(text: str, surnames: set[str]) -> set[str]:
    """The words of `text` that are a Polish case form of one of `surnames` ("Tusk" -> "Tuska", "Tuskowi")."""
    stems = {pl_stem(w) for w in surnames if len(w) >= 3}
    if not stems:
        return set()
    alts = "|".join(re.escape(w) for w in sorted(stems, key=len, reverse=True))
    return {m.group(0) for m in re.finditer(rf"(?<!\w)(?:{alts})\w{{0,4}}(?!\w)", text) if pl_stem(m.group(0)) in stems}


_ROLE = re.compile(r"[ \u00a0]*(\w+)((?:[ \u00a0]+[\w'’-]+){0,6}?)[ \u00a0]+(?=[A-ZÀ-ÖØ-ÞА-ЯЁĄĆĘŁŃÓŚŹŻ])")


_AND_ROLE = re.compile(r"[ \u00a0]+und(?:[ \u00a0]+[a-zäöüß][\w-]*)?[ \u00a0]+(?=[A-ZÄÖÜ])")


def after_role(text: str, at: int, determiners: frozenset[str]) -> re.Match[str] | None:
    """The capitalised run that ends a role phrase opened by a determiner right after a cue ("erklärte der
    spanische EVP-Abgeordnete Iker Espinoza"), if the run is two words or more and no article stands before it
    (in German "der Chef der Deutschen Bank" names a bank)."""
    role = _ROLE.match(text, at)
    if role is None or role.group(1).casefold() not in determiners or re.search(r"[,.;:!?()«»„“\"]", role.group(0)):
        return None
    run = NAME_RUN.match(text, role.end())
    prev = (role.group(2).split() or [role.group(1)])[-1].casefold()
    while run is not None and len(run.group(0).split()) < 2 and (joined := _AND_ROLE.match(text, run.end())):
        run, prev = NAME_RUN.match(text, joined.end()), "und"  # "der russische Journalist und Friedensnobelpreisträger
    if run is None or len(run.group(0).split()) < 2:          # Dmitrij Muratow": a second role noun, then the name
        return None
    return None if prev in _DE_ARTICLES or prev in determiners else run


def after_article(text: str, at: int) -> bool:
    """Whether the word before offset `at` is a German article ("der Politik": a noun, not a name)."""
    word = re.search(r"(\w+)[ \u00a0]*$", text[max(0, at - 20):at])
    return word is not None and word.group(1).casefold() in _DE_ARTICLES


def noun_before(text: str, at: int) -> bool:
    """Whether the word before offset `at` makes a capitalised German word after it a noun: an article, quantifier,
    preposition, number, inflected adjective or amount ("für Flüchtlinge", "der letzten Jahre", "Millionen
    Menschen")."""
    word = re.search(r"(\w+)[ \u00a0]*$", text[max(0, at - 30):at])
    return word is not None and (_de_noun_context(word.group(1)) or word.group(1).casefold() in DE_NOT_NAMES)


# Polish case endings of names -> the nominative's ending, longest first ("Morawieckiego" -> "Morawiecki",
# "Putinem" -> "Putin", "Kowalskiej" -> "Kowalska"); the ones marked sure are no nominative ending themselves
_PL_ENDINGS: tuple[tuple[str, str, bool], ...] = (
    ("skiego", "ski", True), ("ckiego", "cki", True), ("dzkiego", "dzki", True), ("skiemu", "ski", True),
    ("ckiemu", "cki", True), ("skim", "ski", True), ("ckim", "cki", True), ("skiej", "ska", True),
    ("ckiej", "cka", True), ("ską", "ska", True), ("cką", "cka", True), ("iego", "i", True), ("ego", "y", True),
    ("emu", "y", True), ("kiem", "k", True), ("giem", "g", True), ("owi", "", True), ("em", "", True),
    ("ii", "ia", False), ("ie", "", False), ("ą", "a", True), ("ym", "y", False), ("im", "i", False),
    ("ej", "a", False), ("a", "", False), ("y", "a", False), ("i", "a", False), ("u", "", False),
)


_PL_VOWELS = frozenset("aeiouyąęó")
_PL_FEMALE = ("ska", "cka", "dzka", "owa", "ewa", "ina", "yna")


def _pl_woman(surname: str) -> bool:
    """A woman's surname by its ending: "Kowal-ska", "Iwan-owa"; "Tu-ska" and "Put-ina" are Tusk's and Putin's."""
    return any(surname.endswith(f) and len(surname) - len(f) >= (3 if f.endswith("ka") else 4) for f in _PL_FEMALE)


def _pl_surname(word: str, text_words: set[str]) -> str:
    """A man's surname after his inflected first name, in the nominative: a form the text also writes wins
    ("Kraski" -> "Kraska" when the text has "Kraska"), else -ki/-gi of an -a surname ("Bogi" -> "Boga"; any -ski,
    -cki stays: "Kowalski"), else the Polish endings."""
    for ending, base, _sure in _PL_ENDINGS:
        stem = word[: len(word) - len(ending)]
        if word.endswith(ending) and len(stem) >= 2:
            for cand in (stem + base, _pl_soft(stem + base)):
                if cand in text_words:  # "Biedroniowi" -> "Biedroń" when the text writes "Biedroń"
                    return cand
    if word.endswith(("ki", "gi")) and not word.endswith(("ski", "cki", "dzki")) and len(word) >= 5:
        return word[:-1] + "a"
    return pl_stem(word)


_PL_SOFT = (("dzi", "dź"), ("ni", "ń"), ("si", "ś"), ("ci", "ć"), ("zi", "ź"))


def _pl_soft(stem: str) -> str:
    """A Polish stem with its softening "i" as the soft consonant a nominative ends in ("Biedroni" -> "Biedroń")."""
    for spelled, soft in _PL_SOFT:
        if stem.endswith(spelled):
            return stem[: len(stem) - len(spelled)] + soft
    return stem


def nominative(name: str, lang: str, text_words: set[str]) -> str:
    """A name as its nominative, for languages that inflect names: Polish case endings (a form the text also
    writes wins, "Donalda Tuska" -> "Donald Tusk"; else only an ending no nominative has, "Denisem Puszlinem" ->
    "Denis Puszlin"), German genitive -s where the text writes the name without it ("Putins" -> "Putin")."""
    words = name.split()
    if lang == "de":
        return " ".join(w[:-1] if w.endswith("s") and w[:-1] in text_words else w for w in words)
    if lang != "pl":
        return name
    known = first_names("pl")
    if len(words) == 2 and words[0].casefold() in known and words[0][-1:].casefold() not in _PL_VOWELS:
        return name  # "Szymon Hołownia", "Robert Biedroń": a man's first name in the nominative, so every word
    if len(words) >= 2 and words[0].casefold() not in known and pl_stem(words[0]).casefold() in known:
        return " ".join([pl_stem(words[0])] + [_pl_surname(w, text_words) for w in words[1:]])  # "Andrzeja Dudy"
    genitive = (len(words) >= 2 and all(w.endswith("a") for w in words) and not _pl_woman(words[-1])
                and words[0][:-1].casefold() in first_names("pl")  # "Gazeta Prawna" is no "Donalda Tuska"
                and genders().get(words[0][:-1].casefold()) != "f")  # "Anna Moskwa": no genitive of a woman "Ann"
    out = []
    for w in words:
        if genitive or w.endswith("a") and w[:-1] in text_words and w[-2:-1] not in _PL_VOWELS:  # not "Hołowni"
            out.append(w[:-1])  # "Donalda Tuska": a man's name in the genitive (a woman's surname ends -ska, -owa)
            continue
        seen = sure = None
        for ending, base, is_sure in _PL_ENDINGS:
            if not w.endswith(ending) or len(w) - len(ending) < 2:
                continue
            cand = w[: len(w) - len(ending)] + base
            if ending == "a" and not base and cand[-1:] in _PL_VOWELS and _pl_soft(cand) not in text_words:
                continue  # "Hołownia" is no genitive of "Hołowni" (but "Biedronia" is of "Biedroń")
            if seen is None and (cand in text_words or _pl_soft(cand) in text_words):
                seen = cand if cand in text_words else _pl_soft(cand)  # "Biedronia" -> "Biedroń"
            if sure is None and is_sure:
                sure = cand
        out.append(seen or sure or w)
    if any(w.endswith("ego") and o != w for w, o in zip(words, out, strict=True)):  # "Mateusza Morawieckiego"
        out = [o[:-1] if o == w and w.endswith("a") else o for w, o in zip(words, out, strict=True)]
    return " ".join(out)
