"""Frames and genre models: training on a small real subset, save/load round trip, clear load errors."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from presswatch.article import paragraph_texts
from presswatch.errors import ModelError
from presswatch.evaluation.semeval import SemEvalArticle, load_language
from presswatch.models import frames, genre, linear, training
from presswatch.models.encoder import DOC_DIM, USE_DIM
from presswatch.models.genre_cues import N_CUES, reporting_cues
from presswatch.taxonomy import FRAMES, GENRES


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
def tiny(semeval_dir: Path) -> tuple[list[SemEvalArticle], np.ndarray, list[np.ndarray]]:
    arts = tiny_subset(semeval_dir)
    emb = training.embed_articles(arts)
    return arts, training.frames_inputs(arts, emb), emb


def test_style_features_tell_quotes_and_questions() -> None:
    plain = linear.style_features(["Title", "The minister spoke on Monday.", "Prices rose by 3%."])
    quoted = linear.style_features(["Title", '"We will win," he said.', "Why? Really?!"])
    assert plain.shape == (linear.N_STYLE,)
    assert quoted[2] > plain[2] and quoted[4] > plain[4] and quoted[5] > plain[5]
    assert not linear.style_features([]).any()


@pytest.mark.slow
def test_train_predict_save_load(tiny: tuple[list[SemEvalArticle], np.ndarray, list[np.ndarray]],
                                 tmp_path: Path) -> None:
    arts, x, emb = tiny
    assert x.shape == (30, DOC_DIM + linear.N_STYLE)  # mean USE, MiniLM of the lead, style
    fm = training.fit_frames(arts, x, seed=0)
    gm = training.fit_genre(arts, emb, seed=0)
    gx = np.vstack([gm.features(e, paragraph_texts(a.text)) for a, e in zip(arts, emb, strict=True)])
    assert gx.shape == (30, 2 * USE_DIM + linear.N_STYLE + N_CUES + genre.N_EXTRA)
    # the training data is (nearly) learned: better than predicting nothing
    gold = {a.id: a.frames for a in arts}
    pred = {a.id: [f for f, _ in p] for a, p in zip(arts, fm.predict(x), strict=True)}
    from presswatch.evaluation.scorers import frames_micro_f1, genre_macro_f1

    assert frames_micro_f1(gold, pred) > 0.6
    assert genre_macro_f1({a.id: a.genre for a in arts}, {a.id: g for a, (g, _) in zip(arts, gm.predict(gx),
                                                                                       strict=True)}) > 0.6
    for row in fm.predict(x):
        assert [s for _, s in row] == sorted((s for _, s in row), reverse=True)
        assert all(f in FRAMES for f, _ in row)
    fm.save(tmp_path)
    gm.save(tmp_path)
    t0 = time.perf_counter()
    fm2 = frames.load_frames_model(tmp_path)
    gm2 = genre.load_genre_model(tmp_path)
    assert time.perf_counter() - t0 < 1.0
    np.testing.assert_allclose(fm2.scores(x), fm.scores(x), rtol=1e-5, atol=1e-6)
    assert [g for g, _ in gm2.predict(gx)] == [g for g, _ in gm.predict(gx)]
    np.testing.assert_allclose(gm2.features(emb[0], paragraph_texts(arts[0].text)), gx[0], rtol=1e-5)
    assert gm2.probabilities(gx).sum(axis=1) == pytest.approx(np.ones(len(gx)))
    assert gm2.labels == list(GENRES) and fm2.meta["seed"] == 0 and fm2.meta["langs"] == ["en"]
    # same seed, same data: the same model
    np.testing.assert_allclose(training.fit_frames(arts, x, seed=0).coef, fm.coef, rtol=1e-5, atol=1e-6)


def _random_genre_data(n: int, seed: int = 0) -> tuple[list[np.ndarray], list[list[str]], list[np.ndarray]]:
    rng = np.random.default_rng(seed)
    emb = [rng.normal(size=(4, DOC_DIM)).astype(np.float32) for _ in range(n)]
    texts = [["Title", "He said it was fine.", "We must act now!", "Numbers: 3"] for _ in range(n)]
    flags = [np.array([-1, 0, 1, int(rng.integers(2))], dtype=np.int8) for _ in range(n)]
    return emb, texts, flags


def test_paragraph_contributions_add_up_to_the_embedding_part_of_the_logits() -> None:
    emb, texts, flags = _random_genre_data(20)
    m = genre.train_genre(emb, texts, flags, ["opinion", "reporting"] * 10)
    feats = m.features(emb[0], texts[0])
    other = feats.copy()
    d = 2 * USE_DIM  # genre reads the USE block of the document embeddings, mean and max pooled
    other[:d] = m.mean[:d]  # the same article with average pooled embeddings
    want = m.logits(feats)[0] - m.logits(other)[0]
    got = m.paragraph_contributions(emb[0]).sum(axis=0) - (m.mean[:d] / m.scale[:d]) @ m.coef[:, :d].T
    np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-4)


def test_single_genre_training_predicts_that_genre() -> None:
    emb, texts, flags = _random_genre_data(12)
    m = genre.train_genre(emb, texts, flags, ["satire"] * 12)
    assert {m.predict_article(e, t)[0] for e, t in zip(emb, texts, strict=True)} == {"satire"}


def test_attribution_rate_and_density_head() -> None:
    assert genre.attribution_rate(["T", "He said so, according to police."]) > genre.attribution_rate(["T", "No."])
    emb, _, flags = _random_genre_data(20)
    head = genre.fit_density(emb, flags)
    assert 0.0 < head.article_density(emb[0]) < 1.0 and head.article_density(np.zeros((0, 384))) == 0.0


def test_density_leaves_quoted_paragraphs_out() -> None:
    paras = ["Title", '"They are telling lies," he said.', "Troops arrived on Monday."]
    w = genre.authorial_weights(paras)
    assert w[0] == 1.0 and w[2] == 1.0 and w[1] < 0.5
    assert genre.authorial_share("«Всё это ложь», — сказал он.") < 0.7
    emb, _, flags = _random_genre_data(20)
    head = genre.fit_density(emb, flags)
    e = emb[0][:3]
    probs = [head.article_density(e[i:i + 1]) for i in range(3)]
    only_second = head.article_density(e, np.array([0.0, 1.0, 0.0], np.float32))
    assert abs(only_second - probs[1]) < 1e-6


def test_deploy_shift_is_the_prior_correction() -> None:
    assert genre.deploy_shift({"opinion": 0.5, "reporting": 0.5, "satire": 0.0}) == 0.0
    shift = genre.deploy_shift()
    prior = genre.DEPLOY_PRIOR
    assert shift > 0 and 2 * shift == pytest.approx(np.log(prior["reporting"] / prior["opinion"]))
    emb, texts, flags = _random_genre_data(20)
    m = genre.train_genre(emb, texts, flags, ["opinion", "reporting"] * 10)
    assert m.thresholds.tolist() == pytest.approx([-shift, shift, 0.0])


def test_genre_model_per_language_with_english_fallback(tmp_path: Path) -> None:
    emb, texts, flags = _random_genre_data(20)
    genre.train_genre(emb, texts, flags, ["opinion", "reporting"] * 10, meta={"langs": ["en"]}).save(tmp_path)
    genre.train_genre(emb, texts, flags, ["satire", "reporting"] * 10, meta={"langs": ["fr"]},
                      kind=genre.artifact_kind("fr")).save(tmp_path)
    assert (tmp_path / "genre-fr.json").exists()
    assert genre.load_genre_model(tmp_path, "fr").meta["langs"] == ["fr"]
    assert genre.load_genre_model(tmp_path, "ru").meta["langs"] == ["en"]  # no Russian model: English
    assert genre.load_genre_model(tmp_path).meta["langs"] == ["en"]


def test_missing_and_broken_models_raise_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="frames"):
        frames.FramesModel.load(tmp_path)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(20, 4)).astype(np.float32)
    emb, texts, flags = _random_genre_data(20)
    genre.train_genre(emb, texts, flags, ["opinion", "reporting"] * 10).save(tmp_path)
    assert genre.GenreModel.load(tmp_path).labels == list(GENRES)
    meta = (tmp_path / "genre.json").read_text(encoding="utf-8")
    old = meta.replace(f'"feature_version": {genre.GENRE_FEATURE_VERSION}', '"feature_version": 2')
    (tmp_path / "genre.json").write_text(old, encoding="utf-8")
    with pytest.raises(ModelError, match="presswatch train"):
        genre.GenreModel.load(tmp_path)
    (tmp_path / "genre.npz").write_bytes(b"not a zip file")
    with pytest.raises(ModelError, match="genre"):
        genre.GenreModel.load(tmp_path)
    frames.train_frames(x, [["Political"], ["Economic"]] * 10).save(tmp_path)
    meta = (tmp_path / "frames.json").read_text(encoding="utf-8")
    (tmp_path / "frames.json").write_text(meta.replace(f'"feature_version": {frames.FRAMES_FEATURE_VERSION}',
                                                       '"feature_version": 99'),
                                          encoding="utf-8")
    with pytest.raises(ModelError, match="presswatch train"):
        frames.FramesModel.load(tmp_path)
    (tmp_path / "frames.json").write_text(meta.replace('"encoder": "', '"encoder": "old-'), encoding="utf-8")
    with pytest.raises(ModelError, match="embeddings"):
        frames.FramesModel.load(tmp_path)


def test_genre_is_calibrated_on_held_out_languages_and_abstains_below_its_floor() -> None:
    emb, texts, flags = _random_genre_data(40)
    langs = ["en", "fr", "ru", "it"] * 10
    m = genre.train_genre(emb, texts, flags, ["opinion", "reporting"] * 20, langs=langs)
    assert m.temperature > 0 and m.confidence_floor == genre.PRECISION_FLOOR and len(m.bias) == len(GENRES)
    assert m.meta["calibration"]["held_out"] == "leave one language out"
    assert m.meta["calibration"]["fitted_for"] == "equal genres"
    assert m.decide(np.array([0.45, 0.40, 0.15]), 0) == ("uncertain", 0.45)
    assert m.decide(np.array([0.05, 0.9, 0.05]), 1) == ("reporting", 0.9)
    assert m.decide(np.array([0.05, 0.9, 0.05]), 0)[0] == "uncertain"  # not SemEval's genre: no verdict
    reading = m.explain(emb[0], texts[0])
    assert reading.semeval in GENRES and reading.probs.sum() == pytest.approx(1.0)
    if reading.label == "uncertain":
        assert reading.evidence[0].startswith("uncertain, leaning ")


def test_the_stated_genre_mix_moves_the_scores_by_bayes_and_satire_needs_more() -> None:
    emb, texts, flags = _random_genre_data(40)
    m = genre.train_genre(emb, texts, flags, ["opinion", "reporting", "satire", "opinion"] * 10,
                          langs=["en", "fr", "ru", "it"] * 10)
    x = np.vstack([m.features(e, t) for e, t in zip(emb[:5], texts[:5], strict=True)])
    news = m.probabilities(x, {"opinion": 0.35, "reporting": 0.6, "satire": 0.05})
    columns = m.probabilities(x, {"opinion": 0.6, "reporting": 0.35, "satire": 0.05})
    np.testing.assert_allclose((news[:, 1] / news[:, 0]) / (columns[:, 1] / columns[:, 0]), (0.6 / 0.35) ** 2,
                               rtol=1e-6)
    np.testing.assert_allclose(genre.shown_prior(np.array([0.35, 0.6, 0.05]), GENRES),
                               [0.35 / 0.95 * 2 / 3, 0.6 / 0.95 * 2 / 3, 1 / 3])
    assert genre.label_floor(0.8, 0.05, 1 / 3) == pytest.approx(0.9744) and genre.label_floor(0.8, 1 / 3, 1 / 3) == 0.8
    sat = GENRES.index("satire")
    assert m.label_floors()[sat] == pytest.approx(0.9744) and m.label_floors()[0] == 0.8
    assert m.decide(np.array([0.02, 0.03, 0.95]), sat)[0] == "uncertain"
    assert m.decide(np.array([0.01, 0.01, 0.98]), sat)[0] == "satire"
    with pytest.raises(ModelError, match="PRESSWATCH_GENRE_PRIOR"):
        m.probabilities(x, {"opinion": 1.0})
    with pytest.raises(ModelError, match="positive"):
        m.probabilities(x, {"opinion": 1.0, "reporting": 0.0, "satire": 0.1})


def test_the_genre_prior_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from presswatch import config

    monkeypatch.setenv("PRESSWATCH_GENRE_PRIOR", "opinion=0.7, reporting=0.2,satire=0.1")
    assert config.Settings().genre_prior == {"opinion": 0.7, "reporting": 0.2, "satire": 0.1}
    monkeypatch.setenv("PRESSWATCH_GENRE_PRIOR", "")
    assert config.Settings().genre_prior == config.NEWS_FEED_GENRES
    monkeypatch.setenv("PRESSWATCH_GENRE_PRIOR", "opinion=lots")
    with pytest.raises(ModelError, match="positive"):
        genre.prior_vector(config.Settings().genre_prior | {"reporting": 1.0, "satire": 1.0}, GENRES)


def test_label_shift_calibration_recovers_a_known_temperature_bias_and_mix() -> None:
    from presswatch.evaluation import calibration

    rng = np.random.default_rng(5)
    z = rng.normal(size=(3000, 3)) * 3.0
    true = calibration._softmax(z / 2.0 + np.array([0.0, -1.0, 0.5]))
    y = np.array([rng.choice(3, p=p) for p in true])
    t, b = calibration.fit_temperature_bias(z, y)
    assert t == pytest.approx(2.0, rel=0.1) and b == pytest.approx([0.0, -1.0, 0.5], abs=0.15)
    t2, b2 = calibration.fit_temperature_bias(z, y)
    assert t2 == t and np.array_equal(b2, b)  # deterministic, so the artifact is byte-identical
    source = np.bincount(y, minlength=3) / len(y)
    np.testing.assert_allclose(calibration.shift_prior(true, source, source), true, rtol=1e-9)
    keep = np.concatenate([np.flatnonzero(y == 0)[:900], np.flatnonzero(y == 1)[:60], np.flatnonzero(y == 2)[:40]])
    got = calibration.em_prior(calibration._softmax(z[keep] / t + b), source)
    assert got == pytest.approx(np.bincount(y[keep], minlength=3) / len(keep), abs=0.05)
    assert calibration.ece(true, y) == pytest.approx(calibration.ece(true, y, weights=np.full(len(y), 3.0)))


def test_reporting_cues_tell_wire_copy_from_a_column() -> None:
    wire = reporting_cues(["Title", "MOSCOW (Sputnik) — Troops arrived on Monday, officials said.",
                           '"We coordinate with them," Putin said.'])
    column = reporting_cues(["Title", "I think you are wrong. Why do we even bother?", "Enough!"])
    assert wire.shape == (N_CUES,) and not reporting_cues([]).any()
    assert wire[0] > column[0]  # quoted share
    assert column[1] > wire[1] and column[2] > wire[2] and column[3] > wire[3]  # pronouns, questions, exclamations
    assert wire[4] == 1.0 and column[4] == 0.0  # dateline
    assert reporting_cues(["T", "Мы знаем, что вы правы."])[1] > reporting_cues(["T", "Войска прибыли."])[1]


def test_max_pooling_credits_the_paragraph_that_holds_the_maximum() -> None:
    emb, texts, flags = _random_genre_data(20)
    m = genre.train_genre(emb, texts, flags, ["opinion", "reporting"] * 10)
    own = emb[0][:, genre.USE_BLOCK].copy()
    own[2] += 10.0  # paragraph 3 now holds every maximum
    d = own.shape[1]
    mean_part = (own / len(own) / m.scale[:d]) @ m.coef[:, :d].T
    got = m.paragraph_contributions(np.hstack([emb[0][:, :genre.DIM], own]))
    np.testing.assert_allclose(got[[0, 1, 3]], mean_part[[0, 1, 3]], rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(got[2] - mean_part[2], (own[2] / m.scale[d:2 * d]) @ m.coef[:, d:2 * d].T,
                               rtol=1e-4, atol=1e-4)


def test_tfidf_baseline_fits_only_the_subtasks_asked_for(semeval_dir: Path) -> None:
    from presswatch.models.baseline import TfidfBaseline

    arts = tiny_subset(semeval_dir)
    bl = TfidfBaseline(0).fit(arts, ("genre",))
    assert set(bl.predict_genre(arts[:3]).values()) <= set(GENRES)
    assert not hasattr(bl, "tech_clf") and not hasattr(bl, "frames_clf")


def test_precision_curves_are_deterministic_monotone_and_only_lower_scores() -> None:
    from presswatch.evaluation import calibration

    rng = np.random.default_rng(3)
    conf = rng.uniform(0.34, 1.0, 300)
    right = (rng.uniform(size=300) < conf * 0.8).astype(float)
    knots = calibration.precision_curve(conf, right)
    assert knots == calibration.precision_curve(conf, right)
    assert np.all(np.diff(knots[0]) > 0) and np.all(np.diff(knots[1]) >= 0)
    assert np.all(calibration.ceiling_scores(conf, knots) <= conf)
    probs = rng.dirichlet(np.ones(3), 50)
    out = calibration.restate(probs, np.full(50, 0.2))
    np.testing.assert_allclose(out.sum(1), 1.0)
    assert (out.argmax(1) == probs.argmax(1)).all()
    assert calibration.precision_curve(np.array([0.5, 0.5]), np.array([1.0, 0.0])) == ([0.0, 1.0], [0.0, 1.0])


@pytest.mark.parametrize("change, reason", [
    (lambda m: m.pop("bias"), "calibration bias"),
    (lambda m: m.update(bias=[0.0, 1.0]), "calibration bias"),
    (lambda m: m.update(bias=[0.0, "x", 1.0]), "calibration bias"),
    (lambda m: m.update(temperature=-1), "temperature"),
    (lambda m: m.pop("confidence_floor"), "confidence floor"),
])
def test_missing_or_corrupt_genre_calibration_is_a_clear_error(tmp_path: Path, change: Any, reason: str) -> None:
    import json

    emb, texts, flags = _random_genre_data(20)
    genre.train_genre(emb, texts, flags, ["opinion", "reporting"] * 10).save(tmp_path)
    assert len(genre.GenreModel.load(tmp_path).meta["bias"]) == len(GENRES)
    meta = json.loads((tmp_path / "genre.json").read_text(encoding="utf-8"))
    change(meta)
    (tmp_path / "genre.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError, match=reason) as err:
        genre.GenreModel.load(tmp_path)
    assert "genre.json" in str(err.value) and "presswatch train genre" in str(err.value)


def test_genre_scores_are_the_mean_of_the_language_committee(tmp_path: Path) -> None:
    emb, texts, flags = _random_genre_data(40)
    genres = ["opinion", "reporting", "satire", "opinion"] * 10
    m = genre.train_genre(emb, texts, flags, genres, langs=["en", "fr", "ru", "it"] * 10)
    heads = m.extra["committee_coef"]
    assert heads.shape == (4, len(GENRES), m.coef.shape[1]) and m.extra["committee_intercept"].shape == (4, 3)
    x = np.vstack([m.features(e, t) for e, t in zip(emb[:5], texts[:5], strict=True)])
    m.meta["temperature"] = 0.05  # random features carry no signal: sharpen so that the heads disagree
    z = m.committee_logits(x)
    assert z is not None and z.shape == (4, 5, 3) and not np.allclose(z[0], z[2])
    log_prior = np.log(genre.shown_prior(genre.prior_vector(genre.DEPLOY_PRIOR, GENRES), GENRES))
    each = linear.softmax(z / 0.05 + m.bias + log_prior)
    np.testing.assert_allclose(m.probabilities(x, genre.DEPLOY_PRIOR), each.mean(axis=0), rtol=1e-6)
    full = linear.softmax(m.logits(x) / 0.05 + m.bias + log_prior)
    assert not np.allclose(m.probabilities(x, genre.DEPLOY_PRIOR), full)
    m.save(tmp_path)
    np.testing.assert_allclose(genre.load_genre_model(tmp_path).extra["committee_coef"], heads)
    genre.load_genre_model.cache_clear()
    with np.load(tmp_path / "genre.npz") as z_file:
        arrays = {k: z_file[k] for k in z_file.files}
    for broken, why in ((arrays["x_committee_coef"][:, :, :7], "shape"),
                        (np.full_like(arrays["x_committee_coef"], np.nan), "finite")):
        np.savez(tmp_path / "genre.npz", **(arrays | {"x_committee_coef": broken}))
        with pytest.raises(ModelError, match=why):
            genre.GenreModel.load(tmp_path)
    np.savez(tmp_path / "genre.npz", **{k: v for k, v in arrays.items() if k != "x_committee_intercept"})
    with pytest.raises(ModelError, match="committee"):
        genre.GenreModel.load(tmp_path)


def test_an_outlet_profile_states_the_genre_its_dateline_tag_carries() -> None:
    from presswatch.models.genre_cues import outlet_genre

    assert outlet_genre(["Titel", "Kairo (dpo) - Ein Mann hat am Montag gesagt, er sei zufrieden."]) == "satire"
    assert outlet_genre(["Title", "MOSCOW (Sputnik) — Troops arrived on Monday, officials said."]) is None
    assert outlet_genre(["Titel", "Der Postillon (dpo) berichtet nicht, heißt es."]) is None  # no dateline
    assert outlet_genre([]) is None

