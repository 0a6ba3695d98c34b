"""French and Italian additions to the speech rules (data/romance_speech.json).

A time phrase between a cue and its speaker is passed over ('a déclaré vendredi le secrétaire d'État américain
Antony Blinken', 'a indiqué, ce mercredi, la ministre …'), and a clause closed by a cue and the speaker named after
it is reported speech however long the sentence goes on after the name (`named_tail`). Languages without an entry
are unchanged.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "romance_speech.json"


@cache
def _table() -> dict[str, Any]:
    table: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    return table


@cache
def _times(lang: str) -> re.Pattern[str] | None:
    entry = _table().get(lang)
    return re.compile(entry["cue_times"], re.I) if entry and entry.get("cue_times") else None


def after_time(text: str, at: int, end: int, lang: str) -> int:
    """`at` moved past a time phrase that starts there (before `end`), if the language lists one."""
    times = _times(lang) if not lang.startswith("_") else None
    m = times.match(text, at, end) if times is not None else None
    return m.end() if m is not None else at


def named_tail(lang: str) -> bool:
    """Whether a clause + cue + name sentence may go on for any length after the name."""
    entry = _table().get(lang) if not lang.startswith("_") else None
    return bool(entry and entry.get("named_tail"))
