"""Russian, German and Polish speakers (session 10), on sentences of the training articles."""

from __future__ import annotations

from stagerun import run


def said(text: str, lang: str) -> list[tuple[str, str | None, str]]:
    return [(q.kind, q.speaker, q.text.split()[0]) for q in run(text, lang).quotes]


def test_polish_prefix_and_cue_before_a_role() -> None:
    text = ("Monika Olejnik podzieliła się swoimi spostrzeżeniami w swoim najnowszym felietonie dla Gazety "
            "Wyborczej. Jak podkreśla dziennikarka, koszalińska publiczność śmiała się do rozpuku przy "
            "akompaniamencie oklasków.")
    assert said(text, "pl") == [("reported", "Monika Olejnik", "koszalińska")]


def test_polish_participle_and_reflexive_cues() -> None:
    text = ("Na spotkaniu Władimir Putin krytykował sankcje, stwierdzając, że Europa nie może tak żyć dalej i "
            "wkrótce upadnie przez własną politykę.")
    assert said(text, "pl") == [("reported", "Władimir Putin", "Europa")]
    asked = ("W negocjacjach brak jest postępu. \"Dlaczego rozmowy są tak trudne?\" – zastanawia się Szymanski. "
             "Jego zdaniem Bundeswehra potrzebuje sama nowoczesnego sprzętu.")
    assert said(asked, "pl") == [("direct", "Szymanski", "Dlaczego"), ("reported", "Szymanski", "Jego")]


def test_german_title_after_an_acronym_and_a_hyphen() -> None:
    text = ("Friedrich Merz will nach Hause fliegen. \"Überall stehen die mit ihren ausgefahrenen Daumen rum und "
            "versperren das Rollfeld\", so der CDU-Chef. \"Wie soll man denn so abheben?\"")
    assert said(text, "de")[0] == ("direct", "Friedrich Merz", "Überall")
