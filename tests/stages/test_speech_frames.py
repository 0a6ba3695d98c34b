"""English reported speech without a clausal complement: object + to-infinitive, preposition frames, speech nouns
with a 'that' clause, document subjects, "per X", "Name: …" (made-up sentences), and what stays out."""

from __future__ import annotations

from collections.abc import Callable

from presswatch.article import Article, Quote

Annotate = Callable[..., Article]
Check = Callable[[Article], None]


def got(quotes: list[Quote]) -> list[tuple[str, str, str | None, str | None]]:
    return [(q.kind, q.text, q.speaker, q.cue) for q in quotes]


def test_frames_without_a_clausal_complement(annotate_text: Annotate, check_offsets: Check) -> None:
    a = annotate_text("Volodymyr Zelensky urged Western allies to send more air defence systems.\n"
                      "Moscow accused Kyiv of shelling the nuclear plant.\n"
                      "The minister Anna Berg criticised the decision as a betrayal of voters.\n"
                      "Dmitry Peskov's warning that the talks could collapse came on Monday.\n"
                      "The claim by Sergei Lavrov that Kyiv staged the attack was rejected.\n"
                      "A statement from the ministry said the talks would resume.", "quotes")
    check_offsets(a)
    assert got(a.quotes) == [
        ("reported", "Western allies to send more air defence systems", "Volodymyr Zelensky", "urged"),
        ("reported", "Kyiv of shelling the nuclear plant", "Moscow", "accused"),
        ("reported", "the decision as a betrayal of voters", "Anna Berg", "criticised"),
        ("reported", "the talks could collapse", "Dmitry Peskov", "warning"),
        ("reported", "Kyiv staged the attack", "Sergei Lavrov", "claim"),
        ("reported", "the talks would resume", "the ministry", "said"),  # the document's author speaks
    ]


def test_possessive_pronoun_and_no_speaker(annotate_text: Annotate) -> None:
    a = annotate_text("Sergei Lavrov met reporters in Moscow on Friday.\n"
                      "He repeated his claim that the West had staged the attack in Bucha.\n"
                      "Officials rejected the claim that the plant was shelled by the army.\n"
                      "The claim that he made was false.\n"
                      "The mayor was accused of taking bribes from developers.\n"
                      "The plan, described as a historic breakthrough, was signed.\n"
                      "But this calls for active diplomacy, not military action.", "quotes")
    assert got(a.quotes) == [("reported", "the West had staged the attack in Bucha", "Sergei Lavrov", "claim")]


def test_per_source_and_name_colon(annotate_text: Annotate, check_offsets: Check) -> None:
    a = annotate_text("Sergei Lavrov: the West is waging a hybrid war against Russia\n"
                      "Sergei Lavrov spoke in Moscow.\n"
                      "Prices rose by 5 per cent in March, per Reuters.\n"
                      "Oil costs $90 per barrel, per the latest figures.\n"
                      "Obama’s Treason: Even Worse Than We Thought Before Today\n"
                      'Dmitry Peskov: "We will not comment on the matter at all today."\n'
                      "Dmitry Peskov later left.", "quotes")
    check_offsets(a)
    assert got(a.quotes) == [
        ("reported", "the West is waging a hybrid war against Russia", "Sergei Lavrov", None),
        ("reported", "Prices rose by 5 per cent in March", "Reuters", "per"),
        ("direct", "We will not comment on the matter at all today.", "Dmitry Peskov", None),
    ]


def test_headline_case_is_parsed_as_words(annotate_text: Annotate) -> None:
    a = annotate_text("Sergei Lavrov Accuses Kyiv Of Shelling The Nuclear Plant\n\n"
                      "Sergei Lavrov spoke in Moscow on Monday.", "quotes")
    assert got(a.quotes) == [("reported", "Kyiv Of Shelling The Nuclear Plant", "Sergei Lavrov", "Accuses")]
