"""Role phrases as speakers in Russian, German and Polish: which words open one, where it ends, and whether two
role words name the same role ("экс-госсекретарь" and "госсекретарь", "der Kanzler" and "Bundeskanzler")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from presswatch.stages import analysers

if TYPE_CHECKING:
    from presswatch.stages.speech_rules import Rules

LANGS = frozenset({"ru", "de", "pl"})
# "former" written as a prefix of the role word: the role is the rest ("экс-госсекретарь США")
PREFIXES = ("экс-", "ex-", "eks-")
STEM = 5  # letters two inflected forms of a role word share ("пресс-секретаря", "пресс-секретарь")
MAX_WORDS = 6


def bare(word: str) -> str:
    """A role word without a "former" prefix and, for a hyphenated one, without its leading part ("UNO-Kommissar"
    -> "kommissar"), case folded."""
    w = word.casefold()
    for prefix in PREFIXES:
        if w.startswith(prefix) and len(w) > len(prefix) + 2:
            w = w[len(prefix):]
    if "-" in w and w.split("-")[0].upper() == word.split("-")[0] and len(w.split("-")[-1]) >= STEM:
        w = w.split("-")[-1]  # "UN-Vertreter": an acronym before the role word
    return w


def is_title(word: str, r: Rules) -> bool:
    """Whether a word is one of the language's title words, a "former" prefix aside ("экс-госсекретарь")."""
    w = word.casefold()
    return w in r.titles or bare(word) in r.titles


def person_noun(word: str, r: Rules) -> bool:
    """Whether a lower-case word opens a phrase naming a person by role: a title word, or in Russian a noun or
    adjective in the nominative whose phrase's first noun is animate ("исполнительный директор", not "ведомство")."""
    if not word[:1].islower() or word.casefold() in r.pronouns:
        return False
    if is_title(word, r):
        return True
    return r.lang == "ru" and _russian_person(word)


def _russian_person(word: str) -> bool:
    morph = analysers.natasha()[2]
    parses = morph.parse(word)
    if any(p.tag.POS == "NOUN" and "nomn" in p.tag and "anim" in p.tag for p in parses):
        return True
    return any(p.tag.POS == "ADJF" and "nomn" in p.tag and "sing" in p.tag for p in parses[:1])


def phrase_end(text: str, start: int, limit: int, r: Rules) -> int | None:
    """Where a role phrase that opens at `start` ends: before a comma or stop, a preposition or `limit`; None when
    it runs over MAX_WORDS words or, in Russian, its first noun names no person ("заявило ведомство")."""
    end = start
    noun_seen = False
    for i, m in enumerate(re.finditer(r"[\w'’.-]+|[^\w\s]", text[start:limit])):
        token = m.group(0).rstrip(".")
        if not token or not token[0].isalnum() or (i and token.casefold() in r.prepositions):
            break
        if i >= MAX_WORDS:
            return None
        if r.lang == "ru" and token[:1].islower() and not noun_seen:
            nouns = [p for p in analysers.natasha()[2].parse(token) if p.tag.POS == "NOUN"]
            if nouns:
                noun_seen = True
                if not any("anim" in p.tag for p in nouns) and not is_title(token, r):
                    return None
        end = start + m.start() + len(token)
    return end if end > start else None


def source_role(text: str, at: int, comma: int, sent_end: int, r: Rules) -> tuple[int, int] | None:
    """The role a source word names when no name follows it ("Według ministra brakuje …", "Zdaniem rzecznika
    rządu, …"): the lower-case words up to a comma (at most 4, the first a title), else the title word alone."""
    first = re.match(r"[ \u00a0]*([a-ząćęłńóśźż][\w-]*)", text[at:sent_end])
    if first is None or not is_title(first.group(1), r):
        return None
    start = at + first.start(1)
    words = re.findall(r"\S+", text[start:comma]) if comma > 0 else []
    if words and len(words) <= 4 and all(w[:1].islower() for w in words):
        return start, comma
    return start, at + first.end(1)


def same_role(head: str, word: str, lang: str) -> bool:
    """Whether a word beside a person's name gives the role `head` names: the same first letters after a "former"
    prefix, or in German the end of a compound ("Kanzler" in "Bundeskanzler", "Kommissar" in
    "Flüchtlingskommissar")."""
    a, b = bare(head), bare(word)
    if len(a) < STEM or len(b) < STEM:
        return False
    if a[:STEM] == b[:STEM]:
        return True
    return lang == "de" and len(a) >= 6 and b.endswith(a)
