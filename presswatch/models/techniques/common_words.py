"""Common words per language: words that a large share of the language's SemEval training articles hold. A span of
one such word alone needs evidence from the span lexicon (the share of the technique's training paragraphs holding
the word that hold it inside a gold span); the tagger otherwise scores a lone «Ранее» or «façon» from its
neighbours. Rules as data in `common_words.json` (written by `python bench/lone_word_study.py --write-common`);
chosen on the newest slice of the training split (`python bench/lone_word_study.py --split newest`)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from presswatch.taxonomy import semeval_language

RULES = Path(__file__).resolve().parent / "common_words.json"


@dataclass(frozen=True)
class CommonWords:
    """Per SemEval language the common words; a one-word span of one needs the span lexicon's `min_lex`."""

    min_share: float  # the share of a language's training articles a word is in, to be common
    min_lex: float
    words: dict[str, frozenset[str]]

    @classmethod
    def from_json(cls, d: dict) -> CommonWords:
        return cls(float(d["min_share"]), float(d["min_lex"]), {k: frozenset(v) for k, v in d["words"].items()})

    @classmethod
    def from_texts(cls, texts: Iterable[tuple[str, Sequence[str]]], min_share: float, min_lex: float) -> CommonWords:
        """From (SemEval language, the article's lowercased words) of training articles."""
        seen: dict[str, dict[str, int]] = {}
        n: dict[str, int] = {}
        for lang, words in texts:
            c = seen.setdefault(lang, {})
            for w in set(words):
                c[w] = c.get(w, 0) + 1
            n[lang] = n.get(lang, 0) + 1
        return cls(min_share, min_lex, {lang: frozenset(w for w, k in c.items() if k >= min_share * n[lang])
                                        for lang, c in seen.items()})

    def to_json(self) -> dict:
        return {"min_share": self.min_share, "min_lex": self.min_lex,
                "words": {k: sorted(v) for k, v in sorted(self.words.items())}}

    def unsupported(self, word: str, lex: float, lang: str | None) -> bool:
        """Whether a span of the lowercased `word` alone lacks evidence: common in `lang`, under `min_lex`."""
        return lex < self.min_lex and word in self.words.get(semeval_language(lang) or "en", ())


@lru_cache(maxsize=1)
def common_words() -> CommonWords:
    """The shipped lists, read once from `common_words.json`."""
    return CommonWords.from_json(json.loads(RULES.read_text(encoding="utf-8")))
