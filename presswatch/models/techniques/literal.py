"""Literal senses: words that, used in their literal or descriptive sense, carry no loaded-language or name-calling
span: numbers and quantities, neutral reporting words, and (where a parser runs) a verb with a direct object
("striking civilian targets"; "a striking example" is an adjective). Rules as data in `literal_senses.json`; a span
neither starts nor ends on such a word, nor consists of them, as with function words. Chosen on the newest slice
and leave-one-language-out of the training split: `python bench/literal_study.py`."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import import_module
from pathlib import Path
from typing import Any

import numpy as np

from presswatch.taxonomy import semeval_language

RULES = Path(__file__).resolve().parent / "literal_senses.json"
CLASSES = ("numbers", "reporting", "domain", "verb_object")
_DIGIT = re.compile(r"\d")
# spaCy languages whose lexical attributes say whether a word is like a number ("two", "deux", "тысячи")
_LIKE_NUM = {"en": "en", "fr": "fr", "po": "pl", "ru": "ru"}


@lru_cache(maxsize=8)
def _like_num(lang: str) -> Any:
    code = _LIKE_NUM.get(lang)
    return import_module(f"spacy.lang.{code}.lex_attrs").like_num if code else None


@dataclass(frozen=True)
class LiteralSenses:
    """The word classes of `literal_senses.json`, per SemEval language code; `classes` says which are on."""

    techniques: frozenset[str]
    classes: frozenset[str]
    numbers: dict[str, frozenset[str]]
    reporting: dict[str, frozenset[str]]
    domain: dict[str, tuple[str, ...]]
    # language -> (verb tags, object dependencies, verb forms that stay loaded with an object: "blasted")
    verb_object: dict[str, tuple[frozenset[str], frozenset[str], frozenset[str]]]

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> LiteralSenses:
        unknown = set(d["classes"]) - set(CLASSES)
        if unknown:
            raise ValueError(f"unknown literal-sense classes {sorted(unknown)}; known: {', '.join(CLASSES)}")
        return cls(frozenset(d["techniques"]), frozenset(d["classes"]),
                   {k: frozenset(v) for k, v in d["numbers"].items()},
                   {k: frozenset(v) for k, v in d["reporting"].items()},
                   {k: tuple(v) for k, v in d["domain"].items()},
                   {k: (frozenset(v["tags"]), frozenset(v["deps"]), frozenset(v.get("loaded", ())))
                    for k, v in d["verb_object"].items()})

    def with_classes(self, classes: Iterable[str], loaded: dict[str, Iterable[str]] | None = None) -> LiteralSenses:
        """The same lists with only `classes` on (the study's grid); `loaded`: other loaded verbs per language."""
        verb_object = self.verb_object if loaded is None else {
            k: (tags, deps, frozenset(loaded.get(k, ()))) for k, (tags, deps, _) in self.verb_object.items()}
        return LiteralSenses(self.techniques, frozenset(classes), self.numbers, self.reporting, self.domain,
                             verb_object)

    def parses(self, lang: str | None) -> bool:
        """Whether the verb-with-object class needs a parse of `lang`."""
        return "verb_object" in self.classes and semeval_language(lang) in self.verb_object

    def word(self, w: str, lang: str) -> bool:
        """Whether the lowercased word `w` is literal by the lexical classes alone, in SemEval language `lang`."""
        if "numbers" in self.classes:
            like = _like_num(lang)
            if _DIGIT.search(w) or w in self.numbers.get(lang, ()) or (like is not None and like(w)):
                return True
        if "reporting" in self.classes and w in self.reporting.get(lang, ()):
            return True
        return "domain" in self.classes and w.startswith(self.domain.get(lang, ()) or ("\0",))

    def mask(self, toks: Sequence[tuple[int, int, str]], lang: str | None, technique: str) -> np.ndarray | None:
        """Which words (`tokens`) are literal for `technique` by the lexical classes, or None where none is."""
        if technique not in self.techniques or not self.classes:
            return None
        code = semeval_language(lang)
        out = np.array([self.word(w, code) for *_, w in toks], dtype=bool)
        return out if out.any() else None

    def object_verbs(self, toks: Sequence[tuple[int, int, str]], verbs: Sequence[tuple[int, int, int, int]],
                     start: int, end: int, lang: str | None = None) -> np.ndarray:
        """Which words are a verb of `verbs` (start, end, object start, object end) whose direct object lies
        outside `start`..`end`: in a span without its object the verb is used literally ("striking civilian" of
        "striking civilian targets"), unless the training data's spans hold it with an object most of the time
        (the `loaded` list of `lang`: "blasted the Senate")."""
        loaded = self.verb_object.get(semeval_language(lang), (frozenset(), frozenset(), frozenset()))[2]
        outside = [(vs, ve) for vs, ve, os, oe in verbs if not (start <= os and oe <= end)]
        return np.array([w not in loaded and any(vs <= s < ve for vs, ve in outside) for s, _, w in toks],
                        dtype=bool)

    def verbs_with_objects(self, doc: Iterable[Any], lang: str | None,
                           offset: int = 0) -> list[tuple[int, int, int, int]]:
        """(start, end, object start, object end) of each verb of a parsed spaCy `doc` and a direct object it
        governs, by the tags and dependency labels listed for `lang`; character offsets plus `offset`."""
        tags, deps, _ = self.verb_object.get(semeval_language(lang), (frozenset(), frozenset(), frozenset()))
        return [(offset + t.idx, offset + t.idx + len(t.text), offset + c.idx, offset + c.idx + len(c.text))
                for t in doc if t.tag_ in tags for c in t.children if c.dep_ in deps]


def loaded_verbs(rows: Iterable[tuple[str, Sequence[tuple[int, int]], Sequence[tuple[int, int, int, int]]]],
                 min_count: int = 2, share: float = 0.5) -> list[str]:
    """Verb forms that carry a technique even with their direct object outside the span, from (paragraph text, gold
    spans of the technique in it, its verbs with objects) of the paragraphs labelled with it: those used with an
    object at least `min_count` times, at least `share` of them inside a gold span."""
    inside: dict[str, int] = {}
    seen: dict[str, int] = {}
    for text, gold, verbs in rows:
        for vs, ve, _, _ in verbs:
            w = text[vs:ve].lower()
            seen[w] = seen.get(w, 0) + 1
            inside[w] = inside.get(w, 0) + any(gs < ve and ge > vs for gs, ge in gold)
    return sorted(w for w, n in seen.items() if n >= min_count and inside.get(w, 0) >= share * n)


@lru_cache(maxsize=1)
def literal_senses() -> LiteralSenses:
    """The shipped rules, read once from `literal_senses.json`."""
    return LiteralSenses.from_json(json.loads(RULES.read_text(encoding="utf-8")))
