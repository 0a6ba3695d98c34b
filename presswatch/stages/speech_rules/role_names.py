"""Person names after a role phrase, for rule languages that write roles before names (data/speech_rules.json
`role_names`: Italian, French).

'il ministro della Difesa Nobuo Kishi', 'il segretario di Stato americano Antony Blinken', 'il portavoce di Putin,
Dmitri Peskov', 'le ministre russe de la Défense Sergueï Choïgou': a role word, then what qualifies it (lower-case
adjectives, a preposition and the institution it names), then two or three capitalised words: the name. After a
preposition the capitalised words name the institution ('della Camera', 'degli Stati Uniti'); when they run on
into the name ('della Difesa Nobuo Kishi') the name is the run's last two words, or all but the first of three.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

WORD = re.compile(r"[^\W\d_][\w'’-]*|[,.;:!?«»“”„\"()\n]")
CAP = re.compile(r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’-]+(?:-[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’-]+)?$")
MAX_QUALIFIER_WORDS = 7  # 'il segretario di Stato americano' … before the name
MAX_NAME_WORDS = 3


def _is_cap(word: str) -> bool:
    return bool(CAP.match(word))


def _elided(word: str, prepositions: frozenset[str]) -> str | None:
    """The institution word of an elided preposition ("dell'Oms" -> "Oms"), else None."""
    m = re.match(r"(\w+['’])(.+)$", word)
    if m and m.group(1).casefold().rstrip("'’") in prepositions:
        return m.group(2)
    return None


def names_after_roles(text: str, heads: frozenset[str], prepositions: frozenset[str],
                      stop: frozenset[str]) -> Iterator[tuple[str, int, int]]:
    """(role head word, start, end) of each name that follows a role head word (lower case) and its qualifiers;
    `stop` words (articles, pronouns, stopwords) never open a name."""
    toks = [(m.group(0), m.start(), m.end()) for m in WORD.finditer(text)]
    n = len(toks)
    for i, (word, _, _) in enumerate(toks):
        if word not in heads:
            continue
        j = i + 1
        comma = False
        while j < n and j - i <= MAX_QUALIFIER_WORDS:
            w = toks[j][0]
            low = w.casefold()
            if low in prepositions or _elided(w, prepositions) is not None:
                k = j + 1 if low in prepositions else j
                if low in prepositions:
                    while k < n and toks[k][0].casefold() in prepositions:  # "di la" -> "de la"
                        k += 1
                run = k + (0 if low in prepositions else 1)
                while run < n and _is_cap(toks[run][0]) and toks[run][0].casefold() not in stop:
                    run += 1
                caps = run - k - (0 if low in prepositions else 1)
                if low in prepositions and caps >= 3:  # 'della Difesa Nobuo Kishi', 'degli Stati Uniti Joe Biden'
                    name_from = run - (2 if caps >= 4 else caps - 1)
                    yield word, toks[name_from][1], toks[run - 1][2]
                    break
                j = max(run, j + 1)
                continue
            if w == "," and not comma:
                comma = True
                j += 1
                continue
            if _is_cap(w) and low not in stop:
                run = j
                while run < n and run - j < MAX_NAME_WORDS and _is_cap(toks[run][0]) and (
                        toks[run][0].casefold() not in stop or run > j and run + 1 < n and _is_cap(toks[run + 1][0])):
                    run += 1  # "Marine Le Pen": a particle inside a name
                if run - j >= 2 and not (run < n and _is_cap(toks[run][0])):
                    yield word, toks[j][1], toks[run - 1][2]
                break
            if comma or not w[:1].isalpha() or not w[:1].islower() or low in stop:
                break  # after an apposition comma only a name; punctuation or an article ends the role phrase
            j += 1
