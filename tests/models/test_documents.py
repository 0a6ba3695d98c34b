"""Frames and genre models: training on a small real subset, save/load round trip, clear load errors."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from presswatch.errors import ModelError
from presswatch.evaluation.semeval import FRAMES, GENRES, SemEvalArticle, load_language
from presswatch.models import documents, training


def tiny_subset(semeval_dir: Path, n_op: int = 20, n_rep: int = 6, n_sat: int = 4) -> list[SemEvalArticle]:
    """30 English articles with every genre, chosen by id order (deterministic)."""
    arts = load_language(semeval_dir, "en")
    want = {"opinion": n_op, "reporting": n_rep, "satire": n_sat}
    out = []
    for a in arts:
        if a.genre in want and want[a.genre] > 0 and a.frames:
            want[a.genre] -= 1
            out.append(a)
    return out


@pytest.fixture(scope="module")
def tiny(semeval_dir: Path) -> tuple[list[SemEvalArticle], np.ndarray]:
    arts = tiny_subset(semeval_dir)
    return arts, training.features(arts, training.embed_articles(arts))


def test_style_features_tell_quotes_and_questions() -> None:
    plain = documents.style_features(["Title", "The minister spoke on Monday.", "Prices rose by 3%."])
    quoted = documents.style_features(["Title", '"We will win," he said.', "Why? Really?!"])
    assert plain.shape == (documents.N_STYLE,)
    assert quoted[2] > plain[2] and quoted[4] > plain[4] and quoted[5] > plain[5]
    assert not documents.style_features([]).any()


@pytest.mark.slow
def test_train_predict_save_load(tiny: tuple[list[SemEvalArticle], np.ndarray], tmp_path: Path) -> None:
    arts, x = tiny
    assert x.shape == (30, 384 + documents.N_STYLE)
    fm = training.fit_frames(arts, x, seed=0)
    gm = training.fit_genre(arts, x, seed=0)
    # the training data is (nearly) learned: better than predicting nothing
    gold = {a.id: a.frames for a in arts}
    pred = {a.id: [f for f, _ in p] for a, p in zip(arts, fm.predict(x), strict=True)}
    from presswatch.evaluation.scorers import frames_micro_f1, genre_macro_f1

    assert frames_micro_f1(gold, pred) > 0.6
    assert genre_macro_f1({a.id: a.genre for a in arts}, {a.id: g for a, (g, _) in zip(arts, gm.predict(x),
                                                                                       strict=True)}) > 0.6
    for row in fm.predict(x):
        assert [s for _, s in row] == sorted((s for _, s in row), reverse=True)
        assert all(f in FRAMES for f, _ in row)
    fm.save(tmp_path)
    gm.save(tmp_path)
    t0 = time.perf_counter()
    fm2 = documents.load_frames_model(tmp_path)
    gm2 = documents.load_genre_model(tmp_path)
    assert time.perf_counter() - t0 < 1.0
    np.testing.assert_allclose(fm2.scores(x), fm.scores(x), rtol=1e-5, atol=1e-6)
    assert [g for g, _ in gm2.predict(x)] == [g for g, _ in gm.predict(x)]
    assert gm2.probabilities(x).sum(axis=1) == pytest.approx(np.ones(len(x)))
    assert gm2.labels == list(GENRES) and fm2.meta["seed"] == 0 and fm2.meta["langs"] == ["en"]
    # same seed, same data: the same model
    np.testing.assert_allclose(training.fit_frames(arts, x, seed=0).coef, fm.coef, rtol=1e-5, atol=1e-6)


def test_single_genre_training_predicts_that_genre() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(12, 5)).astype(np.float32)
    m = documents.train_genre(x, ["satire"] * 12)
    assert {g for g, _ in m.predict(x)} == {"satire"}


def test_missing_and_broken_models_raise_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="frames"):
        documents.FramesModel.load(tmp_path)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(20, 4)).astype(np.float32)
    documents.train_genre(x, ["opinion", "reporting"] * 10).save(tmp_path)
    (tmp_path / "genre.npz").write_bytes(b"not a zip file")
    with pytest.raises(ModelError, match="genre"):
        documents.GenreModel.load(tmp_path)
    documents.train_frames(x, [["Political"], ["Economic"]] * 10).save(tmp_path)
    meta = (tmp_path / "frames.json").read_text(encoding="utf-8")
    (tmp_path / "frames.json").write_text(meta.replace('"feature_version": 2', '"feature_version": 99'),
                                          encoding="utf-8")
    with pytest.raises(ModelError, match="presswatch train"):
        documents.FramesModel.load(tmp_path)
    (tmp_path / "frames.json").write_text(meta.replace('"encoder": "', '"encoder": "old-'), encoding="utf-8")
    with pytest.raises(ModelError, match="embeddings"):
        documents.FramesModel.load(tmp_path)
