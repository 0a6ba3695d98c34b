"""Cheap language guess: script shares for Cyrillic/Greek/Arabic/CJK, stopword counts for Latin-script languages."""

from __future__ import annotations

import re
from collections import Counter

_STOPWORDS = {
    "en": "the of and to in is that for it with as was on be by are this from at have has not which but they his her "
          "said will would were been their who",
    "fr": "le la les des et est une un du que dans pour qui pas sur au avec ce il elle sont par plus ont été aux "
          "cette ses mais son",
    "de": "der die das und ist nicht ein eine zu den von mit sich des auf für im dem auch es an wird werden wurde "
          "sind hat aus bei nach",
    "it": "il di che la è per un una non sono del della con le gli dei delle al nel alla anche come più ha questo "
          "ma si",
    "es": "el la de que y en los las del se por un una con para es al lo como más pero sus su fue ha este",
    "pt": "o a de que e do da em um uma para com não os as dos das no na por mais foi ao se é seu sua pelo",
    "pl": "i w na z że się nie do jest to o jak po ale przez dla od są być tym który która także już tak czy jego",
    "nl": "de het een en van is dat op te in niet met voor zijn er aan ook als maar bij door om wordt werd",
}
STOPWORDS: dict[str, set[str]] = {lang: set(words.split()) for lang, words in _STOPWORDS.items()}
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_UKRAINIAN = re.compile(r"[іїєґІЇЄҐ]")
_BELARUSIAN = re.compile(r"[ўЎ]")
_BULGARIAN_WORDS = re.compile(r"\b(?:на|и|да|се|за|от|че|е|са|по|не|това)\b")
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when too little text to tell."""
    sample = text[:20000]
    letters = _LETTER.findall(sample)
    if len(letters) < 20:
        return None
    n = len(letters)
    cyr = sum(1 for c in letters if _CYRILLIC.match(c))
    if cyr > 0.4 * n:
        cyr_text = "".join(c for c in letters if _CYRILLIC.match(c))
        if len(_UKRAINIAN.findall(cyr_text)) > 0.005 * len(cyr_text):
            return "uk"
        if len(_BELARUSIAN.findall(cyr_text)) > 0.005 * len(cyr_text):
            return "be"
        return "ru"
    for code, lo, hi in (("el", 0x370, 0x3FF), ("ar", 0x600, 0x6FF), ("he", 0x590, 0x5FF), ("zh", 0x4E00, 0x9FFF),
                         ("ja", 0x3040, 0x30FF), ("ko", 0xAC00, 0xD7AF)):
        if sum(1 for c in letters if lo <= ord(c) <= hi) > 0.4 * n:
            return code
    counts = Counter(w.casefold() for w in _WORD.findall(sample))
    scores = {lang: sum(counts[w] for w in words) for lang, words in STOPWORDS.items()}
    best = max(scores, key=lambda k: scores[k])
    total = sum(counts.values())
    if scores[best] < 2 or scores[best] < 0.05 * total:
        return None
    return best
