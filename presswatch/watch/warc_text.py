"""The text of an archived body, decoded with the charset its headers declare, else the one it declares itself."""

from __future__ import annotations

import codecs

from presswatch.sources.encoding import declared_encoding
from presswatch.sources.warc import content_type


def body_text(content: bytes, headers: list[tuple[str, str]]) -> str:
    charset = content_type(next((v for k, v in headers if k.lower() == "content-type"), None))[1]
    charset = charset or declared_encoding(content[:4096]) or "utf-8"
    try:
        codecs.lookup(charset)
    except LookupError:
        charset = "utf-8"
    return content.decode(charset, errors="replace")
