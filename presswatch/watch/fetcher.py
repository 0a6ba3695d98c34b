"""A polite, robust HTTP fetcher (httpx, asyncio): robots.txt, per-host limits and delay, conditional GET,
timeouts, retries with backoff, a size cap, redirects followed and recorded, charset from headers and content.

`Fetcher.fetch` never raises for a bad URL or server: every outcome is a `Fetched` with `error` set when it
failed. Each HTTP response (redirect hops and error answers included) is handed to `on_response`, which the
watcher uses to write it to the WARC archive before anything is parsed.
"""

from __future__ import annotations

import asyncio
import email.utils
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from presswatch.sources.encoding import declared_encoding
from presswatch.sources.warc import content_type
from presswatch.watch.listings import private_host
from presswatch.watch.outlets import FetchSettings
from presswatch.watch.robots import Robots

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504, 507, 508, 509, 520, 521, 522, 523, 524})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Response:
    """One HTTP exchange as it went over the wire (body as sent: still content-encoded)."""

    url: str
    method: str
    request_headers: list[tuple[str, str]]
    status: int
    reason: str
    http_version: str
    headers: list[tuple[str, str]]
    body: bytes
    time: str  # ISO 8601, when the response began
    truncated: bool = False  # cut at the size cap

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), None)


@dataclass
class Fetched:
    """The outcome of fetching one URL: the final response (after redirects and retries) or the error."""

    url: str
    final_url: str
    status: int | None = None
    content: bytes = b""  # decoded body (Content-Encoding undone)
    content_type: str = ""
    charset: str | None = None  # from the Content-Type header, else from the content (<meta charset>, XML decl)
    etag: str | None = None
    last_modified: str | None = None
    redirects: list[dict[str, Any]] = field(default_factory=list)  # [{status, url, location}]
    error: str | None = None
    disallowed: bool = False  # robots.txt says no: nothing was requested
    attempts: int = 0
    seconds: float = 0.0
    time: str = field(default_factory=now_iso)
    response: Response | None = None
    record: Any = None  # what on_response returned for the final response (a WARC pointer)

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class _Host:
    """Per-host politeness: at most `limit` requests at once, request starts at least `delay` apart."""

    def __init__(self, limit: int) -> None:
        self.sem = asyncio.Semaphore(limit)
        self.lock = asyncio.Lock()
        self.next_start = 0.0

    async def wait_turn(self, delay: float) -> None:
        async with self.lock:
            loop = asyncio.get_running_loop()
            wait = self.next_start - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            self.next_start = loop.time() + delay


def _retry_after(value: str | None, default: float, cap: float) -> float:
    if not value:
        return min(default, cap)
    value = value.strip()
    if value.isdigit():
        return min(float(value), cap)
    try:
        when = email.utils.parsedate_to_datetime(value)
        return max(0.0, min((when - datetime.now(UTC)).total_seconds(), cap))
    except (TypeError, ValueError):
        return min(default, cap)


def decode_content(body: bytes, encoding: str | None, limit: int) -> bytes:
    """The body with its Content-Encoding (gzip, deflate) undone, at most `limit` bytes (a zip bomb stops there)."""
    codings = [c.strip().lower() for c in (encoding or "").split(",") if c.strip() and c.strip() != "identity"]
    for coding in reversed(codings):
        if coding not in ("gzip", "x-gzip", "deflate"):
            raise ValueError(f"unsupported Content-Encoding {coding!r}")
        wbits = 47 if coding != "deflate" or body[:1] == b"\x78" else -15  # deflate: zlib-wrapped or raw
        d = zlib.decompressobj(wbits)
        body = d.decompress(body, limit + 1)
        if len(body) > limit:
            raise ValueError(f"decoded body larger than {limit} bytes")
    return body


class Fetcher:
    """Fetch many URLs concurrently and politely; use as `async with Fetcher(settings) as f: await f.fetch(url)`."""

    def __init__(self, settings: FetchSettings, *, on_response: Callable[[Response], Any] | None = None,
                 robots: bool = True, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.settings = settings
        self.on_response = on_response
        self._hosts: dict[str, _Host] = {}
        self._all = asyncio.Semaphore(settings.concurrency)
        t = settings.timeout
        self.client = httpx.AsyncClient(
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate",
                     "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"},
            timeout=httpx.Timeout(t, connect=t), follow_redirects=False, transport=transport,
            limits=httpx.Limits(max_connections=settings.concurrency, max_keepalive_connections=settings.concurrency),
            trust_env=False,
        )
        self.robots = Robots(self, settings) if robots else None
        self.requests = 0  # HTTP requests sent (robots.txt included)
        self.in_flight = 0
        self.max_in_flight = 0

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.client.aclose()

    def _host(self, url: str) -> _Host:
        key = urlsplit(url).netloc.lower()
        host = self._hosts.get(key)
        if host is None:
            host = self._hosts[key] = _Host(self.settings.per_host)
        return host

    async def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
                    check_robots: bool = True) -> Fetched:
        """GET `url` following redirects; a failure is an error string on the result, never an exception."""
        t0 = time.perf_counter()
        out = Fetched(url=url, final_url=url)
        try:
            await self._follow(out, etag, last_modified, check_robots)
        except Exception as exc:  # a bug or an odd server must not stop the round
            out.error = f"{type(exc).__name__}: {exc}"
        out.seconds = time.perf_counter() - t0
        return out

    async def _follow(self, out: Fetched, etag: str | None, last_modified: str | None, check_robots: bool) -> None:
        url = out.url
        seen = {url}
        for _hop in range(self.settings.max_redirects + 1):
            if urlsplit(url).scheme not in ("http", "https"):
                out.error = f"not an http(s) URL: {url}"
                return
            if url != out.url and private_host(url) and not private_host(out.url):
                out.error = f"redirect from a public address to a private one refused: {url}"
                return
            if check_robots and self.robots is not None and not await self.robots.allowed(url):
                out.disallowed = True
                out.error = f"disallowed by robots.txt: {url}" if url == out.url else \
                    f"redirect target disallowed by robots.txt: {url}"
                return
            headers: dict[str, str] = {}
            if url == out.url and etag:
                headers["If-None-Match"] = etag
            if url == out.url and last_modified:
                headers["If-Modified-Since"] = last_modified
            resp = await self._get_with_retries(out, url, headers)
            if resp is None:
                return
            out.final_url, out.status, out.response = url, resp.status, resp
            if resp.status in REDIRECT_STATUSES and resp.header("Location"):
                target = urljoin(url, resp.header("Location") or "")
                out.redirects.append({"status": resp.status, "url": url, "location": target})
                if target in seen:
                    out.error = f"redirect loop at {target}"
                    return
                seen.add(target)
                url = target
                continue
            self._finish(out, resp)
            return
        out.error = f"more than {self.settings.max_redirects} redirects"

    def _finish(self, out: Fetched, resp: Response) -> None:
        out.etag, out.last_modified = resp.header("ETag"), resp.header("Last-Modified")
        media, charset = content_type(resp.header("Content-Type"))
        out.content_type = media
        if resp.truncated:
            out.error = f"response larger than {self.settings.max_bytes} bytes (cut off)"
            return
        try:
            out.content = decode_content(resp.body, resp.header("Content-Encoding"), self.settings.max_bytes)
        except (ValueError, zlib.error) as exc:
            out.error = f"cannot decode body: {exc}"
            return
        out.charset = charset or declared_encoding(out.content[:4096])
        if resp.status >= 400:
            out.error = f"HTTP {resp.status} {resp.reason}".strip()

    async def _get_with_retries(self, out: Fetched, url: str, headers: dict[str, str]) -> Response | None:
        s = self.settings
        wait = s.backoff
        for attempt in range(s.retries + 1):
            out.attempts += 1
            try:
                resp = await self._get(url, headers)
            except (httpx.HTTPError, TimeoutError, OSError) as exc:
                reason = "timed out" if isinstance(exc, httpx.TimeoutException | TimeoutError) else \
                    f"{type(exc).__name__}: {exc}".rstrip(": ")
                out.error = f"{reason} (after {attempt + 1} tries)" if attempt == s.retries else reason
                if attempt == s.retries:
                    return None
                await asyncio.sleep(min(wait, s.max_wait))
                wait *= 2
                continue
            out.error = None
            if resp.status in RETRY_STATUSES and attempt < s.retries:
                if self.on_response is not None:
                    self.on_response(resp)  # the failed answers are archived too
                await asyncio.sleep(_retry_after(resp.header("Retry-After"), wait, s.max_wait))
                wait *= 2
                continue
            out.record = self.on_response(resp) if self.on_response is not None else None
            return resp
        return None

    async def _get(self, url: str, headers: dict[str, str]) -> Response:
        """One GET, politely: the host's slot and delay, the overall limit, the size cap, the total timeout."""
        s = self.settings
        host = self._host(url)
        async with host.sem:
            delay = s.delay
            if self.robots is not None:
                delay = max(delay, self.robots.crawl_delay(url))
            await host.wait_turn(delay)
            async with self._all:
                self.requests += 1
                self.in_flight += 1
                self.max_in_flight = max(self.max_in_flight, self.in_flight)
                try:
                    async with asyncio.timeout(s.timeout):
                        return await self._stream(url, headers)
                finally:
                    self.in_flight -= 1

    async def _stream(self, url: str, headers: dict[str, str]) -> Response:
        s = self.settings
        started = now_iso()
        request = self.client.build_request("GET", url, headers=headers)
        r = await self.client.send(request, stream=True)
        try:
            chunks: list[bytes] = []
            size, truncated = 0, False
            declared = r.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > s.max_bytes:
                truncated = True
            elif r.is_stream_consumed:  # an in-memory transport (tests) hands the body over already read
                chunks, truncated = [r.content[: s.max_bytes]], len(r.content) > s.max_bytes
            else:
                async for chunk in r.aiter_raw():
                    size += len(chunk)
                    if size > s.max_bytes:
                        chunks.append(chunk[: len(chunk) - (size - s.max_bytes)])
                        truncated = True
                        break
                    chunks.append(chunk)
        finally:
            await r.aclose()
        return Response(
            url=url, method="GET",
            request_headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in r.request.headers.raw],
            status=r.status_code, reason=r.reason_phrase, http_version=r.http_version or "HTTP/1.1",
            headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in r.headers.raw],
            body=b"".join(chunks), time=started, truncated=truncated,
        )
