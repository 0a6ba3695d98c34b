"""quotes stage: direct quotes with speakers and cues, reported speech, according to, pronouns, scare quotes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from presswatch.article import Article, Quote
from presswatch.stages.english.direct import quote_marks

Annotate = Callable[..., Article]
Check = Callable[[Article], None]


def norm(text: str) -> str:
    """The example page has no-break spaces between words; compare with plain ones."""
    return text.replace("\u00a0", " ")


def direct(quotes: list[Quote]) -> list[tuple[str, str | None, str | None]]:
    return [(q.text, q.speaker, q.cue) for q in quotes if q.kind == "direct"]


def reported(quotes: list[Quote]) -> list[tuple[str, str | None, str | None]]:
    return [(q.text, q.speaker, q.cue) for q in quotes if q.kind == "reported"]


def test_example_direct_quotes_of_putin(check_offsets: Check, example_article: Article) -> None:
    a = example_article
    check_offsets(a)
    putin = [q for q in a.quotes if q.kind == "direct" and q.speaker == "Vladimir Putin"]
    assert len(putin) >= 4
    first = putin[0]
    assert first.text.startswith("Are you aware that we support")
    assert norm(first.text).endswith("with airstrikes")  # one quote across three sentences, the comma left out
    assert first.cue == "told" and first.speaker_mention is not None and first.speaker_mention.text == "Putin"
    assert any(q.cue == "said" and norm(q.text).startswith("As to Syria") for q in putin)
    assert not any(q.text == "phony evidence" for q in a.quotes)  # a scare quote, nobody's speech


def test_example_reported_speech(example_article: Article) -> None:
    a = example_article
    rep = reported(a.quotes)
    haddad = [r for r in rep if r[1] == "Riad Haddad"]
    assert haddad and norm(haddad[0][0]).startswith("the strikes were being carried out against")
    assert haddad[0][2] == "confirmed"
    putin = {(cue, norm(text).split()[0]) for text, speaker, cue in rep if speaker == "Vladimir Putin"}
    assert ("said", "Russia") in putin  # "Russian President Vladimir Putin said that Russia coordinates"
    assert ("denied", "Russia’s") in putin
    assert ("added", "it") in putin
    assert ("according to", "the") in putin  # "According to the Russian leader, the conflict ..."
    assert ("United Nations", "according to") in {(s, c) for t, s, c in rep if t.startswith("Around four million")}


def test_example_after_cleaning(annotate_text: Annotate, example_path: Path) -> None:
    clean = pytest.importorskip("presswatch.clean")
    a = clean.clean_string(example_path.read_text(encoding="utf-8"))
    annotated = annotate_text(a.text)
    assert len([q for q in annotated.quotes if q.kind == "direct" and q.speaker == "Vladimir Putin"]) >= 4


def test_outlet_styles(annotate_text: Annotate, check_offsets: Check) -> None:
    text = ("Angela Merkel met reporters in Berlin on Monday.\n"
            '"We will not back down," she said.\n'
            "The minister said: “There is no alternative to dialogue with Moscow and we will keep trying.”\n"
            '"The situation is very serious," Merkel told reporters. "We need a common European answer."\n'
            "«This is a disgrace for the whole country», the opposition leader wrote on Twitter.\n"
            "„Prices will rise by five percent next year“, said John Smith, chief economist at the bank.")
    a = annotate_text(text, "quotes")
    check_offsets(a)
    got = direct(a.quotes)
    assert ("We will not back down", "Angela Merkel", "said") in got  # pronoun -> the previous person
    assert ("There is no alternative to dialogue with Moscow and we will keep trying.", "The minister", "said") in got
    assert ("The situation is very serious", "Angela Merkel", "told") in got
    assert ("We need a common European answer.", "Angela Merkel", "told") in got
    assert ("This is a disgrace for the whole country", "the opposition leader", "wrote") in got
    assert ("Prices will rise by five percent next year", "John Smith", "said") in got


def test_split_quote_both_parts_attributed(annotate_text: Annotate) -> None:
    a = annotate_text('"First part of the statement," Putin said, "and the second part of it."', "quotes")
    assert direct(a.quotes) == [("First part of the statement", "Vladimir Putin", "said"),
                                ("and the second part of it.", "Vladimir Putin", "said")]


def test_reuters_told_reporters_and_reported_forms(annotate_text: Annotate) -> None:
    a = annotate_text("White House press secretary Jen Psaki told reporters that the administration was reviewing it.\n"
                      "The spokeswoman, Maria Zakharova, said that Washington had ignored all the warnings.\n"
                      "Prices have doubled since January, the central bank said.", "quotes")
    rep = reported(a.quotes)
    assert ("the administration was reviewing it", "Jen Psaki", "told") in rep
    assert ("Washington had ignored all the warnings", "Maria Zakharova", "said") in rep
    assert ("Prices have doubled since January", "the central bank", "said") in rep


def test_pronoun_without_antecedent_and_quote_continuation(annotate_text: Annotate) -> None:
    a = annotate_text('"We will not back down," he said.\n'
                      "Officials said the ceasefire had collapsed.\n"
                 '"The mayor of the city has documented more than 300 violations," Tedros Adhanom told reporters.\n'
                 '"And the number keeps growing every single day of this week."', "quotes")
    got = direct(a.quotes)
    assert got[0] == ("We will not back down", None, "said")
    assert got[-1] == ("And the number keeps growing every single day of this week.", "Tedros Adhanom", None)


def test_partial_colon_and_idiom(annotate_text: Annotate) -> None:
    a = annotate_text('The minister said the budget was "a disaster for every family in this country" on Monday.\n'
                      'That said, the plan "will be reviewed by the whole committee next year" anyway.\n'
                      'Erdogan exploded: "They tell us not to come to Manbij. We will come anyway."', "quotes")
    # marks around part of what is said make one mixed (reported) quote over the clause, the quoted words a part
    mixed = next(q for q in a.quotes if q.kind == "reported")
    assert (mixed.text, mixed.speaker, mixed.cue) == (
        'the budget was "a disaster for every family in this country" on Monday', "The minister", "said")
    assert [a.text[p.start:p.end] for p in mixed.parts] == ["a disaster for every family in this country"]
    assert direct(a.quotes) == [
        ("will be reviewed by the whole committee next year", None, None),
        ("They tell us not to come to Manbij. We will come anyway.", "Recep Tayyip Erdogan", "exploded"),
    ]


def test_direct_quote_according_to(annotate_text: Annotate) -> None:
    a = annotate_text('"Four million people have fled the country," according to UN estimates.\n'
                      'According to the Russian leader: "The conflict would not have escalated at all."', "quotes")
    assert direct(a.quotes) == [("Four million people have fled the country", "United Nations", "according to"),
                                ("The conflict would not have escalated at all.", "Vladimir Putin", "according to")]


def test_quote_marks_pairing() -> None:
    assert quote_marks('a "b" c “d” e «f» g „h“ i "open') == [(2, 4), (8, 10), (14, 16), (20, 22), (26, 31)]
    assert quote_marks("no marks here") == []


PARAS = [
    '"They are telling lies. Look, this can be corroborated," Putin told the newspaper.',
    "Vladimir Putin denied that Russia’s military campaign in Syria is targeted against rebel forces.",
    "Around four million people have fled, according to UN estimates.",
    '“It is a complicated process,” he said, “and then elections must be held.”',
    'The minister said: "No." Then he left',
    "«Nous verrons», a dit le ministre.",
    'A "scare quote" here and an "unclosed one',
]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PARAS), min_size=1, max_size=6), st.sampled_from(["\n", "\n\n", " "]))
def test_quote_offsets_on_random_text(
    annotate_text: Annotate, check_offsets: Check, paras: list[str], sep: str
) -> None:
    a = annotate_text(sep.join(paras), "quotes")
    check_offsets(a)
    for q in a.quotes:
        assert q.kind in {"direct", "reported"}
        assert q.text == q.text.strip()


def test_lede_repeated_by_dateline_sentence_is_one_quote(example_article: Article, annotate_text: Annotate) -> None:
    lede = [q for q in example_article.quotes if norm(q.text).startswith("Russia coordinates its actions in Syria")]
    assert len(lede) == 1 and lede[0].speaker == "Vladimir Putin" and lede[0].start < 150  # the first one kept
    a = annotate_text("Angela Merkel said that the talks with Moscow would go on next week in Berlin.\n"
                      "BERLIN — The talks with Moscow would go on next week in Berlin, Angela Merkel said.\n"
                      "John Smith said that the talks with Moscow will go on next week in Berlin.\n"
                      '"The talks with Moscow will go on next week in Berlin, and we will be ready," Smith said.\n'
                      "Angela Merkel said that the talks would fail.", "quotes")
    got = [(q.kind, q.speaker, q.start) for q in a.quotes]
    merkel = [g for g in got if g[1] == "Angela Merkel"]
    assert len(merkel) == 2 and merkel[0][2] < 80  # the lede kept, the dateline copy dropped, the other kept
    smith = [g for g in got if g[1] == "John Smith"]
    assert [g[0] for g in smith] == ["direct"]  # the paraphrase says nothing the direct quote does not


def test_speaker_after_the_quote_and_pronouns(annotate_text: Annotate) -> None:
    a = annotate_text("Rocky Palermo was shot during the attack and is now speaking out.\n"
                      '"I definitely believe that there was more than one shooter," Palermo said.\n'
                      "The man then goes on to explain that he ran to hide behind a car.\n"
                      '"All of a sudden bullets are just flying by us from everywhere," he continued.\n'
                      '"The same exits we came in by were definitely closed that night," he shockingly concluded.\n'
                      '"We are deeply concerned by the outbreak in the region," the World Health Organization said. '
                      '"It is spreading fast across the borders."\n'
                      '"We will send a team of experts next week to the capital," it said.', "quotes")
    got = direct(a.quotes)
    assert ("All of a sudden bullets are just flying by us from everywhere", "Rocky Palermo", "continued") in got
    assert ("The same exits we came in by were definitely closed that night", "Rocky Palermo", "concluded") in got
    assert ("It is spreading fast across the borders.", "World Health Organization", "said") in got
    assert ("We will send a team of experts next week to the capital", "World Health Organization", "said") in got


def test_statement_read_and_acronym_speakers(annotate_text: Annotate) -> None:
    a = annotate_text("The union posted a statement on Monday.\n"
                      "The statement read: “We will strike until the demands of the workers are met.”\n"
                      "“Humanity is more vulnerable to epidemics than ever before,” WHO said.", "quotes")
    got = direct(a.quotes)
    assert got[0] == ("We will strike until the demands of the workers are met.", "The statement", "read")
    assert got[1] == ("Humanity is more vulnerable to epidemics than ever before", "World Health Organization", "said")


def test_quote_marks_mixed_styles() -> None:
    assert quote_marks('"Mixed marks close here,” he said.') == [(0, 24)]
    assert quote_marks('"a" and “b”') == [(0, 2), (8, 10)]
