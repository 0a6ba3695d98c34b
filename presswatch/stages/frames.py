"""Frames stage (SemEval-2023 subtask 2): `article.frames` = the frames above their thresholds, best first."""

from __future__ import annotations

from presswatch.article import Article, Label
from presswatch.models.encoder import LEAD_PARAGRAPHS, document_embeddings
from presswatch.models.frames import frames_features, load_frames_model
from presswatch.stages.evidence import paragraph_evidence, paragraph_numbers_and_texts, top_paragraphs


def run(article: Article) -> None:
    """Score the 14 frames from the shared paragraph embeddings (USE, and MiniLM of the lead), each with the
    paragraphs that push most toward it as evidence; nothing for an empty article."""
    numbers, paragraphs = paragraph_numbers_and_texts(article)
    if not paragraphs:
        article.frames = []
        return
    model = load_frames_model()
    embeddings = document_embeddings(article, LEAD_PARAGRAPHS)
    contributions = model.paragraph_contributions(embeddings)
    article.frames = []
    for label, score in model.predict(frames_features(embeddings, paragraphs))[0]:
        tops = top_paragraphs(contributions[:, model.labels.index(label)], numbers)
        article.frames.append(Label(label, round(score, 4), paragraph_evidence(tops, numbers, paragraphs), tops))
