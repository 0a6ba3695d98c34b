"""Reported speech the rule-based languages used to miss, on sentences of the shared training articles: elided
complementisers (qu’il), a few words between a cue and its complementiser, Polish dash attributions."""

from __future__ import annotations

from stagerun import run

from presswatch.article import Article


def reported(a: Article) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in a.quotes if q.kind == "reported"]


def test_french_elided_complementiser() -> None:
    # fr/article23176
    a = run("En ce qui concerne la Russie, Poutine a déclaré qu'il n'était pas opposé à ce que la Suède et la "
            "Finlande rejoignent l'OTAN.", "fr")
    assert reported(a) == [("il n'était pas opposé à ce que la Suède et la Finlande rejoignent l'OTAN", "Poutine")]


def test_french_adverb_between_cue_and_que() -> None:
    # fr/article23110
    a = run("Robert Habeck considère ainsi que cela a été une « erreur » de ne pas avoir encore plus construit "
            "d’éoliennes par le passé.", "fr")
    assert [s for _, s in reported(a)] == ["Robert Habeck"]
    assert reported(a)[0][0].startswith("cela a été")


def test_italian_adverb_between_cue_and_che() -> None:
    # it/article26193
    a = run("Queste le parole del presidente del Brasile, Jair Bolsonaro che dichiara la proprio posizione neutrale a "
            "nome del Paese. Il capo di Stato di estrema destra ha sottolineato anche che il Brasile “dipende molto” "
            "dai fertilizzanti russi.", "it")
    assert [t for t, _ in reported(a)] == ["il Brasile “dipende molto” dai fertilizzanti russi"]


def test_italian_noun_then_che_is_no_speech() -> None:
    # it/article26154: 'un post … in cui' after the cue is its object, not a complementiser's clause
    a = run("La cantante ha commentato un post social del senatore leghista in cui esaltava il gesto di alcuni "
            "giocatori di baseball di Tampa che si sono rifiutati di scendere in campo con il logo arcobaleno nel "
            "mese del Pride.", "it")
    assert reported(a) == []


def test_polish_words_between_cue_and_ze() -> None:
    # po/article2521, po/article25109
    a = run("Kanclerz Alexander Schallenberg stwierdził nawet publicznie, że tylko przyjęcie szczepionki przez "
            "wszystkich obywateli może wyprowadzić kraj z niekończącej się spirali lockdownów, kwarantann i strachu "
            "przed nowymi wariantami.", "pl")
    assert [s for _, s in reported(a)] == ["Alexander Schallenberg"]
    assert reported(a)[0][0].startswith("tylko przyjęcie szczepionki")
    a = run('Szwedzka aktywistka klimatyczna Greta Thunberg przekonywała w piątek na wiecu w Glasgow, że konieczne są '
            '"natychmiastowe i drastyczne" cięcia emisji gazów cieplarnianych, aby zatrzymać zmiany klimatu, gdyż '
            '"świat dosłownie płonie".', "pl")
    assert [s for _, s in reported(a)] == ["Greta Thunberg"]


def test_polish_paragraph_closed_by_a_dash_and_cue_is_direct_speech() -> None:
    # po/article2569, po/article25172
    a = run("Jeśli ktoś potrafił walczyć z drożyzną, wziąć inflację i zdusić ją do zera, to był to mój rząd - "
            "powiedział przewodniczący Platformy Obywatelskiej Donald Tusk w sobotę podczas konwencji tej partii.\n"
            "Istota dobrego rządu to jest zdolność zapewnienia ludziom chleba dobrego i taniego i wody zimnej i "
            "ciepłej w kranie - powiedział na konwencji PO lider Platformy Donald Tusk. Tymczasem jak PiS będzie dalej "
            "rządzić, pod koniec roku chleb może kosztować nawet 30 zł - dodał.\n"
            "Jako pierwszy głos zabrał przewodniczący Platformy Donald Tusk, który przemawiał ponad 40 minut. \"To nie "
            "jest przypadek, że właśnie w tym miejscu, właśnie wy, a nie kto inny, pokazujecie Polsce, gdzie jest "
            "siła\" - powiedział Tusk do zgromadzonych.", "pl")
    assert [q.kind for q in a.quotes] == ["direct"] * 4
    assert all((q.speaker or "").endswith("Tusk") for q in a.quotes)  # the name itself: speaker_names' work
    assert a.quotes[0].text.endswith("to był to mój rząd")
    assert a.quotes[2].text.startswith("Tymczasem jak PiS")
    a = run("Więc ja chciałem powiedzieć, że Odra jest tak skażona chemikaliami, tak skażona rtęcią, jak Donald Tusk "
            "skażony prawdomównością, czyli w ogóle - stwierdził bez ogródek szef rządu.", "pl")
    assert [q.kind for q in a.quotes] == ["direct"] and a.quotes[0].text.startswith("Więc ja chciałem")
    assert a.quotes[0].speaker != "Donald Tusk"  # the man named inside the speech is not its speaker


def test_polish_dash_cue_of_a_paper_or_after_a_preposition_is_no_direct_speech() -> None:
    # po/article25137, po/article2525: a paper's words are reported speech with the paper as source, as the gold has
    a = run("Urzędnicy resortu finansów otrzymali nagrody za przygotowanie Polskiego Ładu – informuje Gazeta "
            "Wyborcza.", "pl")
    assert [(q.kind, q.speaker) for q in a.quotes] == [("reported", "Gazeta Wyborcza")]
    a = run("Ale przy obecnym stanie rzeczy taki scenariusz nadal jest bardzo możliwy - powiedział w rozmowie z "
            "portalem Vox Jakow Feygin, ekspert ds. ekonomii.", "pl")
    assert all(q.speaker != "Vox" for q in a.quotes)


def test_italian_cue_between_dashes_is_reported_speech() -> None:
    # it/article26281 (the tuning gold's convention: a press release's words without marks are reported)
    a = run("Al quarto posto la frutta - continua Coldiretti - con 0,92 miliardi, seguita dal pane.", "it")
    assert [(q.kind, q.speaker) for q in a.quotes] == [("reported", "Coldiretti")]


def test_polish_jak_dodal_goes_on_with_the_speaker_before() -> None:
    # po/article2531: 'Jak dodał, …' is reported speech of the person the sentence before quotes
    a = run("Świat ostro reaguje na inwazję Rosji na Ukrainę. Nie brakuje jednak głosów odmiennych, jak ten prezydenta "
            "Brazylii. Jair Bolsonaro podkreślił, że Brazylia nie stanie po żadnej ze stron. Jak dodał, nie uważa, "
            "żeby celem Władimira Putina był rozlew krwi.", "pl")
    assert reported(a) == [("Brazylia nie stanie po żadnej ze stron", "Jair Bolsonaro"),
                           ("nie uważa, żeby celem Władimira Putina był rozlew krwi", "Jair Bolsonaro")]


def test_source_the_text_does_not_name_is_reported_speech_without_a_speaker() -> None:
    # fr/article23190, po/article25116, fr/article2340 (a relative clause is no source)
    a = run("Selon les chercheurs, l’épaisseur minimale du film liquide formant les bulles peut théoriquement être "
            "aussi faible que 20 nanomètres.", "fr")
    assert reported(a) == [("l’épaisseur minimale du film liquide formant les bulles peut théoriquement être aussi "
                            "faible que 20 nanomètres", None)]
    a = run("Zdaniem polityka, sytuacja w tej sprawie rozwija się bardzo szybko.", "pl")  # since session 11 "polityka"
    # is a role noun's genitive: the role is the source, as written where no person named before holds it
    assert reported(a) == [("sytuacja w tej sprawie rozwija się bardzo szybko", "polityka")]
    a = run("A moins qu’il ne fasse sienne la maxime de Mitterrand, alias Le Florentin, selon laquelle on ne sort de "
            "l’ambiguïté qu’à son détriment.", "fr")
    assert reported(a) == []
    a = run("In secondo luogo, la riapertura dei confini, attesa da molti dopo la crisi sanitaria.", "it")
    assert reported(a) == []
