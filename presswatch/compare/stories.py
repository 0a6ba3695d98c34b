"""Same-story grouping across outlets: near-duplicate groups from stored links, story groups by MinHash LSH."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from datasketch import LeanMinHash, MinHashLSH

from presswatch.compare import neardup
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
    `across_outlets_only` pairs from the same outlet do not join a group.
    """
    lsh = MinHashLSH(threshold=threshold, num_perm=neardup.NUM_PERM)
    sigs: dict[int, tuple[str | None, LeanMinHash]] = {}
    u = _Union()
    for aid, outlet, sig in store.signatures():
        m = LeanMinHash(seed=1, hashvalues=sig, scheme=neardup.SCHEME)
        for cid in lsh.query(m):
            c_outlet, c = sigs[cid]
            if across_outlets_only and outlet == c_outlet:
                continue
            if m.jaccard(c) >= threshold:
                u.union(cid, aid)
        lsh.insert(aid, m)
        sigs[aid] = (outlet, m)
    return [Story(g, sorted({o for i in g if (o := sigs[i][0])})) for g in u.groups()]
