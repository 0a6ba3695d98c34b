"""Stories of a store: the cross-outlet story groups, cached until the store changes, listed and looked up by id.

A story's id is the smallest article id in it, so any article id of a story also finds the story.
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass

from presswatch.compare.stories import Story, story_groups
from presswatch.corpus import story_data
from presswatch.corpus.store import Store
from presswatch.errors import PresswatchError

THRESHOLD = 0.5  # estimated Jaccard similarity of word 3-shingles: rewrites of one wire story, not just copies

_LOCK = threading.Lock()
_CACHE: OrderedDict[tuple[str, float], tuple[tuple[int, int, int], list[Story]]] = OrderedDict()
_CACHE_SIZE = 8


class UnknownArticleError(PresswatchError):
    """An article id that the store does not hold."""


class NoStoryError(PresswatchError):
    """A stored article that shares its story with no other outlet's article."""


@dataclass(frozen=True)
class StorySummary:
    """One line of the story list."""

    id: int
    size: int
    outlets: list[str]
    title: str | None
    first: str | None  # earliest date among the articles
    last: str | None
    ids: list[int]


def stories(store: Store, threshold: float = THRESHOLD) -> list[Story]:
    """Story groups across outlets (biggest first), computed once per store state and threshold."""
    key = (str(store.path.resolve()), float(threshold))
    stamp = story_data.fingerprint(store.conn)
    with _LOCK:
        hit = _CACHE.get(key)
        if hit is not None and hit[0] == stamp:
            _CACHE.move_to_end(key)
            return hit[1]
    groups = story_groups(store, threshold=threshold, across_outlets_only=True)
    with _LOCK:
        _CACHE[key] = (stamp, groups)
        _CACHE.move_to_end(key)
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return groups


def list_stories(store: Store, *, min_outlets: int = 2, limit: int = 20, offset: int = 0,
                 threshold: float = THRESHOLD) -> tuple[int, list[StorySummary]]:
    """(number of stories with >= `min_outlets` outlets, one page of them: most outlets, then most articles)."""
    groups = [g for g in stories(store, threshold) if len(g.outlets) >= min_outlets]
    groups.sort(key=lambda g: (-len(g.outlets), -len(g.ids), g.ids[0]))
    page = groups[offset : offset + limit]
    rows = story_data.summaries(store.conn, [i for g in page for i in g.ids])
    return len(groups), [_summary(g, rows) for g in page]


def _summary(group: Story, rows: dict[int, dict[str, object]]) -> StorySummary:
    members = [rows[i] for i in group.ids if i in rows]
    titles = Counter(str(r["title"]) for r in members if r.get("title"))
    title = titles.most_common(1)[0][0] if titles else None  # ties: the lowest id's (Counter keeps order)
    dates = sorted(str(r["date"]) for r in members if r.get("date"))
    return StorySummary(group.ids[0], len(group.ids), group.outlets, title, dates[0] if dates else None,
                        dates[-1] if dates else None, group.ids)


def story_of(store: Store, article_id: int, threshold: float = THRESHOLD) -> Story | None:
    """The cross-outlet story that holds this article, or None."""
    return next((g for g in stories(store, threshold) if article_id in g.ids), None)


def story_ids(store: Store, story_or_article_id: int, threshold: float = THRESHOLD) -> list[int]:
    """The article ids of the story that holds this article (a story id is its smallest article id)."""
    if not story_data.summaries(store.conn, [story_or_article_id]):
        raise UnknownArticleError(f"no article with id {story_or_article_id}")
    group = story_of(store, story_or_article_id, threshold)
    if group is not None:
        return group.ids
    raise NoStoryError(f"article {story_or_article_id} shares its story with no other outlet "
                       f"(no article of another outlet has a MinHash similarity of {threshold:g} or more with it)")
