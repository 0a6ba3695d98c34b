"""Who holds an office that a Russian, German, Polish, French or Italian text names only by its role
(data/office_holders.json).

"— заявил пресс-секретарь Кремля", "sagte der Kremlsprecher", "– powiedział rzecznik Kremla": the speaker is the
office's holder on the article's date. A role phrase matches an entry's phrase word for word, each word in any case
form (the same first letters, a short ending aside: "пресс-секретаря Кремля", "rzecznika Kremla"); articles and
determiners before it are dropped, and a role with a word for "former" before it means no current holder. Without
an article date, only a phrase that one entry alone lists is taken.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from presswatch.stages.lexicon import DATA as STAGE_DATA

DATA = STAGE_DATA
FORMER = frozenset(["бывший", "бывшая", "экс", "ehemalige", "ehemaliger", "frühere", "früherer", "ex", "były", "była",
                    "byli", "byłego", "byłej", "ówczesny", "ówczesna", "тогдашний", "damalige", "damaliger",
                    "ancien", "ancienne", "futur", "future", "allora", "futuro", "futura"])
SKIP = frozenset(["der", "die", "das", "des", "dem", "den", "ein", "eine", "также", "же", "też", "także",
                  "le", "la", "les", "l", "il", "lo", "l’", "l'", "un", "une", "uno", "una"])
_WORD = re.compile(r"\w[\w-]*")


@cache
def _table(lang: str) -> list[dict[str, Any]]:
    data: dict[str, Any] = json.loads((DATA / "office_holders.json").read_text(encoding="utf-8"))
    return list(data.get(lang, []))


def _same_word(text_word: str, phrase_word: str) -> bool:
    """One word in another case form: acronyms and short words as written, longer ones by their first letters."""
    if len(phrase_word) <= 4 or phrase_word.isupper():
        return text_word == phrase_word
    stem = max(4, len(phrase_word) - 2)
    return text_word[:stem] == phrase_word[:stem] and abs(len(text_word) - len(phrase_word)) <= 4


def _matches(words: list[str], phrase: str) -> bool:
    want = phrase.split()
    return len(words) == len(want) and all(_same_word(w, p) for w, p in zip(words, want, strict=True))


def holder(role: str, lang: str | None, date: str | None) -> str | None:
    """The name of whoever held the office `role` names on `date` (YYYY-MM-DD, None or "" when unknown)."""
    if lang is None:
        return None
    words = [w.casefold() for w in _WORD.findall(role)]
    while words and words[0] in SKIP:
        words = words[1:]
    if not words or any(w in FORMER or w.startswith("экс-") for w in words):
        return None
    hits = [e for e in _table(lang) if any(_matches(words, p) for p in e["roles"])]
    if date:
        hits = [e for e in hits if e.get("from", "") <= date[:10] and (not e.get("until") or date[:10] < e["until"])]
        return str(hits[0]["name"]) if len(hits) == 1 else None
    return str(hits[0]["name"]) if len(hits) == 1 else None


@cache
def surnames(lang: str) -> frozenset[str]:
    """The last words of the office holders' names of `lang` ("Putin"): surnames a text may inflect ("Wladimir
    Putins") without ever writing the nominative."""
    return frozenset(str(e["name"]).split()[-1] for e in _table(lang))
