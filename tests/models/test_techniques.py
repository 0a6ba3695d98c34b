"""Technique model: tiny training run, save/load round trip, broken artifacts, span helpers, shipped artifact."""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
import pytest

from presswatch.article import Article
from presswatch.config import SETTINGS
from presswatch.errors import ModelError
from presswatch.evaluation.semeval import SemEvalArticle, load_language
from presswatch.models.encoder import DOC_DIM
from presswatch.models.techniques.model import TechniqueConfig, TechniqueModel
from presswatch.models.techniques.spans import fit_span_model, sentences, tokens
from presswatch.models.techniques.training import train_techniques, tune_thresholds
from presswatch.taxonomy import FAMILY_OF


@pytest.fixture(scope="module")
def tiny_articles(semeval_dir: Path) -> list[SemEvalArticle]:
    return sorted(load_language(semeval_dir, "en"), key=lambda a: len(a.text))[:20]


@pytest.fixture(scope="module")
def tiny_model(tiny_articles: list[SemEvalArticle]) -> TechniqueModel:
    return train_techniques(tiny_articles, seed=0, config=TechniqueConfig(epochs=8, hidden=64))


def _paragraphs(a: SemEvalArticle) -> list[str]:
    return [a.text[s.start:s.end] for _, s in Article(text=a.text).paragraphs()]


@pytest.mark.slow
def test_tiny_training_predicts_valid_labels(tiny_model: TechniqueModel, tiny_articles: list[SemEvalArticle]) -> None:
    assert set(tiny_model.labels) <= set(FAMILY_OF)
    assert set(tiny_model.nets) == set(tiny_model.thresholds) == {"minilm", "use"}  # default routing: both heads
    for thresholds in tiny_model.thresholds.values():
        assert np.all((thresholds > 0) & (thresholds < 1))
    paras = _paragraphs(tiny_articles[-1])
    out = tiny_model.predict_paragraphs(paras)
    assert len(out) == len(paras)
    for hits in out:
        for tech, score in hits:
            assert tech in tiny_model.labels
            assert tiny_model.thresholds[tiny_model.head("en")][tiny_model.labels.index(tech)] <= score <= 1.0
    # trained on these very articles, it must find most of their frequent labels again
    found = sum(len(h) for a in tiny_articles for h in tiny_model.predict_paragraphs(_paragraphs(a)))
    assert found > 0


@pytest.mark.slow
def test_save_load_round_trip(tiny_model: TechniqueModel, tiny_articles: list[SemEvalArticle],
                              tmp_path: Path) -> None:
    tiny_model.save(tmp_path)
    loaded = TechniqueModel.load(tmp_path)
    assert loaded.labels == tiny_model.labels
    paras = _paragraphs(tiny_articles[3])
    from presswatch.models.encoder import encode, encode_multilingual

    emb = np.hstack([encode(paras), encode_multilingual(paras)])
    for head in ("minilm", "use"):
        np.testing.assert_allclose(loaded.scores(paras, emb, head=head), tiny_model.scores(paras, emb, head=head),
                                   atol=2e-2)
    assert sum(p.stat().st_size for p in tmp_path.iterdir()) < 15_000_000


def test_missing_artifact_raises_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="missing model.json"):
        TechniqueModel.load(tmp_path / "nowhere")


@pytest.mark.slow
@pytest.mark.parametrize("damage", ["truncate_weights", "bad_json", "wrong_format"])
def test_corrupt_artifact_raises_model_error(tiny_model: TechniqueModel, tmp_path: Path, damage: str) -> None:
    tiny_model.save(tmp_path)
    if damage == "truncate_weights":
        w = tmp_path / "weights.npz"
        w.write_bytes(w.read_bytes()[:1000])
    elif damage == "bad_json":
        (tmp_path / "model.json").write_text("{not json", encoding="utf-8")
    else:
        meta = json.loads((tmp_path / "model.json").read_text(encoding="utf-8"))
        meta["format"] = 999
        (tmp_path / "model.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError, match="corrupt"):
        TechniqueModel.load(tmp_path)


def test_tune_thresholds_prefers_the_separating_cut() -> None:
    rng = np.random.default_rng(0)
    y = (rng.random((400, 2)) < 0.3).astype(np.float32)
    scores = np.clip(y * 0.6 + rng.random((400, 2)) * 0.35, 0, 1)  # positives in [0.6, 0.95], negatives below 0.35
    thr, glob = tune_thresholds(scores, y, TechniqueConfig(min_positives=10, threshold_shrink=0.0))
    assert 0.35 <= glob <= 0.6
    assert np.all((thr >= 0.35) & (thr <= 0.6))


def test_sentences_and_tokens_are_offsets() -> None:
    text = 'He said "They are telling lies." Then he left! Was it true?  Nobody knows'
    sents = sentences(text)
    assert [text[s:e] for s, e in sents] == ['He said "They are telling lies."', "Then he left!", "Was it true?",
                                             "Nobody knows"]
    assert all(text[s:e] == w for s, e, w in [(s, e, text[s:e]) for s, e, _ in tokens(text)])


def test_a_sentence_span_drops_an_unpaired_edge_quotation_mark() -> None:
    from presswatch.models.techniques.spans import SpanModel, unpaired_quotes_trimmed

    text = '"They are telling lies. Look, the videos appeared before," Putin said.'
    model = SpanModel(modes={"Doubt": "sentence"})
    assert [text[s:e] for s, e, _ in model.spans(text, "Doubt", lambda texts: np.array([1.0, 0.0]))] == [
        "They are telling lies."]
    assert unpaired_quotes_trimmed('a "b" c', 0, 7) == (0, 7)


def test_phrase_lexicon_finds_loaded_words() -> None:
    para = "The corrupt regime spread phony evidence about the strikes."
    examples = [(para, "Loaded_Language", [(26, 31)]), ("More phony claims today.", "Loaded_Language", [(5, 10)]),
                ("A long sentence that is all one technique here.", "Doubt", [(0, 47)])]
    model = fit_span_model(examples, min_count=1)
    assert model.modes == {"Loaded_Language": "phrase", "Doubt": "sentence"}
    spans = model.spans(para, "Loaded_Language")
    assert [para[s:e] for s, e, _ in spans] == ["phony"]
    assert model.spans(para, "Doubt") == [(0, len(para), 1.0)]


@pytest.mark.slow
def test_shipped_artifact_loads_fast_and_is_small() -> None:
    directory = SETTINGS.models_dir / "techniques"
    t0 = time.perf_counter()
    model = TechniqueModel.load(directory)
    assert time.perf_counter() - t0 < 2.0
    assert sum(p.stat().st_size for p in directory.iterdir()) < 15_000_000
    assert "Loaded_Language" in model.labels and "Name_Calling-Labeling" in model.labels
    assert model.info.get("seed") == 0


@pytest.mark.slow
def test_artifact_from_another_encoder_is_refused(tiny_model: TechniqueModel, tmp_path: Path) -> None:
    tiny_model.save(tmp_path)
    meta = json.loads((tmp_path / "model.json").read_text(encoding="utf-8"))
    meta["encoder"] = "minilm-l6-float-256"
    (tmp_path / "model.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError, match="presswatch train techniques"):
        TechniqueModel.load(tmp_path)


def _fake_embed(texts: list[str]) -> np.ndarray:
    """Deterministic stand-in for MiniLM, so training runs take no encoder time."""
    import zlib

    return np.vstack([np.random.default_rng(zlib.crc32(t.encode())).standard_normal(DOC_DIM).astype(np.float32)
                      for t in texts]) if texts else np.zeros((0, DOC_DIM), np.float32)


def test_ensemble_rounds_and_focus_language(tiny_articles: list[SemEvalArticle]) -> None:
    from presswatch.models.techniques.training import fit_round, training_features

    cfg = TechniqueConfig(epochs=1, hidden=8, max_char=0, inner_folds=3, seeds=2, use_seeds=3, focus_weight=2)
    feats = training_features(tiny_articles, seed=0, config=cfg, embed=_fake_embed)
    for dense in feats.dense.values():
        assert dense.shape[0] == len(feats.rows.texts) == feats.rows.y.shape[0]
    model = train_techniques(tiny_articles, seed=0, config=cfg, embed=_fake_embed, features=feats)
    for head, members in (("minilm", 6), ("use", 9)):  # 2 and 3 rounds of a 3-fold
        assert model.nets[head].w1.shape[:2] == (members, feats.dense[head].shape[1])
    # round r of seed 0 is the single round of seed r, so an ensemble is the union of single seeded fits
    single = fit_round(tiny_articles, feats, "use", cfg, 2)
    assert single is not None
    np.testing.assert_array_equal(model.nets["use"].w1[6:], np.stack([m.w1 for m in single.members]))
    paras = _paragraphs(tiny_articles[0])
    probs = model.scores(paras, _fake_embed(paras))
    assert probs.shape == (len(paras), len(model.labels)) and np.all((probs >= 0) & (probs <= 1))


def test_cv_cuts_spans_with_the_stages_verb_lookup_in_the_articles_language(
        tiny_model: TechniqueModel, tiny_articles: list[SemEvalArticle], monkeypatch: pytest.MonkeyPatch) -> None:
    from presswatch.models.techniques import cv

    monkeypatch.setattr(cv, "load_language", lambda _root, _lang: tiny_articles)
    monkeypatch.setattr(cv, "train_techniques", lambda *_a, **_k: tiny_model)
    asked: list[str | None] = []

    def verbs(art: Article):  # noqa: ANN202
        asked.append(art.metadata.language)
        return lambda _stretches: []

    out = cv.run_cv("en", 2, [], TechniqueConfig(), progress=lambda _line: None, verbs=verbs)
    assert asked == ["en"] * len(tiny_articles)
    assert set(out["span_char_f1_end_to_end"]) == {"p", "r", "f1"}


def test_heads_are_routed_by_language(tiny_articles: list[SemEvalArticle]) -> None:
    cfg = TechniqueConfig(epochs=1, hidden=8, max_char=0, span_tagger=False, minilm_langs="ge,po")
    model = train_techniques(tiny_articles, seed=0, config=cfg, embed=_fake_embed)
    assert [model.head(x) for x in ("en", "fr", "ge", "po", "ru")] == ["use", "use", "minilm", "minilm", "use"]
    assert model.reads_minilm("ge") and not model.reads_minilm("en")
    paras = _paragraphs(tiny_articles[0])
    emb = _fake_embed(paras)
    no_minilm = emb.copy()
    no_minilm[:, :384] = 0.0
    # the USE head never reads the MiniLM columns; the MiniLM head does
    np.testing.assert_array_equal(model.scores(paras, emb, "en"), model.scores(paras, no_minilm, "en"))
    assert not np.array_equal(model.scores(paras, emb, "ge"), model.scores(paras, no_minilm, "ge"))
    only_minilm = train_techniques(tiny_articles, seed=0, config=TechniqueConfig(
        epochs=1, hidden=8, max_char=0, span_tagger=False, minilm_langs="en,fr,ge,it,po,ru"), embed=_fake_embed)
    assert set(only_minilm.nets) == {"minilm"} and only_minilm.head("xx") == "minilm"


def test_aligned_training_is_reproducible(semeval_dir: Path, tmp_path: Path) -> None:
    """Two seeded builds on the re-aligned spans (`aligned_offsets`, the candidate default) write equal artifacts,
    array for array; Russian, where the stored offsets cut words, so the re-alignment changes what the span parts
    see."""
    arts = sorted((a for a in load_language(semeval_dir, "ru") if a.spans), key=lambda a: len(a.text))[:12]
    cfg = TechniqueConfig(epochs=2, hidden=8, max_char=0, lex_folds=2, inner_folds=2, aligned_offsets=True)
    for name in ("a", "b"):
        train_techniques(arts, seed=0, config=cfg, embed=_fake_embed).save(tmp_path / name)
    a, b = np.load(tmp_path / "a" / "weights.npz"), np.load(tmp_path / "b" / "weights.npz")
    assert sorted(a.files) == sorted(b.files)
    for k in a.files:
        np.testing.assert_array_equal(a[k], b[k], err_msg=k)
    for f in ("model.json", "spans.json"):
        assert (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes(), f
