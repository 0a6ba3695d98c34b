"""WARC reader: one RawDocument per HTML or text `response` record; truncation is reported, never fatal."""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from warcio.archiveiterator import ArchiveIterator

from presswatch.article import RawDocument
from presswatch.config import SETTINGS
from presswatch.errors import EmptyDocumentError, InputError, TooLargeError, TruncatedError
from presswatch.limits import Budget

# media types whose payloads are articles; everything else (images, scripts, PDFs) is skipped
_FORMATS = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}
GZIP_MAGIC = b"\x1f\x8b"
_FRAMING = (b"WARC/", b"filedesc://")
_MAX_LINE = 1 << 20  # how a WARC record, or an ARC file, starts


def content_type(value: str | None) -> tuple[str, str | None]:
    """("text/html", "windows-1252") from a Content-Type header value."""
    if not value:
        return "", None
    parts = [p.strip() for p in value.split(";")]
    charset = None
    for p in parts[1:]:
        key, _, val = p.partition("=")
        if key.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip("\"'").lower()
    return parts[0].lower(), charset


class _Gunzip(io.RawIOBase):
    """Multi-member gzip decompressed as a stream that keeps every byte it got and notes a cut-off end.

    warcio stops quietly on a cut-off gzip member and Python's gzip raises before handing back the
    good bytes read with the bad; this does neither.
    """

    def __init__(self, raw: IO[bytes], budget: Budget) -> None:
        self._raw = raw
        self.budget = budget
        self._z = zlib.decompressobj(31)
        self._in = b""
        self._out = bytearray()
        self._pos = 0
        self._member_open = False
        self._nuls = 0  # NUL bytes in a row at the end of what was inflated
        self.truncated = False

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def _fill(self) -> bool:
        if not self._in:
            self._in = self._raw.read(1 << 16)
            if not self._in:
                self.truncated = self._member_open
                return False
        if self._z.eof:  # the next gzip member starts here
            self._z = zlib.decompressobj(31)
        self._member_open = True
        out = self._z.decompress(self._in, 1 << 20)  # at most 1 MiB at a time: a bomb never lands in memory whole
        self._in = self._z.unused_data if self._z.eof else self._z.unconsumed_tail
        self._member_open = not self._z.eof
        self.budget.add_bytes(len(out))  # LimitError past max_decompressed_bytes
        # a long run of NUL bytes has no newline: warcio would grow one header "line" from it quadratically
        if out and out.count(0) == len(out):
            self._nuls += len(out)
            if self._nuls > _MAX_LINE:
                raise InputError(f"over {_MAX_LINE:,} NUL bytes in a row: padding or a decompression bomb, "
                                 "not WARC data", None)
        elif out:
            self._nuls = len(out) - len(out.rstrip(b"\0"))
        self._out += out
        return True

    def peek(self, size: int) -> bytes:
        """The next `size` bytes (fewer at the end), left to read."""
        while len(self._out) < size and self._fill():
            pass
        return bytes(self._out[:size])

    def readline(self, size: int | None = -1) -> bytes:
        """Up to and including the next newline; a line past 1 MiB (no WARC header is that long) is refused.

        io.RawIOBase would read one byte per call: hundreds of millions of calls on a gzip of NUL bytes."""
        limit = size if size is not None and size >= 0 else None
        start = 0
        while True:
            i = self._out.find(b"\n", start)
            if i >= 0 or (limit is not None and len(self._out) >= limit):
                break
            if limit is None and len(self._out) > _MAX_LINE:
                raise InputError(f"a line of over {_MAX_LINE:,} bytes where a WARC header line should be: "
                                 "not WARC data", None)
            start = len(self._out)
            if not self._fill():
                break
        n = i + 1 if i >= 0 else len(self._out)
        if limit is not None:
            n = min(n, limit)
        data = bytes(self._out[:n])
        del self._out[:n]
        self._pos += n
        return data

    def read(self, size: int | None = -1) -> bytes:
        while (size is None or size < 0 or len(self._out) < size) and self._fill():
            pass
        n = len(self._out) if size is None or size < 0 else min(size, len(self._out))
        data = bytes(self._out[:n])
        del self._out[:n]
        self._pos += n
        return data

    def close(self) -> None:
        self._raw.close()
        super().close()


def _open(path: Path, budget: Budget) -> IO[bytes]:
    """The uncompressed WARC stream, whether or not the file is gzipped; a LimitError if it is no WARC at all."""
    fh = open(path, "rb")  # noqa: SIM115 - closed by the caller's `with`
    stream: IO[bytes] = fh
    if fh.read(2) == GZIP_MAGIC:
        fh.seek(0)
        gz = _Gunzip(fh, budget)
        head, stream = gz.peek(64), gz  # type: ignore[assignment]
    else:
        fh.seek(0)
        head = fh.read(64)
        fh.seek(0)
    if head.strip() and not head.lstrip().startswith(_FRAMING):
        stream.close()
        raise InputError("not a WARC file: it does not start with a WARC/ (or ARC) record header", str(path))
    return stream


def iter_warc(path: Path) -> Iterator[RawDocument | InputError]:
    """Yield the article records of a `.warc` / `.warc.gz`, then a TruncatedError if it ends early."""
    from presswatch.sources import read_bytes

    n = drained = -1
    try:
        if path.stat().st_size == 0:
            yield EmptyDocumentError("empty WARC file", str(path))
            return
        budget = Budget(str(path))
        with _open(path, budget) as fh:
            records = ArchiveIterator(fh)
            for n, record in enumerate(records):
                source = f"{path}#record={n}"
                budget.add_record()
                if record.length is None:  # Content-Length is mandatory: its absence means cut-off headers
                    yield TruncatedError(f"WARC ends inside the headers of record {n}", source)
                    return
                # read (or skip) the whole body so that truncation shows in what is left of the record
                wanted = record.rec_type == "response" and record.http_headers is not None
                # at most one byte over the limit is kept (read_bytes refuses it); the rest is drained in chunks
                data = record.content_stream().read(SETTINGS.max_document_bytes + 1) if wanted else b""
                while record.raw_stream.read(1 << 20):
                    pass
                drained = n
                if getattr(record.raw_stream, "limit", 0) > 0:
                    yield TruncatedError(f"WARC ends inside record {n} ({record.raw_stream.limit} bytes missing)",
                                         source)
                    return
                if not wanted or (record.http_headers.get_statuscode() or "")[:1] != "2":
                    continue  # requests, metadata, redirects and error pages are not articles
                media, charset = content_type(record.http_headers.get_header("Content-Type"))
                fmt = _FORMATS.get(media)
                if fmt is None:
                    continue
                if len(data) > SETTINGS.max_document_bytes:
                    yield TooLargeError(f"payload exceeds the limit of {SETTINGS.max_document_bytes} bytes "
                                        f"(WARC record of {record.length} bytes)", source)
                    continue
                try:
                    yield read_bytes(data, source, fmt,
                                     url=record.rec_headers.get_header("WARC-Target-URI"),
                                     encoding=charset,
                                     fetch_time=record.rec_headers.get_header("WARC-Date"))
                except InputError as exc:
                    yield exc
            fh.read()
            # warcio also stops quietly when the stream ends inside a record's headers: unparsed bytes say so
            if records.offset < fh.tell() or getattr(fh, "truncated", False):
                yield TruncatedError(f"WARC ends inside the headers of record {n + 1}", f"{path}#record={n + 1}")
    except InputError as exc:  # a cap (decompressed bytes, records) or no WARC framing: the file stops here
        if exc.source in (None, str(path)):  # the record it stopped in (the next one, past a whole record)
            exc.source = f"{path}#record={n + 1 if drained == n else n}" if n >= 0 else str(path)
        yield exc
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", str(path))
    except (EOFError, ValueError, zlib.error) as exc:  # ArchiveLoadFailed is a ValueError
        where = f"after record {n}" if n >= 0 else "before the first record"
        yield TruncatedError(f"WARC is truncated or corrupt {where}: {exc}", f"{path}#record={n + 1}")
    except Exception as exc:  # a broken container must never stop the walk
        yield InputError(f"cannot read WARC: {type(exc).__name__}: {exc}", f"{path}#record={n + 1}")
