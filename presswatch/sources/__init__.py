"""Readers: files and standard input into RawDocuments, with encoding and format detection."""

from presswatch.sources.detect import detect_format
from presswatch.sources.encoding import decode
from presswatch.sources.files import read_bytes, read_file, read_stdin

__all__ = ["decode", "detect_format", "read_bytes", "read_file", "read_stdin"]
