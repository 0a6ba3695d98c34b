"""Reading files and standard input: typed errors that name the file, limits, format forcing."""

from __future__ import annotations

import dataclasses
import gzip
import io
import sys
from pathlib import Path

import pytest

from presswatch.config import SETTINGS
from presswatch.errors import BinaryDocumentError, EmptyDocumentError, InputError, TooLargeError
from presswatch.sources import files, read_file, read_stdin


def test_reads_example(example_path: Path) -> None:
    raw = read_file(example_path)
    assert raw.source == str(example_path)
    assert raw.data == example_path.read_bytes()
    assert raw.encoding == "utf-8"
    assert raw.format is None


def test_missing_file_names_it(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    with pytest.raises(InputError) as err:
        read_file(path)
    assert err.value.source == str(path)
    assert "no such file" in str(err.value) and str(path) in str(err.value)


def test_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a regular file"):
        read_file(tmp_path)


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  "])
def test_empty(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    with pytest.raises(EmptyDocumentError) as err:
        read_file(path)
    assert err.value.source == str(path)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (gzip.compress(b"hello world " * 50), "gzip"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"some text\x00\x00\x00\x01\x02\x03 with NUL bytes" * 20, "NUL"),
        (bytes(range(1, 9)) * 100, "control"),
    ],
)
def test_binary(tmp_path: Path, data: bytes, kind: str) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    with pytest.raises(BinaryDocumentError) as err:
        read_file(path)
    assert err.value.source == str(path)
    assert kind in str(err.value)


def test_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "SETTINGS", dataclasses.replace(SETTINGS, max_document_bytes=100))
    path = tmp_path / "big.txt"
    path.write_text("word " * 100)
    with pytest.raises(TooLargeError) as err:
        read_file(path)
    assert err.value.source == str(path) and "100" in str(err.value)


def test_format_forced_and_checked(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text("<p>hello</p>")
    assert read_file(path, format="html").format == "html"
    assert read_file(path, format="TXT").format == "text"
    with pytest.raises(InputError, match="unknown format"):
        read_file(path, format="pdf")


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    data = "MOSCOW (Sputnik) — Something happened today in Moscow, officials said.".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    raw = read_stdin()
    assert raw.source == "<stdin>" and raw.data == data


def test_stdin_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    with pytest.raises(EmptyDocumentError) as err:
        read_stdin()
    assert err.value.source == "<stdin>"
