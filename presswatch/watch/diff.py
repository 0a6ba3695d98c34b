"""Word-level differences between two versions of an article's text (difflib over words and whitespace)."""

from __future__ import annotations

import difflib
import re
from typing import Any

_TOKENS = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> list[dict[str, Any]]:
    """The changes from `old` to `new`: [{op: replace|delete|insert, old, new, at}] where `at` is the character
    offset of the change in `old`; words are compared whole, spaces and line breaks kept."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    ops: list[dict[str, Any]] = []
    pos = [0]
    for tok in a:
        pos.append(pos[-1] + len(tok))
    spans: list[list[int]] = []  # [i1, i2, j1, j2] of each change; changes apart by only spaces are one
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if spans and all(t.isspace() for t in a[spans[-1][1]:i1]) and b[spans[-1][3]:j1] == a[spans[-1][1]:i1]:
            spans[-1][1], spans[-1][3] = i2, j2
        else:
            spans.append([i1, i2, j1, j2])
    for i1, i2, j1, j2 in spans:
        old_s, new_s = "".join(a[i1:i2]), "".join(b[j1:j2])
        op = "replace" if old_s and new_s else "delete" if old_s else "insert"
        ops.append({"op": op, "old": old_s, "new": new_s, "at": pos[i1]})
    return ops


def render_text(old: str, ops: list[dict[str, Any]], context: int = 40) -> str:
    """The changes as wdiff text, `…before [-removed-]{+added+} after…`, one line per change."""
    lines = []
    for op in ops:
        at, end = op["at"], op["at"] + len(op["old"])
        before = old[max(0, at - context):at].split("\n")[-1]
        after = old[end:end + context].split("\n")[0]
        change = (f"[-{op['old']}-]" if op["old"] else "") + (f"{{+{op['new']}+}}" if op["new"] else "")
        lines.append(f"…{before}{change}{after}…".replace("\n", "⏎"))
    return "\n".join(lines)


def summary(ops: list[dict[str, Any]]) -> dict[str, int]:
    """Words removed and added."""
    return {"removed": sum(len(o["old"].split()) for o in ops), "added": sum(len(o["new"].split()) for o in ops)}
