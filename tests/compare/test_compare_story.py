"""Cross-outlet comparison of one story: grouping (numpy LSH == datasketch), the story catalogue, the comparison."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from datasketch import LeanMinHash, MinHashLSH
from storycorpus import HOSTILE_OUTLET, HOSTILE_SPEAKER, LOPEZ, build_story_store
from webcorpus import XSS_IMG, build_article

from presswatch.article import Article, Metadata
from presswatch.compare import catalog, stories
from presswatch.compare.compare import (
    StoryIdsError,
    build,
    canonical_speakers,
    compare_story,
    near_identical,
    same_speaker,
    words,
)
from presswatch.corpus import neardup
from presswatch.corpus.store import Store


class _Signatures:
    """Just enough of a Store for story_groups."""

    def __init__(self, sigs: np.ndarray, outlets: list[str | None]) -> None:
        self.sigs, self.outlets = sigs, outlets

    def signatures(self) -> Iterator[tuple[int, str | None, np.ndarray]]:
        for i, (sig, outlet) in enumerate(zip(self.sigs, self.outlets, strict=True)):
            yield i + 1, outlet, sig


def _datasketch_groups(store: _Signatures, threshold: float, across: bool) -> list[stories.Story]:
    """The reference: datasketch's MinHashLSH, one query and insert per article (what story_groups replaced)."""
    lsh = MinHashLSH(threshold=threshold, num_perm=neardup.NUM_PERM)
    seen: dict[int, tuple[str | None, LeanMinHash]] = {}
    u = stories._Union()
    for aid, outlet, sig in store.signatures():
        m = LeanMinHash(seed=1, hashvalues=sig, scheme=neardup.SCHEME)
        for cid in lsh.query(m):
            c_outlet, c = seen[cid]
            if not (across and outlet == c_outlet) and m.jaccard(c) >= threshold:
                u.union(cid, aid)
        lsh.insert(aid, m)
        seen[aid] = (outlet, m)
    return [stories.Story(g, sorted({o for i in g if (o := seen[i][0])})) for g in u.groups()]


def test_story_groups_match_datasketch_lsh() -> None:
    rng = np.random.default_rng(0)
    sigs = rng.integers(0, 2**32, size=(1200, neardup.NUM_PERM), dtype=np.uint32)
    for i in range(0, 1200, 6):  # families of rewrites at every similarity
        for k in range(1, 4):
            sigs[i + k] = sigs[i]
            changed = rng.integers(0, neardup.NUM_PERM, int(rng.integers(10, 100)))
            sigs[i + k][changed] = rng.integers(0, 2**32, len(changed))
    outlets = [None if i % 11 == 0 else f"outlet {i % 4}" for i in range(1200)]
    store = _Signatures(sigs, outlets)
    for threshold in (0.3, 0.5, 0.8):
        for across in (False, True):
            ours = stories.story_groups(store, threshold, across)  # type: ignore[arg-type]
            assert ours == _datasketch_groups(store, threshold, across), (threshold, across)
            assert ours  # the case is not trivial


@pytest.fixture()
def story_db(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    return tmp_path / "stories.db", build_story_store(tmp_path / "stories.db")


def test_catalog_lists_and_finds_stories(story_db: tuple[Path, dict[str, int]]) -> None:
    path, ids = story_db
    story = [ids["wire"], ids["post"], ids["evil"]]
    with Store(path, readonly=True) as store:
        total, rows = catalog.list_stories(store)
        assert total == 1
        (row,) = rows
        assert (row.id, row.size, row.ids) == (min(story), 3, story)
        assert row.outlets == sorted(["Wire Daily", "Evening Post", HOSTILE_OUTLET])
        assert row.title == "Government approves plan to rebuild Northfield bridge"
        assert (row.first, row.last) == ("2024-05-07T09:00:00+00:00", "2024-05-08T06:00:00+00:00")
        assert catalog.list_stories(store, min_outlets=4) == (0, [])
        assert catalog.list_stories(store, offset=1) == (1, [])
        for member in story:  # any article id finds its story
            assert catalog.story_ids(store, member) == story
        with pytest.raises(catalog.UnknownArticleError, match="no article with id 999"):
            catalog.story_ids(store, 999)
        with pytest.raises(catalog.NoStoryError, match="no other outlet"):
            catalog.story_ids(store, ids["other"])
        assert catalog.list_stories(store, threshold=0.9)[0] == 0


def test_catalog_cache_follows_the_store(story_db: tuple[Path, dict[str, int]]) -> None:
    path, ids = story_db
    with Store(path, readonly=True) as reader:
        assert catalog.list_stories(reader)[1][0].size == 3
        with Store(path) as writer:  # another connection adds a fourth outlet's rewrite
            wire = writer.get(ids["wire"])
            assert wire is not None
            new = writer.add(Article(text=wire.text + "\nThe ferry is free of charge.",
                                     metadata=Metadata(title="Bridge plan", outlet="Radio North")))
        assert new is not None
        total, rows = catalog.list_stories(reader)
        assert (total, rows[0].size, rows[0].ids[-1]) == (1, 4, new)
        assert "Radio North" in rows[0].outlets


def test_compare_story(story_db: tuple[Path, dict[str, int]], monkeypatch: pytest.MonkeyPatch) -> None:
    path, ids = story_db
    monkeypatch.setattr(Store, "get", lambda *a: pytest.fail("the comparison reads the tables, not article JSON"))
    with Store(path, readonly=True) as store:
        c = compare_story(store, [ids["evil"], ids["wire"], ids["post"]])
    assert c.id == ids["wire"]
    assert [a.id for a in c.articles] == [ids["wire"], ids["post"], ids["evil"]]  # by date
    assert c.outlets == ["Wire Daily", "Evening Post", HOSTILE_OUTLET]
    wire, post, evil = c.articles
    assert wire.title == "Government approves plan to rebuild Northfield bridge"
    assert wire.published == "2024-05-07T09:00:00+00:00" and wire.url == "https://wire.example/bridge"
    assert (wire.genre, evil.genre, c.genres_differ) == ("reporting", "opinion", True)
    assert wire.frames == [("Economic", 0.8), ("Political", 0.6)]
    assert wire.techniques == {"Loaded_Language": 2, "Exaggeration-Minimisation": 1}
    assert wire.families == {"Manipulative wording": 3} and wire.technique_total == 3
    assert evil.families == {"Attack on reputation": 1, "Manipulative wording": 1, "Other": 1}  # paragraph label too
    assert post.speakers == {"Maria Lopez": 1, HOSTILE_SPEAKER: 1, "Engineering Office": 1}

    lopez, hostile = c.shared_quotes
    assert (lopez.speaker, lopez.text, lopez.outlets) == ("Maria Lopez", LOPEZ, c.outlets)  # the excerpt counts
    assert hostile.speaker == HOSTILE_SPEAKER and hostile.articles == [ids["post"], ids["evil"]]
    assert [q.shared for q in wire.quotes] == [0, None]
    assert [q.shared for q in post.quotes] == [0, 1, None]
    assert [q.shared for q in evil.quotes] == [0, 1]

    assert c.techniques.shared == ["Loaded_Language"]
    only = {d.name: (d.outlets, d.missing) for d in c.techniques.partial}
    assert only["Doubt"] == (["Evening Post"], ["Wire Daily", HOSTILE_OUTLET])
    assert only["Exaggeration-Minimisation"] == (["Wire Daily"], ["Evening Post", HOSTILE_OUTLET])
    assert set(only) == {"Doubt", "Exaggeration-Minimisation", "Name_Calling-Labeling", "<script>alert(1)</script>"}
    assert c.families.shared == ["Manipulative wording"]
    assert [d.name for d in c.families.partial] == ["Attack on reputation", "Other"]  # family order
    assert c.frames.shared == []
    assert {d.name for d in c.frames.partial} == {"Economic", "Political", f"Morality{XSS_IMG}"}
    assert c.speakers.shared == ["Maria Lopez"]  # "Lopez" in the hostile outlet is the same person
    assert {d.name for d in c.speakers.partial} == {HOSTILE_SPEAKER, "Engineering Office", "John Carter"}

    d = json.loads(json.dumps(c.to_dict()))
    assert (d["id"], d["size"]) == (ids["wire"], 3)
    assert d["articles"][0]["frames"] == [{"frame": "Economic", "score": 0.8}, {"frame": "Political", "score": 0.6}]
    assert d["articles"][0]["technique_total"] == 3
    assert d["shared_quotes"][0]["outlets"] == c.outlets
    assert d["techniques"]["partial"][0].keys() == {"name", "outlets", "missing"}


def test_compare_story_errors(story_db: tuple[Path, dict[str, int]]) -> None:
    path, ids = story_db
    with Store(path, readonly=True) as store:
        with pytest.raises(StoryIdsError, match="no article with id 77, 78"):
            compare_story(store, [ids["wire"], 77, 78])
        with pytest.raises(StoryIdsError):
            compare_story(store, [])
        single = compare_story(store, [ids["other"]])  # one article: everything it uses is "shared"
    assert single.shared_quotes == [] and single.techniques.partial == []
    assert single.techniques.shared == ["Exaggeration-Minimisation"]


def test_quotes_shared_on_real_text(tmp_path: Path, semeval_dir: Path) -> None:
    """A real SemEval article and a shortened rewrite by another outlet: one story, quotes matched across them."""
    text = sorted((semeval_dir / "en" / "train-articles").glob("article*.txt"))[30].read_text(encoding="utf-8")
    lines = [line for line in text.split("\n") if line.strip()]
    para = next(line for line in lines[2:] if len(line.split()) > 12)
    rewrite = "\n".join(line for i, line in enumerate(lines) if i % 4 != 3 or line == para)
    rewrite = rewrite.replace(para, para.rstrip(".") + ", he added.")
    with Store(tmp_path / "real.db") as store:
        a = store.add(build_article(text, title=lines[0], outlet="Outlet A", published="2023-01-01",
                                    quotes=[(para, "Jane Roe", "said", "direct")]))
        b = store.add(build_article(rewrite, title=lines[0], outlet="Outlet B", published="2023-01-02",
                                    quotes=[(para.rstrip("."), "Roe", "said", "direct")]))
        assert a is not None and b is not None
        ids = catalog.story_ids(store, b)
        assert ids == [a, b]
        c = compare_story(store, ids)
    assert len(c.shared_quotes) == 1 and c.shared_quotes[0].outlets == ["Outlet A", "Outlet B"]


def test_quote_and_speaker_matching() -> None:
    assert same_speaker("Vladimir Putin", "Putin") and same_speaker("putin", "PUTIN")
    assert not same_speaker("Vladimir Putin", "Vladimir") and not same_speaker("", "Putin")
    long_ = words("We will not accept any delay in the reconstruction of the bridge")
    assert near_identical(long_, words("we will NOT accept any delay in the reconstruction of the bridge!"))
    assert near_identical(long_, words("not accept any delay in the"))  # an excerpt of five words
    assert not near_identical(long_, words("not accept any delay"))  # too short to tell
    assert near_identical(long_, words("We will not accept a delay in the reconstruction of the old bridge"))
    assert not near_identical(long_, words("We will accept the bridge"))
    assert not near_identical((), long_)
    assert canonical_speakers(["Maria Lopez", "Lopez", "John Carter"]) == {"Lopez": "Maria Lopez"}
    assert canonical_speakers(["Maria Lopez", "Juan Lopez", "Lopez"]) == {}  # ambiguous: stays


def test_quote_pairs_are_checked_per_speaker_surname() -> None:
    """Hundreds of quotes by different speakers are not compared pairwise (fast on big stories)."""
    arts = {i: {"id": i, "outlet": f"outlet {i}", "title": "t", "date": f"2024-01-{i:02d}"} for i in range(1, 21)}
    quotes = {i: [{"speaker": f"Speaker{i}x{k}", "kind": "direct", "text": f"statement {k} " * 6}
                  for k in range(50)] for i in arts}
    quotes[3].append({"speaker": "Ann Lee", "kind": "direct", "text": "A quote that two outlets carry verbatim."})
    quotes[9].append({"speaker": "Lee", "kind": "direct", "text": "a quote that two outlets carry verbatim"})
    c = build(arts, {}, {}, quotes)
    assert [(q.speaker, q.articles) for q in c.shared_quotes] == [("Ann Lee", [3, 9])]
