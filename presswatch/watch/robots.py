"""robots.txt per host (RFC 9309 via urllib.robotparser): fetched once per host and kept for `robots_ttl`.

A missing robots.txt (4xx) allows everything; an unreachable one or a 5xx disallows everything until it
can be read, as RFC 9309 asks. Crawl-delay raises the host's delay (up to 60 s).
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, Protocol
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from presswatch.watch.outlets import FetchSettings


class Fetches(Protocol):
    """What Robots needs of the fetcher (`fetcher.Fetcher`), which itself asks Robots before every request."""

    async def fetch(self, url: str, *, check_robots: bool = True) -> Any: ...


MAX_CRAWL_DELAY = 60.0
RETRY_UNREADABLE = 600.0


class Robots:
    def __init__(self, fetcher: Fetches, settings: FetchSettings) -> None:
        self.fetcher = fetcher
        self.settings = settings
        self._rules: dict[str, tuple[float, RobotFileParser | None, bool]] = {}  # host -> (time, parser, allow_all)
        self._locks: dict[str, asyncio.Lock] = {}

    @staticmethod
    def _key(url: str) -> tuple[str, str]:
        parts = urlsplit(url)
        return parts.netloc.lower(), urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))

    async def allowed(self, url: str) -> bool:
        host, robots_url = self._key(url)
        lock = self._locks.setdefault(host, asyncio.Lock())
        async with lock:
            entry = self._rules.get(host)
            if entry is None or time.monotonic() - entry[0] > self.settings.robots_ttl:
                parser, allow_all = await self._load(robots_url)
                # an unreachable robots.txt is asked again after RETRY_UNREADABLE, not after a whole robots_ttl
                stamp = time.monotonic() - (0 if parser or allow_all else self.settings.robots_ttl - RETRY_UNREADABLE)
                entry = self._rules[host] = (stamp, parser, allow_all)
        _, parser, allow_all = entry
        if parser is None:
            return allow_all
        return parser.can_fetch(self.settings.user_agent, url)

    async def _load(self, robots_url: str) -> tuple[RobotFileParser | None, bool]:
        got = await self.fetcher.fetch(robots_url, check_robots=False)
        if got.status is not None and 200 <= got.status < 300 and not got.error:
            parser = RobotFileParser(robots_url)
            parser.parse(got.content.decode(got.charset or "utf-8", errors="replace").splitlines())
            return parser, True
        if got.status is not None and 400 <= got.status < 500:
            return None, True  # no robots.txt: everything is allowed
        return None, False  # unreachable or a server error: nothing is, for now

    def crawl_delay(self, url: str) -> float:
        entry = self._rules.get(self._key(url)[0])
        if entry is None or entry[1] is None:
            return 0.0
        delay = entry[1].crawl_delay(self.settings.user_agent)
        return min(float(delay), MAX_CRAWL_DELAY) if delay else 0.0
