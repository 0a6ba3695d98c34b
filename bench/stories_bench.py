"""Story benchmarks: grouping a big store into cross-outlet stories, the cached list, and one comparison.

    python bench/stories_bench.py build --db /tmp/stories.db --n 20000
    python bench/stories_bench.py time --db /tmp/stories.db

The store holds rewrites of the shared English articles: each copy drops about a quarter of its base's
lines, adds a random closing sentence and gets a random outlet, with the base's gold techniques and frames
and three quotes (the base's first long lines, one speaker each), so every base becomes one story.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

from presswatch.article import Article, Label, Metadata, Quote, Technique
from presswatch.config import SETTINGS
from presswatch.corpus.store import Store
from presswatch.evaluation.semeval import load_language
from presswatch.taxonomy import FAMILY_OF

OUTLETS = ["Sputnik", "RT", "Reuters", "CNN", "BBC", "TASS", "Al Jazeera", "Fox News", "The Guardian", "Le Monde"]


def _copy(sa: Any, i: int, rng: random.Random, vocab: list[str]) -> Article:
    lines = sa.text.split("\n")
    kept = [line for j, line in enumerate(lines) if j == 0 or rng.random() > 0.25]
    text = "\n".join(kept) + "\n" + " ".join(rng.choices(vocab, k=30)) + f" (ref {i})."
    techs = []
    for t, s, e in sa.spans:
        if 0 <= s < e <= len(sa.text) and (pos := text.find(sa.text[s:e])) >= 0:
            techs.append(Technique(t, FAMILY_OF.get(t, ""), pos, pos + e - s, sa.text[s:e],
                                   text.count("\n", 0, pos) + 1, 1.0))
    quotes = []
    for k, line in enumerate([line for line in kept[1:] if len(line.split()) > 12][:3]):
        pos = text.index(line)
        quotes.append(Quote(line, pos, pos + len(line), "direct", f"Speaker {sa.id} {k}", "said"))
    stamp = 1546300800 + rng.randrange(0, 5 * 365 * 86400)
    md = Metadata(title=lines[0], outlet=rng.choice(OUTLETS), language="en", source=f"bench:{i}",
                  published=time.strftime("%Y-%m-%dT%H:%M:00+00:00", time.gmtime(stamp)))
    return Article(text=text, metadata=md, techniques=techs, quotes=quotes, frames=[Label(f, 1.0) for f in sa.frames],
                   genre=Label(sa.genre, 1.0) if sa.genre else None, stages=["quotes", "techniques", "frames", "genre"])


def build(db: Path, n: int, seed: int = 7) -> dict[str, Any]:
    rng = random.Random(seed)
    bases = list(load_language(SETTINGS.semeval_dir, "en"))
    vocab = sorted({w for a in bases for w in a.text.split() if w.isalpha() and len(w) > 3})
    for f in db.parent.glob(db.name + "*"):
        f.unlink()
    t0 = time.perf_counter()
    with Store(db) as store:
        for start in range(0, n, 1000):
            with store.transaction():
                for i in range(start, min(n, start + 1000)):
                    store.add(_copy(bases[i % len(bases)], i, rng, vocab))
            print(f"  {min(n, start + 1000)} articles, {time.perf_counter() - t0:.0f}s", file=sys.stderr)
        count = store.count()
    return {"articles": count, "bases": len(bases), "insert_s": round(time.perf_counter() - t0, 1)}


def timings(db: Path) -> dict[str, Any]:
    from presswatch.compare import catalog
    from presswatch.compare.compare import compare_story
    from presswatch.compare.stories import story_groups

    out: dict[str, Any] = {}
    with Store(db, readonly=True) as store:
        t = time.perf_counter()
        groups = story_groups(store, threshold=catalog.THRESHOLD, across_outlets_only=True)
        out["story_groups_s"] = round(time.perf_counter() - t, 3)
        t = time.perf_counter()
        total, rows = catalog.list_stories(store, limit=20)
        out["list_cold_s"] = round(time.perf_counter() - t, 3)
        t = time.perf_counter()
        catalog.list_stories(store, limit=20)
        out["list_cached_s"] = round(time.perf_counter() - t, 4)
        out["stories"] = total
        out["articles_in_stories"] = sum(len(g.ids) for g in groups)
        biggest = rows[0]
        t = time.perf_counter()
        c = compare_story(store, catalog.story_ids(store, biggest.ids[-1]))
        out["compare_biggest_s"] = round(time.perf_counter() - t, 3)
        out["biggest"] = {"articles": len(c.articles), "outlets": len(c.outlets),
                          "quotes": sum(len(a.quotes) for a in c.articles), "shared_quotes": len(c.shared_quotes)}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["build", "time"])
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--n", type=int, default=20000)
    args = ap.parse_args()
    result = build(args.db, args.n) if args.what == "build" else timings(args.db)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
