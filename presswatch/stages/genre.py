"""Genre stage (SemEval-2023 subtask 1): `article.genre` = opinion, reporting or satire with its calibrated
probability, or `uncertain` (with the distribution in its evidence) when no genre reaches the confidence floor."""

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
    embeddings = document_embeddings(article)
    probs, evidence = model.explain(embeddings, paragraphs)
    label, score = model.decide(probs)
    article._cache["genre_distribution"] = dict(zip(model.labels, map(float, model.stated(probs)[0]), strict=True))
    tops = ([] if label not in model.labels
            else top_paragraphs(model.paragraph_contributions(embeddings)[:, model.labels.index(label)], numbers))
    article.genre = Label(label, round(score, 4), evidence + paragraph_evidence(tops, numbers, paragraphs), tops)
