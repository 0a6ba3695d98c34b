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


def test_sentence_pointing_back_names_the_speaker_of_the_one_before() -> None:
    text = (
        "2G- und 3G-Regel, Testpflicht sowie Maskenzwang sollen im Herbst zurückkommen. Das hat der "
        "Fraktionschef der FDP, Christian Dürr, gegenüber den Zeitungen der Funke-Mediengruppe "
        "angekündigt."
    )
    assert said(text) == [("reported", "Christian Dürr", "2G-")]
    meaning = "Der Rat entscheidet im Konsens über alle Fragen. Das heißt, dass keine Entscheidung ohne Moskau fällt."
    assert [q for q in said(meaning) if q[2] == "Der"] == []  # the sentence before "Das heißt" is nobody's


def test_konjunktiv_after_a_colon_is_the_speech_of_the_clause_before() -> None:
    text = (
        "Die Kommission will drei Sender verbieten.\n\nKammerevert bezweifelt schon die Zuständigkeit der EU für das "
        "Verbot: Die Kommission stütze ihre Befugnis auf die Kompetenz zur Regelung wirtschaftlicher Beziehungen. "
        "Petra Kammerevert ist Abgeordnete."
    )
    assert said(text)[0] == ("reported", "Petra Kammerevert", "Die")


def test_role_subject_of_a_colon_paragraph_without_cue() -> None:
    text = (
        "Die SPD-Europaabgeordnete Petra Kammerevert hat gegen die Verbote plädiert.\n\n"
        "Auch über den Einzelfall hinaus äußert sich die Politikerin sorgenvoll über Gesetzesinitiativen:\n\n"
        '"Insgesamt wird so schleichend die Medienfreiheit in Europa erheblich eingeschränkt."'
    )
    assert said(text)[-1] == ("direct", "Petra Kammerevert", "Insgesamt")


def test_unnamed_source_phrases() -> None:
    assert said("Laut den Veranstaltern beteiligten sich 6000 Menschen an der Demonstration.") == [
        ("reported", None, "beteiligten")
    ]
    assert said("Insidern zufolge laufen bereits Verhandlungen mit dem Präsidenten über einen Rücktritt.") == [
        ("reported", None, "laufen")
    ]
    assert said("Unter den Nachfolgern sind laut einer Kurzanalyse des Thinktanks »Forces Watch« viele Soldaten.") == [
        ("reported", "Forces Watch", "Unter")
    ]
    assert said(
        "Politiker und Lobbyisten wählen immer größere Flugzeuge, so eine Analyse des Air Charter Service."
    ) == [("reported", "Air Charter Service", "Politiker")]
    assert said("Bis zu 180 Sitze sind laut letzten Hochrechnungen für die Partei möglich.") == []


def test_politician_as_a_title_word() -> None:
    text = (
        "»Der Wahlkampf ist eine Hürde für die Karriere einer Frau«, meinte Ayaka Shiomura am Montag.\n\n"
        "»Und schaffen es Frauen trotzdem ins Parlament, haben sie mit der Bürokratie zu kämpfen«, so die "
        "Politikerin weiter."
    )
    assert said(text)[-1] == ("direct", "Ayaka Shiomura", "Und")


def test_separable_predict_and_plural_report_cues() -> None:
    text = "Putin sagte voraus, dass dies zu einer Vertiefung der sozialen Spaltungen in Europa führen werde."
    assert said(text) == [("reported", "Vladimir Putin", "dies")]
