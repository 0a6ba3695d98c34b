"""Frames and genre stages with the shipped models on real SemEval articles and hostile inputs."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from presswatch.article import Article
from presswatch.models import frames as frames_model
from presswatch.models import genre as genre_model
from presswatch.models.encoder import LEAD_PARAGRAPHS
from presswatch.stages import frames, genre
from presswatch.taxonomy import FRAMES, GENRES


def test_shipped_models_load_fast() -> None:
    frames_model.load_frames_model.cache_clear()
    genre_model.load_genre_model.cache_clear()
    t0 = time.perf_counter()
    frames_model.load_frames_model()
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
    assert article.genre is not None and article.genre.label in (*GENRES, "uncertain")
    assert 1 / 3 <= article.genre.score <= 1.0
    assert "document_embeddings" in article._cache  # shared with the techniques stage
    # frames read MiniLM on the lead alone, genre not at all
    assert article._cache["minilm_rows"] == min(LEAD_PARAGRAPHS, len(article.paragraphs()))
    assert article.text == text
    # evidence: the paragraphs that push toward each label, quoted; the genre's cues in words
    numbers = {n for n, _ in article.paragraphs()}
    health = next(f for f in article.frames if f.label == "Health_and_safety")
    assert health.paragraphs and set(health.paragraphs) <= numbers
    assert health.evidence[0].startswith(f"¶{health.paragraphs[0]}: ")
    assert any("plague" in e.lower() for e in health.evidence)
    assert any(e.startswith("persuasion density") for e in article.genre.evidence)
    assert set(article.genre.paragraphs) <= numbers


def test_empty_article_gets_no_labels() -> None:
    article = Article(text="\n \n")
    frames.run(article)
    genre.run(article)
    assert article.frames == [] and article.genre is None


def test_one_shipped_genre_model_reads_all_six_languages() -> None:
    six = ["en", "fr", "ge", "it", "po", "ru"]
    for lang in six + ["es"]:
        m = genre_model.load_genre_model(lang=lang)
        assert m.kind == "genre" and m.meta["langs"] == six
    cal = m.meta["calibration"]
    assert m.confidence_floor == 0.8 and cal["ece_equal_after"] < min(cal["ece_equal_before"], 0.1)
    assert m.extra["committee_coef"].shape[0] == len(six)  # one head per training language left out
    sat = GENRES.index("satire")
    assert m.label_floors()[sat] > 0.95
    assert m.decide(np.array([0.02, 0.03, 0.95]), sat)[0] == "uncertain"  # satire at 0.95 is not enough in a feed


def test_genre_stage_uses_the_article_language(semeval_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from presswatch.article import Metadata

    text = next((semeval_dir / "fr" / "train-articles").glob("article*.txt")).read_text(encoding="utf-8")
    asked: list[str] = []
    real = genre.load_genre_model

    def spy(directory: Path | None = None, lang: str = "en") -> genre_model.GenreModel:
        asked.append(lang)
        return real(directory, lang)

    monkeypatch.setattr(genre, "load_genre_model", spy)
    article = Article(text=text, metadata=Metadata(language="de"))
    genre.run(article)
    assert asked == ["ge"] and article.genre is not None and article.genre.label in (*GENRES, "uncertain")


def test_uncertain_genre_gives_its_distribution_and_no_paragraph_evidence(semeval_dir: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    text = (semeval_dir / "en" / "train-articles" / "article111111111.txt").read_text(encoding="utf-8")
    model = genre_model.load_genre_model(lang="en")  # the object the stage gets (lru_cache keys by arguments)
    monkeypatch.setitem(model.meta, "confidence_floor", 1.01)  # nothing is ever that sure
    article = Article(text=text)
    genre.run(article)
    assert article.genre is not None and article.genre.label == "uncertain"
    assert article.genre.paragraphs == [] and article.genre.evidence[0].startswith("uncertain, leaning ")
    assert not any(e.startswith("¶") for e in article.genre.evidence)
    dist = article._cache["genre_distribution"]
    assert set(dist) == set(GENRES) and abs(sum(dist.values()) - 1) < 1e-6
    assert article.genre.score == pytest.approx(max(dist.values()), abs=1e-4)
    monkeypatch.setitem(model.meta, "confidence_floor", 0.0)
    sure = Article(text=text)
    genre.run(sure)
    dist, semeval = sure._cache["genre_distribution"], sure._cache["genre_semeval"]
    assert sure.genre is not None and semeval in GENRES
    expected = semeval if max(dist, key=dist.get) == semeval and dist[semeval] >= model.label_floors()[
        GENRES.index(semeval)] else "uncertain"
    assert sure.genre.label == expected and (expected != "uncertain" or sure.genre.paragraphs == [])


def test_a_cleaned_page_reads_its_genre_with_its_title_as_the_model_was_trained(semeval_dir: Path) -> None:
    from presswatch.api import analyze

    path = semeval_dir / "ge" / "train-articles" / "article22175.txt"  # "Hannover (dpo) - ...", Der Postillon
    page = analyze(path, stages=["genre"])
    assert page.metadata.title and page.metadata.title not in page.text  # the cleaner moved the title out
    direct = Article(text=path.read_text(encoding="utf-8"))  # title as the first line, as in training
    genre.run(direct)
    a, b = page._cache["genre_distribution"], direct._cache["genre_distribution"]
    assert all(abs(a[g] - b[g]) < 1e-4 for g in GENRES)
    assert page.genre is not None and max(a, key=a.get) == "satire"
    assert "the dateline carries the tag of Der Postillon, an outlet whose profile says satire" in page.genre.evidence
    assert set(page.genre.paragraphs) <= {n for n, _ in page.paragraphs()}
