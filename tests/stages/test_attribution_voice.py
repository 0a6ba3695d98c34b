"""Whose words: a quote's attribution ('написал Клишас') belongs to the quote, never to the outlet's voice, and a
span of nothing but cue and speaker words is no technique evidence (real quotes stage, made-up text)."""

from __future__ import annotations

from presswatch.article import Article, Metadata, Technique
from presswatch.stages import entities, linguistics, quotes
from presswatch.stages.techniques import attribute_voice

TEXT = ("Сенатор Андрей Клишас прокомментировал отставку.\n"
        "«Указами бегство не остановишь, от нациков в Киеве побежали все», — написал Клишас в своем "
        "Telegram-канале. Официальный представитель МИД Мария Захарова саркастически прокомментировала отставку.")


def _article() -> Article:
    a = Article(text=TEXT, metadata=Metadata(language="ru"))
    for stage in (linguistics, entities, quotes):
        stage.run(a)
    a.stages = ["linguistics", "entities", "quotes"]
    return a


def tech(a: Article, words: str) -> Technique:
    s = a.text.index(words)
    return Technique("Doubt", "Attack on reputation", s, s + len(words), words, 2, 0.5)


def test_cue_words_are_the_quotes_attribution() -> None:
    a = _article()
    (q,) = [q for q in a.quotes if q.kind == "direct"]
    assert q.speaker == "Андрей Клишас" and q.cue == "написал"
    bare = tech(a, "— написал Клишас")
    tail = tech(a, "от нациков в Киеве побежали все», — написал Клишас")
    narration = tech(a, "в своем Telegram-канале. Официальный представитель МИД")
    sarcasm = tech(a, "саркастически прокомментировала отставку")
    kept = attribute_voice([bare, tail, narration, sarcasm], a.quotes, a.text)
    assert bare not in kept  # only the cue and the speaker's name: no evidence of a technique
    assert (tail.voice, tail.speaker) == ("quoted", "Андрей Клишас")  # quote words + attribution, not the outlet's
    assert (narration.voice, sarcasm.voice) == ("author", "author")  # the outlet's own words beside it


def test_a_span_mostly_on_the_attribution_is_reported() -> None:
    a = _article()
    span = tech(a, "все», — написал Клишас в своем")  # 3 quoted characters, 19 of attribution, 8 the outlet's
    (kept,) = attribute_voice([span], a.quotes, a.text)
    assert (kept.voice, kept.speaker) == ("reported", "Андрей Клишас")
    assert kept.text == "все», — написал Клишас в своем"  # the attribution is inside it, not at an edge


def test_cue_at_a_spans_edge_is_cut_and_a_role_phrase_stays_the_outlets() -> None:
    a = _article()
    edge = tech(a, "бегство не остановишь, от нациков в Киеве побежали все», — написал")
    (kept,) = attribute_voice([edge], a.quotes, a.text)
    assert kept.text == "бегство не остановишь, от нациков в Киеве побежали все"  # the cue is no evidence
    assert a.text[kept.start:kept.end] == kept.text and kept.voice == "quoted"
