"""Typed errors that carry the document's provenance and never kill a batch."""

from __future__ import annotations


class PresswatchError(Exception):
    """Base of every error presswatch raises on purpose; `source` names the document."""

    def __init__(self, message: str, source: str | None = None) -> None:
        self.message = message
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


class InputError(PresswatchError):
    """The input cannot be read as a news document."""


class EmptyDocumentError(InputError):
    """The input holds no text."""


class BinaryDocumentError(InputError):
    """The input is binary data, not text or HTML."""


class DecodingError(InputError):
    """No encoding decodes the input."""


class TooLargeError(InputError):
    """The input is bigger than the configured limit."""


class TruncatedError(InputError):
    """A container (gzip, WARC, HTML) ended before it should."""


class UnknownStageError(PresswatchError):
    """A stage name that the pipeline does not know."""


class ModelError(PresswatchError):
    """A shipped model is missing or cannot be loaded."""


class QueryError(PresswatchError):
    """A search query the store cannot parse (bad FTS5 syntax, bad filter)."""


class FilterError(QueryError):
    """A search filter with a value it cannot take (unknown technique, speaker, language; a bad date); `name` is
    the filter, `value` what was given. The CLI exits 2 with the message, the API answers 422."""

    def __init__(self, name: str, value: str, message: str) -> None:
        self.name = name
        self.value = value
        super().__init__(message)
