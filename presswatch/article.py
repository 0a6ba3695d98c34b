"""The spine: one `Article` that every stage annotates with character-offset spans.

Every annotation carries `start`/`end` into `Article.text` (end exclusive) and, where it has a
`text` field, `article.text[start:end] == item.text`. A paragraph is a line of `Article.text`.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import Any, TypeVar, get_args, get_origin, get_type_hints

SCHEMA_VERSION = "1.0"

T = TypeVar("T")


@dataclass
class RawDocument:
    """What came in, untouched, with provenance."""

    data: bytes
    source: str  # path, URL or "file.warc.gz#record=3"
    url: str | None = None
    format: str | None = None  # "text" | "html" | None (detect)
    encoding: str | None = None  # declared encoding, if the container said one
    fetch_time: str | None = None  # ISO 8601
    hints: dict[str, Any] = field(default_factory=dict)  # metadata from the container (feed, jsonl)


@dataclass
class Dateline:
    place: str | None = None
    agency: str | None = None


@dataclass
class RelatedLink:
    title: str
    url: str | None = None


@dataclass
class Metadata:
    title: str | None = None
    outlet: str | None = None
    page_time: str | None = None  # time stamp shown on the page (ISO 8601 with offset)
    published: str | None = None  # publication time (from URL, meta tags, feed)
    dateline: Dateline = field(default_factory=Dateline)
    tags: list[str] = field(default_factory=list)
    related: list[RelatedLink] = field(default_factory=list)
    language: str | None = None
    source: str | None = None  # provenance: path or URL it was read from
    url: str | None = None
    authors: list[str] = field(default_factory=list)
    standfirst: str | None = None
    format: str | None = None  # "text" | "html"
    encoding: str | None = None  # the encoding used to decode the raw bytes
    content_hash: str | None = None  # sha256 of Article.text


@dataclass
class Boilerplate:
    """A piece of the raw input that cleaning removed, kept so nothing is lost."""

    start: int  # offsets into Article.raw
    end: int
    kind: str  # "page_time", "widget", "related", "tags", "footer", "dateline", ...
    text: str


@dataclass
class Span:
    start: int
    end: int


def paragraphs(text: str) -> list[tuple[int, Span]]:
    """(1-based line number, span) of every non-empty line of `text`: the one way presswatch cuts paragraphs
    (stages, models, training and SemEval's line numbers all agree on it)."""
    out: list[tuple[int, Span]] = []
    pos = 0
    for n, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            out.append((n, Span(pos, pos + len(line))))
        pos += len(line) + 1
    return out


def paragraph_texts(text: str) -> list[str]:
    """The texts of `paragraphs(text)`, in order."""
    return [text[s.start:s.end] for _, s in paragraphs(text)]


@dataclass
class Mention:
    text: str
    start: int
    end: int
    label: str | None = None  # spaCy label for raw mentions


@dataclass
class Entity:
    name: str  # canonical name
    label: str  # PERSON, ORG, GPE, NORP, ...
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class SpeakerAlias:
    """Where a quote's speaker came from when the text names only a role ("the Gazprom spokesman"): the corpus
    alias table, which another stored article (or this one, `article_id` None) grew by naming both together."""

    descriptor: str  # the role phrase as the quote's text gives it
    evidence: str  # the words that tie the role to the name: "Gazprom spokesman Sergei Kupriyanov"
    article_id: int | None = None  # the stored article that holds `evidence`; None: this article
    outlet: str | None = None
    date: str | None = None


@dataclass
class Quote:
    text: str
    start: int
    end: int
    kind: str  # "direct" | "reported"
    speaker: str | None = None  # canonical entity name
    cue: str | None = None  # the verb or phrase: "told", "said", "according to"
    speaker_mention: Mention | None = None
    parts: list[Span] = field(default_factory=list)  # a mixed quote's words inside quotation marks
    speaker_alias: SpeakerAlias | None = None  # set when `speaker` was resolved from a role by the alias table


@dataclass
class Claim:
    text: str
    start: int
    end: int
    kinds: list[str] = field(default_factory=list)  # "figure", "date", "attribution", ...
    source: str | None = None  # who the text says it comes from
    evidence: list[Mention] = field(default_factory=list)  # the figures/dates that made it check-worthy
    score: float = 0.0


@dataclass
class Technique:
    technique: str
    family: str
    start: int
    end: int
    text: str
    paragraph: int  # 1-based line number in Article.text
    score: float
    explanation: str = ""
    # whose words carry it: "author" (the outlet's own), "quoted" (inside a direct quote), "reported" (inside
    # reported speech), None when the quotes stage did not run; `speaker`: the quote's speaker where known
    voice: str | None = None
    speaker: str | None = None

    def whose(self) -> str:
        """Whose words carry the technique, in words ("" when unknown)."""
        who = self.speaker or "an unnamed speaker"
        return {"author": "the outlet's own words", "quoted": f"quoting {who}",
                "reported": f"reported speech of {who}"}.get(self.voice or "", "")


@dataclass
class Label:
    label: str
    score: float
    evidence: list[str] = field(default_factory=list)  # short reasons, in words, for the label
    paragraphs: list[int] = field(default_factory=list)  # 1-based lines of `text` that push most toward it


@dataclass
class Article:
    text: str
    metadata: Metadata = field(default_factory=Metadata)
    raw: str | None = None  # the decoded input, before cleaning
    boilerplate: list[Boilerplate] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)  # raw NER mentions (linguistics)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    techniques: list[Technique] = field(default_factory=list)
    paragraph_techniques: list[dict[str, Any]] = field(default_factory=list)
    frames: list[Label] = field(default_factory=list)
    genre: Label | None = None
    stages: list[str] = field(default_factory=list)  # stages that ran, in order
    # the analysers the linguistics stage chose for the article's language: language, tokens, entities, quotes
    analysers: dict[str, str] = field(default_factory=dict)
    schema_version: str = SCHEMA_VERSION
    # transient, never serialised: the spaCy Doc and other per-run caches
    _cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def paragraphs(self) -> list[tuple[int, Span]]:
        """(1-based line number, span) of every non-empty line of `text`."""
        return paragraphs(self.text)

    def line_of(self, offset: int) -> int:
        """1-based line number holding character `offset`."""
        return self.text.count("\n", 0, offset) + 1

    def to_dict(self, include_raw: bool = False) -> dict[str, Any]:
        d = {f.name: _plain(getattr(self, f.name)) for f in fields(self) if not f.name.startswith("_")}
        if not include_raw:
            d.pop("raw", None)
        return d

    def to_json(self, include_raw: bool = False, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(include_raw), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return _build(cls, data)

    @classmethod
    def from_json(cls, text: str) -> Article:
        return cls.from_dict(json.loads(text))


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _build(tp: Any, data: Any) -> Any:
    """Rebuild dataclasses (and lists/optionals of them) from plain JSON values."""
    if data is None:
        return None
    origin = get_origin(tp)
    if origin is list:
        (inner,) = get_args(tp)
        return [_build(inner, v) for v in data]
    if origin is not None and type(None) in get_args(tp):  # Optional[X]
        inner = next(a for a in get_args(tp) if a is not type(None))
        return _build(inner, data)
    if is_dataclass(tp):
        hints = get_type_hints(tp)
        kwargs = {
            f.name: _build(hints[f.name], data[f.name])
            for f in fields(tp)
            if not f.name.startswith("_") and f.name in data
        }
        return tp(**kwargs)
    return data
