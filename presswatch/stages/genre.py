"""Genre stage (SemEval-2023 subtask 1): `article.genre` = opinion, reporting or satire, with its probability."""

from __future__ import annotations

import numpy as np

from presswatch.article import Article, Label
from presswatch.models.encoder import paragraph_embeddings
from presswatch.models.genre import load_genre_model
from presswatch.stages.evidence import paragraph_evidence, paragraph_numbers_and_texts, top_paragraphs
from presswatch.taxonomy import semeval_language


def run(article: Article) -> None:
    """Classify the article with its language's genre model (English where there is none) from the shared
    paragraph embeddings, style, persuasion-density and attribution cues; None for an empty article."""
    numbers, paragraphs = paragraph_numbers_and_texts(article)
    if not paragraphs:
        article.genre = None
        return
    model = load_genre_model(lang=semeval_language(article.metadata.language))
    embeddings = paragraph_embeddings(article)
    probs, evidence = model.explain(embeddings, paragraphs)
    k = int(np.argmax(probs))
    tops = top_paragraphs(model.paragraph_contributions(embeddings)[:, k], numbers)
    article.genre = Label(model.labels[k], round(float(probs[k]), 4),
                          evidence + paragraph_evidence(tops, numbers, paragraphs), tops)
