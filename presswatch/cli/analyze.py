"""`presswatch analyze` and `presswatch schema`: one document in, JSON or a terminal report out."""

from __future__ import annotations

import json
import sys

import click

from presswatch.api import analyze as analyze_document
from presswatch.pipeline import ALL_STAGES, parse_stages


@click.command("analyze")
@click.argument("path", type=click.Path(dir_okay=False, allow_dash=True, readable=False))
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True,
              help="JSON (schema: `presswatch schema`) or a readable terminal report.")
@click.option("--stages", default=None, metavar="LIST",
              help=f"Comma list of stages to run (default all: {','.join(ALL_STAGES)}); `clean` runs cleaning only.")
@click.option("--input-format", type=click.Choice(["text", "html"]), default=None, help="Skip format detection.")
@click.option("--include-raw", is_flag=True, help="Include the decoded raw input in the JSON.")
def analyze_cmd(path: str, fmt: str, stages: str | None, input_format: str | None, include_raw: bool) -> None:
    """Analyse one crawled page or HTML file (PATH, or - for standard input)."""
    article = analyze_document(path, stages=parse_stages(stages), format=input_format)
    if fmt == "json":
        click.echo(article.to_json(include_raw=include_raw))
    else:
        from presswatch.report.terminal import print_report

        print_report(article)


@click.command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema of the Article JSON that `analyze --format json` writes."""
    from presswatch.schema import article_schema

    json.dump(article_schema(), sys.stdout, indent=2)
    sys.stdout.write("\n")


COMMANDS: list[click.Command] = [analyze_cmd, schema_cmd]
