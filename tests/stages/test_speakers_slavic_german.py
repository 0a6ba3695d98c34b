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


def test_polish_name_after_role_words_and_a_papers_time_phrase() -> None:
    text = ("„To nie działa” – powiedziała przewodnicząca parlamentarnej komisji obrony Marie-Agnes "
            "Strack-Zimmermann.\n"
            "Liczba Ukraińców w Polsce spadła w maju do 3,37 mln – podał w poniedziałek Dziennik Gazeta Prawna.\n"
            "Ale taki scenariusz jest bardzo możliwy – powiedział w rozmowie z portalem Vox Jakow Feygin.")
    got = [(q.kind, q.speaker) for q in run(text, "pl").quotes]
    assert got[0] == ("direct", "Marie-Agnes Strack-Zimmermann")
    assert got[1][0] == "reported" and str(got[1][1]).endswith("Gazeta Prawna")  # "dziennik" is a title word
    assert all(sp != "Vox" for _, sp in got)  # a name after a preposition is who was spoken to


def test_polish_three_capitalised_words_without_a_first_name_are_no_person() -> None:
    text = ("Jak podało Biuro Bezpieczeństwa Narodowego, prezydent Andrzej Duda mianował jedenastu generałów.\n"
            "Podczas Święta Wojska Polskiego prezydent Andrzej Duda powiedział, że armia stanęła na wysokości "
            "zadania.")
    a = run(text, "pl")
    labels = {e.name: e.label for e in a.entities}
    assert labels.get("Biuro Bezpieczeństwa Narodowego") == "ORG"  # kept as written, not "Bezpieczeństw"
    assert not any(lab == "PERSON" and "Wojsk" in name for name, lab in labels.items())
    assert [(q.kind, q.speaker) for q in a.quotes] == [("reported", "Biuro Bezpieczeństwa Narodowego"),
                                                      ("reported", "Andrzej Duda")]


def test_office_holders_by_role_and_date() -> None:
    from presswatch.stages.speech_rules import office_holders

    assert office_holders.holder("пресс-секретаря Кремля", "ru", "") == "Дмитрий Песков"
    assert office_holders.holder("der Kremlsprecher", "de", "2022-07-01") == "Dmitri Peskow"
    assert office_holders.holder("Bundeskanzler", "de", "2019-07-01") is None  # Merkel's time: not in the table
    assert office_holders.holder("бывший пресс-секретарь Кремля", "ru", "") is None  # a former holder is someone else
    assert office_holders.holder("rzecznik Kremla", "pl", "2022-07-01") == "Dmitrij Pieskow"
    assert office_holders.holder("rzecznik", "pl", "") is None


def test_role_speakers_resolve_in_the_article_or_by_office() -> None:
    ru = "«Мы не видим прогресса в этом вопросе», — заявил пресс-секретарь Кремля."
    assert [(q.kind, q.speaker) for q in run(ru, "ru").quotes] == [("direct", "Дмитрий Песков")]
    pl = "„Nie widzimy postępu w tej kwestii” – powiedział rzecznik Kremla."
    assert [(q.kind, q.speaker) for q in run(pl, "pl").quotes] == [("direct", "Dmitrij Pieskow")]
    ru2 = ("Временная поверенная в делах США в Украине Кристина Квин дала интервью.\n"
           "Временная поверенная в делах США в Украине отметила, что страна не провоцировала агрессию.")
    assert [(q.kind, q.speaker) for q in run(ru2, "ru").quotes] == [("reported", "Кристина Квин")]


def test_polish_past_tense_cue_after_a_quote_and_a_womans_first_name() -> None:
    text = ("„Mateusz Morawiecki jest skrajnie prawicowym antysemitą” – warknął Emmanuel Macron w wywiadzie.\n"
            "Na scenie wystąpiła też Vanessa Nakate z Ugandy. - Historycznie Afryka jest odpowiedzialna za "
            "niewielką część emisji - powiedziała.")
    assert [(q.kind, q.speaker) for q in run(text, "pl").quotes] == [("direct", "Emmanuel Macron"),
                                                                    ("direct", "Vanessa Nakate")]


def test_polish_first_name_case_forms_are_one_person() -> None:
    text = ("Słowa Andrzeja Dudy uraziły Jurka Owsiaka, który odpowiedział na Facebooku.\n"
            "„Nadal będziemy pomagać ludziom na granicy” – napisał Jurek Owsiak.\n"
            "„Nie zatrzymacie nas przed humanitarnymi działaniami” – zakończył Owsiak.")
    a = run(text, "pl")
    assert [(q.kind, q.speaker) for q in a.quotes] == [("direct", "Jurek Owsiak"), ("direct", "Jurek Owsiak")]
    assert {e.name for e in a.entities if e.label == "PERSON"} == {"Andrzej Duda", "Jurek Owsiak"}


def test_russian_titles_are_no_persons_and_speak_as_roles() -> None:
    text = ("Предстоятель Русской православной церкви Патриарх Московский и всея Руси Кирилл выступил на чтениях.\n"
            "«Общество загоняет себя в ловушку правовых противоречий», — сказал Святейший.\n"
            "«Необоснованное отобрание детей есть та черта, которую нельзя переступить», — подчеркнул Патриарх.\n"
            "По словам военного эксперта, эффективное проведение операции ослабит желание альянса.")
    a = run(text, "ru")
    persons = {e.name for e in a.entities if e.label == "PERSON"}
    assert "Патриарх" not in persons and "Святейший" not in persons
    got = [(q.kind, q.speaker) for q in a.quotes]
    assert got[0] == ("direct", "Кирилл") and got[-1][0] == "reported"


def test_german_names_by_first_name_a_year_after_the_cue_and_the_apposed_name() -> None:
    text = ("„Nun siegt mal schön!“, sagte 1958 der damalige Bundespräsident Theodor Heuss zu Soldaten.\n"
            "Hat Oskar Lafontaine Recht mit seinem Statement: „Scholz ist Putins und auch Bidens Trottel“?\n"
            "Washingtons Finanzministerin, Janet Yellen, hatte schon Anfang Juni mitgeteilt, dass die Regierung "
            "aktive Diskussionen führe.")
    got = [(q.kind, q.speaker) for q in run(text, "de").quotes]
    assert got == [("direct", "Theodor Heuss"), ("direct", "Oskar Lafontaine"), ("reported", "Janet Yellen")]


def test_names_with_lower_case_particles() -> None:
    pl = ("Przewodnicząca Komisji Europejskiej Ursula von der Leyen przyjechała do Warszawy. Polityk podkreśliła, że "
          "pieniądze nie popłyną do Polski bez reform.")
    assert [(q.kind, q.speaker) for q in run(pl, "pl").quotes] == [("reported", "Ursula von der Leyen")]
    de = "EU-Kommissionspräsidentin Ursula von der Leyen sagte, die Sanktionen seien bereits beschlossen."
    assert [(q.kind, q.speaker) for q in run(de, "de").quotes] == [("reported", "Ursula von der Leyen")]


def test_polish_surname_after_an_inflected_first_name_takes_the_form_the_text_writes() -> None:
    from presswatch.stages.speech_rules import rule_names

    assert rule_names.nominative("Waldemara Kraski", "pl", {"Waldemar", "Kraska"}) == "Waldemar Kraska"
    assert rule_names.nominative("Rafała Trzaskowskiego", "pl", set()) == "Rafał Trzaskowski"
    assert rule_names.nominative("Andrzeja Dudy", "pl", set()) == "Andrzej Duda"
