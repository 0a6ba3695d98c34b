"""Genre stage (SemEval-2023 subtask 1): `article.genre` = opinion, reporting or satire with its calibrated
probability at the stated genre mix, or `uncertain` (with the distribution in its evidence) when no genre reaches the
confidence floor; SemEval's genre (which has no `uncertain`) is kept for `predict-semeval`."""

from __future__ import annotations

import numpy as np

from presswatch.article import Article, Label
from presswatch.models.encoder import DIM, document_embeddings, encode_multilingual
from presswatch.models.genre import load_genre_model
from presswatch.stages.evidence import paragraph_evidence, paragraph_numbers_and_texts, top_paragraphs
from presswatch.taxonomy import semeval_language


def with_title(title: str | None, paragraphs: list[str], embeddings: np.ndarray) -> tuple[list[str], np.ndarray]:
    """The paragraphs and their document embeddings with the title first, as the model was trained (a SemEval text's
    first line is its title; the cleaner moves a page's title to `metadata.title`, out of the text). Without a
    title, or with the title already the first paragraph, they are returned as they are."""
    title = " ".join((title or "").split())
    if not title or (paragraphs and " ".join(paragraphs[0].split()) == title):
        return paragraphs, embeddings
    row = np.zeros((1, embeddings.shape[1]), np.float32)
    row[0, DIM:] = encode_multilingual([title])[0]
    return [title, *paragraphs], np.vstack([row, embeddings])


def run(article: Article) -> None:
    """Classify the article from the shared document embeddings, style, persuasion-density and attribution cues;
    None for an empty article. Paragraph evidence is given only for a genre the stage returns."""
    numbers, paragraphs = paragraph_numbers_and_texts(article)
    if not paragraphs:
        article.genre = None
        return
    model = load_genre_model(lang=semeval_language(article.metadata.language))
    embeddings = document_embeddings(article, 0)  # genre reads the USE block alone
    texts, rows = with_title(article.metadata.title, paragraphs, embeddings)
    reading = model.explain(rows, texts)
    article._cache["genre_distribution"] = dict(zip(model.labels, map(float, reading.probs), strict=True))
    article._cache["genre_semeval"] = reading.semeval
    label = reading.label
    tops = ([] if label not in model.labels
            else top_paragraphs(model.paragraph_contributions(rows)[len(texts) - len(paragraphs):,
                                                                 model.labels.index(label)], numbers))
    article.genre = Label(label, round(reading.score, 4), reading.evidence + paragraph_evidence(tops, numbers,
                                                                                                  paragraphs), tops)
