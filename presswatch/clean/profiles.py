"""Outlet profiles as data: `outlets/*.toml` loaded once and merged into one rule book."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

OUTLETS_DIR = Path(__file__).resolve().parent / "outlets"


def squash(text: str) -> str:
    """Lower-case letters and digits only: how chrome lines are compared ("Community standardsDiscussion")."""
    return re.sub(r"[\W_]+", "", text.casefold())


@dataclass
class Outlet:
    name: str
    aliases: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)
    genre: str | None = None  # what every piece of the outlet is, where its profile says so ("satire")


@dataclass
class RuleBook:
    """Every profile's conventions merged: chrome is recognised whatever the outlet."""

    outlets: list[Outlet]
    widgets: set[str]  # squashed
    widget_patterns: list[re.Pattern[str]]
    datelines: list[re.Pattern[str]]
    url_dates: list[re.Pattern[str]]
    time_labels: list[str]
    related_headers: set[str]  # squashed
    related_prefixes: list[str]
    tag_prefixes: list[str]
    footers: list[re.Pattern[str]]
    byline_prefixes: list[str]
    non_authors: set[str]  # squashed
    published_labels: list[str]
    date_stamps: list[re.Pattern[str]] = field(default_factory=list)  # "РИА Новости, 18.07.2022" in the text

    @cached_property
    def related_prefix_keys(self) -> tuple[str, ...]:
        return tuple(p.casefold() for p in self.related_prefixes)

    def outlet_for_agency(self, agency: str | None) -> Outlet | None:
        if not agency:
            return None
        keys = {squash(agency), *(squash(a) for a in re.split(r"[/,]| and ", agency))}
        for outlet in self.outlets:
            if keys & {squash(a) for a in (outlet.name, *outlet.aliases)}:
                return outlet
        return None

    def outlet_for_url(self, url: str | None) -> Outlet | None:
        host = _host(url)
        if not host:
            return None
        for outlet in self.outlets:
            if any(host == d or host.endswith("." + d) for d in outlet.domains):
                return outlet
        return None

    def outlet_for_name(self, name: str | None) -> Outlet | None:
        return self.outlet_for_agency(name) or self.outlet_for_url(name if name and "." in name else None)

    def outlet_for_markers(self, lines: list[str]) -> Outlet | None:
        squashed = {squash(line) for line in lines}
        for outlet in self.outlets:
            if any(squash(m) in squashed for m in outlet.markers):
                return outlet
        return None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    url = url.strip()
    m = re.match(r"^(?:[a-z][\w+.-]*:)?//([^/?#:@]+)", url, re.I) or re.match(r"^([\w.-]+\.[a-z]{2,})", url, re.I)
    if not m:
        return None
    host = m.group(1).lower()
    return host[4:] if host.startswith("www.") else host


def _entries(path: Path) -> list[dict[str, Any]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return list(data["outlet"]) if "outlet" in data else [data]


@lru_cache(maxsize=4)
def load_rules(directory: Path = OUTLETS_DIR) -> RuleBook:
    """Load and merge every profile under `directory` (cached)."""
    outlets: list[Outlet] = []
    lists: dict[str, list[str]] = {}
    for path in sorted(directory.glob("*.toml")):
        for entry in _entries(path):
            if entry.get("name"):
                outlets.append(Outlet(entry["name"], list(entry.get("aliases", [])), list(entry.get("domains", [])),
                                      list(entry.get("markers", [])), entry.get("genre") or None))
            for key, value in entry.items():
                if isinstance(value, list) and key not in ("aliases", "domains", "markers"):
                    lists.setdefault(key, []).extend(str(v) for v in value)

    def rx(key: str, flags: int = 0) -> list[re.Pattern[str]]:
        return [re.compile(p, flags) for p in dict.fromkeys(lists.get(key, []))]

    return RuleBook(
        outlets=outlets,
        widgets={squash(w) for w in lists.get("widgets", []) if squash(w)},
        widget_patterns=rx("widget_patterns", re.I),
        datelines=rx("datelines"),
        url_dates=rx("url_dates"),
        time_labels=sorted(dict.fromkeys(lists.get("time_labels", [])), key=len, reverse=True),
        related_headers={squash(h) for h in lists.get("related_headers", [])},
        related_prefixes=sorted(dict.fromkeys(lists.get("related_prefixes", [])), key=len, reverse=True),
        tag_prefixes=sorted(dict.fromkeys(lists.get("tag_prefixes", [])), key=len, reverse=True),
        footers=rx("footers", re.I),
        byline_prefixes=sorted(dict.fromkeys(lists.get("byline_prefixes", [])), key=len, reverse=True),
        non_authors={squash(a) for a in lists.get("non_authors", [])},
        published_labels=[label.casefold() for label in dict.fromkeys(lists.get("published_labels", []))],
        date_stamps=rx("date_stamps"),
    )
