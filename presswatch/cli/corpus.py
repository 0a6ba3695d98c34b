"""CLI commands of the corpus: `ingest`, `search`, `stats`, `export`."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

DB = click.option("--db", "db", required=True, type=click.Path(dir_okay=False, path_type=Path),
                  help="The corpus store (SQLite file).")


def _open(db: Path, readonly: bool = True) -> Any:
    from presswatch.corpus.store import Store, StoreError

    if readonly and not db.exists():
        raise StoreError(f"no store at {db} (create one with `presswatch ingest PATH --db {db}`)")
    return Store(db, readonly=readonly)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@DB
@click.option("--workers", "-j", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes running the pipeline (the parent writes).")
@click.option("--stages", default="all", show_default=True,
              help='Stages to run: "all", "clean" (cleaning only) or a comma list, e.g. "linguistics,quotes".')
@click.option("--batch-size", default=20, show_default=True, type=click.IntRange(1, 10000),
              help="Articles per committed transaction.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: when a terminal).")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the run summary as JSON to this file.")
@click.option("--outlet", help="The outlet of every document (for files whose outlet the reader cannot know).")
@click.option("--lang", "language", help="The language code of every document, e.g. ru (overrides detection).")
def ingest(paths: tuple[str, ...], db: Path, workers: int, stages: str, batch_size: int,
           progress: bool | None, report_path: Path | None, outlet: str | None, language: str | None) -> None:
    """Analyse documents (files, folders, globs, WARC, JSONL, feeds, batch Parquet) into a corpus store.

    Reruns skip what is stored; bad documents are reported and never stop the run.
    Exit code 0 when every document was stored, 1 when any failed.
    """
    from presswatch.corpus.ingest import ingest as run
    from presswatch.pipeline import parse_stages

    chosen = parse_stages(stages)  # unknown stage names fail here, before any work
    def log(msg: str) -> None:
        click.echo(msg, err=True)

    with _open(db, readonly=False) as store, stop_on_signals():
        try:
            report = run(paths, store, stages=chosen, workers=workers, batch_size=batch_size, progress=progress,
                         log=log, overrides=_overrides(outlet, language))
        except KeyboardInterrupt:  # Ctrl-C or SIGTERM: what finished is committed, the rest waits for a rerun
            click.echo(f"interrupted: the store holds {store.count()} articles; rerun the same command to go on",
                       err=True)
            sys.exit(130)
        total = store.count()
    click.echo(
        f"ingested {report.added} new articles ({report.near_duplicates} near-duplicates), "
        f"{report.duplicates} exact duplicates, {report.skipped} already stored, {len(report.failed)} failed "
        f"in {report.seconds:.1f}s; the store holds {total} articles",
        err=True,
    )
    if report.ignored:
        click.echo(f"skipped {len(report.ignored)} paths, not read (listed above; --report FILE keeps them)", err=True)
    echo_failures(report.failed, "failed documents:", "sources", report_path, report.to_dict())
    sys.exit(1 if report.failed else 0)


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """SIGTERM (and SIGHUP) raise KeyboardInterrupt like Ctrl-C, so a run stops cleanly with its progress committed."""
    import signal

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    wanted = [signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])]
    try:
        previous = {s: signal.signal(s, stop) for s in wanted}
    except ValueError:  # not the main thread: leave the signals alone
        yield
        return
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def echo_failures(failed: list[tuple[str, str]], header: str, table: str, report_path: Path | None,
                  report: dict[str, Any], limit: int = 100) -> None:
    """The first `limit` failures on stderr, and the run's summary as JSON to `report_path` when given."""
    if failed:
        click.echo(header, err=True)
        for source, reason in failed[:limit]:
            click.echo(f"  {source}: {reason}", err=True)
        if len(failed) > limit:
            click.echo(f"  … and {len(failed) - limit} more (see the `{table}` table)", err=True)
    if report_path:
        try:
            report_path.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
        except OSError as exc:  # a full disk says so without a file name
            exc.filename = exc.filename or str(report_path)
            raise


def _overrides(outlet: str | None, language: str | None) -> dict[str, str] | None:
    from presswatch.errors import PresswatchError

    if language is not None and not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?", language.strip()):
        raise PresswatchError(f"--lang {language!r} is not a language code (e.g. en, ru, pt-BR)")
    out = {"outlet": (outlet or "").strip(), "language": (language or "").strip().lower()}
    return {k: v for k, v in out.items() if v} or None


_FILTER_OPTIONS = [
    click.option("--outlet", help="Only this outlet; (unknown) for articles without one."),
    click.option("--lang", help="Only this language (code, e.g. en, ru)."),
    click.option("--genre", help="Only this genre (opinion, reporting, satire)."),
    click.option("--frame", help="Only articles with this frame (one of the 14 SemEval frames)."),
    click.option("--technique", help="Only articles using this persuasion technique (one of the 23)."),
    click.option("--voice", help="author | quoted | reported: only articles with a technique span (of --technique, "
                                 "when given) in the outlet's own words, a direct quote or reported speech."),
    click.option("--speaker", help="Only articles quoting this speaker (name or alias)."),
    click.option("--entity", help="Only articles mentioning this entity (name or alias)."),
    click.option("--since", help='On or after: ISO date prefix (2021-01) or relative ("last week", "3 months ago").'),
    click.option("--until", help="On or before (ISO date prefix; 2021-01 includes all of January)."),
]


def filter_options(command: Any) -> Any:
    """The search filters as options (the same names as the API's query parameters)."""
    for option in reversed(_FILTER_OPTIONS):
        command = option(command)
    return command


def _filters(query: str | None, values: dict[str, Any]) -> Any:
    """The options' filters, parsed (a bad value: FilterError, one line and exit 2)."""
    from presswatch.corpus.search import Filters

    return Filters.parse(q=query or None, **{k: v for k, v in values.items() if k in Filters.names()})


@click.command()
@click.argument("query", required=False, default="")
@DB
@filter_options
@click.option("--sort", help="relevance (with a query, the default) | date (newest first, the default without) | "
                             "oldest | techniques (most first).")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(0, 10000))
@click.option("--offset", default=0, type=click.IntRange(0))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def search(query: str, db: Path, limit: int, offset: int, fmt: str, **values: Any) -> None:
    """Full-text search (FTS5 syntax: words, "phrases", AND/OR/NOT, prefix*); no QUERY lists newest first."""
    f = _filters(query, values)
    with _open(db) as store:
        result = store.search(filters=f, limit=limit, offset=offset)
    if fmt == "json":
        click.echo(json.dumps({"total": result.total, "undated": result.undated,
                               "hits": [asdict(h) for h in result.hits]}, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    title = f"{result.total} matching articles"
    if result.undated:
        title += f" ({result.undated} undated left out by the date filter)"
    table = Table(title=title, show_lines=True)
    for col, kw in [("id", {"justify": "right"}), ("score", {"justify": "right"}), ("date", {}), ("outlet", {}),
                    ("lang", {}), ("genre", {}), ("title / snippet / spans", {"ratio": 1})]:
        table.add_column(col, **kw)
    for h in result.hits:
        cell = Text()
        cell.append((h.title or "(no title)") + "\n", style="bold")
        cell.append_text(_marked(h.snippet))
        for sp in h.spans:
            cell.append(f"\n{sp.technique}" + (f" ({sp.voice})" if sp.voice else "") + ": ", style="cyan")
            cell.append(" ".join(sp.text.split()))
        table.add_row(str(h.id), f"{h.score:.2f}" if query else "", (h.published or "")[:10], h.outlet or "",
                      h.language or "", h.genre or "", cell)
    Console(soft_wrap=False).print(table)


def _marked(snippet: str) -> Any:
    from rich.text import Text

    from presswatch.corpus.search import HIT_END, HIT_START

    out = Text()
    for i, part in enumerate(snippet.replace(HIT_END, HIT_START).split(HIT_START)):
        out.append(re.sub(r"\s+", " ", part), style="bold yellow" if i % 2 else "")
    return out


@click.command()
@DB
@click.option("--trends", is_flag=True, help="Add trends: techniques per outlet per month, speakers, quoted-about.")
@click.option("--stories", "story_threshold", type=click.FloatRange(0.1, 1.0), default=None,
              help="Add same-story groups across outlets (MinHash similarity >= this, e.g. 0.5).")
@click.option("--limit", default=20, show_default=True, help="Rows of the speaker, quoted-about and story lists.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def stats(db: Path, trends: bool, story_threshold: float | None, limit: int, fmt: str) -> None:
    """Counts of the store: articles, outlets, techniques, frames, genres, speakers, duplicates, failures, and
    per outlet the technique spans in its own words vs in quotes."""
    from presswatch.compare.stories import story_groups
    from presswatch.corpus import aggregates

    with _open(db) as store:
        data: dict[str, Any] = store.stats()
        data["techniques_by_voice"] = store.techniques_by_voice()
        data["edits_by_outlet"] = store.edits_by_outlet()  # watched articles edited or removed after publication
        if trends:
            data["trends"] = {
                "techniques_by_outlet": store.techniques_by_outlet(),
                "techniques_by_outlet_month": aggregates.techniques_by_outlet_month(store.conn),
                "techniques_over_time": store.techniques_over_time(),
                "top_speakers": store.top_speakers(limit),
                "quoted_about": store.quoted_about(limit),
            }
        if story_threshold is not None:
            groups = story_groups(store, threshold=story_threshold, across_outlets_only=True)
            data["stories"] = [{"articles": len(g.ids), "outlets": ", ".join(g.outlets), "ids": g.ids[:20]}
                               for g in groups[:limit]]
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    _print_stats(data)


def _print_stats(data: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    head = Table(title="corpus", show_header=False)
    for key in ("articles", "quotes", "speakers", "entities", "claims", "near_duplicates", "duplicates", "failures",
                "first", "last"):
        head.add_row(key, str(data.get(key)))
    console.print(head)
    for key in ("outlets", "techniques", "frames", "genres", "languages"):
        if data.get(key):
            t = Table(title=key)
            t.add_column(key[:-1])
            t.add_column("count", justify="right")
            for name, n in data[key].items():
                t.add_row(str(name), str(n))
            console.print(t)
    if data.get("techniques_by_voice"):
        console.print(_voice_table(data["techniques_by_voice"]))
    for name, rows in [*data.get("trends", {}).items(), ("stories", data.get("stories", [])),
                       ("edits_by_outlet", data.get("edits_by_outlet", []))]:
        if not rows:
            continue
        t = Table(title=name)
        for col in rows[0]:
            t.add_column(col, justify="right" if col in ("count", "quotes") else "left")
        for r in rows:
            t.add_row(*(str(v) for v in r.values()))
        console.print(t)


def _voice_table(rows: list[dict[str, Any]]) -> Any:
    """Technique spans per outlet by whose words carry them, with the share in the outlet's own words."""
    from rich.table import Table
    from rich.text import Text

    t = Table(title="technique spans by voice (own words = author / spans of known voice)")
    t.add_column("outlet")
    for col in ("author", "quoted", "reported", "unknown", "own words"):
        t.add_column(col, justify="right")
    for r in rows:
        share = "-" if r["author_share"] is None else f"{100 * r['author_share']:.0f}%"
        t.add_row(Text(str(r["outlet"])), *(str(r[c]) for c in ("author", "quoted", "reported", "unknown")), share)
    return t


@click.command()
@click.argument("query", required=False, default="")
@DB
@filter_options
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "warc"]), default="jsonl",
              show_default=True)
@click.option("--level", type=click.Choice(["articles", "techniques", "quotes", "claims"]), default="articles",
              show_default=True, help="One row per article, or per technique span, quote or claim of the matching "
                                      "articles (with --technique/--voice, only those spans).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Output file (default: standard output; required for parquet and warc).")
def export(query: str, db: Path, fmt: str, level: str, out: Path | None, **values: Any) -> None:
    """Export what a search finds (every article without QUERY or filters), streamed: jsonl (full Article JSON per
    article), csv or parquet (flat rows); at --level techniques one row per span (article, outlet, date,
    technique, family, voice, speaker, score, text, start, end); or warc (the archived HTTP exchanges behind every
    version the watcher stored of the matching articles, byte for byte, as one .warc.gz)."""
    from presswatch.corpus import export as ex
    from presswatch.errors import PresswatchError

    f = _filters(query, values)
    with _open(db) as store:
        if fmt in ("parquet", "warc") and out is None:
            raise PresswatchError(f"--out FILE is required for {fmt}")
        if fmt == "warc":
            from presswatch.watch.archive import export_warc

            n = export_warc(store, out, ex.article_ids(store, f))  # type: ignore[arg-type]
            click.echo(f"exported {n} archived responses to {out}", err=True)
            return
        if fmt == "parquet":
            n = ex.write_parquet(store, out, f, level)  # type: ignore[arg-type]
        elif out is None:
            n = ex.write(store, sys.stdout, fmt, f, level)
        else:
            with out.open("w", encoding="utf-8", newline="") as fh:
                n = ex.write(store, fh, fmt, f, level)
    what = "articles" if level == "articles" else {"techniques": "technique spans"}.get(level, level)
    click.echo(f"exported {n} {what}" + (f" to {out}" if out else ""), err=True)


COMMANDS: list[click.Command] = [ingest, search, stats, export]
