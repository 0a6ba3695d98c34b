"""English quotes: naming and statement cues, follow-on quotes after a long attribution, mixed quotes, one speaker
for a full name and its surname, a "she" that goes to the woman and not the man she quotes (made-up sentences)."""

from __future__ import annotations

from collections.abc import Callable

from presswatch.article import Article, Quote

Annotate = Callable[..., Article]
Check = Callable[[Article], None]


def got(quotes: list[Quote]) -> list[tuple[str, str, str | None, str | None]]:
    return [(q.kind, q.text, q.speaker, q.cue) for q in quotes]


def test_naming_and_statement_cues(annotate_text: Annotate, check_offsets: Check) -> None:
    a = annotate_text('Senator Tom Briggs called it "a shameful betrayal" on Tuesday.\n'
                      'The mayor branded the plan "a reckless waste of public money" during the meeting.\n'
                      'In a statement, the White House condemned the attack as "an act of cowardice that will not '
                      'go unanswered".\n'
                      'The film, called "The Long Road Home to the Valley", opens on Friday.', "quotes")
    check_offsets(a)
    assert got(a.quotes) == [
        ("direct", "a shameful betrayal", "Tom Briggs", "called"),  # short, but a naming cue makes it speech
        ("direct", "a reckless waste of public money", "The mayor", "branded"),
        ("direct", "an act of cowardice that will not go unanswered", "White House", "condemned"),
        ("direct", "The Long Road Home to the Valley", None, None),  # a title: "called" modifies the noun
    ]


def test_tweeted_wrote_warned_insisted(annotate_text: Annotate) -> None:
    a = annotate_text('Mary Collins tweeted: "Our hospitals are running out of beds this winter."\n'
                      "Paul Reed wrote that the council had ignored every warning for years.\n"
                      '"Prices will keep rising for the rest of the year," Anna Lopez warned.\n'
                      "The ministry, in a statement, insisted that the border would stay closed for weeks.", "quotes")
    assert got(a.quotes) == [
        ("direct", "Our hospitals are running out of beds this winter.", "Mary Collins", "tweeted"),
        ("reported", "the council had ignored every warning for years", "Paul Reed", "wrote"),
        ("direct", "Prices will keep rising for the rest of the year", "Anna Lopez", "warned"),
        ("reported", "the border would stay closed for weeks", "The ministry", "insisted"),
    ]


def test_follow_on_quote_after_a_long_attribution(annotate_text: Annotate) -> None:
    a = annotate_text('"We have done nothing wrong," insisted Anna Lopez, the head of the local election board and a '
                      "former judge, speaking to reporters outside the court house on Friday. "
                      '"The count was checked three times."\n'
                      "The board met on Monday. It published no figures. Nobody knows when. "
                      '"Results will follow next week, once every ballot is counted."', "quotes")
    quotes = [(q.text, q.speaker) for q in a.quotes if q.kind == "direct"]
    assert quotes[:2] == [("We have done nothing wrong", "Anna Lopez"),
                          ("The count was checked three times.", "Anna Lopez")]
    assert quotes[2] == ("Results will follow next week, once every ballot is counted.", None)  # narration between


def test_mixed_quote_is_one_quote_with_its_parts(annotate_text: Annotate, check_offsets: Check) -> None:
    text = ('Ken Hale, the governor, spent the morning claiming that fraud is "a big problem" but '
            '"nobody is willing to look into it".')
    a = annotate_text(text, "quotes")
    check_offsets(a)
    assert len(a.quotes) == 1
    q = a.quotes[0]
    assert (q.kind, q.speaker, q.cue) == ("reported", "Ken Hale", "claiming")
    assert q.text == 'fraud is "a big problem" but "nobody is willing to look into it"'
    assert [text[p.start:p.end] for p in q.parts] == ["a big problem", "nobody is willing to look into it"]
    assert Article.from_json(a.to_json()).quotes[0].parts == q.parts


def test_surname_and_full_name_are_one_speaker(annotate_text: Annotate) -> None:
    a = annotate_text("Field Marshal Douglas Haig ordered the attack at dawn.\n"
                      '"We shall push on until the line breaks," Haig said.\n'
                      "Douglas Haig said the losses were acceptable.", "quotes")
    assert {q.speaker for q in a.quotes} == {"Douglas Haig"}


def test_she_tweeted_goes_to_the_woman_not_the_man_she_quotes(annotate_text: Annotate) -> None:
    a = annotate_text("Senator Linda Park answered remarks by John Miller on the program.\n"
                      '"He should resign today and apologise to the voters," she tweeted.\n'
                      'Mr. Miller had said the program "works for every family".\n'
                      'She tweeted: "The program has failed every family that relied on it."', "quotes")
    she = [q for q in a.quotes if q.speaker_mention is not None and q.speaker_mention.text.lower() == "she"]
    assert len(she) == 2 and {q.speaker for q in she} == {"Linda Park"}
