"""French and Italian speakers and quotes of session 11, on sentences of the shared training articles: civil
titles beside a cue, attributions set between commas, passive agents after a participle cue, pointers after a
mixed clause."""

from __future__ import annotations

from stagerun import run

from presswatch.article import Article


def found(a: Article) -> list[tuple[str, str, str | None]]:
    return [(q.kind, q.text, q.speaker) for q in a.quotes]


def test_civil_title_after_a_cue_names_the_surname() -> None:
    # fr/article2330: "M." ended the speaker phrase at its dot, and the NER tagged "M" ORG, "Morozov" LOC
    a = run("« Avec ses déclarations sur la Russie, la Pologne nous encourage à la mettre en première ligne », "
            "a déclaré M. Morozov.", "fr")
    assert [q.speaker for q in a.quotes] == ["Morozov"]
    assert "M" not in {e.name for e in a.entities}


def test_civil_title_speaker_merges_with_the_full_name() -> None:
    a = run("Oleg Morozov a parlé. « Avec ses déclarations sur la Russie, la Pologne nous encourage à la mettre en "
            "première ligne », a écrit M. Morozov.", "fr")
    assert [q.speaker for q in a.quotes] == ["Oleg Morozov"]


def test_aside_with_a_left_out_subject_reports_its_sentence() -> None:
    # it/article2694
    a = run("Truss ha parlato a lungo. L’Occidente, ha proseguito, deve fermare Mosca o Putin cercherà di tornare "
            "indietro.", "it")
    assert [(k, t[:30]) for k, t, _ in found(a)] == [("reported", "L’Occidente, ha proseguito, de")]


def test_aside_with_an_outlet_in_marks_or_unnamed_sources() -> None:
    # it/article26303, it/article26221
    a = run("In questo contesto, prosegue “Bloomberg”, ha un evidente peso anche la rivalità della Cina con gli Usa.",
            "it")
    assert [(k, s) for k, _, s in found(a)] == [("reported", "Bloomberg")]
    b = run("Un incontro, specificano fonti di Palazzo Chigi, che era in agenda da tempo e serviva a fare il punto.",
            "it")
    assert [k for k, _, _ in found(b)] == ["reported"]


def test_aside_is_not_a_time_phrase_nor_an_object() -> None:
    # it/article26266: ", oggi," is when, and the name after it speaks
    a = run("Iran e Russia stanno cercando di abbandonare l'uso del dollaro nel loro commercio bilaterale, ha "
            "annunciato, oggi, il portavoce del Cremlino Dmitry Peskov.", "it")
    assert [q.speaker for q in a.quotes] == ["Dmitry Peskov"]
    # it/article26292: "otto J-11" is what was seen, not who spoke
    b = run("Il ministero della Difesa di Taipei, ha rilevato otto J-11, dodici Su-30 e due J-16, e ha precisato di "
            "aver, secondo il protocollo, «attivato i sistemi di difesa aerea».", "it")
    assert all(not q.text.startswith("Il ministero") for q in b.quotes)


def test_source_phrase_between_commas_keeps_its_pronoun() -> None:
    # fr/article2378: "selon lui" is a source phrase, resolved to the person before
    a = run("Le leader de l’opposition Ilan Shor a partagé ses prévisions sombres. La politique à courte vue du "
            "gouvernement, selon lui, peut coûter très cher au pays.", "fr")
    assert [q.speaker for q in a.quotes] == ["Ilan Shor"]


def test_passive_agent_after_a_participle_cue_speaks() -> None:
    # it/article26252
    a = run("Il ministro parla della crisi. “Ce ne libereremo alla velocità del vento”. È quanto dichiarato dal "
            "ministro dell’Economia tedesco, Robert Habeck, al termine della visita.", "it")
    assert [q.speaker for q in a.quotes] == ["Robert Habeck"]


def test_pointer_after_a_mixed_clause_reports_the_clause() -> None:
    # it/article2694: the marks hold part of the sentence the pointer points back to
    a = run("Il ministro ha parlato. Le sanzioni che gli Stati Uniti stanno preparando ”sono tra le più grandi, se "
            "non le più grandi, che abbiamo mai emesso”. Lo ha detto la vice presidente degli Stati Uniti Kamala "
            "Harris intervenendo alla Conferenza.", "it")
    assert [(k, t[:20], s) for k, t, s in found(a)] == [("reported", "Le sanzioni che gli ", "Kamala Harris")]
    assert len(a.quotes[0].parts) == 1


def test_pointer_after_a_quote_said_as_it_stands_stays_direct() -> None:
    a = run("Il ministro ha parlato. “Le sanzioni sono tra le più grandi che abbiamo mai emesso”. Lo ha detto la "
            "vice presidente Kamala Harris.", "it")
    assert [(k, s) for k, _, s in found(a)] == [("direct", "Kamala Harris")]


def test_frame_with_marked_words_after_its_object_is_one_reported_quote() -> None:
    # fr/article23112: "accuser X de « … »" with a noun in the marks, a time phrase before the object
    a = run("Les dirigeants du G7 ont par ailleurs accusé ce mardi la Chine de \"pratiques qui faussent l'économie "
            "mondiale\" et disent vouloir coopérer.", "fr")
    q = next(q for q in a.quotes if q.text.startswith("la Chine"))
    assert (q.kind, q.text) == ("reported", "la Chine de \"pratiques qui faussent l'économie mondiale\"")
    assert len(q.parts) == 1
    assert not any(x.kind == "direct" for x in a.quotes)


def test_frame_infinitive_before_marks_that_end_a_sentence() -> None:
    # fr/article2368: the marks end a sentence inside them but complete the frame's clause
    a = run("Dans le même document, l’armée américaine a accusé la Russie et la Chine de tenter « de saper ce travail "
            "en diffusant de la désinformation. »", "fr")
    assert [(k, t[:30]) for k, t, _ in found(a)] == [("reported", "la Russie et la Chine de tente")]


def test_marked_words_after_a_link_with_no_object_stay_direct() -> None:
    a = run("Le président a demandé de « la paix et du pain pour tous les habitants de la ville ».", "fr")
    assert [k for k, _, _ in found(a)] == ["direct"]


def test_possessive_source_phrase_speaks_for_the_person_before() -> None:
    # fr/article2372: "À son avis, …" goes on with the person just named
    a = run("Radoslaw Sikorski a appelé à donner à l’Ukraine des armes nucléaires. À son avis, l’Ukraine a renoncé aux "
            "armes nucléaires en réponse aux garanties de sécurité.", "fr")
    q = next(q for q in a.quotes if q.text.startswith("l’Ukraine a renoncé"))
    assert (q.kind, q.speaker) == ("reported", "Radoslaw Sikorski")
    assert "son" not in {q.speaker for q in a.quotes}
