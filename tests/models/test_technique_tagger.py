"""The span tagger learns which words of a labelled paragraph carry a technique."""

from __future__ import annotations

import numpy as np
import pytest

from presswatch.models.techniques.spans import SpanModel, fit_span_model, tokens
from presswatch.models.techniques.tagger import (
    SpanTagger,
    fit_span_tagger,
    name_mask,
    tagged_techniques,
    token_features,
)

TEXTS = [
    ("The corrupt regime lied again today.", "corrupt regime"),
    ("Officials met a corrupt regime in Geneva.", "corrupt regime"),
    ("A shameful disgrace, the minister said on Monday.", "shameful disgrace"),
    ("Critics called the plan a shameful disgrace.", "shameful disgrace"),
    ("Talks resumed after a corrupt regime fell.", "corrupt regime"),
    ("It was a shameful disgrace for the league.", "shameful disgrace"),
]


def _examples() -> list[tuple[str, str, list[tuple[int, int]]]]:
    out = []
    for text, phrase in TEXTS * 3:
        s = text.index(phrase)
        out.append((text, "Loaded_Language", [(s, s + len(phrase))]))
    return out


def test_features_align_with_tokens_and_mark_quotes() -> None:
    text = 'He said "liars" twice.'
    feats = token_features(text, "Loaded_Language", {"liars": 0.9})
    assert len(feats) == len(tokens(text))
    liars = feats[2]
    assert liars["Loaded_Language|quote=1"] == 1.0 and liars["Loaded_Language|lex"] == 0.9
    assert feats[3]["Loaded_Language|quote=0"] == 1.0


def test_tagger_finds_the_loaded_words_and_round_trips() -> None:
    examples = _examples()
    lexicon = fit_span_model(examples)
    tagger = fit_span_tagger(examples, lexicon.lexicon, ["Loaded_Language"])
    assert tagger is not None
    text = "Nobody trusts a corrupt regime anymore."
    spans = tagger.spans(text, "Loaded_Language", lexicon.lexicon.get("Loaded_Language", {}))
    assert [text[s:e] for s, e, _ in spans] == ["corrupt regime"]
    assert all(0.0 < score <= 1.0 for *_, score in spans)
    again = SpanTagger.load(tagger.to_json(), tagger.arrays())
    p1 = tagger.probabilities(text, "Loaded_Language", {})
    p2 = again.probabilities(text, "Loaded_Language", {})
    assert np.allclose(p1, p2, atol=1e-2)
    assert tagger.spans("", "Loaded_Language", {}) == []


def test_tagger_needs_both_classes_and_the_right_hash_size() -> None:
    assert fit_span_tagger([("Calm words.", "Loaded_Language", [(0, 11)])], {}, ["Loaded_Language"]) is None
    tagger = SpanTagger(np.zeros(4, np.float32), 0.0, ["Loaded_Language"])
    with pytest.raises(ValueError, match="hashed"):
        SpanTagger.load({**tagger.to_json(), "n_hash": 4}, tagger.arrays())


def test_repetition_keeps_its_article_rule() -> None:
    model = SpanModel(modes={"Loaded_Language": "phrase", "Repetition": "phrase", "Doubt": "sentence"})
    assert tagged_techniques(model) == ["Loaded_Language"]


def _decoder(**kw: object) -> SpanTagger:
    return SpanTagger(np.zeros(4, np.float32), 0.0, ["Loaded_Language"], **kw)  # type: ignore[arg-type]


def _decoded(tagger: SpanTagger, text: str, p: list[float], stop: frozenset[str] = frozenset()) -> list[str]:
    return [text[s:e] for s, e, _ in tagger.decode(tokens(text), np.array(p), stop, text)]


def test_a_phrase_is_widened_over_neighbours_scoring_moderately_high() -> None:
    text = "They are telling lies again."
    p = [0.07, 0.06, 0.46, 0.15, 0.02]
    assert _decoded(_decoder(extend=0.0, trim_stop=False), text, p) == ["telling"]
    assert _decoded(_decoder(extend=0.125, trim_stop=False), text, p) == ["telling lies"]
    # widening stops at max_words, and two runs widened into each other become one span
    assert _decoded(_decoder(extend=0.01, max_words=3, trim_stop=False), text, p) == ["They are telling"]
    assert _decoded(_decoder(extend=0.1, trim_stop=False), "a b c d e", [0.3, 0.2, 0.3, 0.0, 0.0]) == ["a b c"]
    # nor does it cross a sentence end
    assert _decoded(_decoder(extend=0.1, trim_stop=False), "Lies. Telling", [0.2, 0.9]) == ["Telling"]


def test_spans_neither_start_nor_end_on_function_words_nor_consist_of_them() -> None:
    stop = frozenset({"но", "от", "в", "еще"})
    text = "Но от нациков в Киеве"
    p = [0.4, 0.3, 0.8, 0.3, 0.02]
    assert _decoded(_decoder(trim_stop=False), text, p, stop) == ["Но от нациков в"]
    assert _decoded(_decoder(trim_stop=True), text, p, stop) == ["нациков"]
    # a paragraph whose only high words are function words has no span, however high they score
    assert _decoded(_decoder(trim_stop=True), "Но еще", [0.9, 0.9], stop) == []
    # inside a span function words stay
    assert _decoded(_decoder(trim_stop=True), "lying and corrupt", [0.6, 0.2, 0.7], frozenset({"and"})) == [
        "lying and corrupt"]


def test_function_words_follow_the_language_and_keep_the_lexicons_intensifiers() -> None:
    tagger = _decoder()
    ru = tagger.function_words("ru", {})
    assert {"но", "от", "в"} <= ru and "нациков" not in ru
    en = tagger.function_words("en", {"never": 0.6, "the": 0.01})
    assert "the" in en and "never" not in en
    assert tagger.function_words(None, {}) == tagger.function_words("en", {})
    again = SpanTagger.load(tagger.to_json(), tagger.arrays())
    assert (again.extend, again.trim_stop, again.max_words) == (tagger.extend, tagger.trim_stop, tagger.max_words)
    newer = ("extend", "trim_stop", "max_words", "lex_extend", "ratio")
    old = {k: v for k, v in tagger.to_json().items() if k not in newer}
    legacy = SpanTagger.load(old, tagger.arrays())
    assert (legacy.extend, legacy.trim_stop) == (0.0, False)  # an artifact saved before keeps its old rule
    assert (legacy.lex_extend, legacy.ratio) == (0.0, 0.0)
    # the literal-sense rules are data, not weights: an artifact saved before them reads them too
    assert legacy.literal and again.literal and not SpanTagger.load({**tagger.to_json(), "literal": False},
                                                                    tagger.arrays()).literal
    assert (again.floor, again.lex_extend, again.ratio) == (tagger.floor, tagger.lex_extend, tagger.ratio)


def _decoded_with(tagger: SpanTagger, text: str, p: list[float], lex: list[float] | None = None,
                  names: list[bool] | None = None) -> list[str]:
    found = tagger.decode(tokens(text), np.array(p), frozenset(), text,
                          None if lex is None else np.array(lex), None if names is None else np.array(names))
    return [text[s:e] for s, e, _ in found]


def test_a_name_alone_carries_no_span() -> None:
    text = "Владимир Зеленский отстранил от нациков"
    p = [0.27, 0.15, 0.09, 0.05, 0.86]
    names = [True, True, False, False, False]
    assert _decoded_with(_decoder(trim_stop=False, ratio=0.0), text, p) == ["Владимир Зеленский", "нациков"]
    assert _decoded_with(_decoder(trim_stop=False, ratio=0.0), text, p, names=names) == ["нациков"]
    # a paragraph whose only high words are a name abstains, best-word fallback or not
    assert _decoded_with(_decoder(trim_stop=False), "Зеленский сказал", [0.6, 0.05], names=[True, False]) == []
    # a labelling phrase neither starts nor ends on a name, yet keeps one inside it
    assert _decoded_with(_decoder(trim_stop=False), "клоун Зеленский", [0.8, 0.3], names=[False, True]) == ["клоун"]
    assert _decoded_with(_decoder(trim_stop=False), "хунта Зеленского клоуна", [0.8, 0.3, 0.7],
                         names=[False, True, False]) == ["хунта Зеленского клоуна"]
    # the stage finds the names in the NER mentions of the paragraph
    assert name_mask(tokens(text), [(0, 18)]).tolist() == names


def test_the_tagger_abstains_below_its_floor_and_drops_weak_further_spans() -> None:
    text = "those who assist armed groups"
    p = [0.08, 0.02, 0.21, 0.09, 0.01]
    assert _decoded_with(_decoder(trim_stop=False, floor=0.1), text, p) == ["assist"]  # the best word, above 0.1
    assert _decoded_with(_decoder(trim_stop=False), text, p) == []  # as shipped: abstain
    text = "phony evidence about pilots and numerous civilians"
    p = [0.9, 0.72, 0.0, 0.01, 0.02, 0.3, 0.03]
    assert _decoded_with(_decoder(trim_stop=False, ratio=0.0), text, p) == ["phony evidence", "numerous"]
    assert _decoded_with(_decoder(trim_stop=False), text, p) == ["phony evidence"]


def test_widening_follows_the_span_lexicon_and_never_joins_two_sentences() -> None:
    text = "They are telling lies again."
    p, lex = [0.07, 0.06, 0.46, 0.11, 0.02], [0.0, 0.0, 0.0, 0.49, 0.0]
    assert _decoded_with(_decoder(trim_stop=False, lex_extend=0.0), text, p, lex) == ["telling"]
    assert _decoded_with(_decoder(trim_stop=False), text, p, lex) == ["telling lies"]
    # two runs above the threshold on either side of a full stop without a space stay two spans
    text = "органы киевской власти.Ранее Владимир"
    assert _decoded_with(_decoder(trim_stop=False), text, [0.9, 0.9, 0.9, 0.5, 0.0]) == [
        "органы киевской власти", "Ранее"]


def test_conversation_killer_stays_a_phrase_whatever_its_median() -> None:
    text = "Enough said. That is the end of the whole discussion now, full stop."
    long = [(text, "Conversation_Killer", [(13, len(text))])] * 3  # median 55 characters: past PHRASE_MAX_MEDIAN
    model = fit_span_model(long + [(text, "Appeal_to_Time", [(13, len(text))])] * 3)
    assert model.modes["Conversation_Killer"] == "phrase"
    assert model.modes["Appeal_to_Time"] == "sentence"


def test_a_common_word_alone_needs_the_lexicons_support() -> None:
    from presswatch.models.techniques.common_words import CommonWords

    common = CommonWords.from_texts([("fr", ["la", "façon", "ordre"]), ("fr", ["façon", "nazie"])], 0.5, 0.4)
    assert common.words["fr"] == frozenset({"la", "façon", "ordre", "nazie"})
    assert common.unsupported("façon", 0.3, "fr") and not common.unsupported("façon", 0.5, "fr")
    assert not common.unsupported("façon", 0.3, "en")  # common in French only
    text = "Voici la façon dont ils truquent tout."
    toks = tokens(text)
    p = np.array([0.0, 0.0, 0.6, 0.0, 0.0, 0.0, 0.0])  # «façon» alone above the threshold
    lex = np.array([0.0, 0.0, 0.3, 0.0, 0.0, 0.0, 0.0])
    tagger = SpanTagger(np.zeros(8, np.float32), 0.0, ["Loaded_Language"], common=common)
    assert tagger.decode(toks, p, frozenset(), text, lex) == [(9, 14, 0.6)]  # without the mask: as before
    assert tagger.decode(toks, p, frozenset(), text, lex, lone=tagger.lone_words(toks, lex, "fr")) == []
    p[3] = 0.6  # «façon dont»: two words are a phrase, which the rule leaves alone
    assert [text[s:e] for s, e, _ in tagger.decode(toks, p, frozenset(), text, lex,
                                                   lone=tagger.lone_words(toks, lex, "fr"))] == ["façon dont"]
