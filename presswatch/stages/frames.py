"""Frames stage (SemEval-2023 subtask 2): `article.frames` = the frames above their thresholds, best first."""

from __future__ import annotations

from presswatch.article import Article, Label
from presswatch.models.documents import article_features, load_frames_model
from presswatch.models.encoder import paragraph_embeddings


def run(article: Article) -> None:
    """Score the 14 frames from the shared paragraph embeddings; nothing for an empty article."""
    paragraphs = [article.text[s.start:s.end] for _, s in article.paragraphs()]
    if not paragraphs:
        article.frames = []
        return
    model = load_frames_model()
    features = article_features(paragraph_embeddings(article), paragraphs)
    article.frames = [Label(label, round(score, 4)) for label, score in model.predict(features)[0]]
