"""The story pages in a real browser (the harness of test_web_browser): list, side-by-side view, hostile data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from storycorpus import HOSTILE_OUTLET, HOSTILE_TITLE, LOPEZ, build_story_store
from test_web_browser import browser, page, serve, shot  # noqa: F401 - fixtures of the browser harness

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def story_ids(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("browser-stories") / "stories.db"
    return path, build_story_store(path)


@pytest.fixture(scope="module")
def base_url(story_ids: tuple[Path, dict[str, int]]) -> Iterator[str]:
    """The app over the story store (overrides the harness's, which serves the web corpus)."""
    yield from serve(story_ids[0])


def test_story_list_to_side_by_side_view(page: Any, story_ids: tuple[Path, dict[str, int]]) -> None:  # noqa: F811
    ids = story_ids[1]
    page.goto("/")
    page.click("nav >> text=Stories")
    page.wait_for_url("**/stories")
    assert page.inner_text("#story-count") == "1 story"
    assert HOSTILE_OUTLET in page.inner_text("#story-table")
    page.click("#story-table a")
    page.wait_for_url(f"**/stories/{ids['wire']}")
    assert page.inner_text("#story-title") == "Government approves plan to rebuild Northfield bridge"
    columns = page.locator(".story-col")
    assert columns.count() == 3
    boxes = [columns.nth(i).bounding_box() for i in range(3)]
    assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"]  # side by side
    assert abs(boxes[0]["y"] - boxes[2]["y"]) < 1
    assert HOSTILE_TITLE in columns.nth(2).inner_text()  # hostile title shown as text
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("[...document.scripts].map(s => new URL(s.src).pathname)") == ["/static/app.js"]
    assert page.locator("svg.chart rect.bar").count() == 6
    marks = page.locator("#story-columns mark.quote-shared")
    assert marks.count() == 1 + 2 + 2  # shared quotes in the wire, post and hostile columns
    assert LOPEZ in marks.first.inner_text()
    background = page.evaluate("getComputedStyle(document.querySelector('mark.quote-shared')).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")  # the stylesheet highlights shared quotes
    assert "only some" in page.evaluate(
        "getComputedStyle(document.querySelector('.story-col .only-some'), '::after').content")
    shot(page, "story.png")
    columns.nth(1).locator(".story-col-title a").click()
    page.wait_for_url(f"**/articles/{ids['post']}")
    assert page.inner_text("#article-title") == "Northfield bridge to be rebuilt within 18 months"
