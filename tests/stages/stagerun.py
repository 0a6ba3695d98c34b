"""The linguistics, entities and quotes stages over one text in a given language, for the language tests."""

from __future__ import annotations

from presswatch.article import Article, Metadata
from presswatch.stages import entities, linguistics, quotes


def run(text: str, lang: str) -> Article:
    a = Article(text=text, metadata=Metadata(language=lang))
    for stage in (linguistics, entities, quotes):
        stage.run(a)
    return a
