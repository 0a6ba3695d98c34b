"""CLI commands of cross-outlet comparison: `stories` (list same-story groups) and `compare` (one story)."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from presswatch.cli.corpus import DB, _open
from presswatch.taxonomy import genre_score_text

if TYPE_CHECKING:
    from presswatch.compare.compare import Comparison

THRESHOLD = click.option("--threshold", type=click.FloatRange(0.1, 1.0), default=0.5, show_default=True,
                         help="MinHash similarity (word 3-shingles) at which two outlets' articles tell one story.")


@click.command()
@DB
@click.option("--min-outlets", default=2, show_default=True, type=click.IntRange(1, 1000),
              help="Only stories told by at least this many outlets.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(0, 100000))
@click.option("--offset", default=0, type=click.IntRange(0))
@THRESHOLD
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def stories(db: Path, min_outlets: int, limit: int, offset: int, threshold: float, fmt: str) -> None:
    """Same-story groups across outlets, most outlets first; `presswatch compare ID` compares one."""
    from presswatch.compare.catalog import list_stories

    with _open(db) as store:
        total, rows = list_stories(store, min_outlets=min_outlets, limit=limit, offset=offset, threshold=threshold)
    if fmt == "json":
        click.echo(json.dumps({"total": total, "items": [asdict(r) for r in rows]}, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{total} stories told by {min_outlets} or more outlets", show_lines=True)
    for col, kw in [("id", {"justify": "right"}), ("articles", {"justify": "right"}), ("dates", {}),
                    ("outlets", {"ratio": 1}), ("title", {"ratio": 2})]:
        table.add_column(col, **kw)
    for r in rows:
        dates = (r.first or "")[:10] + (f" – {r.last[:10]}" if r.last and r.last[:10] != (r.first or "")[:10] else "")
        table.add_row(str(r.id), str(r.size), dates, ", ".join(r.outlets), r.title or "(no title)")
    Console(soft_wrap=False).print(table)


@click.command()
@click.argument("story", metavar="STORY_OR_ARTICLE_ID")
@DB
@THRESHOLD
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def compare(story: str, db: Path, threshold: float, fmt: str) -> None:
    """Compare how outlets tell one story: titles, genres, frames, techniques, speakers, shared quotes.

    STORY_OR_ARTICLE_ID is a story id from `presswatch stories`, the id of any article of the story,
    or a comma list of article ids to compare exactly those (e.g. 12,40,41).
    """
    from presswatch.compare.catalog import story_ids
    from presswatch.compare.compare import compare_story

    parts = [part.strip() for part in story.split(",") if part.strip()]
    if not parts or not all(p.isdigit() for p in parts):
        raise click.BadParameter("a story or article id, or a comma list of article ids",
                                 param_hint="STORY_OR_ARTICLE_ID")
    given = [int(p) for p in parts]
    with _open(db) as store:
        ids = story_ids(store, given[0], threshold) if len(given) == 1 else given
        result = compare_story(store, ids)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    print_comparison(result)


def print_comparison(c: Comparison) -> None:
    """The comparison as rich tables: one column per article, then shared quotes and differences."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(soft_wrap=False)  # hostile titles stay text
    side = Table(title=f"story {c.id}: {len(c.articles)} articles from {len(c.outlets)} outlets", show_lines=True)
    side.add_column("")
    for a in c.articles:
        side.add_column(Text(f"{a.outlet} (#{a.id})"), ratio=1)

    def row(label: str, cells: list[str]) -> None:
        side.add_row(*_plain(label, *cells))

    arts = c.articles
    row("title", [a.title or "(no title)" for a in arts])
    row("published", [(a.published or "")[:16].replace("T", " ") for a in arts])
    row("genre", [f"{a.genre} {genre_score_text(a.genre, a.genre_score)}"
                  if a.genre and a.genre_score is not None else a.genre or "" for a in arts])
    row("frames", [_lines(f"{f} {s:.2f}" if s is not None else f for f, s in a.frames) for a in arts])
    row("families", [_lines(f"{f} {n}" for f, n in a.families.items()) for a in arts])
    row("techniques", [_lines(f"{t} {n}" for t, n in a.techniques.items()) for a in arts])
    row("speakers", [_lines(f"{s} {n}" for s, n in a.speakers.items()) for a in arts])
    row("quotes", [f"{len(a.quotes)} ({sum(q.shared is not None for q in a.quotes)} shared)" for a in arts])
    console.print(side)

    if c.shared_quotes:
        quotes = Table(title="quotes carried by several outlets", show_lines=True)
        for col, kw in [("speaker", {}), ("quote", {"ratio": 2}), ("outlets", {"ratio": 1})]:
            quotes.add_column(col, **kw)
        for q in c.shared_quotes:
            quotes.add_row(*_plain(q.speaker, q.text, ", ".join(q.outlets)))
        console.print(quotes)

    diff = Table(title="used by only some outlets", show_lines=False)
    for col, kw in [("kind", {}), ("name", {}), ("used by", {"ratio": 1}), ("not by", {"ratio": 1})]:
        diff.add_column(col, **kw)
    for kind, split in (("family", c.families), ("technique", c.techniques), ("frame", c.frames),
                        ("speaker", c.speakers)):
        for d in split.partial:
            diff.add_row(*_plain(kind, d.name, ", ".join(d.outlets), ", ".join(d.missing)))
    if diff.row_count:
        console.print(diff)
    shared = [(k, s.shared) for k, s in (("families", c.families), ("techniques", c.techniques),
                                         ("frames", c.frames), ("speakers", c.speakers)) if s.shared]
    for kind, names in shared:
        console.print(f"every outlet: {kind}: " + ", ".join(names))
    if c.genres_differ:
        console.print("genres differ: " + ", ".join(f"{a.outlet} {a.genre}" for a in c.articles if a.genre))


def _plain(*cells: str) -> list[Any]:
    """Cells as rich Text: article data with [brackets] is printed, never read as rich markup."""
    from rich.text import Text

    return [Text(c) for c in cells]


def _lines(items: Any) -> str:
    return "\n".join(items) or "—"


COMMANDS: list[click.Command] = [stories, compare]
