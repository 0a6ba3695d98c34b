"""Frames and genre stages with the shipped models on real SemEval articles and hostile inputs."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from presswatch.article import Article
from presswatch.evaluation.semeval import FRAMES, GENRES
from presswatch.models import documents
from presswatch.models import genre as genre_model
from presswatch.stages import frames, genre


def test_shipped_models_load_fast() -> None:
    documents.load_frames_model.cache_clear()
    genre_model.load_genre_model.cache_clear()
    t0 = time.perf_counter()
    documents.load_frames_model()
    genre_model.load_genre_model()
    assert time.perf_counter() - t0 < 1.0


@pytest.mark.slow
def test_stages_label_a_semeval_article(semeval_dir: Path) -> None:
    text = (semeval_dir / "en" / "train-articles" / "article111111111.txt").read_text(encoding="utf-8")
    article = Article(text=text)
    frames.run(article)
    genre.run(article)
    assert article.frames, "a WHO plague article frames as something"
    assert all(f.label in FRAMES and 0.0 <= f.score <= 1.0 for f in article.frames)
    assert [f.score for f in article.frames] == sorted((f.score for f in article.frames), reverse=True)
    assert "Health_and_safety" in {f.label for f in article.frames}
    assert article.genre is not None and article.genre.label in GENRES and 1 / 3 <= article.genre.score <= 1.0
    assert "paragraph_embeddings" in article._cache  # shared with the techniques stage
    assert article.text == text


def test_empty_article_gets_no_labels() -> None:
    article = Article(text="\n \n")
    frames.run(article)
    genre.run(article)
    assert article.frames == [] and article.genre is None
