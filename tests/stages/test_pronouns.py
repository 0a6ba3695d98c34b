"""English pronoun speakers: gender agreement and the subject of the nearest sentence that names a person."""

from __future__ import annotations

from presswatch.article import Article, Metadata
from presswatch.stages import entities, linguistics, quotes
from presswatch.stages.english import quote_speakers


def speakers(text: str) -> list[str | None]:
    a = Article(text=text, metadata=Metadata(language="en"))
    for stage in (linguistics, entities, quotes):
        stage.run(a)
    return [q.speaker for q in a.quotes]


def test_he_goes_to_the_subject_not_the_last_name() -> None:
    assert speakers("Michael Flynn spoke with Vladimir Putin at a dinner in Moscow in 2015.\n"
                    "He said, \"I was paid to give a speech, nothing more than that.\"") == ["Michael Flynn"]


def test_she_never_goes_to_a_man() -> None:
    got = speakers("Nancy Pelosi spoke first.\n"
                   "Donald Trump met the press later. \"We talked about Syria for a long time,\" she said.")
    assert got == ["Nancy Pelosi"]


def test_honorific_tells_the_gender() -> None:
    assert quote_speakers.gender_of(Article(text="x"), "Nobody") is None
    a = Article(text="Mrs. Quill and Pat Doe met.", metadata=Metadata(language="en"))
    for stage in (linguistics, entities):
        stage.run(a)
    quill = next(e.name for e in a.entities if "Quill" in e.name)
    assert quote_speakers.gender_of(a, quill) == "f"
