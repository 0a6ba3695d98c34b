"""all-MiniLM-L6-v2 in plain torch: the BERT encoder, mean pooling and L2 norm that sentence_transformers runs, without
importing transformers or sentence_transformers (about 7 of the 17 CPU seconds a worker spent loading its models).

The same safetensors weights, the same word pieces (`tokenizers` on the model's own tokenizer.json, cut at
`max_length`), the same operations in the same order (SDPA without a mask, as transformers calls it for one unpadded
text; pooling summed with dtype float32 as sentence_transformers 6.2 does; its Normalize module and then `encode`'s
`normalize_embeddings` normalise twice), so the vectors are bit-identical to
`SentenceTransformer.encode(texts, batch_size=1, normalize_embeddings=True)` (`bench/minilm_check.py`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


class _Layer(nn.Module):
    def __init__(self, hidden: int, heads: int, inner: int, eps: float) -> None:
        super().__init__()
        self.head_dim = hidden // heads
        self.query, self.key, self.value, self.attn_out = (nn.Linear(hidden, hidden) for _ in range(4))
        self.ln1 = nn.LayerNorm(hidden, eps=eps)
        self.inter, self.out = nn.Linear(hidden, inner), nn.Linear(inner, hidden)
        self.ln2 = nn.LayerNorm(hidden, eps=eps)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        shape = (*x.shape[:-1], -1, self.head_dim)
        q = self.query(x).view(*shape).transpose(1, 2)
        k = self.key(x).view(*shape).transpose(1, 2)
        v = self.value(x).view(*shape).transpose(1, 2)
        a = F.scaled_dot_product_attention(q, k, v, attn_mask=None, dropout_p=0.0, scale=self.head_dim ** -0.5,
                                           is_causal=False)
        a = a.transpose(1, 2).contiguous().reshape(*x.shape[:-1], -1).contiguous()
        x = self.ln1(self.attn_out(a) + x)
        return self.ln2(self.out(F.gelu(self.inter(x))) + x)  # type: ignore[no-any-return]


class _Bert(nn.Module):
    def __init__(self, cfg: dict[str, Any]) -> None:
        super().__init__()
        hidden, eps = cfg["hidden_size"], cfg["layer_norm_eps"]
        self.word = nn.Embedding(cfg["vocab_size"], hidden)
        self.position = nn.Embedding(cfg["max_position_embeddings"], hidden)
        self.token_type = nn.Embedding(cfg["type_vocab_size"], hidden)
        self.ln = nn.LayerNorm(hidden, eps=eps)
        self.layers = nn.ModuleList(_Layer(hidden, cfg["num_attention_heads"], cfg["intermediate_size"], eps)
                                    for _ in range(cfg["num_hidden_layers"]))

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        x = self.word(ids) + self.token_type(torch.zeros_like(ids))
        x = self.ln(x + self.position(torch.arange(ids.shape[1]).unsqueeze(0)))
        for layer in self.layers:
            x = layer(x)
        return x


_PARTS = {"query": "attention.self.query", "key": "attention.self.key", "value": "attention.self.value",
          "attn_out": "attention.output.dense", "ln1": "attention.output.LayerNorm", "inter": "intermediate.dense",
          "out": "output.dense", "ln2": "output.LayerNorm"}


def _state(weights: dict[str, torch.Tensor], layers: int) -> dict[str, torch.Tensor]:
    """The safetensors names (with or without a "bert." prefix) mapped onto `_Bert`'s; the pooler is left out."""
    pre = "" if "embeddings.word_embeddings.weight" in weights else "bert."
    names = {"word.weight": "embeddings.word_embeddings.weight",
             "position.weight": "embeddings.position_embeddings.weight",
             "token_type.weight": "embeddings.token_type_embeddings.weight",
             "ln.weight": "embeddings.LayerNorm.weight", "ln.bias": "embeddings.LayerNorm.bias"}
    for i in range(layers):
        for ours, theirs in _PARTS.items():
            for p in ("weight", "bias"):
                names[f"layers.{i}.{ours}.{p}"] = f"encoder.layer.{i}.{theirs}.{p}"
    return {k: weights[pre + v] for k, v in names.items()}


class MiniLM:
    """`encode(texts)`: one text at a time, L2-normalised mean-pooled token states, float32 (n, hidden)."""

    def __init__(self, path: Path, max_length: int, quantize: bool = True) -> None:
        import warnings

        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        cfg = json.loads((path / "config.json").read_text(encoding="utf-8"))
        model = _Bert(cfg)
        model.load_state_dict(_state(load_file(str(path / "model.safetensors")), cfg["num_hidden_layers"]))
        model.eval()
        if quantize:  # int8 dynamic quantisation of every linear layer, as before
            with warnings.catch_warnings():  # the eager quantisation API warns about its future, not about this use
                warnings.simplefilter("ignore")
                model = torch.ao.quantization.quantize_dynamic(model, {nn.Linear}, dtype=torch.qint8)
        self.model, self.dim = model, cfg["hidden_size"]
        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length)
        self.tokenizer.no_padding()

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        with torch.inference_mode():
            for i, text in enumerate(texts):
                ids = torch.tensor([self.tokenizer.encode(text.strip()).ids])
                states = self.model(ids)
                mask = torch.ones(1, ids.shape[1], 1)
                mean = (states * mask).sum(dim=1, dtype=torch.float32) / torch.clamp(
                    mask.sum(dim=1, dtype=torch.float32), min=1e-9)
                out[i] = F.normalize(F.normalize(mean, p=2, dim=1), p=2, dim=1)[0].numpy()
        return out
