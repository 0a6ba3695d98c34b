"""Fixtures of the corpus tests: a subset of the shared English articles, annotated Articles built on real text."""

from __future__ import annotations

from pathlib import Path

import pytest

from presswatch.article import Article, Entity, Label, Mention, Metadata, Quote, Technique


@pytest.fixture(scope="session")
def en_articles(semeval_dir: Path) -> list[Path]:
    """The first 40 English training articles (sorted by name)."""
    paths = sorted((semeval_dir / "en" / "train-articles").glob("article*.txt"))
    assert len(paths) >= 40
    return paths[:40]


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def annotated(path: Path, *, outlet: str, published: str, speaker: str, about: str, technique: str) -> Article:
    """An Article on a real SemEval text with one quote by `speaker` mentioning `about`, and one technique span.

    The quote is the article's second paragraph; `about` is its longest word.
    """
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    para = next(line for line in lines[2:] if len(line.split()) > 8)
    q0, q1 = _span(text, para)
    words = [w.strip(".,;:!?\"'()") for w in para.split()]
    word = max(words, key=len)
    w0 = text.index(word, q0)
    title = lines[0]
    return Article(
        text=text,
        metadata=Metadata(title=title, outlet=outlet, published=published, source=str(path), language="en"),
        entities=[
            Entity(about, "ORG", [word], [Mention(word, w0, w0 + len(word), "ORG")]),
            Entity(speaker, "PERSON", [], []),
        ],
        quotes=[Quote(para, q0, q1, "direct", speaker, "said")],
        techniques=[Technique(technique, "Manipulative wording", q0, q0 + 10, text[q0 : q0 + 10],
                              text.count("\n", 0, q0) + 1, 0.7)],
        frames=[Label("Political", 0.6)],
        genre=Label("reporting", 0.8),
        stages=["linguistics", "entities", "quotes", "techniques", "frames", "genre"],
    )


@pytest.fixture()
def make_annotated():
    return annotated
