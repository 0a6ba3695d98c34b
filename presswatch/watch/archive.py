"""The archive: every HTTP exchange as WARC/1.1 `response` + `request` records (warcio), in rotating gzip files.

Each response record is its own gzip member, so a `(file, offset)` pointer opens it directly. Bodies are kept
exactly as sent (Content-Encoding and all); only a chunked Transfer-Encoding, already undone by the client, is
renamed `X-Archive-Orig-Transfer-Encoding` so that replay tools do not dechunk twice. A new process never appends
to an old file, so a killed run leaves at most one cut-off record at the end of its own last file.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from presswatch.watch.fetcher import Response

DEFAULT_MAX_BYTES = 1 << 30  # rotate after about 1 GiB, the usual WARC size


@dataclass(frozen=True)
class Pointer:
    file: str
    offset: int  # where the response record starts
    length: int  # bytes of the response record and the request record after it


class Archive:
    """Appends exchanges to `<dir>/<prefix>-<UTC time>-<pid>-<n>.warc.gz`, starting a new file past `max_bytes`."""

    def __init__(self, directory: str | Path, *, prefix: str = "presswatch", max_bytes: int = DEFAULT_MAX_BYTES,
                 software: str = "presswatch") -> None:
        self.dir = Path(directory).resolve()
        self.dir.mkdir(parents=True, exist_ok=True)
        self.prefix, self.max_bytes, self.software = prefix, max_bytes, software
        self._stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        self._n = 0
        self._fh: IO[bytes] | None = None
        self._writer: WARCWriter | None = None
        self.path: Path | None = None
        self.records = 0

    def _open(self) -> None:
        self.close()
        self._n += 1
        self.path = self.dir / f"{self.prefix}-{self._stamp}-{os.getpid()}-{self._n:05d}.warc.gz"
        self._fh = open(self.path, "xb")  # noqa: SIM115 - kept open across writes, closed in close()
        self._writer = WARCWriter(self._fh, gzip=True, warc_version="WARC/1.1")
        info = self._writer.create_warcinfo_record(self.path.name, {"software": self.software,
                                                                    "format": "WARC File Format 1.1"})
        self._writer.write_record(info)
        self._fh.flush()

    def write(self, resp: Response) -> Pointer:
        """Write one exchange; returns where its response record starts."""
        if self._fh is None or self._fh.tell() >= self.max_bytes:
            self._open()
        assert self._fh is not None and self._writer is not None and self.path is not None
        w = self._writer
        date = resp.time.replace("+00:00", "Z")
        headers = [("X-Archive-Orig-Transfer-Encoding", v) if k.lower() == "transfer-encoding" else (k, v)
                   for k, v in resp.headers]
        protocol = resp.http_version if resp.http_version.startswith("HTTP/") else "HTTP/1.1"
        http = StatusAndHeaders(f"{resp.status} {resp.reason}".strip(), headers, protocol=protocol)
        warc_headers: dict[str, str] = {"WARC-Date": date}
        if resp.truncated:
            warc_headers["WARC-Truncated"] = "length"
        record = w.create_warc_record(resp.url, "response", payload=io.BytesIO(resp.body), http_headers=http,
                                      warc_headers_dict=warc_headers)
        parts = urlsplit(resp.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        req_http = StatusAndHeaders(f"{resp.method} {target} {protocol}", resp.request_headers, protocol=protocol,
                                    is_http_request=True)
        request = w.create_warc_record(resp.url, "request", payload=io.BytesIO(b""), http_headers=req_http,
                                       warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To":
                                                          record.rec_headers.get_header("WARC-Record-ID")})
        offset = self._fh.tell()
        w.write_record(record)
        w.write_record(request)
        length = self._fh.tell() - offset  # both records: the exchange
        self._fh.flush()  # in the OS's hands: a killed process loses nothing written so far
        self.records += 1
        return Pointer(str(self.path), offset, length)

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
        self._fh = self._writer = None

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_record(file: str | Path, offset: int) -> dict[str, Any]:
    """The response record at `offset`: {url, date, status, headers, body (as sent), record_id}."""
    with open(file, "rb") as fh:
        fh.seek(offset)
        record = next(iter(ArchiveIterator(fh)))
        http = record.http_headers
        return {
            "url": record.rec_headers.get_header("WARC-Target-URI"),
            "date": record.rec_headers.get_header("WARC-Date"),
            "record_id": record.rec_headers.get_header("WARC-Record-ID"),
            "status": int(http.get_statuscode()) if http is not None else None,
            "status_line": f"{http.protocol} {http.statusline}" if http is not None else None,
            "headers": list(http.headers) if http is not None else [],
            "body": record.raw_stream.read(),
        }


def copy_records(pointers: list[tuple[str, int, int]], out: IO[bytes]) -> int:
    """Copy the exchanges at `pointers` ((file, offset, length): response and request records, gzip members)
    into `out` byte for byte; returns how many were copied (a missing file is left out)."""
    n = 0
    for file, offset, length in pointers:
        try:
            with open(file, "rb") as fh:
                fh.seek(offset)
                data = fh.read(length)
        except OSError:
            continue
        if len(data) == length and data[:2] == b"\x1f\x8b":  # a gzip member starts where the pointer says
            out.write(data)
            n += 1
    return n


def export_warc(store: Any, out: str | Path, article_ids: Iterable[int] | None = None) -> int:
    """Every archived exchange behind a stored version (of `article_ids`, or of all articles), oldest first, into
    one .warc.gz; returns how many."""
    from presswatch.corpus.ledger import warc_pointers

    pointers = warc_pointers(store.conn, article_ids)
    with open(out, "wb") as fh:
        return copy_records(pointers, fh)
