"""The UI in a real browser (Playwright driving Debian's Chromium): pages, highlights, explanations, analyse."""

from __future__ import annotations

import os
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from webcorpus import XSS_IMG, XSS_SCRIPT

from presswatch.taxonomy import explain
from presswatch.web import create_app

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
# Records CSP violations the page sees; Playwright injects init scripts outside the page's CSP.
CSP_PROBE = ("window.__csp = []; document.addEventListener('securitypolicyviolation', "
             "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(db: Path, write_token: str | None = None) -> Iterator[str]:
    """Serve the app over `db` on a free local port in a thread; yields its base URL, stops it after."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db, write_token=write_token), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def base_url(corpus_db: Path) -> Iterator[str]:
    yield from serve(corpus_db)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium) - browser tests need Debian's Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser: Any, base_url: str) -> Iterator[Any]:
    """A page that fails the test on console errors, page errors, CSP violations or JS dialogs."""
    context = browser.new_context(base_url=base_url, viewport={"width": 1400, "height": 1000})
    context.add_init_script(CSP_PROBE)
    context.set_default_timeout(120_000)  # Playwright's 30 s ran out once on 2 cores under load average 10+
    pg = context.new_page()
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning")
          else None)
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))

    def on_dialog(d: Any) -> None:
        problems.append(f"dialog: {d.message}")
        d.dismiss()

    pg.on("dialog", on_dialog)
    yield pg
    violations = pg.evaluate("window.__csp || []")
    context.close()
    assert not violations, f"CSP violations: {violations}"
    assert not problems, problems


def shot(page: Any, name: str, full: bool = True) -> None:
    """Screenshot the page: into docs/screenshots when PRESSWATCH_SCREENSHOTS=1 (to refresh the docs), else
    into a scratch file, so a test run leaves the tree clean but still renders every page."""
    if os.environ.get("PRESSWATCH_SCREENSHOTS") == "1":
        SHOTS.mkdir(parents=True, exist_ok=True)
        target = SHOTS / name
    else:
        target = Path(tempfile.gettempdir()) / "presswatch-screenshots" / name
        target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target), full_page=full)


def test_dashboard(page: Any) -> None:
    page.goto("/")
    assert page.title() == "Dashboard · presswatch"
    assert page.inner_text("#stat-articles") == "3"
    assert page.locator("svg.chart").count() == 9
    assert page.locator("#chart-techniques a").count() == 23  # the whole taxonomy, each bar a link
    page.locator("#chart-techniques a", has_text="Loaded Language").click()  # a bar drills down to its search
    page.wait_for_url("**/search?technique=Loaded_Language")
    assert page.inner_text("#result-count").startswith("2 articles")
    assert page.locator("#technique option:checked").inner_text() == "Loaded Language"
    assert "telling lies" in page.inner_text(".results")  # the matching span is shown
    page.goto("/")
    assert page.locator("#chart-outlets-title").count() == 1
    table = page.locator("#voice-table")  # the voice chart's table unfolds, and its outlets search own words
    assert table.is_hidden()
    page.click("details.chart-table summary")
    table.wait_for(state="visible")
    table.locator("a", has_text="Sputnik").click()
    page.wait_for_url("**/search?outlet=Sputnik&voice=author")
    assert "Putin says" in page.inner_text(".results")
    assert page.locator("#voice option:checked").inner_text() == "the outlet's own words"
    page.goto("/")
    assert page.locator("svg.chart rect.bar").count() >= 8
    bar = page.locator("#h-speakers ~ svg a").first  # bars link to a speaker search
    bar.click()
    page.wait_for_url("**/search?speaker=*")
    assert "Putin says" in page.inner_text(".results")
    page.goto("/")
    shot(page, "dashboard.png")


def test_search_then_open_article(page: Any) -> None:
    page.goto("/search")
    page.fill("#q", "lies OR sanctions")
    page.click("button[type=submit]")
    page.wait_for_url("**/search?q=*")
    assert page.inner_text("#result-count").startswith("2 articles")
    marks = page.locator(".snippet mark").all_inner_texts()
    assert {m.lower() for m in marks} >= {"lies", "sanctions"}
    shot(page, "search.png")
    page.select_option("#technique", "Whataboutism")
    page.click("button[type=submit]")
    assert page.inner_text("#result-count").startswith("1 article")
    page.click(".result-title a")
    page.wait_for_url("**/articles/*")
    assert page.inner_text("#article-title") == "Putin says Russia coordinates with Syrian opposition"


def test_article_highlights_and_explanations(page: Any, ids: dict[str, int]) -> None:
    page.goto(f"/articles/{ids['Sputnik']}")
    text = page.locator("#article-text")
    assert text.locator(".hl.fam-attack-on-reputation").count() >= 2
    assert text.locator(".hl.fam-manipulative-wording").count() >= 1
    assert text.locator(".hl.quote-direct").count() >= 1 and text.locator(".hl.quote-reported").count() >= 1
    assert text.locator(".hl.claim").count() >= 1
    overlap = text.locator(".hl.hl-multi", has_text="telling lies")
    overlap.hover()
    title = overlap.get_attribute("title") or ""
    assert "Loaded Language" in title and "Name Calling" in title and "score 0.81" in title
    assert page.locator("#explain").is_hidden()
    overlap.click()
    panel = page.locator("#explain")
    panel.wait_for(state="visible")
    assert panel.locator("li").count() == 3  # two techniques and the quote
    body = panel.inner_text()
    assert explain("Name_Calling-Labeling") in body and explain("Loaded_Language") in body
    assert "Vladimir Putin" in body and "0.81" in body
    assert text.locator(".hl.active").count() >= 3  # every piece of the selected spans is outlined
    shot(page, "article.png")
    background = "getComputedStyle(document.querySelector('#article-text .hl[class*=fam-]'))"
    assert page.evaluate(f"{background}.backgroundColor") != "rgba(0, 0, 0, 0)"
    page.uncheck("#layer-techniques")  # layer switches are pure CSS
    assert page.evaluate(f"{background}.backgroundColor") == "rgba(0, 0, 0, 0)"
    assert page.locator(".para-labels").first.is_hidden()
    page.check("#layer-techniques")
    page.keyboard.press("Escape")
    panel.wait_for(state="hidden")
    whatabout = text.locator(".hl", has_text="Western media decided to").first
    whatabout.focus()
    page.keyboard.press("Enter")
    panel.wait_for(state="visible")
    assert explain("Whataboutism") in panel.inner_text()


def test_hostile_article_is_inert(page: Any, ids: dict[str, int]) -> None:
    page.goto(f"/articles/{ids['Evil']}")
    assert page.inner_text("#article-title") == f"Hostile page {XSS_SCRIPT} {XSS_IMG}"
    assert XSS_IMG in page.inner_text("#article-text")
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("[...document.scripts].map(s => new URL(s.src).pathname)") == ["/static/app.js"]
    page.locator(".hl", has_text="onerror").first.click()
    assert explain("Doubt") in page.inner_text("#explain")
    page.goto("/search?q=editor")
    assert page.locator(".result").count() == 1
    assert page.evaluate("document.querySelectorAll('.results img, .results script').length") == 0


@pytest.mark.slow
def test_analyze_example_page(page: Any, example_path: Path) -> None:
    page.goto("/analyze")
    page.fill("#text", example_path.read_text(encoding="utf-8"))
    shot(page, "analyze.png", full=False)
    with page.expect_navigation(timeout=300_000):
        page.click("#analyze-submit")
    assert page.locator(".banner").inner_text().startswith("Analysed just now")
    head = page.inner_text(".article-head")
    assert "Putin" in head and "Syria" in head, head
    article = page.inner_text("#article-text")
    assert "Russia coordinates its actions in Syria" in article
    assert "Listen Live" not in article  # site chrome was removed
    assert page.locator("#quote-list li").count() >= 3
    assert "Vladimir Putin" in page.inner_text("#quote-list")
    assert page.locator("#article-text .hl.quote").count() >= 3
    assert page.locator(".entity", has_text="Putin").count() >= 1
    why = page.locator("details.evidence").first  # the genre's cues, folded until asked for
    assert not why.locator("li").first.is_visible()
    why.locator("summary").click()
    assert "persuasion density" in why.inner_text()
    shot(page, "analyze-result.png")
    if page.locator("#article-text .hl[class*=fam-]").count():
        page.locator("#article-text .hl[class*=fam-]").first.click()
        page.locator("#explain").wait_for(state="visible")
        assert "score" in page.locator("#explain").inner_text().lower() or page.locator("#explain .score").count()


@pytest.mark.slow
def test_analyze_upload_with_some_stages(page: Any, example_path: Path) -> None:
    page.goto("/analyze")
    page.set_input_files("#file", str(example_path))
    page.click("details.options summary")
    for stage in ("techniques", "frames", "genre"):
        page.uncheck(f"input[name=stages][value={stage}]")
    with page.expect_navigation(timeout=300_000):
        page.click("#analyze-submit")
    assert "not stored" in page.inner_text(".banner")
    assert "Russia coordinates its actions in Syria" in page.inner_text("#article-text")
    assert page.locator("#quote-list li").count() >= 3
    assert page.locator("#article-text .hl.quote-direct").count() >= 3
    assert page.locator("#article-text .hl[class*=fam-]").count() == 0  # techniques did not run
    assert "linguistics, entities, quotes, claims" in page.inner_text(".meta")
    page.locator("#article-text .hl.quote-direct").first.click()
    assert "Putin" in page.inner_text("#explain")
    with page.expect_download() as info:  # the result, not stored, downloads as Article JSON
        page.click("#download-json")
    import json

    result = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert "Russia coordinates its actions in Syria" in result["text"] and len(result["quotes"]) >= 3
