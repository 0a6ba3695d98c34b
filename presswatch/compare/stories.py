"""Same-story grouping across outlets: near-duplicate groups from stored links, story groups by MinHash LSH."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from presswatch.corpus import neardup
from presswatch.corpus.store import Store


@dataclass
class Story:
    """Articles telling the same story; `outlets` are the distinct outlets among them."""

    ids: list[int]
    outlets: list[str] = field(default_factory=list)


class _Union:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for x in self.parent:
            out[self.find(x)].append(x)
        return sorted((sorted(g) for g in out.values() if len(g) > 1), key=lambda g: (-len(g), g[0]))


def link_groups(pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Connected components (size >= 2) of the graph given by `pairs`, biggest first."""
    u = _Union()
    for a, b in pairs:
        u.union(a, b)
    return u.groups()


def near_duplicate_groups(store: Store) -> list[list[int]]:
    """Groups of articles joined by the store's near-duplicate links (threshold set at ingest)."""
    return link_groups((a, b) for a, b, _ in store.near_duplicate_links())


def story_groups(store: Store, threshold: float = 0.5, across_outlets_only: bool = False) -> list[Story]:
    """Articles whose estimated word-shingle Jaccard similarity is >= `threshold`, grouped transitively.

    A lower threshold than near-duplicate marking finds rewrites of one wire story; with
    `across_outlets_only` pairs from the same outlet do not join a group. Candidates are MinHash LSH
    candidates (equal rows in some band, bands and rows as datasketch's MinHashLSH picks them), found
    with numpy sorts instead of a Python loop per article (bench/stories_bench.py: 20k rewrites of 453
    stories grouped in 1.0 s instead of 3.4 s with datasketch's MinHashLSH, the same groups).
    """
    ids: list[int] = []
    outlets: list[str | None] = []
    rows: list[np.ndarray] = []
    for aid, outlet, sig in store.signatures():
        ids.append(aid)
        outlets.append(outlet)
        rows.append(sig)
    if len(rows) < 2:
        return []
    sigs = np.stack(rows)
    pairs = _candidate_pairs(_band_keys(sigs, *neardup.LSHParams(threshold, sigs.shape[1]).bands_rows))
    codes = {o: i for i, o in enumerate(sorted(set(outlets), key=lambda o: (o is not None, o or "")))}
    outlet_code = np.array([codes[o] for o in outlets])
    edges = []
    for start in range(0, len(pairs), 50_000):
        p = pairs[start : start + 50_000]
        sim = np.count_nonzero(sigs[p[:, 0]] == sigs[p[:, 1]], axis=1) / sigs.shape[1]
        keep = sim >= threshold
        if across_outlets_only:
            keep &= outlet_code[p[:, 0]] != outlet_code[p[:, 1]]
        edges.append(p[keep])
    return _components(np.concatenate(edges) if edges else np.empty((0, 2), np.int64), ids, outlets)


def _components(edges: np.ndarray, ids: list[int], outlets: list[str | None]) -> list[Story]:
    """Connected components (size >= 2) of the graph on row indices, as Stories, biggest first."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n = len(ids)
    graph = coo_matrix((np.ones(len(edges), dtype=np.int8), (edges[:, 0], edges[:, 1])), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    members: dict[int, list[int]] = defaultdict(list)
    for row in np.unique(edges):  # rows with an edge, ascending
        members[int(label[row])].append(int(row))
    groups = sorted((sorted(ids[r] for r in rows) for rows in members.values()), key=lambda g: (-len(g), g[0]))
    outlet_of = dict(zip(ids, outlets, strict=True))
    return [Story(g, sorted({o for i in g if (o := outlet_of[i])})) for g in groups]


def _band_keys(sigs: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One 64-bit key per (signature, band): equal band rows give equal keys (unequal ones collide ~never)."""
    x = sigs[:, : bands * rows].astype(np.uint64).reshape(len(sigs), bands, rows)
    keys = np.zeros((len(sigs), bands), dtype=np.uint64)
    for j in range(rows):  # FNV-style mixing; uint64 arithmetic wraps
        keys = (keys * np.uint64(0x100000001B3)) ^ x[:, :, j]
    return keys


def _candidate_pairs(keys: np.ndarray) -> np.ndarray:
    """Unique index pairs (i < j) of rows sharing the key of some band."""
    found: list[tuple[np.ndarray, np.ndarray]] = []
    for band in range(keys.shape[1]):
        order = np.argsort(keys[:, band], kind="stable")
        k = keys[order, band]
        d = 1
        while d < len(k):  # rows d apart in sorted order with equal keys: all pairs inside each run
            same = np.nonzero(k[d:] == k[:-d])[0]
            if not len(same):
                break
            a, b = order[same].astype(np.int64), order[same + d].astype(np.int64)
            found.append((np.minimum(a, b), np.maximum(a, b)))
            d += 1
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    n = np.int64(len(keys))
    codes = np.unique(np.concatenate([a * n + b for a, b in found]))  # one int per pair: a fast 1-D unique
    return np.stack([codes // n, codes % n], axis=1)
