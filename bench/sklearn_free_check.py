"""Check that prediction without scikit-learn gives the same matrices: `FixedTfidf` against `TfidfVectorizer` for
each shipped technique vectorizer, and `tagger.hashed` against `FeatureHasher` for the span tagger's word
features, on every paragraph of the training split (six languages); and time both.

    python bench/sklearn_free_check.py            # every paragraph; --step N: every Nth

Equal means the same indices, indptr and data bytes (float32 TF-IDF, float64 hashed values), and the same
lexical-head scores and tagger probabilities to the bit.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from presswatch.article import Article  # noqa: E402
from presswatch.config import SETTINGS  # noqa: E402
from presswatch.evaluation.semeval import load_language  # noqa: E402

LANGS = ("en", "fr", "ge", "it", "po", "ru")


def same(a: object, b: object) -> bool:
    """Equal CSR structure and data bytes."""
    return (a.shape == b.shape and a.dtype == b.dtype  # type: ignore[attr-defined]
            and np.array_equal(a.indptr, b.indptr) and np.array_equal(a.indices, b.indices)  # type: ignore[attr-defined]
            and a.data.tobytes() == b.data.tobytes())  # type: ignore[attr-defined]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--step", type=int, default=1)
    ap.add_argument("--batch", type=int, default=20, help="paragraphs per transform call (an article's worth)")
    args = ap.parse_args()
    from sklearn.feature_extraction import FeatureHasher

    from presswatch.models.techniques import features as tf
    from presswatch.models.techniques.model import load_technique_model
    from presswatch.models.techniques.tagger import N_HASH, hashed, token_features

    model = load_technique_model()
    texts = [a.text[s.start:s.end] for lg in LANGS for a in load_language(SETTINGS.semeval_dir, lg)
             for _, s in Article(text=a.text).paragraphs()][:: args.step]
    texts += ["", "   ", "a", "ab", "Déjà vu\u00a0—  l'été\n\tÉTÉ", "x" * 3000, "🇺🇸 «Путин»"]
    refs = [tf.sklearn_vectorizer_from_state(tf.vectorizer_state(v), v.idf_) for v in model.vectorizers]
    batches = [texts[i:i + args.batch] for i in range(0, len(texts), args.batch)]
    bad = 0
    for new, ref in zip(model.vectorizers, refs, strict=True):
        t0 = time.process_time()
        mine = [new.transform(b) for b in batches]
        t1 = time.process_time()
        theirs = [ref.transform(b) for b in batches]
        t2 = time.process_time()
        differ = sum(not same(a, b) for a, b in zip(mine, theirs, strict=True))
        bad += differ
        print(f"TF-IDF {new.analyzer} {new.ngram_range}: {len(batches)} batches of {len(texts)} paragraphs differ on "
              f"{differ}; FixedTfidf {t1 - t0:.1f} CPU s, TfidfVectorizer {t2 - t1:.1f} CPU s")
    t0 = time.process_time()
    a = model.lexical.scores(tf.lexical(model.vectorizers, texts))
    b = model.lexical.scores(tf.lexical(refs, texts))
    print(f"lexical-head scores of all {len(texts)} at once equal: {a.tobytes() == b.tobytes()}")
    bad += a.tobytes() != b.tobytes()
    tagger = model.tagger
    if tagger is not None:
        hasher = FeatureHasher(N_HASH, input_type="dict")
        techs = tagger.techniques
        feats = [token_features(t, techs[i % len(techs)], model.span_model.lexicon.get(techs[i % len(techs)], {}))
                 for i, t in enumerate(texts)]
        feats = [f for f in feats if f]
        t0 = time.process_time()
        mine = [hashed(f) for f in feats]
        t1 = time.process_time()
        theirs = [hasher.transform(f) for f in feats]
        t2 = time.process_time()
        differ = sum(not same(x, y) for x, y in zip(mine, theirs, strict=True))
        probs = sum((x @ tagger.coef).tobytes() != (y @ tagger.coef).tobytes()
                    for x, y in zip(mine, theirs, strict=True))
        bad += differ + probs
        print(f"hashed word features: {len(feats)} paragraphs ({sum(len(f) for f in feats)} words), matrices "
              f"differ on {differ}, tagger scores on {probs}; hashed {t1 - t0:.1f} CPU s, FeatureHasher "
              f"{t2 - t1:.1f} CPU s")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
