"""CLI commands of the watcher: `watch` (rounds over a sources file), `fetch` (single pages), `versions`."""

from __future__ import annotations

import asyncio
import contextlib
import json
import signal
import sys
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import click

from presswatch.cli.corpus import DB, _open, _overrides, echo_failures

ARCHIVE = click.option("--archive", "archive_dir", type=click.Path(file_okay=False, path_type=Path),
                       help="Write every HTTP response to rotating WARC files in this folder.")
STAGES = click.option("--stages", default="all", show_default=True,
                      help='Stages to run on new pages: "all", "clean" or a comma list.')
PROGRESS = click.option("--progress/--no-progress", default=None,
                        help="Progress bar of each round's pages on stderr (default: when a terminal).")
REPORT = click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
                      help="Also write the (last) round's summary as JSON to this file.")


def _run(make: Callable[[asyncio.Event], Coroutine[Any, Any, Any]]) -> Any:
    """Run a coroutine with SIGINT/SIGTERM setting its stop event (the round ends cleanly, then the command)."""

    async def main() -> Any:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):  # not the main thread, Windows
                loop.add_signal_handler(sig, stop.set)
        try:
            return await make(stop)
        finally:
            for sig in (signal.SIGINT, signal.SIGTERM):
                with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                    loop.remove_signal_handler(sig)

    return asyncio.run(main())


class _Bar:
    """A tqdm bar for a round's pages (total, rate, ETA), made when the round knows its total."""

    def __init__(self, enabled: bool | None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="page", file=sys.stderr, desc="fetch", dynamic_ncols=True)
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def write(self, msg: str) -> None:
        if self.bar is not None:
            self.bar.write(msg)
        else:
            click.echo(msg, err=True)


def _finish(report: Any, report_path: Path | None) -> None:
    click.echo(report.line(), err=True)
    echo_failures(report.failed, "failed:", "watch_fetches", report_path, report.to_dict())


@click.command()
@click.argument("sources", type=click.Path(dir_okay=False, path_type=Path))
@DB
@click.option("--once", is_flag=True, help="One round, then exit (for cron).")
@ARCHIVE
@click.option("--revisit-all", is_flag=True, help="Re-fetch every known page this round, whatever the schedule.")
@STAGES
@click.option("--workers", "-j", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes analysing new pages (the watcher itself fetches and writes).")
@PROGRESS
@REPORT
def watch(sources: Path, db: Path, once: bool, archive_dir: Path | None, revisit_all: bool, stages: str,
          workers: int, progress: bool | None, report_path: Path | None) -> None:
    """Watch the outlets of a sources file (TOML): fetch their feeds and sitemaps, store new articles, revisit
    known ones for edits and removals. Without --once, rounds repeat at the file's interval until SIGINT/SIGTERM.
    Pages and feeds that fail are listed after each round and asked for again in the next; the exit code is 0
    unless the command itself could not run (a bad sources file, a missing model: 2)."""
    from presswatch.pipeline import parse_stages
    from presswatch.watch.archive import Archive
    from presswatch.watch.outlets import load_sources
    from presswatch.watch.watcher import Watcher

    config = load_sources(sources)
    chosen = parse_stages(stages)
    bar = _Bar(progress)
    with _open(db, readonly=False) as store:
        archive = Archive(archive_dir) if archive_dir else None
        watcher = Watcher(store, config, archive=archive, stages=chosen, log=bar.write, progress=bar, workers=workers)

        async def rounds(stop: asyncio.Event) -> Any:
            n = 0
            while True:
                n += 1
                started = time.monotonic()
                report = await watcher.round(revisit_all=revisit_all and n == 1, stop=stop)
                bar.close()
                _finish(report, report_path)
                if once or stop.is_set():
                    return report
                wait = max(1.0, config.interval - (time.monotonic() - started))
                click.echo(f"next round in {wait:.0f}s (Ctrl-C stops)", err=True)
                try:
                    await asyncio.wait_for(stop.wait(), timeout=wait)
                    return report
                except TimeoutError:
                    pass

        try:
            _run(rounds)
        finally:
            watcher.close()
            if archive is not None:
                archive.close()


@click.command()
@click.argument("urls", nargs=-1, required=True)
@DB
@ARCHIVE
@click.option("--outlet", help="The outlet of these pages.")
@click.option("--lang", "language", help="Their language code, e.g. ru.")
@click.option("--sources", "sources", type=click.Path(dir_okay=False, path_type=Path),
              help="A sources file whose [watch] settings (User-Agent, delays, limits) to use.")
@STAGES
@REPORT
def fetch(urls: tuple[str, ...], db: Path, archive_dir: Path | None, outlet: str | None, language: str | None,
          sources: Path | None, stages: str, report_path: Path | None) -> None:
    """Fetch single pages (robots.txt obeyed), analyse and store them; a known URL is revisited for changes.
    Exit code 1 when any page failed or robots.txt disallowed it."""
    from presswatch.pipeline import parse_stages
    from presswatch.watch.archive import Archive
    from presswatch.watch.outlets import WatchConfig, load_sources
    from presswatch.watch.watcher import Watcher

    config = load_sources(sources) if sources else WatchConfig(outlets=())
    chosen = parse_stages(stages)
    over = _overrides(outlet, language) or {}

    def log(msg: str) -> None:
        click.echo(msg, err=True)

    with _open(db, readonly=False) as store:
        archive = Archive(archive_dir) if archive_dir else None
        try:
            watcher = Watcher(store, config, archive=archive, stages=chosen, log=log)
            report = _run(lambda stop: watcher.fetch_urls(urls, outlet=over.get("outlet"),
                                                          language=over.get("language"), stop=stop))
        finally:
            if archive is not None:
                archive.close()
    _finish(report, report_path)
    sys.exit(1 if report.failed or report.disallowed else 0)


@click.command()
@click.argument("url_or_id")
@DB
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def versions(url_or_id: str, db: Path, fmt: str) -> None:
    """The versions of one watched article (by id or URL): fetch time, status, content hash, word diff."""
    from presswatch.corpus import ledger
    from presswatch.errors import PresswatchError
    from presswatch.watch.diff import render_text

    with _open(db) as store:
        aid = ledger.article_for(store.conn, url_or_id)
        if aid is None:
            raise PresswatchError(f"no stored article for {url_or_id!r}")
        rows = ledger.versions(store.conn, aid, texts=fmt == "text")
        page = ledger.page_for_article(store.conn, aid)
    if fmt == "json":
        click.echo(json.dumps({"article": aid, **ledger.page_summary(page), "versions": rows}, ensure_ascii=False,
                              indent=2))
        return
    if not rows:
        click.echo(f"article {aid}: no versions recorded (not fetched by the watcher)")
        return
    edits = sum(r["kind"] == "edit" for r in rows)
    state = f", removed {page['removed']}" if page and page["state"] == "removed" else ""
    click.echo(f"article {aid} {rows[0]['url']}: {len(rows)} versions, edited {edits} times{state}")
    previous = ""
    for r in rows:
        click.echo(f"v{r['n']} {r['kind']:<8} {r['fetched']}  HTTP {r['status']}  {(r['hash'] or '-')[:16]}")
        if r["diff"]:
            for line in render_text(previous, r["diff"]).splitlines():
                click.echo(f"    {line}")
        previous = r.get("text") or previous


COMMANDS: list[click.Command] = [watch, fetch, versions]
