"""HTML pages: content, escaping of hostile article data on every page, errors, and the helpers behind them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape
from webcorpus import XSS_IMG, XSS_SCRIPT, form_token

from presswatch.article import Article, Quote, Technique
from presswatch.taxonomy import FAMILY_ORDER_WITH_OTHER, explain
from presswatch.web import charts
from presswatch.web.glossary import FAMILY_COLORS, slug
from presswatch.web.highlight import marks_of, paragraphs
from presswatch.web.render import mark_snippet, safe_url

ESC_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"
ESC_IMG = "&lt;img src=x onerror=alert(1)&gt;"


def assert_no_raw_markup(html: str) -> None:
    assert XSS_SCRIPT not in html and XSS_IMG not in html
    assert "<script>alert" not in html and "<img" not in html and "onerror=alert(1)>" not in html
    assert not re.search(r"<script(?![^>]*src=\"/static/app\.js\")", html), "only the local script tag may appear"
    assert "javascript:" not in html


def html_pages(ids: dict[str, int]) -> list[str]:
    evil = "Evil " + XSS_IMG
    return ["/", f"/articles/{ids['Evil']}", "/search?q=hostile", f"/search?outlet={evil}", "/search?q=editor",
            f"/search?speaker=John {XSS_SCRIPT}", f"/search?q={XSS_SCRIPT}", "/search?voice=author"]


def test_hostile_data_renders_as_text_on_every_page(client: TestClient, ids: dict[str, int]) -> None:
    seen_escaped = 0
    for path in html_pages(ids):
        r = client.get(path)
        assert r.status_code in (200, 400), path
        assert r.headers["content-type"].startswith("text/html")
        assert_no_raw_markup(r.text)
        seen_escaped += (ESC_SCRIPT in r.text) + (ESC_IMG in r.text)
    art = client.get(f"/articles/{ids['Evil']}").text
    assert ESC_SCRIPT in art and ESC_IMG in art
    assert f"Hostile page {ESC_SCRIPT} {ESC_IMG}</h1>" in art
    dash = client.get("/").text
    assert ESC_IMG in dash and ESC_SCRIPT in dash  # outlet in chart, speaker in chart, genre
    assert seen_escaped >= 8


def test_dashboard(client: TestClient) -> None:
    html = client.get("/").text
    assert '<span class="stat-value" id="stat-articles">3</span>' in html
    for chart_id in ("chart-outlets", "chart-voice", "chart-time", "chart-speakers", "chart-techniques",
                     "chart-genres", "chart-frames"):
        assert f'aria-labelledby="{chart_id}-title {chart_id}-desc"' in html, chart_id
    assert "Vladimir Putin" in html and 'href="/search?speaker=Vladimir%20Putin"' in html
    assert "<polyline" in html and "2021-01" in html and "2021-02" in html
    assert "<style" not in html and " style=" not in html  # CSP forbids inline styles


def test_search_page_highlights_and_filters(client: TestClient) -> None:
    html = client.get("/search", params={"q": "lies"}).text
    assert "<mark>lies</mark>" in html
    assert 'id="result-count">1 article' in html
    html = client.get("/search", params={"technique": "Exaggeration-Minimisation"}).text
    assert "Sanctions hit the economy" in html and "Putin says" not in html
    assert '<option value="Exaggeration-Minimisation" selected>' in html


def svg_of(html: str, chart_id: str) -> str:
    found = re.search(rf'<svg[^>]*aria-labelledby="{chart_id}-title.*?</svg>', html, re.S)
    assert found, chart_id
    return found.group(0)


def test_dashboard_voice_chart_and_table(client: TestClient) -> None:
    html = client.get("/").text
    chart = svg_of(html, "chart-voice")
    assert "Persuasion in the outlet&#39;s own words vs in quotes, per outlet" in chart
    # Sputnik: 2 spans in its own words, 2 inside Putin's quote; Example Daily's voices are unknown
    assert "Sputnik: outlet&#39;s own words 2, direct quotes 2" in chart
    assert "Example Daily: unknown 2" in chart and "reported speech" not in chart  # unused series: no legend
    assert ESC_IMG in chart and XSS_IMG not in chart  # the hostile outlet's name, escaped
    table = re.search(r'<table class="table" id="voice-table">.*?</table>', html, re.S).group(0)  # type: ignore[union-attr]
    assert re.search(r'>Sputnik</a></td>\s*<td class="num">2</td><td class="num">2</td>', table)
    assert "50%" in table and "100%" in table and "–" in table
    assert 'href="/search?outlet=Sputnik&amp;voice=author"' in table


def test_search_page_voice_filter(client: TestClient) -> None:
    html = client.get("/search", params={"voice": "quoted", "technique": "Name_Calling-Labeling"}).text
    assert 'id="result-count">1 article' in html and "Putin says" in html
    assert '<option value="quoted" selected>' in html
    html = client.get("/search", params={"voice": "author", "technique": "Name_Calling-Labeling"}).text
    assert 'id="result-count">0 articles' in html
    r = client.get("/search", params={"voice": "editor"})
    assert r.status_code == 422 and "voice must be one of" in r.text


def test_search_page_errors(client: TestClient) -> None:
    r = client.get("/search", params={"q": '"open'})
    assert r.status_code == 400 and "Bad query" in r.text
    r = client.get("/search", params={"since": "soon"})
    assert r.status_code == 422 and "is not a date" in r.text and r.headers["content-type"].startswith("text/html")
    assert client.get("/search", params={"page": "0"}).status_code == 422
    assert client.get("/search", params={"page": "x"}).status_code == 422


def test_search_paging_links(client: TestClient) -> None:
    from presswatch.web import pages

    old = pages.PAGE_SIZE
    pages.PAGE_SIZE = 2
    try:
        html = client.get("/search").text
        assert "page 1 of 2" in html and 'href="/search?page=2"' in html
        html2 = client.get("/search?page=2").text
        assert 'rel="prev" href="/search?page=1"' in html2
    finally:
        pages.PAGE_SIZE = old


def test_article_page(client: TestClient, ids: dict[str, int]) -> None:
    html = client.get(f"/articles/{ids['Sputnik']}").text
    # "They are telling lies" (name calling) overlaps "telling lies" (loaded language) and a direct quote
    assert re.search(r'<span class="hl fam-attack-on-reputation quote quote-direct"[^>]*data-marks="t0 q0"[^>]*>'
                     r"They are </span>", html)
    assert re.search(r'<span class="hl fam-attack-on-reputation hl-multi quote quote-direct"[^>]*'
                     r'data-marks="t0 t1 q0"[^>]*>telling lies</span>', html)
    assert 'id="mark-t0"' in html and 'id="mark-q1"' in html and 'id="mark-c0"' in html
    assert str(escape(explain("Whataboutism"))) in html
    assert "Security and defense" in html and 'value="0.9"' in html  # frames as meters
    assert 'href="https://example.org/a"' in html and "Bad link" in html and "javascript:" not in html
    assert "PERSON" in html and "aka Putin" in html
    assert 'href="/search?speaker=Vladimir+Putin"' in html and 'href="/search?entity=Syria"' in html
    assert 'href="/api/articles/' in html
    assert 'class="swatch fam-manipulative-wording"' in html  # legend
    # paragraph-level labels, including one (Doubt) that has no span
    para4 = re.search(r'<p data-line="4" [^>]*>.*?</p>', html, re.S).group(0)  # type: ignore[union-attr]
    assert '<span class="para-label fam-distraction"' in para4 and ">Doubt 0.31</span>" in para4
    assert 'class="para-label fam-attack-on-reputation"' in para4
    assert "Paragraph label: Doubt (Attack on reputation, score 0.31)" in para4


def test_article_page_404_is_html(client: TestClient) -> None:
    r = client.get("/articles/424242")
    assert r.status_code == 404 and "No article with id 424242" in r.text
    assert r.headers["content-type"].startswith("text/html")


def test_analyze_form_and_input_error(client: TestClient) -> None:
    html = client.get("/analyze").text
    assert 'enctype="multipart/form-data"' in html and 'name="file"' in html and "<textarea" in html
    token = form_token(client)
    r = client.post("/analyze", data={"text": "   ", "format": "auto", "csrf_token": token})
    assert r.status_code == 422 and 'id="analyze-error"' in r.text and f'value="{token}"' in r.text
    r = client.post("/analyze", data={"text": XSS_SCRIPT + " \x00\x01", "csrf_token": token},
                    files={"file": ("", b"", "text/plain")})
    assert_no_raw_markup(r.text)


def test_static_assets_are_local(client: TestClient) -> None:
    html = client.get("/").text
    refs = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert refs and all(ref.startswith(("/", "#")) for ref in refs), refs
    assert client.get("/static/app.js").status_code == 200
    js = client.get("/static/app.js").text
    assert "innerHTML" not in js and "eval(" not in js


def test_css_and_chart_colours_agree() -> None:
    css = (Path(__file__).resolve().parents[2] / "presswatch/web/static/style.css").read_text()
    for family in FAMILY_ORDER_WITH_OTHER:
        assert f"--fam-{slug(family)}: {FAMILY_COLORS[family]};" in css, family


def test_mark_snippet_escapes_then_marks() -> None:
    assert str(mark_snippet("a \x02<b>x</b>\x03 c")) == "a <mark>&lt;b&gt;x&lt;/b&gt;</mark> c"
    assert str(mark_snippet("\x02open")) == "<mark>open</mark>"
    assert str(mark_snippet("close\x03 \x03 \x02\x02x\x03")) == "close  <mark>x</mark>"
    assert str(mark_snippet(None)) == ""


def test_safe_url() -> None:
    assert safe_url("https://example.org/x") == "https://example.org/x"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "//evil", None, ""):
        assert safe_url(bad) is None


def test_charts_escape_labels_and_handle_empty() -> None:
    svg = str(charts.bar_chart("c", "T <x>", [("<script>", 3.0), ("b", 1.5)], href="/s?x={}"))
    assert "<script>" not in svg and "&lt;script&gt;" in svg and 'href="/s?x=%3Cscript%3E"' in svg
    assert svg.startswith("<svg") and "<title id=\"c-title\">T &lt;x&gt;</title>" in svg
    colors = {"A": "#000", "B": "#111"}
    stacked = str(charts.stacked_bar_chart("s", "S", [("o<1>", {"A": 2, "B": 1})], ["A", "B"], colors))
    assert stacked.count('class="bar"') == 2 and "o&lt;1&gt;" in stacked
    line = str(charts.line_chart("l", "L", ["2021-01", "2021-02"], {"A": [1, 3]}, {"A": "#000"}))
    assert "<polyline" in line and line.count("<circle") == 2
    assert "No data yet" in str(charts.bar_chart("e", "E", []))
    assert "No data yet" in str(charts.line_chart("e", "E", [], {}, {}))


def _article(text: str, spans: list[tuple[int, int]]) -> Article:
    a = Article(text=text)
    for i, (s, e) in enumerate(spans):
        if i % 2:
            a.quotes.append(Quote(text[s:e], s, e, "direct", "X", "said"))
        else:
            a.techniques.append(Technique("Loaded_Language", "Manipulative wording", s, e, text[s:e], 1, 0.5))
    return a


@st.composite
def texts_with_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    text = draw(st.text(alphabet="ab <>&\n\"'", min_size=1, max_size=60))
    spans = draw(st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, len(text))), max_size=6))
    return text, [(min(s, e), max(s, e)) for s, e in spans if s != e]


@given(texts_with_spans())
def test_segments_partition_the_text(case: tuple[str, list[tuple[int, int]]]) -> None:
    text, spans = case
    article = _article(text, spans)
    marks = marks_of(article)
    paras = paragraphs(article, marks)
    lines = text.split("\n")
    assert [p.line for p in paras] == [i + 1 for i, ln in enumerate(lines) if ln.strip()]
    pos_of_line = [sum(len(x) + 1 for x in lines[:i]) for i in range(len(lines))]
    for p in paras:
        assert "".join(s.text for s in p.segments) == lines[p.line - 1]
        pos = pos_of_line[p.line - 1]
        for seg in p.segments:
            a, b = pos, pos + len(seg.text)
            assert {m.id for m in seg.marks} == {m.id for m in marks if m.start <= a and b <= m.end}
            assert all(not (m.start < b and a < m.end) or (m.start <= a and b <= m.end) for m in marks)
            pos = b


def test_marks_drop_spans_outside_the_text() -> None:
    a = Article(text="short")
    a.techniques.append(Technique("Doubt", "Attack on reputation", 2, 99, "x", 1, 0.3))
    assert marks_of(a) == []


@pytest.mark.parametrize("family", list(FAMILY_ORDER_WITH_OTHER))
def test_every_family_has_highlight_css(family: str) -> None:
    css = (Path(__file__).resolve().parents[2] / "presswatch/web/static/style.css").read_text()
    assert f".hl.fam-{slug(family)} " in css


def test_dashboard_time_chart_per_outlet(client: TestClient) -> None:
    html = client.get("/", params={"outlet": "Example Daily"}).text
    chart = re.search(r'<svg[^>]*aria-labelledby="chart-time-title.*?</svg>', html, re.S).group(0)  # type: ignore[union-attr]
    assert "2021-02" in chart and "2021-01" not in chart
    assert '<option value="Example Daily" selected>' in html
    assert "Techniques over time · Example Daily" in html


def test_model_error_is_503(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from presswatch.errors import ModelError
    from presswatch.web.deps import Analyzer

    def missing(self: Analyzer, data: bytes, **_: object) -> None:
        raise ModelError("technique model is missing; train one")

    monkeypatch.setattr(Analyzer, "analyze", missing)
    r = client.post("/api/analyze", json={"text": "Some text."})
    assert r.status_code == 503 and "train one" in r.json()["detail"]
    r = client.post("/analyze", data={"text": "Some text.", "csrf_token": form_token(client)})
    assert r.status_code == 503 and "train one" in r.text and r.headers["content-type"].startswith("text/html")


def test_analyze_page_stage_subset(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from presswatch.web.deps import Analyzer

    seen: list[object] = []

    def fake(self: Analyzer, data: bytes, *, stages: object = None, **_: object) -> Article:
        seen.append(stages)
        return Article(text=data.decode())

    monkeypatch.setattr(Analyzer, "analyze", fake)
    token = form_token(client)
    r = client.post("/analyze", data={"text": "A.", "stages": ["quotes", "linguistics"], "csrf_token": token})
    assert r.status_code == 200
    from presswatch.pipeline import ALL_STAGES

    r = client.post("/analyze", data={"text": "B.", "stages": list(ALL_STAGES), "csrf_token": token})
    assert r.status_code == 200
    assert client.post("/analyze", data={"text": "C.", "csrf_token": token}).status_code == 200
    assert seen == [["linguistics", "quotes"], None, None]
    html = client.get("/analyze").text
    assert html.count('name="stages"') == len(ALL_STAGES) and html.count(" checked>") == len(ALL_STAGES)


def test_templates_never_mark_data_safe() -> None:
    templates = Path(__file__).resolve().parents[2] / "presswatch/web/templates"
    for t in templates.glob("*.html"):
        src = t.read_text()
        assert not re.search(r"\|\s*safe\b(?!_)", src), t.name
        assert "autoescape false" not in src, t.name
        assert "<script" not in src.replace('<script src="/static/app.js"', ""), t.name
        assert " style=" not in src and "<style" not in src, t.name
