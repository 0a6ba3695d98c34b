"""Fixtures of the linguistics/entities/quotes/claims tests: the example page's body and annotated articles."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from presswatch.article import Article, Metadata
from presswatch.stages import claims, entities, linguistics, quotes

STAGES = {"linguistics": linguistics, "entities": entities, "quotes": quotes, "claims": claims}


def example_body(path: Path) -> str:
    """The example page's body paragraphs, one per line: chrome (3 lines) and the related/tag/footer tail dropped."""
    body: list[str] = []
    blank = 0
    for line in path.read_text(encoding="utf-8").split("\n")[3:]:
        if not line.strip():
            blank += 1
            if blank >= 2 and body:
                break
            continue
        blank = 0
        body.append(line.strip())
    return "\n".join(body)


def annotate(text: str, upto: str = "claims", published: str | None = None) -> Article:
    """An Article for `text` with this room's stages run up to and including `upto`."""
    article = Article(text=text, metadata=Metadata(published=published))
    for name, stage in STAGES.items():
        stage.run(article)
        if name == upto:
            break
    return article


def assert_offsets(article: Article) -> None:
    """Every annotation slices `article.text` exactly; no sentence crosses a line."""
    text = article.text
    for s in article.sentences:
        assert 0 <= s.start < s.end <= len(text)
        assert "\n" not in text[s.start:s.end]
    items = [*article.mentions, *article.quotes, *article.claims]
    items += [m for e in article.entities for m in e.mentions]
    items += [q.speaker_mention for q in article.quotes if q.speaker_mention is not None]
    items += [m for c in article.claims for m in c.evidence]
    for x in items:
        assert text[x.start:x.end] == x.text, x


@pytest.fixture(scope="session")
def annotate_text() -> Callable[..., Article]:
    return annotate


@pytest.fixture(scope="session")
def check_offsets() -> Callable[[Article], None]:
    return assert_offsets


@pytest.fixture(scope="session")
def example_text(example_path: Path) -> str:
    return example_body(example_path)


@pytest.fixture(scope="session")
def example_article(example_text: str) -> Article:
    """The example body with every stage of this room run (shared: the tests only read it)."""
    return annotate(example_text)
