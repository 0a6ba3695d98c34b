"""French NER PERSON spans: cut to the name they hold, relabelled ORG, or dropped (stages/ner_names.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from stagerun import run

from presswatch.stages.ner_names import person_span


@pytest.mark.parametrize(("span", "expected"), [
    ("président Obama", ("Obama", "PERSON")),  # a title before the name
    ("M. Poutine", ("Poutine", "PERSON")),
    ("général de Gaulle", ("de Gaulle", "PERSON")),  # a particle after a title opens the name
    ("Ursula von der Leyen", ("Ursula von der Leyen", "PERSON")),
    ("von der Leyen", ("von der Leyen", "PERSON")),
    ("Pôle Emploi", ("Pôle Emploi", "ORG")),  # an organisation word opens it
    ("Wall Street Journal", ("Wall Street Journal", "ORG")),  # an English-style name ends with one
    ("post-Maïdan", None),  # a common word
    ("hygiène de Lvov", None),  # the complement of a common noun
    ("Président de la République", None),  # a title alone
    ("Capitaine", None),
])
def test_person_span(span: str, expected: tuple[str, str] | None) -> None:
    got = person_span(span, 0, len(span), "fr")
    assert (got and (span[got[0]:got[1]], got[2])) == expected


def test_pole_emploi_is_no_person_on_article231(semeval_dir: Path, check_offsets) -> None:
    # fr/article231: fr_core_news_sm tags «Pôle Emploi» PER
    text = (semeval_dir / "fr" / "train-articles" / "article231.txt").read_text(encoding="utf-8")
    a = run(text, "fr")
    check_offsets(a)
    assert not [m for m in a.mentions if m.label == "PERSON" and "Pôle" in m.text]
    assert any(e.label == "ORG" and e.name.startswith("Pôle") for e in a.entities)


def test_common_words_and_titles_are_no_name(semeval_dir: Path) -> None:
    # fr/article23160: "post-Maïdan" was a PERSON and took the uncued quoted words after it
    text = (semeval_dir / "fr" / "train-articles" / "article23160.txt").read_text(encoding="utf-8")
    assert not [m for m in run(text, "fr").mentions if m.label == "PERSON" and "Maïdan" in m.text]
    a = run("Le discours l’affirme. Le président Obama l'a dit.", "fr")
    assert [(m.text, m.label) for m in a.mentions] == [("Obama", "PERSON")]


def test_acronym_is_an_org_and_a_first_name_makes_a_person() -> None:
    # fr/article2313: fr_core_news_sm tags "Margarita Simonyan" ORG (and so "RT" took her words)
    a = run("Margarita Simonyan, journaliste et responsable de RT, a déclaré qu’une guerre nucléaire serait "
            "acceptable.", "fr")
    labels = {m.text: m.label for m in a.mentions}
    assert labels["Margarita Simonyan"] == "PERSON" and labels["RT"] == "ORG"
    assert [q.speaker for q in a.quotes] == ["Margarita Simonyan"]
    assert person_span("RT", 0, 2, "fr") == (0, 2, "ORG")


def test_a_sentence_first_common_word_opens_no_name(semeval_dir: Path) -> None:
    # it/article26102: "Nulla Renzi ha detto" (the text also writes "nulla"); it/article26242: "In Alaska"
    text = (semeval_dir / "it" / "train-articles" / "article26102.txt").read_text(encoding="utf-8")
    a = run(text, "it")
    assert not [e.name for e in a.entities if e.name.startswith("Nulla")]
    assert "Renzi" in {q.speaker for q in a.quotes}
    text = (semeval_dir / "it" / "train-articles" / "article26242.txt").read_text(encoding="utf-8")
    assert not {q.speaker for q in run(text, "it").quotes} & {"In Alaska", "Alaska"}
