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
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")


_SCRIPTS = [(code, re.compile(f"[{lo}-{hi}]")) for code, lo, hi in (
    ("el", "\u0370", "\u03ff"), ("ar", "\u0600", "\u06ff"), ("he", "\u0590", "\u05ff"), ("zh", "\u4e00", "\u9fff"),
    ("ja", "\u3040", "\u30ff"), ("ko", "\uac00", "\ud7af"))]


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when too little text to tell."""
    sample = text[:8000]
    n = len(_LETTER.findall(sample))
    if n < 20:
        return None
    cyr_text = "".join(_CYRILLIC.findall(sample))
    if len(cyr_text) > 0.4 * n:
        if len(_UKRAINIAN.findall(cyr_text)) > 0.005 * len(cyr_text):
            return "uk"
        if len(_BELARUSIAN.findall(cyr_text)) > 0.005 * len(cyr_text):
            return "be"
        return "ru"
    for code, script in _SCRIPTS:
        if len(script.findall(sample)) > 0.4 * n:
            return code
    counts = Counter(w.casefold() for w in _WORD.findall(sample))
    scores = {lang: sum(counts[w] for w in words) for lang, words in STOPWORDS.items()}
    best = max(scores, key=lambda k: scores[k])
    total = sum(counts.values())
    if scores[best] < 2 or scores[best] < 0.05 * total:
        return None
    return best
