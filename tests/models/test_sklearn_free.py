"""The scikit-learn-free TF-IDF and feature hashing used at prediction give scikit-learn's matrices bit for bit."""

from __future__ import annotations

import numpy as np
import pytest

from presswatch.models.techniques import features as tf
from presswatch.models.techniques.tagger import N_HASH, hashed, token_features

pytest.importorskip("sklearn")

TEXTS = ["Putin said the West's claims are phony, phony lies.", "", "  a  ", "Déjà vu\u00a0—  l'été\n\tÉTÉ été",
         "«Это ложь», — заявил Путин.", "x" * 300, "The the THE the", "🇺🇸 flags and ab cd"]


def _same(a: object, b: object) -> bool:
    return (a.shape == b.shape and np.array_equal(a.indptr, b.indptr)  # type: ignore[attr-defined]
            and np.array_equal(a.indices, b.indices)  # type: ignore[attr-defined]
            and a.data.dtype == b.data.dtype and a.data.tobytes() == b.data.tobytes())  # type: ignore[attr-defined]


def test_fixed_tfidf_equals_tfidf_vectorizer() -> None:
    for fitted in tf.make_vectorizers(50, 200):
        fitted.set_params(min_df=1)
        fitted.fit(TEXTS * 2 + ["phony claims of the West", "été déjà"])
        state = tf.vectorizer_state(fitted)
        ref = tf.sklearn_vectorizer_from_state(state, fitted.idf_.astype(np.float32))
        new = tf.vectorizer_from_state(state, fitted.idf_.astype(np.float32))
        for texts in (TEXTS, TEXTS[:1], [""], TEXTS[::-1]):
            assert _same(new.transform(texts), ref.transform(texts))
        assert tf.vectorizer_state(new) == state


def test_hashed_equals_feature_hasher() -> None:
    from sklearn.feature_extraction import FeatureHasher

    hasher = FeatureHasher(N_HASH, input_type="dict")
    lexicon = {"phony": 0.8, "lies": 0.5, "the": 0.0}
    for text in TEXTS:
        feats = token_features(text, "Loaded_Language", lexicon)
        if feats:
            assert _same(hashed(feats), hasher.transform(feats))
    odd = [{"a": 1.0, "b": 0.0}, {}, {"a": -2.5}]
    assert _same(hashed(odd), hasher.transform(odd))
