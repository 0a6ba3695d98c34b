"""Genre stage (SemEval-2023 subtask 1): `article.genre` = opinion, reporting or satire, with its probability."""

from __future__ import annotations

from presswatch.article import Article, Label
from presswatch.models.documents import article_features, load_genre_model
from presswatch.models.encoder import paragraph_embeddings


def run(article: Article) -> None:
    """Classify the article from the shared paragraph embeddings and style cues; None for an empty article."""
    paragraphs = [article.text[s.start:s.end] for _, s in article.paragraphs()]
    if not paragraphs:
        article.genre = None
        return
    model = load_genre_model()
    label, score = model.predict(article_features(paragraph_embeddings(article), paragraphs))[0]
    article.genre = Label(label, round(score, 4))
