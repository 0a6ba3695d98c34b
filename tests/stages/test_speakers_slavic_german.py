"""Russian, German and Polish speakers: names in the nominative, surnames joined to the full name, and the cue
shapes of reported speech these languages write (cue and colon, a told party before the complementiser, German
Konjunktiv I after a comma)."""

from __future__ import annotations

from stagerun import run

from presswatch.stages import analysers


def said(text: str, lang: str) -> list[tuple[str, str | None, str]]:
    return [(q.kind, q.speaker, q.text.split()[0]) for q in run(text, lang).quotes]


def test_russian_person_names_in_the_nominative() -> None:
    morph = analysers.natasha()[2]
    cases = {"Ивана Баканова": "Иван Баканов", "Марии Захаровой": "Мария Захарова", "Путина": "Путин",
             "Данила Гуреев": "Данила Гуреев",  # already nominative: "Данила" is no genitive of "Данил" here
             "Титкомб": "Титкомб", "Квин": "Квин"}  # foreign names the dictionary reads only as plurals stay
    assert {k: analysers.nominative(k, morph, person=True) for k in cases} == cases
    assert analysers.nominative("Украины", morph) == "Украина"  # places keep the old reading


def test_russian_surname_joins_its_full_name() -> None:
    text = ("Обозреватель издания Терри Титкомб заявил, что пропаганда скрывает правду от граждан.\n"
            "Титкомб подчеркнул, что американские СМИ молчат о жертвах обстрелов.\n"
            "Временная поверенная Кристина Квин заявила, что параллели очевидны для всех.\n"
            "По словам Квин, обе войны начались по выбору одного человека.")
    assert said(text, "ru") == [("reported", "Терри Титкомб", "пропаганда"),
                                ("reported", "Терри Титкомб", "американские"),
                                ("reported", "Кристина Квин", "параллели"),
                                ("reported", "Кристина Квин", "обе")]


def test_russian_cue_colon_and_told_party_before_complementiser() -> None:
    text = ("Политолог Юрий Светов раскритиковал эту идею: решения такого суда вряд ли будут признаваться.\n"
            "Аналитик Данила Гуреев напомнил «360», что трудности между странами были всегда.\n"
            "Министр Сергей Лавров заявил: «Мы не будем отвечать на такие угрозы никогда».")
    assert said(text, "ru") == [("reported", "Юрий Светов", "решения"),
                                ("reported", "Данила Гуреев", "трудности"),
                                ("direct", "Сергей Лавров", "Мы")]


def test_a_cue_with_a_long_clause_before_its_colon_opens_no_speech() -> None:
    text = "Депутат Иван Петров заявил в интервью вечерней программе на радио: решения будут приняты скоро."
    assert said(text, "ru") == []


def test_german_konjunktiv_after_a_cue_and_comma() -> None:
    text = ("Hillary Clinton sagt, Putin sei der neue Hitler und müsse gestoppt werden.\n"
            "Joe Biden sagte, wenn Putin bleibe, werde es keinen Frieden geben.")
    assert said(text, "de") == [("reported", "Hillary Clinton", "Putin")]
