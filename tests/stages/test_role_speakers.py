"""Role phrases as speakers in Russian, German and Polish: the role after a cue, a "former" prefix, German compounds,
and Polish present-tense cues without a subject."""

from __future__ import annotations

from stagerun import run

from presswatch.stages.speech_rules import role_speakers
from presswatch.stages.speech_rules.speech_language import rules


def said(text: str, lang: str) -> list[tuple[str, str | None, str]]:
    return [(q.kind, q.speaker, q.text.split()[0]) for q in run(text, lang).quotes]


def test_same_role_reads_prefixes_and_german_compounds() -> None:
    assert role_speakers.same_role("экс-госсекретарь", "госсекретарь", "ru")
    assert role_speakers.same_role("Kanzler", "Bundeskanzler", "de")
    assert role_speakers.same_role("UNO-Kommissar", "Flüchtlingskommissar", "de")
    assert not role_speakers.same_role("Kanzler", "Bundeskanzler", "pl")  # compounds are German
    assert not role_speakers.same_role("Sprecher", "Bundeskanzler", "de")


def test_russian_role_after_a_cue_is_a_person_not_the_organisation_it_names() -> None:
    r = rules("ru")
    assert role_speakers.person_noun("исполнительный", r) and role_speakers.person_noun("экс-госсекретарь", r)
    assert not role_speakers.person_noun("ведомство", r) and not role_speakers.person_noun("он", r)
    text = ("МОСКВА. Фонд поддержал 91 проект, рассказал исполнительный директор фонда Антон Долгов.\n"
            "«Новые вызовы возникли сразу, и на них стали отзываться организации», — сообщил исполнительный "
            "директор Фонда.")
    assert said(text, "ru")[-1] == ("direct", "Антон Долгов", "Новые")


def test_russian_former_prefix_finds_the_role_given_before() -> None:
    text = ("Об этом заявил бывший американский госсекретарь Генри Киссинджер в интервью.\n"
            "Говоря об Украине, экс-госсекретарь США отметил, что раньше роль члена НАТО подходила Финляндии.")
    assert said(text, "ru") == [("reported", "Генри Киссинджер", "раньше")]


def test_german_role_subject_and_compound() -> None:
    text = ("Nach eigenen Angaben will der Bundeskanzler Olaf Scholz die Äußerungen nicht ernst nehmen.\n"
            "Der Kanzler betonte, dass es sehr wichtig sei, sich damit zu beschäftigen.")
    assert said(text, "de") == [("reported", "Olaf Scholz", "es")]


def test_german_role_after_a_cue_ends_before_a_preposition() -> None:
    text = ("Mit Blick auf die Lage warnte der UNO-Kommissar vor einer Verschlechterung:\n"
            "„Afrikas Regionen sind von Konflikten und vom Klimawandel betroffen.“")
    assert [q.speaker_mention.text for q in run(text, "de").quotes if q.speaker_mention] == ["der UNO-Kommissar"]


def test_polish_present_tense_cue_without_subject_goes_on_with_the_speaker() -> None:
    text = ("- SARS-CoV-2 to wysoce przystosowujący się wirus - mówi dr Sriram Subramaniam.\n"
            "- To dobry grunt pod projektowanie różnych terapii i zabiegów - podkreśla.\n"
            "Reuter przypomina, że Korea Północna nigdy nie poinformowała o liczbie zachorowań.")
    assert [(k, s) for k, s, _ in said(text, "pl")][:2] == [("direct", "Sriram Subramaniam"),
                                                              ("direct", "Sriram Subramaniam")]
    assert all(s is None for k, s, w in said(text, "pl") if w == "Korea")


def test_polish_left_out_subject_and_a_source_role() -> None:
    text = ("Minister sprawiedliwości Zbigniew Ziobro powiedział, że decyzja o szczepieniu to kwestia indywidualna.\n"
            "Dalej wyjaśnia, że nie jest zwolennikiem takich rozwiązań prawnych.\n"
            "Według ministra brakuje debaty na temat zalet szczepień.")
    assert said(text, "pl") == [("reported", "Zbigniew Ziobro", "decyzja"), ("reported", "Zbigniew Ziobro", "nie"),
                                ("reported", "Zbigniew Ziobro", "brakuje")]


def test_polish_womans_name_in_the_nominative_stays() -> None:
    from presswatch.stages.speech_rules import rule_names

    assert rule_names.nominative("Anna Moskwa", "pl", set()) == "Anna Moskwa"
    assert rule_names.nominative("Donalda Tuska", "pl", set()) == "Donald Tusk"


def test_russian_source_phrase_speaks_for_an_organisation_or_for_nobody() -> None:
    r = rules("ru")
    assert role_speakers.nobody("один из комментаторов", r) and role_speakers.nobody("статистике", r)
    assert not role_speakers.nobody("собеседник агентства", r)
    text = ("Накануне Bild опубликовал статью о газовом кризисе в Европе.\n"
            "Согласно информации издания, немецкое правительство исходит из того, что поставки не возобновят.\n"
            "«Эта страна катится вниз так быстро», — написал один из комментаторов.")
    assert [(k, s) for k, s, _ in said(text, "ru")] == [("reported", "Bild"), ("direct", None)]


def test_german_amounts_and_times_are_no_names_and_plural_roles_no_person() -> None:
    text = ("Das UN-Hochkommissariat für Flüchtlinge berichtete Ende Mai, dass die Zahl der Vertriebenen stieg.\n"
            "Die Preise könnten um 30 Prozent steigen, schrieben die Analysten der Bank.\n"
            "Der Minister Hans Meier sagte, dass die Lage ernst sei.\n"
            "„Wie lange wird das dauern?“, fragte ein Journalist.")
    article = run(text, "de")
    assert "Ende Mai" not in {e.name for e in article.entities}
    assert [(q.kind, q.speaker) for q in article.quotes] == [
        ("reported", "UN-Hochkommissariat für Flüchtlinge"), ("reported", "die Analysten der Bank"),
        ("reported", "Hans Meier"), ("direct", None)]


def test_german_gender_of_a_role_phrase() -> None:
    assert role_speakers.german_gender("die Analysten", "schrieben") == "p"
    assert role_speakers.german_gender("die Ministerin", "sagte") == "f"
    assert role_speakers.german_gender("Forscher", "so die") == "p"
    assert role_speakers.german_gender("der Minister", "sagte") is None


def test_russian_source_phrase_with_its_own_pronoun() -> None:
    text = ("Бывший британский премьер Гордон Браун рассказал в интервью подробности своего визита в Москву.\n"
            "По его словам, Запад долго не смог противостоять президенту РФ, до «его вторжения в Украину».\n"
            "По его словам, бездействие Запада, когда Дэвид Кэмерон был премьером, «позволило Путину думать иначе».")
    quotes = run(text, "ru").quotes
    assert (quotes[0].kind, quotes[0].speaker, len(quotes[0].parts)) == ("reported", "Гордон Браун", 1)
    assert all(q.speaker != "Дэвид Кэмерон" for q in quotes)


def test_german_subject_between_cue_and_konjunktiv() -> None:
    text = ("Unter den Zielen war RT-Chefredakteurin Margarita Simonjan.\n"
            "Simonjan kommentierte die Nachricht mit den Worten: „Alle Menschen sind sterblich, das ist gewiss.“\n"
            "Später erklärte der FSB, er habe eine Gruppe von Neonazis festgenommen.")
    assert [(k, s) for k, s, _ in said(text, "de")] == [("direct", "Margarita Simonjan"), ("reported", "FSB")]


def test_polish_outlet_institution_and_qualified_role() -> None:
    text = ("Macron rozmawiał wcześniej z prezydentem Rosji Władimirem Putinem o wojnie.\n"
            "Prezydent Francji w wywiadzie dla telewizji TF1 zarzucił premierowi, że ten nie mówi prawdy.\n"
            "Natomiast polski Główny Inspektorat Ochrony Środowiska przyznał, że w próbkach wykryto sól.\n"
            "Wizyta w Kijowie może okazać się wstępem do koszmaru – komentuje dziennik „Die Welt”.")
    speakers = [s for _, s, _ in said(text, "pl")]
    assert "Władimir Putin" not in speakers and "Die Welt" in speakers
    assert any(s and s.endswith("Inspektorat Ochrony Środowiska") for s in speakers)


def test_polish_document_as_source() -> None:
    text = ("Z raportu opracowanego przez Uniwersyteckie Centrum Medyczne w Groningen wynika, że jeden na ośmiu "
            "pacjentów może mieć długofalowe problemy.\n"
            "Z tej analizy wynika, że więcej niż połowa badanych pracuje za długo.")
    assert [(k, s) for k, s, _ in said(text, "pl")] == [
        ("reported", "Uniwersyteckie Centrum Medyczne w Groningen"), ("reported", None)]


def test_russian_marked_words_inside_a_source_phrase_sentence_are_its_parts() -> None:
    text = ("Бывший британский премьер Гордон Браун дал интервью газете.\n"
            "У экс-главы британского правительства Гордона Брауна, по его словам, «никогда не было иллюзий "
            "относительно того, каким был Путин».")
    quotes = run(text, "ru").quotes
    assert [(q.kind, q.speaker, len(q.parts)) for q in quotes] == [("reported", "Гордон Браун", 1)]


def test_german_konjunktiv_sentence_before_an_inverted_cue_holds_its_marked_words() -> None:
    text = ("Bundeskanzler Olaf Scholz sprach am Montag in Berlin.\n"
            "Das werde »eine Menge Arbeit erfordern«, sagte Scholz.\n"
            "„Mir kam das auch komisch vor“, sagte Scholz.")
    assert [(q.kind, q.speaker, q.text.split()[0]) for q in run(text, "de").quotes] == [
        ("reported", "Olaf Scholz", "Das"), ("direct", "Olaf Scholz", "Mir")]


def test_polish_dash_paragraph_reported_by_a_body_after_the_told_agency() -> None:
    text = ("Prezydent Andrzej Duda podpisał ustawę o dodatku węglowym dla gospodarstw domowych – poinformowała PAP "
            "w czwartek wieczorem Kancelaria Prezydenta.")
    assert [(k, s) for k, s, _ in said(text, "pl")] == [("reported", "Kancelaria Prezydenta")]


def test_russian_plural_role_is_no_one_person() -> None:
    assert role_speakers.russian_plural("эксперты") == "p" and role_speakers.russian_plural("эксперт") is None
    text = ("Депутат Даниэль Риш заявил, что страна не поддерживает милитаристские устремления альянса.\n"
            "Как отмечают эксперты, Лихтенштейн может стать первой ласточкой развала НАТО.")
    assert [s for _, s, _ in said(text, "ru")] == ["Даниэль Риш", "эксперты"]
