"""The Jinja2 environment (autoescape always on) and the helpers templates may use."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup, escape

from presswatch.taxonomy import FAMILY_ORDER, explain, genre_score_text
from presswatch.web.glossary import FAMILY_COLORS, pretty, slug
from presswatch.web.highlight import quote_pieces

TEMPLATES = Path(__file__).resolve().parent / "templates"


def mark_snippet(snippet: str | None) -> Markup:
    """Escape a store snippet first, then turn its \\x02/\\x03 markers into balanced <mark> tags."""
    out: list[str] = []
    open_ = False
    for chunk in re.split("([\x02\x03])", str(escape(snippet or ""))):
        if chunk == "\x02":
            if not open_:
                out.append("<mark>")
                open_ = True
        elif chunk == "\x03":
            if open_:
                out.append("</mark>")
                open_ = False
        else:
            out.append(chunk)
    if open_:
        out.append("</mark>")
    return Markup("".join(out))


def safe_url(url: str | None) -> str | None:
    """The URL if it is http(s), else None: article data never becomes a javascript: or data: link."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True)
    env.filters["snippet"] = mark_snippet
    env.filters["pretty"] = pretty
    env.filters["slug"] = slug
    env.filters["safe_url"] = safe_url
    env.filters["quote_pieces"] = quote_pieces
    env.filters["genre_score"] = lambda score, label: genre_score_text(label, score)
    env.globals.update(explain=explain, FAMILY_ORDER=FAMILY_ORDER, FAMILY_COLORS=FAMILY_COLORS)
    return env


def render(request: Request, name: str, *, status_code: int = 200, **context: Any) -> HTMLResponse:
    html = environment().get_template(name).render(request=request, path=request.url.path, **context)
    return HTMLResponse(html, status_code=status_code)
