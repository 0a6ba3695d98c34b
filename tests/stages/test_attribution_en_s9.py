"""English attribution, session 9 of issue #12: naming verbs far before a quote, comma-ended short quotes, an
unattached relative "who", two reports joined in one clause, titled roles ("the Pope"), role genders, a trailing
'according to' after a that-quote; on wire-style sentences."""

from __future__ import annotations

from presswatch.article import Article, Quote
from tests.stages.stagerun import run


def en(text: str) -> Article:
    return run(text, "en")


def said(a: Article, start: str) -> Quote:
    return next(q for q in a.quotes if q.text.startswith(start))


def test_a_naming_verb_far_before_a_quote_that_ends_its_sentence() -> None:
    a = en("Attorney Elizabeth Yore spoke on the show last week.\n"
           "Yore called the child sex abuse case involving the priest Fernando Karadima and Bishop Juan Barros "
           "“a scandal of epic proportions.”")
    q = said(a, "a scandal of epic proportions")
    assert q.kind == "direct" and q.speaker == "Elizabeth Yore" and q.cue == "called"


def test_a_naming_verb_does_not_reach_over_a_comma_or_a_speech_verb() -> None:
    a = en("The mayor called the meeting, and the protesters chanted outside “no more lies.”")
    assert all(q.cue != "called" for q in a.quotes)


def test_a_short_quote_ending_in_a_comma_is_no_noun_modifier() -> None:
    a = en("Khweis was sentenced to 20 years on Friday.\n"
           "“It’s difficult to understand,” defense attorney John Zwerling said Friday.")
    q = said(a, "It’s difficult to understand")
    assert q.kind == "direct" and q.speaker == "John Zwerling"


def test_a_relative_who_the_parse_leaves_unattached_speaks_for_the_noun_before_it() -> None:
    a = en("Raymond Arroyo interviewed the victims, among them Juan Carlos Cruz.\n"
           "Arroyo spoke with Cruz as well, who said he was frustrated when Barros was going to be appointed.")
    q = said(a, "he was frustrated")
    assert q.kind == "reported" and q.speaker is not None and q.speaker.endswith("Cruz")


def test_two_reports_joined_in_one_clause_are_two_quotes() -> None:
    a = en("Mohamad Khweis was sentenced on Friday.\n"
           "Khweis said he regretted his actions and said his decision to join ISIS in December 2015 was a drunken "
           "one.")
    first = said(a, "he regretted his actions")
    assert first.text == "he regretted his actions" and first.speaker == "Mohamad Khweis"
    assert said(a, "his decision to join ISIS").speaker == "Mohamad Khweis"


def test_the_pope_is_the_pope_the_article_names_most() -> None:
    a = en("Pope Francis visited Chile last month. Francis met victims, and Francis met bishops.\n"
           "Pope Benedict had set up a system of protection.\n"
           "The Pope later said he would send Archbishop Charles Scicluna to Chile to investigate the matter.")
    q = said(a, "he would send Archbishop")
    assert q.speaker is not None and q.speaker.endswith("Francis")


def test_the_pope_is_nobody_when_two_popes_are_named_alike() -> None:
    a = en("Pope Francis visited Chile. Pope Benedict stayed in Rome.\n"
           "The Pope later said he would send Archbishop Charles Scicluna to Chile.")
    q = said(a, "he would send Archbishop")
    assert q.speaker is None or not q.speaker.endswith(("Francis", "Benedict"))


def test_a_that_quote_keeps_its_own_cue_over_a_trailing_according_to() -> None:
    a = en("Police Chief Hall spoke at the meeting.\n"
           "She told a town hall that “local, state and federal laws prohibit me from taking action,” according to "
           "ABC affiliate WFAA.")
    q = said(a, "local, state and federal laws")
    assert q.cue == "told" and q.speaker != "WFAA"
