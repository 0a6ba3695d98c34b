"""Accessibility checks that need no browser: highlight colours, a lang per article, the skip link, local API docs."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from presswatch.web.glossary import FAMILY_COLORS, slug

CSS = Path(__file__).resolve().parents[2] / "presswatch" / "web" / "static" / "style.css"


def luminance(hex_color: str) -> float:
    """WCAG 2 relative luminance of #rrggbb."""
    channels = [int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_highlight_colours_contrast_and_differ() -> None:
    css = CSS.read_text(encoding="utf-8")
    for family, color in FAMILY_COLORS.items():
        assert re.search(rf"--fam-{slug(family)}: {color};", css), f"CSS and glossary disagree on {family}"
        assert re.search(rf"\.hl\.fam-{slug(family)} {{ background: var\(--fam-{slug(family)}\); color: #000; }}",
                         css)
        assert contrast(color, "#ffffff") >= 3.0, (family, contrast(color, "#ffffff"))  # against the page
        assert contrast(color, "#000000") >= 4.5, (family, contrast(color, "#000000"))  # under the text
    for (fa, a), (fb, b) in itertools.combinations(FAMILY_COLORS.items(), 2):
        rgb = [(int(x[1:3], 16), int(x[3:5], 16), int(x[5:7], 16)) for x in (a, b)]
        assert sum((p - q) ** 2 for p, q in zip(*rgb, strict=True)) ** 0.5 > 80, f"{fa} and {fb} look alike"


def test_article_lang_skip_link_and_layers(client: TestClient, ids: dict[str, int]) -> None:
    html = client.get(f"/articles/{ids['Sputnik']}").text
    assert '<article class="article-body card" aria-labelledby="article-title" lang="en">' in html
    assert '<a class="skip-link" href="#main">Skip to content</a>' in html and '<main id="main"' in html
    assert '<input type="checkbox" id="layer-quotes">' in html  # quote and claim underlines start off
    assert re.search(r'class="para-label [^"]+" title="[^"]+" tabindex="0" role="button"', html)


def test_api_docs_are_served_locally(client: TestClient) -> None:
    r = client.get("/docs")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert "/api/articles" in html and "/api/export" in html and "<code>lang</code>" in html
    assert not re.search(r'(src|href)="(https?:)?//', html)  # nothing from another host
    assert 'href="/docs" aria-current="page"' in html


def test_analysed_result_downloads_as_json(client: TestClient, monkeypatch: Any) -> None:
    import json
    from html import unescape

    from webcorpus import XSS_SCRIPT, form_token

    from presswatch.article import Article
    from presswatch.web.deps import Analyzer

    monkeypatch.setattr(Analyzer, "analyze", lambda self, data, **_: Article(text=data.decode()))
    text = f"Breaking {XSS_SCRIPT} </script><script>alert(2)</script> news"
    html = client.post("/analyze", data={"text": text, "csrf_token": form_token(client)}).text
    found = re.search(r'id="download-json" download="article.json" data-json="([^"]*)"', html)
    assert found and "<" not in found.group(1)  # escaped: the data never becomes markup
    assert json.loads(unescape(found.group(1)))["text"] == text
