"""Repetition's spans: the phrases of a paragraph that recur in the article (SpanModel.repeated_spans)."""

from __future__ import annotations

from presswatch.models.techniques.spans import SpanModel, ngram_counts

ARTICLE = ("Illegal aliens are flooding the border, the senator said. Nobody stops the illegal aliens.\n"
           "We must stop them. Illegal aliens, he said, cost billions. The senator said it again.")


def _spans(model: SpanModel, paragraph: str, article: str = ARTICLE) -> list[str]:
    return [paragraph[s:e] for s, e, _ in model.repeated_spans(paragraph, ngram_counts(article), "en")]


def test_ngram_counts_count_word_sequences() -> None:
    counts = ngram_counts("Bauen, bauen, bauen: wir bauen.")
    assert counts["bauen"] == 4 and counts["bauen bauen"] == 2 and counts["bauen bauen bauen"] == 1


def test_the_span_is_the_recurring_phrase_whole() -> None:
    model = SpanModel(lexicon={"Repetition": {"aliens": 0.6}})
    para = ARTICLE.split("\n")[1]
    assert _spans(model, para) == ["Illegal aliens"]  # not "illegal" alone, not the whole sentence


def test_nothing_recurs_no_span() -> None:
    model = SpanModel(lexicon={"Repetition": {"stop": 0.9}}, repeat_phrase_score=0.0)
    assert _spans(model, "We must stop them.", "We must stop them. Nothing else here.") == []


def test_function_words_reporting_words_and_names_make_no_span() -> None:
    model = SpanModel(lexicon={"Repetition": {}}, repeat_word_score=0.3, repeat_phrase_score=0.0,
                      repeat_names=False)
    # "the senator said" recurs, but "the" is a function word, "said" a reporting word: no phrase of them
    assert _spans(model, "The senator said it again.") == []
    article = "Vladimir Putin spoke. Vladimir Putin left. That support this. That support this."
    assert _spans(model, "Vladimir Putin spoke.", article) == []  # a name recurs in any news article
    assert _spans(SpanModel(lexicon={"Repetition": {}}, repeat_phrase_score=0.0, repeat_names=True),
                  "Vladimir Putin spoke.", article) == ["Vladimir Putin"]
    said = SpanModel(lexicon={"Repetition": {}}, repeat_phrase_score=0.0, repeat_reporting=True)
    assert _spans(said, "The senator said it again.") == ["senator said"]
    assert _spans(model, "That support this.", article) == []  # "support" alone: no lexicon evidence


def test_one_word_needs_the_lexicon_and_at_most_repeat_most_spans() -> None:
    article = "Crazy plans. Crazy people. Autonomy now. Autonomy forever."
    low = SpanModel(lexicon={"Repetition": {"crazy": 0.1, "autonomy": 0.9}})
    assert _spans(low, "Crazy people. Autonomy now.", article) == ["Autonomy"]
    two = SpanModel(lexicon={"Repetition": {"crazy": 0.5, "autonomy": 0.9}}, repeat_most=2)
    assert _spans(two, "Crazy people. Autonomy now.", article) == ["Crazy", "Autonomy"]


def test_spans_routes_repetition_to_the_rule_only_with_article_counts() -> None:
    model = SpanModel(modes={"Repetition": "phrase"}, lexicon={"Repetition": {"autonomy": 0.9}})
    article = "Autonomy now. Autonomy forever."
    assert model.spans("Autonomy now.", "Repetition", None, ngram_counts(article), "en") == [(0, 8, 0.9)]
    assert model.spans("Nothing recurs.", "Repetition", None, ngram_counts(article), "en") == []
