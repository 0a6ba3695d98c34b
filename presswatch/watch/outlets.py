"""The sources file (TOML): the outlets to watch, with their feeds and sitemaps, and how politely to fetch them.

    [watch]                      # optional; every key has a default
    interval = "1h"              # between rounds of `presswatch watch` without --once
    user_agent = "presswatch/0.1 (media research; mailto:you@example.org)"
    revisit = ["1h", "6h", "1d", "7d"]   # re-fetch known pages this long after first seen

    [[outlet]]
    name = "Sputnik"
    language = "en"
    homepage = "https://sputnikglobe.com/"
    feeds = ["https://sputnikglobe.com/export/rss2/archive/index.xml"]
    sitemaps = []                # sitemaps, sitemap indexes and news sitemaps
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from presswatch.errors import InputError

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d|w)?\s*$", re.I)
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_LANG = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$", re.I)


def seconds(value: Any, what: str = "duration") -> float:
    """A duration as seconds: 90, "90s", "15m", "6h", "1d", "1w"."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
        return float(value)
    m = _DURATION.match(str(value)) if isinstance(value, str) else None
    if not m:
        raise ValueError(f"{what} {value!r} is not a duration (e.g. 30s, 15m, 6h, 1d)")
    return float(m.group(1)) * _UNITS[(m.group(2) or "s").lower()]


@dataclass(frozen=True)
class Outlet:
    name: str
    language: str | None = None
    homepage: str | None = None
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()


@dataclass(frozen=True)
class FetchSettings:
    """How the fetcher behaves; the defaults are polite to real sites."""

    user_agent: str = "presswatch/0.1 (news research)"  # say who you are: set user_agent with a contact
    concurrency: int = 8  # requests in flight over all hosts
    per_host: int = 2  # requests in flight per host
    delay: float = 1.0  # seconds between two request starts on one host (robots.txt Crawl-delay may raise it)
    timeout: float = 20.0  # seconds for connect, each read, and the whole response
    retries: int = 3  # further tries after a 429, 5xx or network error
    backoff: float = 1.0  # first wait before a retry; doubles each time (Retry-After wins, up to max_wait)
    max_wait: float = 60.0
    max_bytes: int = 10 * 1024 * 1024  # larger responses are cut off and recorded as a failure
    max_redirects: int = 10
    robots_ttl: float = 86400.0  # seconds a host's robots.txt is trusted


@dataclass(frozen=True)
class WatchConfig:
    outlets: tuple[Outlet, ...]
    fetch: FetchSettings = field(default_factory=FetchSettings)
    interval: float = 3600.0
    revisit: tuple[float, ...] = (3600.0, 6 * 3600.0, 86400.0, 7 * 86400.0)
    max_new_per_round: int = 5000  # new pages fetched per round and outlet (feeds can list thousands)
    source: str = "<sources>"

    def outlet(self, name: str) -> Outlet | None:
        return next((o for o in self.outlets if o.name == name), None)


def _url(value: Any, where: str) -> str:
    if not isinstance(value, str) or urlsplit(value.strip()).scheme not in ("http", "https") \
            or not urlsplit(value.strip()).netloc:
        raise ValueError(f"{where}: {value!r} is not an http(s) URL")
    return value.strip()


def _urls(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ValueError(f"{where} must be a list of URLs")
    return tuple(_url(v, where) for v in value)


def _outlet(d: Any, n: int) -> Outlet:
    where = f"outlet {n + 1}"
    if not isinstance(d, dict):
        raise ValueError(f"{where} is not a table")
    unknown = set(d) - {"name", "language", "homepage", "feeds", "sitemaps"}
    if unknown:
        raise ValueError(f"{where}: unknown keys {', '.join(sorted(unknown))}")
    name = d.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"{where} has no name")
    where = f"outlet {name!r}"
    lang = d.get("language")
    if lang is not None and (not isinstance(lang, str) or not _LANG.match(lang)):
        raise ValueError(f"{where}: language {lang!r} is not a language code (e.g. en, ru)")
    out = Outlet(name=name.strip(), language=lang.lower() if lang else None,
                 homepage=_url(d["homepage"], f"{where} homepage") if d.get("homepage") else None,
                 feeds=_urls(d.get("feeds"), f"{where} feeds"), sitemaps=_urls(d.get("sitemaps"), f"{where} sitemaps"))
    if not out.feeds and not out.sitemaps:
        raise ValueError(f"{where} lists no feeds and no sitemaps")
    return out


def _fetch_settings(d: dict[str, Any]) -> FetchSettings:
    kw: dict[str, Any] = {}
    for f in fields(FetchSettings):
        if f.name not in d:
            continue
        v = d[f.name]
        if f.name == "user_agent":
            if not isinstance(v, str) or not v.strip() or "\n" in v:
                raise ValueError("user_agent must be one line of text")
            kw[f.name] = v.strip()
        elif f.name in ("delay", "timeout", "backoff", "max_wait", "robots_ttl"):
            kw[f.name] = seconds(v, f.name)
        elif not isinstance(v, int) or isinstance(v, bool) or v < (0 if f.name in ("retries", "max_redirects") else 1):
            raise ValueError(f"{f.name} must be a positive whole number")
        else:
            kw[f.name] = v
    return FetchSettings(**kw)


def parse_sources(data: dict[str, Any], source: str = "<sources>") -> WatchConfig:
    unknown = set(data) - {"watch", "outlet"}
    if unknown:
        raise ValueError(f"unknown top-level keys {', '.join(sorted(unknown))} (expected [watch] and [[outlet]])")
    outlets = data.get("outlet") or []
    if not isinstance(outlets, list) or not outlets:
        raise ValueError("no [[outlet]] tables")
    parsed = tuple(_outlet(d, n) for n, d in enumerate(outlets))
    names = [o.name for o in parsed]
    if len(set(names)) != len(names):
        raise ValueError(f"outlet names repeat: {sorted({n for n in names if names.count(n) > 1})}")
    w = data.get("watch") or {}
    if not isinstance(w, dict):
        raise ValueError("[watch] is not a table")
    known = {f.name for f in fields(FetchSettings)} | {"interval", "revisit", "max_new_per_round"}
    if set(w) - known:
        raise ValueError(f"[watch]: unknown keys {', '.join(sorted(set(w) - known))}")
    revisit = w.get("revisit", ["1h", "6h", "1d", "7d"])
    if not isinstance(revisit, list):
        raise ValueError("[watch] revisit must be a list of durations")
    kw: dict[str, Any] = {"revisit": tuple(sorted(seconds(v, "revisit") for v in revisit))}
    if "interval" in w:
        kw["interval"] = max(1.0, seconds(w["interval"], "interval"))
    if "max_new_per_round" in w:
        kw["max_new_per_round"] = int(w["max_new_per_round"])
    return WatchConfig(outlets=parsed, fetch=_fetch_settings(w), source=source, **kw)


def load_sources(path: str | Path) -> WatchConfig:
    """Read and check a sources file; any problem is one InputError naming the file and the reason."""
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
        return parse_sources(data, str(p))
    except OSError as exc:
        raise InputError(f"cannot read sources file: {exc.strerror or exc}", str(p)) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"not a TOML sources file: {exc}", str(p)) from exc
    except ValueError as exc:
        raise InputError(str(exc), str(p)) from exc
