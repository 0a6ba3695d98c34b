"""Read one document from a file or standard input into a RawDocument, refusing what is not news text."""

from __future__ import annotations

import sys
from pathlib import Path

from presswatch.article import RawDocument
from presswatch.config import SETTINGS
from presswatch.errors import EmptyDocumentError, InputError, TooLargeError
from presswatch.sources.encoding import decode

FORMATS = ("text", "html")


def _check_format(format: str | None, source: str) -> str | None:
    if format is None:
        return None
    f = format.lower().strip()
    if f in ("txt", "plain"):
        f = "text"
    if f in ("htm", "xhtml"):
        f = "html"
    if f not in FORMATS:
        raise InputError(f"unknown format {format!r} (known: {', '.join(FORMATS)})", source)
    return f


def _validate(raw: RawDocument) -> RawDocument:
    """Empty, binary and undecodable inputs fail here, with the file named, not later in cleaning."""
    if not raw.data.strip():
        raise EmptyDocumentError("empty document (no bytes or only whitespace)", raw.source)
    text, encoding = decode(raw)
    if not text.strip():
        raise EmptyDocumentError("empty document (only whitespace after decoding)", raw.source)
    raw.encoding = raw.encoding or encoding
    return raw


def read_bytes(data: bytes, source: str, format: str | None = None, **kw: object) -> RawDocument:
    """A RawDocument from bytes already in memory, checked like a file."""
    limit = SETTINGS.max_document_bytes
    if len(data) > limit:
        raise TooLargeError(f"{len(data)} bytes exceeds the limit of {limit} bytes", source)
    return _validate(RawDocument(data=data, source=source, format=_check_format(format, source), **kw))  # type: ignore[arg-type]


def read_file(path: Path, format: str | None = None) -> RawDocument:
    """Read one crawled text or HTML file; `format` forces "text" or "html"."""
    from presswatch.sources.walk import check_file, source_key

    path = Path(path)
    source = source_key(path)
    check_file(path)  # missing, unreachable, unreadable, a FIFO, a device, a folder, a symlink loop: say which
    limit = SETTINGS.max_document_bytes
    try:
        size = path.stat().st_size
        if size > limit:
            raise TooLargeError(f"{size} bytes exceeds the limit of {limit} bytes", source)
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source) from exc
    return read_bytes(data, source, format)


def read_stdin(format: str | None = None) -> RawDocument:
    """Read one document from standard input (source "<stdin>")."""
    limit = SETTINGS.max_document_bytes
    data = sys.stdin.buffer.read(limit + 1)
    return read_bytes(data, "<stdin>", format)
