"""Russian, German and Polish speakers (session 9), on sentences of the training articles."""

from __future__ import annotations

from stagerun import run


def said(text: str, lang: str) -> list[tuple[str, str | None, str]]:
    return [(q.kind, q.speaker, q.text.split()[0]) for q in run(text, lang).quotes]


def test_german_konjunktiv_after_a_cue_and_a_prepositional_phrase() -> None:
    text = ("Ralph Lenkert, energie- und klimapolitischer Sprecher der Partei Die Linke im Bundestag, erklärte in "
            "seiner Rede, die Linksfraktion werde dem Gesetz zustimmen, weil die Ampel ihren Entwurf verbessert habe.")
    assert ("reported", "Ralph Lenkert", "die") in said(text, "de")


def test_german_so_and_a_name_closing_a_konjunktiv_sentence() -> None:
    text = ("Ralph Lenkert erklärte in seiner Rede, die Linksfraktion werde dem Gesetz zustimmen. Viele Menschen "
            "hätten heute Angst vor der nächsten Energierechnung, so Lenkert weiter.")
    assert ("reported", "Ralph Lenkert", "Viele") in said(text, "de")
    plain = "Der Zug kam spät an, so dass alle Reisenden lange warten mussten und Anna Berg sich beschwerte."
    assert not [q for q in said(plain, "de") if q[2] == "Der"]  # "so dass": no source


def test_german_konjunktiv_sentence_with_a_few_marked_words() -> None:
    text = ("Kathrin Henneberger sagte: Man werde dafür sorgen, dass der Beschluss die Kohleindustrie nicht fördere. "
            "Dies werde man »parlamentarisch kontrollieren«.")
    assert ("reported", "Kathrin Henneberger", "Dies") in said(text, "de")


def test_russian_document_phrase_names_its_author_or_goes_on_with_the_last_speaker() -> None:
    text = ("Российские военные уничтожили две такие машины на аэродроме Арциз, говорится в сводке Минобороны "
            "России, распространенной в понедельник.")
    assert said(text, "ru") == [("reported", "Минобороны", "Российские")]
    letter = ("Глава Евросовета Шарль Мишель в своем послании заявил, что призовет лидеров предоставить статус "
              "кандидата Украине.\n\"Настало время признать, что будущее Украины в ЕС\", - говорится в документе.")
    assert said(letter, "ru")[-1] == ("direct", "Шарль Мишель", "Настало")
    first = "«Конституция не дает права на аборт», — отмечается в заявлении суда."
    assert said(first, "ru") == [("direct", None, "Конституция")]  # no name after the document: no one yet


def test_polish_source_phrase_yields_to_the_cue_of_its_sentence() -> None:
    text = ("Jak podała agencja Reutersa, prezes banku Elwira Nabiullina powiedziała w nagraniu wideo dla "
            "pracowników, że liczono jednak na łagodniejszy scenariusz.")
    assert said(text, "pl") == [("reported", "Elwira Nabiullina", "liczono")]


def test_polish_possessive_source_phrase() -> None:
    text = ("Tomasz Siemoniak powiedział, że jest zwolennikiem szczepień.\nJego zdaniem rząd, który bez przekonania "
            "realizuje kampanię szczepień, powinien zrobić dużo więcej.")
    assert said(text, "pl")[-1] == ("reported", "Tomasz Siemoniak", "Jego")


def test_quote_left_open_takes_the_cue_after_its_closing_mark_paragraphs_later() -> None:
    text = ("Независимый депутат Михаил Кавелашвили обращается к послу США с открытым письмом.\n"
            "«Г-жа посол! Несколько дней назад вы заявили, что тот, кто так утверждает, озвучивает нарратив ФСБ.\n"
            "Мне совершенно непонятно, почему вы не отстраняетесь от «проамериканских» требований.\n"
            "Надеюсь получить публичные и четкие ответы на мои вопросы», — говорится в письме Кавелашвили.")
    assert said(text, "ru")[0] == ("direct", "Михаил Кавелашвили", "Г-жа")


def test_german_organisation_after_von_der_is_not_the_speaker() -> None:
    text = "Luca von der Naturschutzjugend NaJu Bayern meint: »Wir dürfen nicht nur reden, sondern müssen handeln«."
    assert said(text, "de") == [("direct", None, "Wir")]  # whose member speaks, not the organisation


def test_german_known_first_name_alone_opening_a_sentence_with_a_cue() -> None:
    text = ("Max studiert Lehramt und sagt: »Ich dachte, wir müssten uns nicht mehr mit Krieg auseinandersetzen.«\n"
            "Die Forderung sagt: »Wir brauchen einen Systemwandel statt Klimawandel.«")
    assert said(text, "de") == [("direct", "Max", "Ich"), ("direct", None, "Wir")]  # "Die Forderung": no name
