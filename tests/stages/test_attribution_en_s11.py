"""English attribution, session 11 of issue #12: a quote after the previous quote's attribution sentence goes on
with that speaker; a quote that opens after a reported clause's own words and goes on in the next paragraph is a
mixed quote in its first paragraph and a direct quote in the next; on wire-style sentences."""

from __future__ import annotations

from presswatch.article import Article, Quote
from tests.stages.stagerun import run


def en(text: str) -> Article:
    return run(text, "en")


def said(a: Article, start: str) -> Quote:
    return next(q for q in a.quotes if q.text.startswith(start))


def test_a_quote_after_the_attribution_sentence_goes_on_with_its_speaker() -> None:
    a = en(
        "Bill Clinton spoke to NBC on Monday.\n"
        "“A lot of the facts have been conveniently omitted to make the story work,” Clinton said, pointing to "
        "allegations against President Donald Trump, who has denied them. “I think I did the right thing. I "
        "defended the Constitution.”"
    )
    assert said(a, "I think I did the right thing").speaker == "Bill Clinton"


def test_a_quote_after_an_according_to_attribution_keeps_the_speaker_not_the_outlet() -> None:
    a = en(
        "Oakland Mayor Libby Schaaf warned of the raid.\n"
        "“I did what I believe was right for my community,” Schaaf said Friday, according to NBC Bay Area. "
        "“People should be able to live without fear or panic and know their rights.”"
    )
    assert said(a, "People should be able").speaker == "Libby Schaaf"


def test_a_new_cue_before_a_quote_still_counts() -> None:
    a = en(
        "Bill Clinton and Monica Lewinsky were in the news.\n"
        "“I did the right thing,” Clinton said on Monday. Lewinsky replied: “I am beginning to entertain the "
        "notion that consent might well be rendered moot.”"
    )
    assert said(a, "I am beginning to entertain").speaker == "Monica Lewinsky"


def test_a_quote_that_opens_inside_a_clause_and_runs_on_is_reported_then_direct() -> None:
    a = en(
        "Sen. Mark Warner spoke on Friday.\n"
        "Sen. Mark Warner (D-VA), the top Democrat on the Senate Intelligence Committee, said Mueller’s findings "
        "“must be provided to Congress immediately, and the Attorney General should swiftly prepare a "
        "declassified version for the public.\n"
        "Nothing short of that will suffice.”"
    )
    first = said(a, "Mueller’s findings “must be provided")
    assert first.kind == "reported" and first.speaker == "Mark Warner" and "\n" not in first.text
    assert first.parts
    rest = said(a, "Nothing short of that")
    assert rest.kind == "direct" and rest.speaker == "Mark Warner"
    assert not any(q.kind == "direct" and q.text.startswith("must be provided") for q in a.quotes)


def test_an_as_clause_after_a_sentence_adverb_attributes_the_main_clause() -> None:
    a = en(
        "Keith Ellison spoke at a debate on Monday.\n"
        "However, as Michael Ahrens of GOP.com tweeted, Ellison knew what kind of man Farrakhan was then and what "
        "kind of man he still is today."
    )
    q = said(a, "Ellison knew what kind of man")
    assert q.kind == "reported" and q.speaker == "Michael Ahrens" and q.cue == "tweeted"


def test_a_presentation_or_timeline_that_shows_a_that_clause_is_a_finding() -> None:
    a = en(
        "The memo was sent to the committee in February.\n"
        "An IG presentation from September 2016 shows that Becerra knew of problems months before the server "
        "disappeared."
    )
    q = said(a, "Becerra knew of problems")
    assert q.kind == "reported" and q.cue == "shows"


def test_a_document_speaker_is_the_owner_the_article_names_before() -> None:
    a = en(
        "Special Counsel Robert Mueller submitted a report to Attorney General William Barr on Friday.\n"
        "In a letter to the heads of the Senate and House judiciary committees, Barr described the submission.\n"
        "“I am reviewing the report and anticipate that I may be in a position to advise you soon,” the letter said."
    )
    q = said(a, "I am reviewing the report")
    assert q.speaker == "William Barr" and q.speaker_alias is not None and q.speaker_alias.descriptor == "the letter"


def test_a_document_with_no_owner_in_the_text_keeps_its_phrase() -> None:
    a = en(
        "The committee met on Monday.\n“The exchange was legal, but it went beyond what was required,” the report said."
    )
    assert said(a, "The exchange was legal").speaker == "the report"
