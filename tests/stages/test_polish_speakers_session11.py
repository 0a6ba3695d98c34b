"""Polish speakers (session 11), on sentences of the training articles: role nouns in any case, title abbreviations,
first names, and the case of the name a left-out subject goes back to."""

from __future__ import annotations

from stagerun import run

from presswatch.stages.speech_rules import polish_forms
from presswatch.stages.speech_rules.speech_text import first_stop


def said(text: str, lang: str = "pl") -> list[tuple[str, str | None, str]]:
    return [(q.kind, q.speaker, q.text.split()[0]) for q in run(text, lang).quotes]


def test_case_forms_of_role_nouns() -> None:
    assert {"polityka", "politykiem", "politykowi"} <= polish_forms.case_forms("polityk")
    assert {"badaczki", "badaczkę", "badaczką"} <= polish_forms.case_forms("badaczka")
    assert {"specjalisty", "specjalistę"} <= polish_forms.case_forms("specjalista")
    assert "naukowca" in polish_forms.case_forms("naukowiec")
    assert polish_forms.genders(["ekspertka", "przywódca"]) == {
        **dict.fromkeys(polish_forms.case_forms("ekspertka"), "f"),
        **dict.fromkeys(polish_forms.case_forms("przywódca"), "m")}


def test_source_phrase_with_a_role_in_the_genitive() -> None:
    text = ("– Zdecydowanie się temu sprzeciwiamy – podkreślił Grzegorz Braun. Zdaniem polityka, sytuacja w tej "
            "sprawie rozwija się bardzo szybko.")
    assert said(text)[-1] == ("reported", "Grzegorz Braun", "sytuacja")


def test_title_abbreviation_is_no_sentence_end() -> None:
    text = ("„Trudno dziwić się rosyjskim artystom, że nie wypowiadają się w dzisiejszej Rosji”, uważa dr hab. "
            "Agnieszka Legucka z Polskiego Instytutu Spraw Międzynarodowych.")
    assert said(text) == [("direct", "Agnieszka Legucka", "Trudno")]


def test_feminine_role_noun_agrees() -> None:
    text = ("„Rosyjskie władze jeszcze nie wszystko kontrolują, chociaż starają się to robić”, podkreśla Agnieszka "
            "Legucka.\n\nIgor Łastoczkin mówił o tym w wywiadzie. Władze nie posiadają takich narzędzi, które "
            "pozwoliłyby im ścigać wszystkich krytykujących Kreml, uważa ekspertka.")
    assert said(text)[-1] == ("reported", "Agnieszka Legucka", "Władze")


def test_first_name_outside_a_cue_makes_a_colon_speaker() -> None:
    text = ("Głos zabrała także Róża Thun, odnosząc się bezpośrednio do słów posłanki:\n\n„Hipokryzja to udawanie, "
            "że broni się ludzkiego życia od poczęcia aż do naturalnej śmierci”.")
    assert said(text) == [("direct", "Róża Thun", "Hipokryzja")]


def test_masculine_first_name_in_a() -> None:
    text = ("Ilja Jabłokow, wykładowca na brytyjskim Uniwersytecie Sheffield, specjalista w badaniu dezinformacji i "
            "cenzury, który zajmował się m.in. antysemityzmem w Rosji, powiedział, że antyżydowska ksenofobia może "
            "wybuchnąć w każdej chwili.")
    assert said(text) == [("reported", "Ilja Jabłokow", "antyżydowska")]


def test_left_out_subject_skips_a_name_in_another_case() -> None:
    text = ("Brytyjski generał Patrick Sanders przekonuje, że jesteśmy w tym samym miejscu co Europa przed wojną. — "
            "Nie doświadczyłem tak wyraźnego zagrożenia dla zasad demokracji — podkreśla.\n\nNajwyższy rangą "
            "brytyjski generał porównał inwazję Rosji na Ukrainę do agresji nazistowskiego przywódcy Adolfa Hitlera. "
            "Podkreślił, że należy zmobilizować wszystkie siły, by zapobiec rozszerzeniu się trwającej wojny.")
    assert said(text)[-1] == ("reported", "Patrick Sanders", "należy")


def test_cue_window_passes_an_initial_before_any_word() -> None:
    text = "— заявил В.Путин журналистам."
    assert first_stop(text, 0, len(text), ".", any_next=True) == len(text) - 1
    assert first_stop(text, 0, len(text), ".") == text.index(".")
