"""JSON Schema of the Article JSON, derived from the dataclasses so it never drifts from the code."""

from __future__ import annotations

import types
from dataclasses import MISSING, fields, is_dataclass
from typing import Any, Union, get_args, get_origin, get_type_hints

from presswatch.article import SCHEMA_VERSION, Article

_SCALARS: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
    Any: {},
}
_DESCRIPTIONS = {
    "text": "The clean article text; one paragraph per line. Every start/end below is a character offset into it.",
    "start": "Character offset into `text` (inclusive).",
    "end": "Character offset into `text` (exclusive); text[start:end] equals the item's `text`.",
    "page_time": "Time stamp shown on the page, ISO 8601 with offset.",
    "published": "Publication time (URL, meta tags or feed), ISO 8601 with offset.",
    "kind": "`direct` (inside quotation marks) or `reported` (indirect speech).",
    "speaker": "Canonical name of the entity the quote is attributed to.",
    "paragraph": "1-based line number of `text` holding the span.",
}


def _schema_for(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(tp) if a is not type(None)]
        if len(options) == 1:
            inner = _schema_for(options[0], defs)
        else:
            inner = {"anyOf": [_schema_for(o, defs) for o in options]}
        return {"anyOf": [inner, {"type": "null"}]}
    if origin is list:
        return {"type": "array", "items": _schema_for(get_args(tp)[0], defs)}
    if origin is dict:
        return {"type": "object"}
    if is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # reserve before recursing
            defs[name] = _object_schema(tp, defs)
        return {"$ref": f"#/$defs/{name}"}
    return dict(_SCALARS.get(tp, {}))


def _object_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    hints = get_type_hints(tp)
    props: dict[str, Any] = {}
    required: list[str] = []
    for f in fields(tp):
        if f.name.startswith("_") or f.name == "raw":
            continue
        prop = _schema_for(hints[f.name], defs)
        if f.name in _DESCRIPTIONS:
            prop["description"] = _DESCRIPTIONS[f.name]
        props[f.name] = prop
        if f.default is MISSING and f.default_factory is MISSING:  # type: ignore[misc]
            required.append(f.name)
    return {"type": "object", "properties": props, "required": required}


def article_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that `presswatch analyze --format json` output validates against."""
    defs: dict[str, Any] = {}
    root = _object_schema(Article, defs)
    root["required"] = sorted(set(root["required"]) | {"metadata", "quotes", "entities", "claims", "techniques",
                                                        "frames", "genre", "schema_version"})
    root["properties"]["schema_version"] = {"const": SCHEMA_VERSION}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://presswatch.invalid/schema/article-{SCHEMA_VERSION}.json",
        "title": "presswatch Article",
        "description": "One analysed news article: clean text, metadata and character-offset annotations.",
        **root,
        "$defs": defs,
    }
