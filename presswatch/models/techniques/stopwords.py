"""Function words per language (spaCy's stop lists), which a technique span may neither be made of nor start
or end on."""

from __future__ import annotations

from functools import lru_cache
from importlib import import_module

# SemEval and ISO codes to the spaCy language package holding the list
_SPACY_CODE = {"en": "en", "fr": "fr", "ge": "de", "de": "de", "it": "it", "po": "pl", "pl": "pl", "ru": "ru"}


@lru_cache(maxsize=16)
def stop_words(lang: str | None) -> frozenset[str]:
    """Lowercased stop words of `lang` (SemEval or ISO code); English where the language is unknown or unlisted."""
    code = _SPACY_CODE.get((lang or "en").lower()[:2], "en")
    words = import_module(f"spacy.lang.{code}.stop_words").STOP_WORDS
    return frozenset(w.lower().replace("’", "'") for w in words)
