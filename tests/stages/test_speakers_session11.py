"""German speakers (session 11), on sentences like those of the training articles."""

from __future__ import annotations

from stagerun import run


def said(text: str) -> list[tuple[str, str | None, str]]:
    return [(q.kind, q.speaker, q.text.split()[0]) for q in run(text, "de").quotes]


def persons(text: str) -> set[str]:
    return {e.name for e in run(text, "de").entities if e.label == "PERSON"}


def test_dative_party_after_the_cue_is_not_the_speaker() -> None:
    text = (
        "Die Testpflicht soll zurückkommen. Das hat der Sprecher der Grünen, Janosch Dahmen, gegenüber den "
        "Zeitungen der Funke-Mediengruppe angekündigt.\n\n"
        "Auch Gesundheitsminister Karl Lauterbach (SPD) hat ein Konzept in Aussicht gestellt. Er werde demnächst "
        "einen „Plan vorstellen“, kündigte er im Bayerischen Rundfunk an.\n\n"
        "Die FDP hat derweil an den Plänen Kritik geübt. Fraktionschef Christian Dürr sagte den Funke-Zeitungen: "
        "„Freiheitseinschränkungen auf Vorrat wird es mit der FDP nicht geben.“"
    )
    assert said(text)[-1] == ("direct", "Christian Dürr", "Freiheitseinschränkungen")


def test_single_name_written_elsewhere_with_a_particle() -> None:
    text = (
        "Solche »niederen Tätigkeiten« aber lehnt Alma von Raggamby für sich ab. Tolldreist ist die "
        "Begründung: »Viele Heranwachsende wissen nicht, welchen Berufsweg sie einschlagen wollen«, berichtet "
        "Alma."
    )
    assert said(text) == [("direct", "Alma von Raggamby", "Viele")]


def test_left_double_quote_closes_its_own_quote() -> None:
    text = (
        "Der Kremlchef hat auch vor “blitzschnellen“ Vergeltungsmaßnahmen gewarnt. „Seit zwei Wochen hören wir "
        "von unseren Fernsehsendern, dass wir Atomraketensprengköpfe öffnen müssen“, sagte der russische "
        "Journalist und Friedensnobelpreisträger Dmitrij Muratow."
    )
    assert said(text) == [("direct", "Dmitrij Muratow", "Seit")]


def test_genitive_of_an_office_holder_and_a_noun_after_zu() -> None:
    text = (
        "Die gebürtige Russin hat nach dem Triumph ihre Verbundenheit zu Kasachstan betont. Sie wurde gefragt, "
        "ob sie die Taten Wladimir Putins verurteile."
    )
    found = persons(text)
    assert "Wladimir Putin" in found
    assert "Kasachstan" not in found
