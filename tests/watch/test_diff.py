"""Word diffs: whole words, neighbouring changes joined, offsets into the old text."""

from __future__ import annotations

from presswatch.watch.diff import render_text, summary, word_diff


def test_word_diff_joins_neighbouring_changes() -> None:
    old = "The minister confirmed it.\nTalks resume on Monday."
    new = "The minister later denied the report.\nTalks resume on Tuesday."
    ops = word_diff(old, new)
    assert [(o["op"], o["old"], o["new"]) for o in ops] == [
        ("replace", "confirmed it.", "later denied the report."), ("replace", "Monday.", "Tuesday.")]
    assert all(old[o["at"]:o["at"] + len(o["old"])] == o["old"] for o in ops)
    assert summary(ops) == {"removed": 3, "added": 5}
    assert "[-confirmed it.-]{+later denied the report.+}" in render_text(old, ops)


def test_no_change_and_pure_insert() -> None:
    assert word_diff("a b c", "a b c") == []
    assert word_diff("a c", "a b c") == [{"op": "insert", "old": "", "new": "b ", "at": 2}]
