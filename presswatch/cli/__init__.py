"""The `presswatch` command: one click group; each room adds its commands from its own module."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from presswatch.errors import PresswatchError


class _Group(click.Group):
    """Turns presswatch errors into one clear line on stderr and a non-zero exit, no traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PresswatchError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit, KeyboardInterrupt):
            raise
        except OSError as exc:  # disk full, permission denied, read-only file system writing an output
            from presswatch.sources.walk import printable

            where = f"{printable(os.fsdecode(exc.filename))}: " if exc.filename else ""
            click.echo(f"error: {where}{exc.strerror or exc}", err=True)
            sys.exit(2)
        except Exception as exc:
            from presswatch import config

            if config.SETTINGS.debug:
                raise
            click.echo(f"internal error: {type(exc).__name__}: {exc} (PRESSWATCH_DEBUG=1: traceback)", err=True)
            sys.exit(3)


@click.group(cls=_Group)
@click.version_option(package_name="presswatch")
def main() -> None:
    """presswatch: clean, annotate, store and compare news articles."""


def _register() -> None:
    from presswatch.cli import analyze, batch, corpus, models, serve, stories, watch

    for module in (analyze, models, corpus, stories, batch, serve, watch):
        for command in module.COMMANDS:
            main.add_command(command)


_register()
