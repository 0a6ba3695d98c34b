"""Genre stage (SemEval-2023 subtask 1): `article.genre` = opinion, reporting or satire, with its probability."""

from __future__ import annotations

from presswatch.article import Article, Label
from presswatch.evaluation.semeval import semeval_language
from presswatch.models.encoder import paragraph_embeddings
from presswatch.models.genre import load_genre_model


def run(article: Article) -> None:
    """Classify the article with its language's genre model (English where there is none) from the shared
    paragraph embeddings, style, persuasion-density and attribution cues; None for an empty article."""
    paragraphs = [article.text[s.start:s.end] for _, s in article.paragraphs()]
    if not paragraphs:
        article.genre = None
        return
    model = load_genre_model(lang=semeval_language(article.metadata.language))
    label, score = model.predict_article(paragraph_embeddings(article), paragraphs)
    article.genre = Label(label, round(score, 4))
