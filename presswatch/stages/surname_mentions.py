"""Russian surnames the NER leaves out: the last word of a full name the NER found, written again alone in any case
("Владимир Рогов" ... "— сказал РИА Новости Рогов", "по словам Рогова"), becomes a PERSON span there."""

from __future__ import annotations

import re

# case endings of Russian surnames (Рогов, Рогова, Рогову, Роговым, Роговой; Шойгу is not inflected)
_ENDINGS = ("", "а", "у", "ом", "ым", "е", "ой", "ою", "ую", "ы", "ых", "ым", "ыми", "им", "ими", "ого", "ому",
            "ая", "я", "ю", "ем", "ей", "и", "ой")
_STRIP = "аяйь"  # a nominative ending the other cases replace ("Захарова" -> "Захаров-ой", "Лавров" stays)
MIN_LETTERS = 4


def _stems(surname: str) -> set[str]:
    low = surname.casefold()
    stems = {low}
    if low[-1:] in _STRIP and len(low) > MIN_LETTERS:
        stems.add(low[:-1])
    return stems


def russian(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """PERSON spans for the lone surnames, in any case form, of the full PERSON names among `spans` that no span
    covers; a word two full names could own is left out."""
    owners: dict[str, set[str]] = {}
    for s, e, label in spans:
        words = text[s:e].split()
        if label == "PERSON" and len(words) >= 2 and len(words[-1]) >= MIN_LETTERS and words[-1][:1].isupper():
            for stem in _stems(words[-1]):
                owners.setdefault(stem, set()).add(words[-1].casefold())
    if not owners:
        return []
    covered = sorted((s, e) for s, e, _ in spans)
    out = []
    for m in re.finditer(r"(?<![\w-])[А-ЯЁ][а-яё]+(?![\w-])", text):
        low = m.group(0).casefold()
        stems = {low[:len(low) - len(end)] for end in _ENDINGS if low.endswith(end) and len(low) - len(end) >= 3}
        hits = set().union(*(owners.get(stem, set()) for stem in stems))
        if len(hits) != 1:
            continue
        if not any(s < m.end() and m.start() < e for s, e in covered):
            out.append((m.start(), m.end(), "PERSON"))
    return out
