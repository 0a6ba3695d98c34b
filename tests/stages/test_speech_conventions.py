"""Speech conventions of the rule-based languages, on sentences of the shared training articles: postposed
speakers, names where news puts them, speakers that go on across quotes, inflected names."""

from __future__ import annotations

from stagerun import run

from presswatch.article import Article


def said(a: Article) -> list[tuple[str, str | None]]:
    return [(q.text.split()[0], q.speaker) for q in a.quotes]


def persons(a: Article) -> set[str]:
    return {e.name for e in a.entities if e.label == "PERSON"}


def test_german_postposed_so_and_role_and_laut() -> None:
    # ge/article2292
    a = run('"Dass die Teuerung auch vor dem Euro nicht halt macht, ist eine bedenkliche Entwicklung", so Johannes '
            'Nebelsiek vom Institut für Weltwirtschaft. "Bislang galt es als unumstößlich, dass ein Euro stets um die '
            '100 Cent kostet."\n'
            "Angesichts dieser Entwicklungen ist es laut Nebelsiek nun wohl nur noch eine Frage der Zeit, bis auch der "
            'Cent stärker von der Inflation betroffen ist. "Wir müssen nun auf alles gefasst sein", erklärt der '
            'Experte.', "de")
    assert persons(a) == {"Johannes Nebelsiek"}
    assert [s for _, s in said(a)] == ["Johannes Nebelsiek"] * 4
    reported = next(q for q in a.quotes if q.kind == "reported")
    assert reported.text.startswith("Angesichts dieser Entwicklungen") and reported.text.endswith("betroffen ist")


def test_quote_of_its_own_goes_on_with_the_last_speaker() -> None:
    # ge/article22196: the quote after a sentence that names no person is the last speaker's
    a = run("Arnold Menschenschinder beklagt, dass seine Firma an nahezu allen Standorten größte Mühen hat, fähige "
            "Mitarbeiter zu finden.\n"
            '"Unfassbar, warum finden wir nur niemanden?", beschwert sich der Unternehmer.\n'
            "Ähnlich ergehe es befreundeten Unternehmern wie dem Chef der BoniNurAnVorstände AG. \"Die finden auch "
            'niemanden. Es ist echt wie verhext!"\n'
            'Von der Politik fordert der 64-Jährige deshalb schnelle Maßnahmen. "Egal, ob wir da jetzt billige '
            'Ausländer holen: Es muss dringend was passieren."', "de")
    assert [q.speaker for q in a.quotes if q.kind == "direct"] == ["Arnold Menschenschinder"] * 3
    assert "Politik" not in persons(a)  # "der Politik" is a noun


def test_name_at_the_end_of_a_role_phrase() -> None:
    # ge/article22195
    a = run('"Sorry, aber wie kann man das nicht heiß finden?", erklärte der spanische EVP-Abgeordnete Iker '
            "Espinoza während der Debatte.", "de")
    assert said(a) == [("Sorry,", "Iker Espinoza")]


def test_full_name_then_surname_is_a_person() -> None:
    # it/article26294: a name given in full once, then by surname, is a person even far from any cue
    a = run("Il fondatore di 350.org, organizzazione ambientalista con sede a New York, è Bill McKibben.\n"
            "«Sono abbastanza anziano da ricordarmi il primo Earth day, nel 1970».\n"
            "Il numero chiave, secondo McKibben, è 75 milioni.", "it")
    assert "Bill McKibben" in persons(a)
    assert ("Sono", "Bill McKibben") in said(a)
    assert "New York" not in persons(a)


def test_polish_inflected_names_in_the_nominative() -> None:
    # po/article25195 and po/article2529: a name in the genitive or instrumental is the person's nominative name
    a = run("W PO zaczyna dojrzewać pomysł odsunięcia Donalda Tuska od przywództwa partii.\n"
            "Według Tuska partia musi się zmienić, bo inaczej przegra kolejne wybory.", "pl")
    assert persons(a) == {"Donald Tusk"}
    assert said(a) == [("partia", "Donald Tusk")]
    b = run("Na spotkaniu z szefem DRL Denisem Puszlinem przedstawiciele Kadyrowa poinformowali, że władze "
            "podporządkowały hutę jego ludziom.", "pl")
    from presswatch.stages.speech_rules import rule_names
    assert rule_names.nominative("Denisem Puszlinem", "pl", set()) == "Denis Puszlin"
    assert rule_names.nominative("Mateusza Morawieckiego", "pl", set()) == "Mateusz Morawiecki"
    assert rule_names.nominative("Anna Kowalska", "pl", set()) == "Anna Kowalska"
    assert rule_names.nominative("Putins", "de", {"Putin"}) == "Putin"
    assert b.quotes and b.quotes[0].kind == "reported"


def test_polish_left_out_subject_goes_to_the_person_just_named() -> None:
    # po/article25193: "– napisał …" with no name goes to the person the paragraph has just named
    a = run("Popularny i ekscentryczny miliarder Elon Musk zamieścił krótki wpis na temat kobiet.\n"
            "Cóż takiego stwierdził Musk? Otóż napisał, że dla kobiet równie ważne, co kariera jest bycie mamą.\n"
            "„Bycie mamą jest tak samo ważne jak każda kariera” – napisał słynący z krótkich wpisów Musk.\n"
            "Równie krótko odpowiedział mu Janusz Korwin-Mikke. „Świetnie! Zawsze o tym mówiłem! Najważniejsze są "
            "kobiety!” – napisał nestor polskich wolnościowców.", "pl")
    assert [q.speaker for q in a.quotes if q.kind == "direct"] == ["Elon Musk", "Janusz Korwin-Mikke"]


def test_italian_reversed_marks_and_words_between_cue_and_name() -> None:
    # it/article26285: '“… Istanbul“' closes with the reversed mark, '”Il lavoro …“' opens with one
    a = run("“Il segretario generale plaude caldamente all’inaugurazione ufficiale del Centro di coordinamento "
            "congiunto (Jcc) a Istanbul“, ha affermato il vice portavoce di Guterres, Farhan Haq.\n"
            "”Il lavoro del Jcc – ha aggiunto Haq – consentirà il trasporto sicuro, tramite navi mercantili, di grano "
            "verso il resto del mondo”.\n"
            "“Il Jcc contribuirà a ripristinare la fiducia nel mercato alimentare globale”, ha detto ancora Haq.", "it")
    assert [(q.kind, q.speaker) for q in a.quotes] == [("direct", "Farhan Haq")] * 3
    assert a.quotes[0].text.endswith("a Istanbul")


def test_reported_speech_ends_where_the_next_cue_or_quote_begins() -> None:
    # it/article26277
    a = run("Il leader politico Luigi Di Maio ha confermato che le decisioni verranno ancora prese online dagli "
            "iscritti, anche se ha ammesso che la piattaforma usata fino all’anno scorso dal M5S aveva delle grosse "
            "falle: “Rousseau era una ciofeca, l’aveva capito persino Di Battista”.", "it")
    got = [(q.kind, q.text, q.speaker) for q in a.quotes]
    assert got[0] == ("reported", "le decisioni verranno ancora prese online dagli iscritti", "Luigi Di Maio")
    assert got[1][:2] == ("reported", "la piattaforma usata fino all’anno scorso dal M5S aveva delle grosse falle")
    assert got[2][0] == "direct"


def test_french_source_phrases_after_a_quote_and_inside_a_sentence() -> None:
    a = run("« La situation reste très tendue dans la région », selon le ministère de la Défense.\n"
            "Le Kremlin, selon Dmitri Peskov, ne voit pas de raison de reprendre les négociations avec Kiev.\n"
            "Emmanuel Macron est arrivé à Bruxelles. La Russie, selon lui, ne voit pas de raison de négocier.", "fr")
    got = [(q.kind, q.speaker, q.cue) for q in a.quotes]
    assert got[0] == ("direct", "ministère de la Défense", "selon")
    assert got[1][1] == "Dmitry Peskov" and a.quotes[1].text.startswith("Le Kremlin")
    assert got[2][1] == "Emmanuel Macron"


def test_german_konjunktiv_reports_the_speaker() -> None:
    # ge/article22193: the Konjunktiv I of a main clause is reported speech; in a subordinate clause it is not
    a = run("Beim G20-Treffen auf Bali hat der russische Außenminister Sergej Lawrow schwere Vorwürfe gegen den "
            "Westen erhoben. Während Russland selbst keinerlei Invasionsabsichten gegenüber die Ukraine gehabt habe, "
            "sei es die NATO gewesen, die russische Panzer auf ukrainisches Territorium gezogen habe.\n"
            "Anschließend ignorierte Lawrow sämtliche Wortmeldungen und verließ das G20-Treffen überstürzt – "
            "angeblich, weil ein weiterer Supermagnet plötzlich an seiner Regierungsmaschine gezogen habe.", "de")
    assert [(q.kind, q.speaker, q.text.split()[0]) for q in a.quotes] == [("reported", "Sergej Lawrow", "Während")]
    # with nobody named before it, a Konjunktiv sentence is no one's speech
    b = run("Die Lage an der Grenze ist ruhig.\nDer genaue Standort des Magneten sei derzeit noch unbekannt.", "de")
    assert b.quotes == []


def test_russian_role_means_the_person_introduced_with_it_and_nested_quotes() -> None:
    # ru/article244: "указал эксперт" is the political scientist introduced as such, not the last person named
    a = run("Участие в союзах подразумевает передачу части суверенитета в союзный центр, в Брюссель, объяснил логику "
            "процесса эксперт-международник, политолог Алексей Мартынов.\n"
            "\"Всего лишь несколько стран не захотели принять общеевропейскую Конституцию \"соединённых штатов\" "
            "Европы, сорвав таким образом этот процесс. Это не отдельное союзное государство\", - указал он.\n"
            "Политолог напомнил о премьере Венгрии Викторе Орбане, который выступает не за ЕС, а за своё государство.\n"
            "\"Если выйдет Венгрия, то это может повлечь за собой цепь нехороших последствий для Евросоюза\", - указал "
            "эксперт.", "ru")
    direct = [q for q in a.quotes if q.kind == "direct"]
    assert [q.speaker for q in direct] == ["Алексей Мартынов", "Алексей Мартынов"]
    assert direct[0].text.endswith("союзное государство")  # the nested quote does not close the outer one


def test_russian_news_agency_after_the_cue_is_who_was_told() -> None:
    # ru/article2471
    a = run("Российские следователи направили в прокуратуры ДНР и ЛНР первые десять уголовных дел, сообщили РИА "
            "Новости в пресс-службе Следственного комитета России.", "ru")
    assert [q.speaker for q in a.quotes] != ["РИА Новости"]


def test_french_apposition_after_a_quote_is_no_speech_and_lede_quote_speaker() -> None:
    # fr/article2342: the apposition after "a déclaré X," describes X; it is not reported speech
    a = run("“Plus les États-Unis parlent de sanctionner ou de critiquer le projet, plus il devient populaire dans la "
            "société allemande”, a déclaré Stefan Meister, expert de la Russie et de l’Europe de l’Est au Conseil "
            "allemand des Relations étrangères.", "fr")
    assert [(q.kind, q.speaker) for q in a.quotes] == [("direct", "Stefan Meister")]
    # fr/article23209: a quote opening the article, then the sentence that names who said it
    b = run("\"La bataille n'est pas gagnée, il y a encore des étapes à franchir.\" La Première ministre Elisabeth "
            "Borne a annoncé, jeudi 4 août, la nomination d'un ambassadeur aux droits LGBT+.", "fr")
    assert b.quotes[0].speaker == "Elisabeth Borne"


def test_french_entity_ends_before_an_elided_word() -> None:
    a = run("Emmanuel Macron a annoncé la nouvelle. « Nous allons continuer à soutenir Kiev jusqu’au bout », "
            "a-t-il dit.", "fr")
    assert {e.name for e in a.entities} >= {"Emmanuel Macron", "Kiev"}
    assert [q.speaker for q in a.quotes] == ["Emmanuel Macron"]


def test_source_phrase_opening_a_quote_and_role_outside_the_quote() -> None:
    # it/article26283
    a = run("Lo sostiene un articolo in apertura di Repubblica di oggi.\n"
            "Secondo quanto racconta Repubblica, \"dalle coste della Libia sotto il controllo delle milizie del "
            "generale Haftar stanno partendo molti più migranti rispetto agli ultimi due anni\".\n"
            "Tirato in causa, Salvini ha risposto: \"Per la sinistra sarebbe Putin a spingere i barconi pieni di "
            "clandestini verso l'Italia. Siamo alle comiche\", ha dichiarato il leader della Lega.", "it")
    assert [(q.kind, q.speaker) for q in a.quotes] == [("direct", "Repubblica"), ("direct", "Salvini")]


def test_polish_surname_alone_in_another_case() -> None:
    # the full name in the instrumental, the surname alone in the nominative: one person, in the nominative
    a = run("W czwartek w Sejmie doszło do spotkania z Donaldem Tuskiem i jego doradcami.\n"
            "Tusk powiedział, że rozmowy były trudne, ale potrzebne dla całej opozycji.", "pl")
    assert {e.name for e in a.entities if e.label == "PERSON"} == {"Donald Tusk"}
    assert [(q.kind, q.speaker) for q in a.quotes] == [("reported", "Donald Tusk")]
