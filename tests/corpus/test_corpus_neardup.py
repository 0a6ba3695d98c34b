"""MinHash near-duplicates and same-story groups on the shared English articles."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from presswatch.article import Article, Metadata
from presswatch.compare import stories
from presswatch.corpus import neardup
from presswatch.corpus.store import Store


@pytest.fixture(scope="module")
def texts(semeval_dir: Path) -> list[str]:
    paths = sorted((semeval_dir / "en" / "train-articles").glob("article*.txt"))[20:26]
    return [p.read_text(encoding="utf-8") for p in paths]


def _drop_lines(text: str, every: int) -> str:
    """A rewrite: keep all but every `every`-th non-empty line."""
    lines = [line for line in text.split("\n") if line.strip()]
    return "\n".join(line for i, line in enumerate(lines) if i % every != every - 1)


def test_shingles() -> None:
    assert neardup.shingles("The cat sat on the mat") == {b"the cat sat", b"cat sat on", b"sat on the", b"on the mat"}
    assert neardup.shingles("Two words") == {b"two words"}
    assert neardup.shingles("  ") == set()


def test_signature_similarity(texts: list[str]) -> None:
    a = neardup.signature(texts[0])
    assert a.dtype == np.uint32 and len(a) == neardup.NUM_PERM
    assert neardup.similarity(a, neardup.signature(texts[0])) == 1.0
    assert np.array_equal(neardup.from_bytes(neardup.to_bytes(a)), a)
    near = neardup.signature("Breaking: " + texts[0] + "\nRead more on our site.")
    assert neardup.similarity(a, near) >= 0.8
    assert neardup.similarity(a, neardup.signature(texts[1])) < 0.2
    keys = neardup.band_keys(a)
    b, r = neardup.LSHParams().bands_rows
    assert len(keys) == b and b * r <= neardup.NUM_PERM
    assert len(set(keys) & set(neardup.band_keys(near))) >= 1  # LSH makes them candidates


def test_groups_in_a_store(tmp_path: Path, texts: list[str]) -> None:
    with Store(tmp_path / "c.db") as s:
        a = s.add(Article(text=texts[0], metadata=Metadata(outlet="Reuters")))
        a2 = s.add(Article(text=texts[0] + "\nThis story was updated.", metadata=Metadata(outlet="RT")))
        b = s.add(Article(text=texts[1], metadata=Metadata(outlet="CNN")))
        b2 = s.add(Article(text=_drop_lines(texts[1], 3), metadata=Metadata(outlet="Sputnik")))
        c = s.add(Article(text=texts[2], metadata=Metadata(outlet="CNN")))
        c2 = s.add(Article(text=_drop_lines(texts[2], 3), metadata=Metadata(outlet="CNN")))
        s.add(Article(text=texts[3], metadata=Metadata(outlet="CNN")))
        b_sim = neardup.similarity(neardup.signature(texts[1]), neardup.signature(_drop_lines(texts[1], 3)))
        assert 0.5 <= b_sim < 0.8  # a rewrite: the same story, not a near-duplicate

        assert stories.near_duplicate_groups(s) == [[a, a2]]
        groups = stories.story_groups(s, threshold=0.5)
        assert sorted(g.ids for g in groups) == [[a, a2], [b, b2], [c, c2]]
        assert next(g for g in groups if g.ids == [b, b2]).outlets == ["CNN", "Sputnik"]
        across = stories.story_groups(s, threshold=0.5, across_outlets_only=True)
        assert sorted(g.ids for g in across) == [[a, a2], [b, b2]]


def test_link_groups() -> None:
    assert stories.link_groups([(1, 2), (3, 4), (2, 5), (6, 6)]) == [[1, 2, 5], [3, 4]]
