"""JSON Lines reader: one article a line (`text` or `html`, plus metadata that becomes RawDocument hints)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from presswatch.article import RawDocument
from presswatch.errors import EmptyDocumentError, InputError

HINT_KEYS = ("url", "title", "outlet", "published", "language", "id", "authors", "tags")
_LIST_KEYS = ("authors", "tags")


def _check_hints(item: dict[str, object], where: str, source: str) -> None:
    """Metadata of a line has the types Article metadata has: strings, lists of strings (an `id` may be a number)."""
    for key in HINT_KEYS:
        value = item.get(key)
        if value is None:
            continue
        if key in _LIST_KEYS:
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
            want = "a list of strings"
        else:
            ok = isinstance(value, str) or (key == "id" and isinstance(value, int) and not isinstance(value, bool))
            want = "a string"
        if not ok:
            raise InputError(f"{where}: {key!r} must be {want}, got {type(value).__name__}", source)


def parse_line(line: bytes, source: str, where: str) -> RawDocument:
    """One JSONL line as a RawDocument; `where` ("file:line") names it in errors."""
    from presswatch.sources import read_bytes

    try:
        item = json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{where}: not valid JSON ({exc})", source) from exc
    if not isinstance(item, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(item).__name__}", source)
    for key, fmt in (("html", "html"), ("text", "text")):
        body = item.get(key)
        if body is None:
            continue
        if not isinstance(body, str):
            raise InputError(f"{where}: {key!r} must be a string, got {type(body).__name__}", source)
        if not body.strip():
            raise EmptyDocumentError(f"{where}: {key!r} is empty", source)
        _check_hints(item, where, source)
        hints = {k: item[k] for k in HINT_KEYS if item.get(k) not in (None, "", [])}
        url = hints.get("url") if isinstance(hints.get("url"), str) else None
        return read_bytes(body.encode("utf-8"), source, fmt, url=url, encoding="utf-8", hints=hints)
    raise InputError(f"{where}: no 'text' or 'html' key", source)


def iter_jsonl(path: Path) -> Iterator[RawDocument | InputError]:
    """Yield one RawDocument per non-blank line (source `file#line=N`), or an InputError naming `file:N`.

    A bad line costs only itself; a line longer than `max_document_bytes` is skipped unread (its error says so)."""
    from presswatch.config import SETTINGS
    from presswatch.limits import Budget, LimitError

    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below; a generator cannot `with` across yields safely
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", str(path))
        return
    budget = Budget(str(path))
    limit = SETTINGS.max_document_bytes
    with fh:
        n = 0
        while True:
            try:
                line = fh.readline(limit + 1)
            except OSError as exc:
                yield InputError(f"cannot read after line {n}: {exc.strerror or exc}", str(path))
                return
            if not line:
                return
            n += 1
            source, where = f"{path}#line={n}", f"{path}:{n}"
            if len(line) > limit and not line.endswith(b"\n"):
                while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass  # skip the rest of the line without holding it
                yield LimitError(f"{where}: line longer than {limit:,} bytes", source, "max_document_bytes")
                continue
            if not line.strip():
                continue
            try:
                budget.add_record()
            except LimitError as exc:
                yield exc
                return
            try:
                yield parse_line(line, source, where)
            except InputError as exc:
                yield exc
            except (ValueError, TypeError, RecursionError) as exc:  # e.g. a lone surrogate, deep nesting
                yield InputError(f"{where}: unreadable line ({type(exc).__name__}: {str(exc)[:120]})", source)
