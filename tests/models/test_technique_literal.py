"""Literal senses: a word used literally (a number, a neutral reporting word, a verb with its direct object outside
the span) carries no loaded-language span, while the loaded use of the same word still does."""

from __future__ import annotations

import json

import numpy as np
import pytest

from presswatch.article import Article, Metadata
from presswatch.models.techniques.literal import RULES, LiteralSenses, literal_senses, loaded_verbs
from presswatch.models.techniques.spans import tokens
from presswatch.models.techniques.tagger import SpanTagger
from presswatch.stages import linguistics
from presswatch.stages.techniques import verbs_with_objects


def _tagger(**kw: object) -> SpanTagger:
    return SpanTagger(np.zeros(4, np.float32), 0.0, ["Loaded_Language", "Slogans"], **kw)  # type: ignore[arg-type]


def _spans(tagger: SpanTagger, text: str, p: list[float], lang: str = "en", technique: str = "Loaded_Language",
           verbs: list[tuple[int, int, int, int]] | None = None) -> list[str]:
    assert len(p) == len(tokens(text))
    found = tagger.spans(text, technique, {}, lang, verbs=verbs or (), p=np.array(p))
    return [text[s:e] for s, e, _ in found]


def _verbs(text: str) -> list[tuple[int, int, int, int]]:
    article = Article(text=text, metadata=Metadata(language="en"))
    linguistics.run(article)
    return verbs_with_objects(article, [(0, len(text))])


def test_the_rules_load_and_name_only_known_classes() -> None:
    senses = literal_senses()
    assert {"Loaded_Language", "Name_Calling-Labeling"} <= senses.techniques
    assert senses.classes <= {"numbers", "reporting", "domain", "verb_object"}
    bad = {**json.loads(RULES.read_text(encoding="utf-8")), "classes": ["numbers", "metaphors"]}
    with pytest.raises(ValueError, match="metaphors"):
        LiteralSenses.from_json(bad)


def test_numbers_and_reporting_words_in_six_languages() -> None:
    senses = literal_senses().with_classes(["numbers", "reporting"])
    for lang, words in {"en": ["1,000", "thousands", "two", "reportedly", "said"], "fr": ["deux", "selon"],
                        "ge": ["tausend", "laut"], "it": ["migliaia", "secondo"], "po": ["tysięcy", "według"],
                        "ru": ["тысячи", "два", "заявил"]}.items():
        assert all(senses.word(w, lang) for w in words), lang
    for lang, w in {"en": "lies", "fr": "mensonges", "ge": "lügen", "it": "bugie", "po": "kłamstwa",
                    "ru": "ложь"}.items():
        assert not senses.word(w, lang), w
    text = "Officials reportedly said 300 people"
    mask = senses.mask(tokens(text), "en", "Loaded_Language")
    assert mask is not None and mask.tolist() == [False, True, True, True, False]
    assert senses.mask(tokens(text), "en", "Slogans") is None  # slogans are not covered
    assert senses.with_classes([]).mask(tokens(text), "en", "Loaded_Language") is None


def test_a_number_or_a_reporting_word_alone_is_no_loaded_language() -> None:
    tagger = _tagger(senses=literal_senses().with_classes(["numbers", "reporting"]))
    plain = _tagger(literal=False)
    text = "Officials reportedly said thousands were displaced."
    p = [0.05, 0.4, 0.1, 0.6, 0.05, 0.1]
    assert _spans(plain, text, p) == ["reportedly said thousands"]
    assert _spans(tagger, text, p) == []
    # a loaded phrase keeps its span; a reporting word at its edge is cut off it
    text = "They reportedly spread vile lies."
    p = [0.05, 0.3, 0.2, 0.8, 0.6]
    assert _spans(tagger, text, p) == ["spread vile lies"]
    # techniques the rules do not list are left alone
    assert _spans(tagger, "Agenda 2030", [0.6, 0.6], technique="Slogans") == ["Agenda 2030"]
    numbers_only = _tagger(senses=literal_senses().with_classes(["numbers", "reporting"]), lone_evidence=False)
    assert _spans(numbers_only, "Agenda 2030", [0.6, 0.6]) == ["Agenda"]
    # with the lone-word rule on, "Agenda" (common in English articles, no lexicon support here) stands alone no more
    assert _spans(tagger, "Agenda 2030", [0.6, 0.6]) == []


@pytest.mark.slow
def test_a_verb_with_its_object_outside_the_span_is_literal_an_adjective_is_not() -> None:
    """From the training data's uses of "striking": loaded as an adjective ("a striking blow against freedom",
    "especially striking"), literal with a direct object ("fired her weapon striking the victim")."""
    tagger = _tagger(senses=literal_senses().with_classes(["verb_object"]))
    literal = "At some point, the officer fired her weapon striking the victim."
    verbs = _verbs(literal)
    assert any(literal[s:e] == "striking" and literal[os:oe] == "victim" for s, e, os, oe in verbs)
    p = [0.05] * len(tokens(literal))
    p[[w for *_, w in tokens(literal)].index("striking")] = 0.6
    assert _spans(_tagger(literal=False), literal, p, verbs=verbs) == ["striking"]
    assert _spans(tagger, literal, p, verbs=verbs) == []
    loaded = "The pair called their bans a striking blow against freedom."
    verbs = _verbs(loaded)
    words = [w for *_, w in tokens(loaded)]
    p = [0.05] * len(words)
    p[words.index("striking")], p[words.index("blow")] = 0.6, 0.5
    assert _spans(tagger, loaded, p, verbs=verbs) == ["striking blow"]
    # a verb whose object lies inside the span is the phrase itself: "telling lies" stays whole
    lies = "They are telling lies."
    verbs = _verbs(lies)
    assert any(lies[s:e] == "telling" for s, e, *_ in verbs)
    assert _spans(tagger, lies, [0.05, 0.05, 0.5, 0.3], verbs=verbs) == ["telling lies"]


def test_loaded_verbs_are_those_the_gold_spans_hold_with_an_object_outside() -> None:
    rows = [("They blasted the bill.", [(5, 12)], [(5, 12, 17, 21)]),
            ("Critics blasted the plan.", [(8, 15)], [(8, 15, 20, 24)]),
            ("The officer fired her weapon.", [], [(12, 17, 22, 28)]),
            ("He fired two shots.", [(3, 8)], [(3, 8, 13, 18)]),
            ("She fired a warning.", [], [(4, 9, 12, 19)]),
            ("He closed the deal.", [(3, 9)], [(3, 9, 14, 18)])]
    # "blasted": 2 of 2 inside a span; "fired": 1 of 3; "closed": once only
    assert loaded_verbs(rows) == ["blasted"]
    assert loaded_verbs(rows, min_count=1, share=0.3) == ["blasted", "closed", "fired"]


@pytest.mark.slow
def test_a_verb_the_training_spans_hold_with_its_object_outside_stays_loaded() -> None:
    """"blasted" is one of the English verbs the training data's loaded-language spans hold without their object
    ("Trump blasted the Senate"), learnt into literal_senses.json; "striking" is not."""
    senses = literal_senses()
    assert "blasted" in senses.verb_object["en"][2] and "striking" not in senses.verb_object["en"][2]
    text = "Republicans blasted the Senate bill on Monday."
    verbs = _verbs(text)
    assert any(text[s:e] == "blasted" for s, e, *_ in verbs)
    p = [0.05] * len(tokens(text))
    p[1] = 0.6
    assert _spans(_tagger(), text, p, verbs=verbs) == ["blasted"]
