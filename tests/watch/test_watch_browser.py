"""The versions of a watched article in a real browser (Debian's Chromium): the card, the diff, what was served."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from newsite import Site, serve, sources_toml
from test_web_browser import ARGS, CHROMIUM, CSP_PROBE, SHOTS
from test_web_browser import serve as serve_app

from presswatch.cli import main
from presswatch.corpus import ledger
from presswatch.corpus.store import Store

pytestmark = pytest.mark.browser


def test_versions_card_and_served_page(tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    db, src = tmp_path / "c.db", tmp_path / "s.toml"
    with serve(Site()) as site:
        src.write_text(sources_toml(site), encoding="utf-8")
        cmd = ["watch", str(src), "--db", str(db), "--once", "--stages", "clean", "--archive", str(tmp_path / "w")]
        assert CliRunner().invoke(main, cmd).exit_code == 0
        site.round = 2
        assert CliRunner().invoke(main, [*cmd, "--revisit-all"]).exit_code == 0
        with Store(db, readonly=True) as store:
            aid = ledger.article_for(store.conn, f"{site.base}/news/changing")
    problems: list[str] = []
    app = serve_app(db)
    base = next(app)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            context = browser.new_context(base_url=base, viewport={"width": 1400, "height": 1000})
            context.add_init_script(CSP_PROBE)
            context.set_default_timeout(120_000)  # 30 s is short on 2 loaded cores
            page: Any = context.new_page()
            page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.goto(f"/articles/{aid}")
            card = page.locator("#versions")
            assert card.is_visible() and "Edited 1 time" in card.inner_text()
            assert page.locator("#versions del").first.inner_text() == "confirmed it."
            assert page.locator("#versions ins").first.inner_text() == "later denied the report."
            if os.environ.get("PRESSWATCH_SCREENSHOTS"):
                card.scroll_into_view_if_needed()
                card.screenshot(path=str(SHOTS / "article-versions.png"))
            page.locator("#versions a", has_text="what was served").last.click()
            page.wait_for_selector("#served-body")
            assert "HTTP/1.1 200 OK" in page.inner_text("body")
            assert "<article>" in page.inner_text("#served-body")  # the HTML as text, not rendered
            problems += page.evaluate("window.__csp")
            browser.close()
    finally:
        next(app, None)
    assert problems == []
