"""English speakers (session 12), on sentences like those of the training articles."""

from __future__ import annotations

from stagerun import run


def speakers(text: str) -> list[str | None]:
    return [q.speaker for q in run(text, "en").quotes]


def test_name_before_an_aside_is_the_speaker() -> None:
    text = (
        "Senator Jeff Flake wanted to side with the Democrats.\n"
        "Outgoing Flake, and good riddance, said that he sided with his colleagues in having an investigation.\n"
    )
    assert "Jeff Flake" in speakers(text)


def test_name_after_a_preposition_is_not_taken() -> None:
    text = (
        "Jane Doe was at the hearing.\n"
        "The husband of Doe, a lawyer from Ohio, said that the hearing had been unfair to everyone.\n"
    )
    assert "Jane Doe" not in speakers(text)
