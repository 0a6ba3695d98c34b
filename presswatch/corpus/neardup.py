"""Near-duplicate detection: MinHash signatures over word shingles (datasketch) and LSH band keys.

The band keys are plain integers so a store can index them and find candidates with one query;
the band/row split comes from datasketch's own optimiser for the chosen threshold.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param

NUM_PERM = 128
SHINGLE = 3  # words per shingle
THRESHOLD = 0.8
SCHEME = "affine32"  # datasketch's default hashing scheme since 2.0; fixed so stored signatures stay comparable

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class LSHParams:
    threshold: float = THRESHOLD
    num_perm: int = NUM_PERM

    @property
    def bands_rows(self) -> tuple[int, int]:
        return _bands_rows(self.threshold, self.num_perm)


@lru_cache(maxsize=8)
def _bands_rows(threshold: float, num_perm: int) -> tuple[int, int]:
    b, r = _optimal_param(threshold, num_perm, 0.5, 0.5)
    return int(b), int(r)


@lru_cache(maxsize=4)
def _template(num_perm: int) -> MinHash:
    return MinHash(num_perm=num_perm, scheme=SCHEME, hashfunc=zlib.crc32)  # permutations: draw them once


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """Lower-cased word n-grams of `text` (the whole text when shorter than n words)."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(text: str, num_perm: int = NUM_PERM) -> np.ndarray:
    """The MinHash signature (uint32 array of `num_perm` values) of `text`."""
    t = _template(num_perm)
    # crc32 (C) instead of datasketch's default sha1 per shingle: 4x faster, and stable across processes
    m = MinHash(num_perm=num_perm, permutations=t.permutations, scheme=t.scheme, hashfunc=zlib.crc32)
    m.update_batch(list(shingles(text)))
    return np.asarray(m.hashvalues, dtype=np.uint32)


def to_bytes(sig: np.ndarray) -> bytes:
    return np.asarray(sig, dtype="<u4").tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4")


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    if len(a) != len(b):
        raise ValueError("signatures of different lengths")
    return float(np.count_nonzero(a == b)) / len(a)


def band_keys(sig: np.ndarray, params: LSHParams = LSHParams()) -> list[tuple[int, int]]:
    """(band, key) pairs: two signatures sharing any pair are LSH candidates."""
    b, r = params.bands_rows
    le = np.asarray(sig, dtype="<u4")
    out = []
    for band in range(b):
        digest = hashlib.blake2b(le[band * r : (band + 1) * r].tobytes(), digest_size=8).digest()
        out.append((band, int.from_bytes(digest, "little", signed=True)))
    return out
