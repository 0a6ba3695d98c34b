"""Russian, German and Polish speakers (session 8): surnames the NER leaves out, on sentences of the training
articles."""

from __future__ import annotations

from stagerun import run

from presswatch.stages import surname_mentions


def said(text: str, lang: str) -> list[tuple[str, str | None, str]]:
    return [(q.kind, q.speaker, q.text.split()[0]) for q in run(text, lang).quotes]


def test_russian_lone_surname_in_any_case_is_a_person_span() -> None:
    text = "Владимир Рогов заявил об этом. — сказал РИА Новости Рогов. По словам Рогова, всё решено."
    full = (0, len("Владимир Рогов"), "PERSON")
    spans = surname_mentions.russian(text, [full])
    assert [text[s:e] for s, e, _ in spans] == ["Рогов", "Рогова"]
    assert surname_mentions.russian(text, [(0, 8, "PERSON")]) == []  # one word: no full name to take a surname of
    two = "Андрей Рогов и Мария Рогова. Рогова сказала."
    assert surname_mentions.russian(two, [(0, 12, "PERSON"), (15, 27, "PERSON")]) == []  # two could own it


def test_russian_quote_goes_to_the_surname_after_a_told_party() -> None:
    text = ("СИМФЕРОПОЛЬ, 8 авг — РИА Новости. Член главного совета администрации Запорожской области Владимир "
            "Рогов заявил, что регион навсегда уходит из состава Украины.\n"
            "Владимир Зеленский в своем последнем видеообращении заявил, что референдумы закроют переговоры.\n"
            "\"Запорожская земля навсегда уходит из состава Украины. Поэтому режиму Зеленского советую уже сейчас "
            "привыкать\", — сказал РИА Новости Рогов.")
    assert said(text, "ru")[-1] == ("direct", "Владимир Рогов", "Запорожская")


def test_russian_pronoun_goes_to_a_subject_not_to_a_person_named_as_object() -> None:
    from presswatch.stages import analysers

    assert analysers.subject_form("Рогов") and analysers.subject_form("Джо Байден")
    assert not analysers.subject_form("Байдена") and not analysers.subject_form("Захаровой")
    text = ("Политолог Дмитрий Дробницкий заявил, что администрация перестала беречь президента.\n"
            "При этом, как подчеркнул эксперт, валить Байдена стали уже внутри Демократической партии.\n"
            "«Отсутствие возможности договориться привело к тому, что они начали друг друга мочить», — сказал он.")
    assert said(text, "ru")[-1] == ("direct", "Дмитрий Дробницкий", "Отсутствие")


def test_told_parties_dates_and_programmes_are_skipped_not_names() -> None:
    from presswatch.stages.speech_rules import told_parties

    def rest(s: str, lang: str) -> str:
        return s[told_parties.skip(s, 0, len(s), lang):].strip()

    assert rest(" «360» политолог Дмитрий Дробницкий", "ru") == "политолог Дмитрий Дробницкий"
    assert rest(" 27 мая начальник войск", "ru") == "начальник войск"
    assert rest(" в интервью РИА Новости Песков", "ru") == "Новости Песков"  # one word of a medium, never the name
    assert rest(" portalowi Verificat Adelaida Sarukhan", "pl") == "Adelaida Sarukhan"
    assert rest(' w "Jeden na jeden" w TVN24 Joanna Scheuring-Wielgus', "pl") == "Joanna Scheuring-Wielgus"
    assert rest(" Песков", "ru") == "Песков" and rest(" portalowi X", "de") == "portalowi X"


def test_speaker_after_a_told_party() -> None:
    ru = ("Президента США начали топить и его администрация, и либеральные СМИ, заявил «360» политолог Дмитрий "
          "Дробницкий.")
    assert said(ru, "ru") == [("reported", "Дмитрий Дробницкий", "Президента")]
    pl = ("Mutacja wirusa jest rzeczą naturalną. Jak oznajmiła portalowi Verificat Adelaida Sarukhan, immunolog z "
          "barcelońskiego Instytutu Zdrowia Globalnego (ISGlobal): „Mutacje mogą zachodzić losowo w którymkolwiek "
          "z 30 000 nukleotydów”.")
    assert said(pl, "pl")[-1] == ("direct", "Adelaida Sarukhan", "Mutacje")


def test_german_name_in_apposition_after_a_role_is_the_speaker() -> None:
    text = ("Die Zahl der Personalausfälle nimmt stark zu.\n"
            "»Aus allen Bundesländern erreichen uns Meldungen, dass Stationen abgemeldet werden müssen«, sagte der "
            "Vorstandschef der Deutschen Krankenhausgesellschaft (DKG), Gerald Gaß, dem Redaktionsnetzwerk "
            "Deutschland.\n"
            "Das Universitätsklinikum Schleswig-Holstein (UKSH) hatte angekündigt, Stationen zu schließen. »Es ist "
            "überall nennenswert bis schwierig«, sagte der Geschäftsführer der Krankenhausgesellschaft "
            "Schleswig-Holstein, Patrick Reimund.")
    quotes = said(text, "de")
    assert ("direct", "Gerald Gaß", "Aus") in quotes and ("direct", "Patrick Reimund", "Es") in quotes
    persons = {e.name for e in run(text, "de").entities if e.label == "PERSON"}
    assert not any("Schleswig-Holstein" in p for p in persons)  # an institution and its place are no person


def test_polish_surnames_ending_in_a_vowel_and_soft_consonants() -> None:
    from presswatch.stages.speech_rules import rule_names

    seen = {"Hołownia", "Hołowni", "Biedroń", "Biedronia", "Tusk", "Tuska"}
    assert rule_names.nominative("Szymon Hołownia", "pl", seen) == "Szymon Hołownia"  # was "Szymon Hołowni"
    assert rule_names.nominative("Hołownia", "pl", seen) == "Hołownia"
    assert rule_names.nominative("Robertowi Biedroniowi", "pl", seen) == "Robert Biedroń"
    assert rule_names.nominative("Biedronia", "pl", seen) == "Biedroń"
    assert rule_names.nominative("Donalda Tuska", "pl", seen) == "Donald Tusk"  # as before
    assert rule_names.nominative("Anna Moskwa", "pl", seen) == "Anna Moskwa"
    text = ("Szymon Hołownia zaproponował przeprowadzenie referendum. Inicjatywa nie spodobała się Robertowi "
            "Biedroniowi.\n\"Obrzydliwy i tchórzliwy pomysł referendum w sprawie aborcji\" – napisał na Twitterze "
            "Biedroń.\nZdaniem Hołowni pozwoliłoby to na podjęcie decyzji bez pośrednictwa partii politycznych.")
    quotes = said(text, "pl")
    assert ("reported", "Szymon Hołownia", "pozwoliłoby") in quotes
    persons = {e.name for e in run(text, "pl").entities if e.label == "PERSON"}
    assert "Szymon Hołownia" in persons and "Robert Biedroni" not in persons


def test_a_role_with_an_acronym_is_not_the_person_introduced_with_another() -> None:
    from presswatch.stages.speech_rules import role_speakers

    assert role_speakers.other_acronym("Prezes PiS", ["z", "prezesem", "NBP"])
    assert not role_speakers.other_acronym("Prezes PiS", ["lider", "PiS"])
    assert not role_speakers.other_acronym("Rzeczniczka SG", ["p", "o", "rzecznika", "por"])  # nothing to contradict
    text = ("Donald Tusk realizuje obce zamówienie - stwierdza w wywiadzie Jarosław Kaczyński.\n"
            "Nawiązał przy tym do wywiadu z prezesem NBP Adamem Glapińskim, który mówił o atakach na instytucję.\n"
            "Prezes PiS stwierdził, że Donald Tusk tylko zwijał polskie wojsko w czasie swoich rządów.")
    assert said(text, "pl")[-1] == ("reported", "Jarosław Kaczyński", "Donald")


def test_german_konjunktiv_after_a_quote_and_never_a_noun() -> None:
    text = ("Mit Stand Freitag waren am Klinikum 479 Mitarbeitende in Quarantäne. »Es sind seitdem mit Sicherheit mehr "
            "geworden«, sagte Sprecher Oliver Grieve. »Wir hatten ein äußerst angespanntes Wochenende.« Notwendig "
            "seien erneute Ausgleichszahlungen für Erlösverluste.")
    assert ("reported", "Oliver Grieve", "Notwendig") in said(text, "de")
    verb = ("Der Grüne Pass habe keine „Hygienelogik“, sagte Antonio Magi gegenüber dem Online-Medium RomaIT. Wenn "
            "geimpfte Personen sich auch infizieren und andere anstecken können – was nütze dann der Grüne Pass?")
    assert ("reported", "Magi", "Wenn") in [(k, s and s.split()[-1], w) for k, s, w in said(verb, "de")]
    noun = ("Putin sagte, er habe keine Kontakte zur BRD. Erhielt er seine Anweisungen also direkt von höchster "
            "Stelle?")
    assert [w for _, _, w in said(noun, "de")] == ["er"]  # "Stelle" is a noun, no Konjunktiv of "stellen"


def test_german_separable_cue_with_words_between_verb_and_particle() -> None:
    assert said("Am Montag gab US-Präsident Joe Biden in Washington bekannt, dass die Sanktionen verschärft werden.",
                "de") == [("reported", "Joe Biden", "die")]
    assert said("Olaf Scholz stellte am Dienstag klar, dass Deutschland keine Kampfjets liefern werde.", "de") == [
        ("reported", "Olaf Scholz", "Deutschland")]
    assert said("Der Sprecher Oliver Grieve teilte der Zeitung mit, die Lage sei ernst.", "de") == [
        ("reported", "Oliver Grieve", "die")]
    no_clause = "Die Regierung gab am Montag das Ergebnis bekannt, nachdem die Wahl vorbei war."
    assert said(no_clause, "de") == []
