"""The analyst's workbench in a real browser (the harness of test_web_browser): filter by language, export the
search as CSV, mark a technique false and see it after a reload, and no page scrolls sideways at 390 px."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_web_browser import browser, page, serve, shot  # noqa: F401 - fixtures of the browser harness
from webcorpus import TOKEN

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(work_db: tuple[Path, dict[str, int]]) -> Iterator[str]:
    """The app over the workbench store, with a write token (overrides the harness's read-only server)."""
    yield from serve(work_db[0], write_token=TOKEN)


def test_filter_by_language_then_export_the_search_as_csv(page: Any) -> None:  # noqa: F811
    page.goto("/search")
    page.select_option("#lang", "ru")
    page.click("button[type=submit]")
    page.wait_for_url("**/search?*lang=ru*")
    results = page.locator(".results > li")
    assert results.count() == 1 and page.inner_text("#result-count").startswith("1 article")
    assert all(results.nth(i).get_attribute("lang") == "ru" for i in range(results.count()))
    assert "грязную ложь" in page.inner_text(".span-snippets")  # the matching technique span
    with page.expect_download() as info:
        page.click("#export-csv")
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    assert [(r["language"], r["title"]) for r in rows] == [("ru", "Москва обвиняет Запад во лжи")]
    shot(page, "search-filters.png")


def test_mark_a_technique_false_and_see_it_after_reload(page: Any, work_db: tuple[Path, dict[str, int]]  # noqa: F811
                                                        ) -> None:
    page.goto(f"/articles/{work_db[1]['Sputnik']}")
    item = page.locator("#mark-t1")  # "telling lies" as Loaded Language
    assert "Loaded Language" in item.inner_text()
    page.fill("#write-token", TOKEN)
    page.fill("#who", "Ann")
    with page.expect_navigation():
        item.locator("button.mark-false").click()
    page.reload()
    assert "Marked false by Ann" in page.inner_text("#mark-t1")
    assert page.locator('#article-text .hl[data-marks~="t1"]').count() == 0  # no longer highlighted
    assert "not Loaded_Language" in page.inner_text("#correction-history")
    page.locator("#mark-t0 a.jump").click()  # a side-panel item jumps to its span and explains it
    page.locator("#explain").wait_for(state="visible")
    assert page.evaluate("document.activeElement.getAttribute('data-marks')").split()[0] == "t0"
    page.locator("#article-text .para-label").first.focus()  # paragraph chips open from the keyboard
    page.keyboard.press("Enter")
    assert "Paragraph label" in page.inner_text("#explain")
    shot(page, "article-corrected.png")


@pytest.mark.parametrize("path", ["/", "/search?lang=en&technique=Loaded_Language", "/articles/1", "/docs"])
def test_no_horizontal_scroll_at_390px(page: Any, path: str) -> None:  # noqa: F811
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(path)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{path} is {width} px wide at 390 px"
    if path == "/":
        page.keyboard.press("Tab")  # the first stop is the skip link
        assert page.evaluate("document.activeElement.textContent") == "Skip to content"
