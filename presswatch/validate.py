"""One check of Article JSON wherever it enters (write API, batch rows, the store), and a repair for reading.

`problems` validates a document with a pydantic adapter built from the same dataclasses the published JSON
Schema (`presswatch schema`) is derived from, in strict mode (a string is no number, null is no string); fields
added in later versions may be missing. Each bad field is named by its path (`techniques[0].score`), then the
spine's offset invariant is checked. `article_from_dict` raises `InvalidArticleError` with those paths. `repair`
is for rows already stored by older or buggy versions: it keeps what fits the types and drops annotations that
cannot be rebuilt, so every page can render whatever the store holds.
"""

from __future__ import annotations

import json
from dataclasses import MISSING, fields, is_dataclass
from functools import lru_cache
from typing import Any, Union, get_args, get_origin, get_type_hints

from presswatch.article import Article
from presswatch.errors import InputError

_ANNOTATIONS = ("techniques", "quotes", "claims", "mentions")


class InvalidArticleError(InputError):
    """An Article JSON whose fields have the wrong types or offsets that do not fit its text."""


@lru_cache(maxsize=1)
def _adapter() -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(Article)


def _path(parts: Any) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "(document)"


def _check(data: Any, limit: int) -> tuple[Article | None, list[str]]:
    from pydantic import ValidationError

    if not isinstance(data, dict):
        return None, [f"(document): expected an Article JSON object, got {type(data).__name__}"]
    try:
        encoded = json.dumps({k: v for k, v in data.items() if k not in ("raw", "_cache")}, ensure_ascii=False)
        article = _adapter().validate_json(encoded, strict=True)
    except (TypeError, ValueError) as exc:
        if not isinstance(exc, ValidationError):
            return None, [f"(document): not JSON data ({exc})"]
        out = []
        for err in exc.errors(include_url=False)[:limit]:
            got = repr(err.get("input"))
            got = got if len(got) <= 40 else got[:37] + "..."
            out.append(f"{_path(err.get('loc', ()))}: {err.get('msg')} (got {got})")
        return None, out
    return article, _offset_problems(data)[:limit]


def problems(data: Any, limit: int = 10) -> list[str]:
    """What is wrong with `data` as Article JSON: "path: message" lines, at most `limit`; [] when it is valid."""
    return _check(data, limit)[1]


def _offset_problems(data: dict[str, Any]) -> list[str]:
    """Spans that do not fit the text (the spine's invariant): start/end in range, text[start:end] == item.text."""
    text, bad = data["text"], []
    groups = [(g, data.get(g) or []) for g in _ANNOTATIONS]
    groups += [(f"entities[{i}].mentions", e.get("mentions") or []) for i, e in enumerate(data.get("entities") or [])]
    for name, items in groups:
        for i, it in enumerate(items):
            s, e = it.get("start"), it.get("end")
            if not (isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= len(text)):
                bad.append(f"{name}[{i}]: span [{s}, {e}) is outside the text ({len(text)} characters)")
            elif isinstance(it.get("text"), str) and text[s:e] != it["text"]:
                bad.append(f"{name}[{i}]: text[{s}:{e}] does not match the item's text")
    return bad


def article_from_dict(data: Any, source: str | None = None) -> Article:
    """The Article of a validated JSON document; InvalidArticleError naming the bad fields otherwise."""
    article, found = _check(data, 10)
    if found or article is None:
        raise InvalidArticleError("invalid Article JSON: " + "; ".join(found[:5]), source)
    return article


def article_from_json(text: str, source: str | None = None) -> Article:
    """The Article of an Article JSON string (a batch row's `article_json`, a stored or posted document): the one
    decoder of already-analysed documents. InputError if it is not JSON, InvalidArticleError if fields are wrong."""
    try:
        data = json.loads(text)
    except (ValueError, TypeError) as exc:
        raise InputError(f"bad article_json: {type(exc).__name__}: {exc}", source) from exc
    return article_from_dict(data, source)


def check_article(article: Article, doc: dict[str, Any] | None = None) -> None:
    """Validate an Article object (as its JSON) before it is stored; `doc` is its JSON without "text", if made."""
    data = dict(doc) if doc is not None else article.to_dict()
    data["text"] = article.text
    found = problems(data)
    if found:
        raise InvalidArticleError("invalid Article: " + "; ".join(found[:5]), article.metadata.source)


# -- reading what older versions stored ---------------------------------------------------------
def repair(data: dict[str, Any]) -> dict[str, Any]:
    """`data` reduced to what fits Article's types: wrong scalars become defaults, unbuildable items go."""
    fixed = _fit(Article, data)
    text = fixed.get("text", "")
    for name in _ANNOTATIONS:
        fixed[name] = [it for it in fixed.get(name, []) if _fits_text(it, text)]
    for ent in fixed.get("entities", []):
        ent["mentions"] = [m for m in ent.get("mentions", []) if _fits_text(m, text)]
    return fixed


def _fits_text(item: dict[str, Any], text: str) -> bool:
    s, e = item.get("start"), item.get("end")
    return isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= len(text)


class _Drop(Exception):
    """This value cannot become the type: leave out the list item or object holding it."""


def _fit(tp: Any, data: Any) -> Any:
    hints = get_type_hints(tp)
    if not isinstance(data, dict):
        raise _Drop
    out: dict[str, Any] = {}
    for f in fields(tp):
        if f.name.startswith("_") or f.name not in data:
            continue
        try:
            out[f.name] = _value(hints[f.name], data[f.name])
        except _Drop:
            if f.default is MISSING and f.default_factory is MISSING:  # type: ignore[misc]
                raise
            # a bad optional field: leave it to its default
    for f in fields(tp):
        if f.default is MISSING and f.default_factory is MISSING and f.name not in out:  # type: ignore[misc]
            raise _Drop
    return out


def _value(tp: Any, value: Any) -> Any:
    origin = get_origin(tp)
    if origin is Union or (origin is not None and type(None) in get_args(tp)):
        if value is None:
            return None
        options = [a for a in get_args(tp) if a is not type(None)]
        for option in options:
            try:
                return _value(option, value)
            except _Drop:
                continue
        raise _Drop
    if origin is list:
        if not isinstance(value, list):
            raise _Drop
        (inner,) = get_args(tp)
        out = []
        for v in value:
            try:
                out.append(_value(inner, v))
            except _Drop:
                continue
        return out
    if origin is dict:
        if not isinstance(value, dict):
            raise _Drop
        return value
    if is_dataclass(tp):
        return _fit(tp, value)
    if tp is Any:
        return value
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            try:
                return float(value)
            except (TypeError, ValueError):
                raise _Drop from None
        return float(value)
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _Drop
        return value
    if tp is str:
        if not isinstance(value, str):
            raise _Drop
        return value
    if tp is bool:
        if not isinstance(value, bool):
            raise _Drop
        return value
    return value
