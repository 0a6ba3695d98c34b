"""Genre stage (SemEval-2023 subtask 1): `article.genre` = opinion, reporting or satire with its calibrated
probability at the stated genre mix, or `uncertain` (with the distribution in its evidence) when no genre reaches the
confidence floor; SemEval's genre (which has no `uncertain`) is kept for `predict-semeval`."""

from __future__ import annotations

from presswatch.article import Article, Label
from presswatch.models.encoder import document_embeddings
from presswatch.models.genre import load_genre_model
from presswatch.stages.evidence import paragraph_evidence, paragraph_numbers_and_texts, top_paragraphs
from presswatch.taxonomy import semeval_language


def run(article: Article) -> None:
    """Classify the article from the shared document embeddings, style, persuasion-density and attribution cues;
    None for an empty article. Paragraph evidence is given only for a genre the stage returns."""
    numbers, paragraphs = paragraph_numbers_and_texts(article)
    if not paragraphs:
        article.genre = None
        return
    model = load_genre_model(lang=semeval_language(article.metadata.language))
    embeddings = document_embeddings(article, 0)  # genre reads the USE block alone
    reading = model.explain(embeddings, paragraphs)
    article._cache["genre_distribution"] = dict(zip(model.labels, map(float, reading.probs), strict=True))
    article._cache["genre_semeval"] = reading.semeval
    label = reading.label
    tops = ([] if label not in model.labels
            else top_paragraphs(model.paragraph_contributions(embeddings)[:, model.labels.index(label)], numbers))
    article.genre = Label(label, round(reading.score, 4), reading.evidence + paragraph_evidence(tops, numbers,
                                                                                                  paragraphs), tops)
