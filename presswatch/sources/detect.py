"""Tell HTML from crawled plain text."""

from __future__ import annotations

import re

_DOC_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_STRUCTURE = re.compile(r"<(?:html|head|body|title|meta)\b", re.I)
_TAG = re.compile(r"</?(?:p|div|span|a|br|article|section|h[1-6]|ul|ol|li|table|tr|td|script|style|img|nav|em|strong|"
                  r"b|i)\b[^<>]{0,500}>", re.I)


def detect_format(text: str) -> str:
    """"html" when the text is markup (a document start or plenty of tags), else "text"."""
    head = text[:20000]
    if _DOC_START.match(head):
        return "html"
    tags = _TAG.findall(head)
    if _STRUCTURE.search(head[:2000]) and len(tags) >= 2:
        return "html"
    if len(tags) >= 3 and (len(tags) >= 10 or sum(map(len, tags)) > 0.02 * len(head)):
        return "html"
    return "text"
