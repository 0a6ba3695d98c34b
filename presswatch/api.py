"""The Python API: `analyze` one document end to end; the CLI is a thin shell over this."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from presswatch.article import Article, RawDocument
from presswatch.pipeline import Pipeline


def to_raw(source: str | Path | bytes | RawDocument, *, format: str | None = None) -> RawDocument:
    """Turn a path, bytes or RawDocument into one RawDocument ("-" reads standard input)."""
    from presswatch.sources import read_file, read_stdin

    if isinstance(source, RawDocument):
        return source
    if isinstance(source, bytes):
        return RawDocument(data=source, source="<bytes>", format=format)
    if str(source) == "-":
        return read_stdin(format=format)
    return read_file(Path(source), format=format)


def analyze(
    source: str | Path | bytes | RawDocument,
    *,
    stages: Iterable[str] | None = None,
    format: str | None = None,
    pipeline: Pipeline | None = None,
) -> Article:
    """Read, clean and annotate one document; `stages=None` runs them all."""
    return (pipeline or Pipeline(list(stages) if stages is not None else None)).run(to_raw(source, format=format))


def analyze_text(text: str, *, stages: Iterable[str] | None = None, format: str | None = None) -> Article:
    """Analyse a document given as a string (crawled text or HTML)."""
    return analyze(RawDocument(data=text.encode("utf-8"), source="<text>", format=format, encoding="utf-8"),
                   stages=stages)
