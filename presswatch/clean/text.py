"""Crawled-text cleaning: classify each line as body or chrome (time stamp, widget, related, tags, footer)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from presswatch.article import Boilerplate, Dateline, RelatedLink
from presswatch.clean.lines import (
    ChromeTest,
    ends_sentence,
    find_dateline_date,
    headline_like,
    normalise_line,
    paragraph_text,
    tag_items,
    title_cased,
    words,
)
from presswatch.clean.profiles import RuleBook
from presswatch.clean.times import is_time_stamp, parse_date, parse_time, relative_age

BODY = "body"
_LINE = re.compile(r"([^\r\n]*)(?:\r\n|\r|\n|$)")


@dataclass
class Line:
    start: int  # span of the stripped line in the raw text
    end: int
    text: str  # whitespace-normalised, for the classifier and metadata
    verbatim: str  # as printed, for Article.text
    blank_before: bool
    kind: str = BODY


@dataclass
class Cleaned:
    """What a cleaner found; `clean()` turns it into an Article."""

    paragraphs: list[str]
    boilerplate: list[Boilerplate] = field(default_factory=list)
    title: str | None = None
    page_time: str | None = None
    published: str | None = None
    dateline: Dateline = field(default_factory=Dateline)
    tags: list[str] = field(default_factory=list)
    related: list[RelatedLink] = field(default_factory=list)
    standfirst: str | None = None
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    chrome_lines: list[str] = field(default_factory=list)  # for outlet markers
    stamps: list[str] = field(default_factory=list)  # time stamp lines, to date year-less ones later
    dateline_date: str | None = None  # the date a dateline writes ("18 июл"), dated by a reference later


def split_lines(raw: str) -> list[Line]:
    """Non-blank lines (split at \\n, \\r\\n or a lone \\r) with the raw span of their stripped content."""
    out: list[Line] = []
    blank = False
    for m in _LINE.finditer(raw):
        seg = m.group(1)
        verbatim = paragraph_text(seg)
        text = normalise_line(verbatim)
        if not text:
            blank = bool(out)
            if m.end() >= len(raw):
                break
            continue
        lead = len(seg) - len(seg.lstrip())
        start = m.start(1) + lead
        out.append(Line(start, start + len(seg.strip()), text, verbatim, blank))
        blank = False
        if m.end() >= len(raw):
            break
    return out


def _chrome_kind(line: Line, test: ChromeTest, rules: RuleBook) -> str | None:
    if test.widget(line.text):
        return "widget"
    if is_time_stamp(line.text, rules.time_labels) or _meta_line_time(line.text, test, rules) is not None \
            or relative_age(line.text) is not None:
        return "page_time"
    if test.byline(line.text) is not None:
        return "byline"
    if test.footer(line.text):
        return "footer"
    return None


def _meta_line_time(text: str, test: ChromeTest, rules: RuleBook) -> str | None:
    """The time in "Source: Xinhua| 2021-01-17 16:49:00|Editor: huaxia": segments of labels, widgets and a stamp."""
    if "|" not in text or len(text) > 160:
        return None
    found: str | None = None
    for segment in (x.strip() for x in text.split("|")):
        if not segment:
            continue
        stamp = parse_time(segment, rules.time_labels)
        if stamp is not None:
            found = found or stamp
        elif not (test.widget(segment) or re.match(r"^[\w .-]{2,20}:\s*\S.{0,40}$", segment)):
            return None
    return found


def _page_time(text: str, test: ChromeTest, rules: RuleBook) -> str | None:
    return parse_time(text, rules.time_labels) or _meta_line_time(text, test, rules)


def clean_text(raw: str, rules: RuleBook) -> Cleaned:
    """Split crawled page text into body paragraphs and kept-aside chrome."""
    test = ChromeTest(rules)
    lines = split_lines(raw)
    for line in lines:
        line.kind = _chrome_kind(line, test, rules) or BODY
    related: dict[int, str] = {}  # line index -> headline
    tags: list[str] = []
    _header(lines)
    _inline(lines, test, related)
    _tail(lines, test, related, tags)
    last_body = max((i for i, line in enumerate(lines) if line.kind == BODY), default=-1)
    for line in lines[:last_body]:
        if line.kind == "footer":
            line.kind = "caption"  # "© AFP Cardinal O'Malley (centre)..." between paragraphs is a photo caption

    out = Cleaned(paragraphs=[])
    starts: list[int] = []  # line index where each paragraph starts
    for i, line in enumerate(lines):
        if line.kind == BODY:
            prev = out.paragraphs[-1] if out.paragraphs else None
            if prev is not None and not line.blank_before and lines[i - 1].kind == BODY and _wrapped(prev, line.text):
                out.paragraphs[-1] = f"{prev} {line.verbatim}"
            else:
                out.paragraphs.append(line.verbatim)
                starts.append(i)
            continue
        out.boilerplate.append(Boilerplate(line.start, line.end, line.kind, raw[line.start:line.end]))
        out.chrome_lines.append(line.text)
        if line.kind == "page_time":
            out.stamps.append(line.text)
            stamp = _page_time(line.text, test, rules)
            out.page_time = out.page_time or stamp
            if stamp and out.published is None and line.text.casefold().startswith(tuple(rules.published_labels)):
                out.published = stamp  # "Published on 17 Jan 2021" dates the article itself
        elif line.kind == "byline":
            out.authors.extend(a for a in test.byline(line.text) or [] if a not in out.authors)
        elif line.kind == "title" and out.title is None:
            out.title = line.text
        elif line.kind == "related" and i in related:
            out.related.append(RelatedLink(title=related[i]))
    out.tags = list(dict.fromkeys(tags))
    find_standfirst_and_dateline(out, rules)
    if out.standfirst is None and len(starts) >= 2 and len(words(out.paragraphs[0])) <= 80:
        between = lines[starts[0] + 1:starts[1]]
        if starts[0] > 0 and any(line.kind in ("byline", "page_time") for line in between):
            out.standfirst = out.paragraphs[0]  # a summary between the headline and the byline/time stamp
    return out


def _stamp_date(paragraphs: list[str], rules: RuleBook) -> str | None:
    """The date of the first outlet date stamp (profiles' `date_stamps`, group `date`) in `paragraphs`."""
    for paragraph in paragraphs:
        for pattern in rules.date_stamps:
            m = pattern.search(paragraph)
            found = parse_date(m.group("date")) if m else None
            if found:
                return found
    return None


def _wrapped(prev: str, nxt: str) -> bool:
    """A hard-wrapped paragraph: the line breaks mid-sentence and the next one goes on in lower case."""
    last = prev.rsplit("\n", 1)[-1]
    return (len(last) >= 50 and not ends_sentence(last) and last[-1] not in ":;" and nxt[:1].islower()
            and tag_items(last, 2) is None and tag_items(nxt, 2) is None and not title_cased(last))


def _header(lines: list[Line]) -> None:
    """Section labels and a headline before the first paragraph."""
    content = [i for i, line in enumerate(lines) if line.kind == BODY]
    for n, i in enumerate(content[:4]):
        text = lines[i].text
        later = [lines[j].text for j in content[n + 1:]]
        if not any(len(words(t)) >= 8 for t in later):
            return  # nothing article-like below: keep everything as body
        bare = text.rstrip("\"”’»)] ")
        if len(words(text)) > 20 or not bare or bare[-1] in ".,;:":
            return  # a sentence: the article starts here
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt is not None and not nxt.blank_before and nxt.text[:1].islower():
            return  # a hard-wrapped paragraph goes on below
        if len(words(text)) <= 3 and n < 3 and len(words(later[0])) <= 25 and not ends_sentence(later[0]):
            lines[i].kind = "header"  # "World", "Politics" above the headline
            continue
        if len(words(text)) >= 2:
            lines[i].kind = "title"
        return


def _inline(lines: list[Line], test: ChromeTest, related: dict[int, str]) -> None:
    """"READ MORE: headline" lines and related blocks under a "Related" header, anywhere in the page."""
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.kind == BODY:
            headline = test.related_prefix(line.text)
            if headline is not None:
                line.kind = "related"
                related[i] = headline
            elif test.related_header(line.text):
                line.kind = "related"
                j = i + 1
                while j < len(lines) and j <= i + 8 and lines[j].kind == BODY and not lines[j].blank_before \
                        and headline_like(lines[j].text, min_words=3, need_title_case=False):
                    lines[j].kind = "related"
                    related[j] = lines[j].text
                    j += 1
        i += 1


def _tail(lines: list[Line], test: ChromeTest, related: dict[int, str], tags: list[str]) -> None:
    """Tag lines and the trailing block of related headlines after the last body paragraph."""
    last_body = max((i for i, line in enumerate(lines) if line.kind == BODY), default=-1)
    start = len(lines)
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if line.kind != BODY:
            start = i
            continue
        text = line.text
        if (test.tag_header(text) is not None or tag_items(text, 2) or headline_like(text)
                or (len(words(text)) <= 4 and not ends_sentence(text))):
            start = i
            continue
        break
    candidates: list[int] = []
    state = ""
    # a two-item tag line ("Syria, Russia") only counts where the page end has chrome around it
    tail_chrome = any(line.kind != BODY for line in lines[start:])
    for i in range(start, len(lines)):
        line = lines[i]
        if line.kind != BODY:
            continue
        text = line.text
        header = test.tag_header(text)
        items = tag_items(text, 2 if i == last_body and tail_chrome else 3)
        if header is not None:
            line.kind, state = "tags", "tags"
            tags.extend(tag_items(header, 1) or ([header] if header else []))
        elif items:
            line.kind, state = "tags", "tags"
            tags.extend(items)
        elif state == "tags" and len(words(text)) <= 4 and not ends_sentence(text):
            line.kind = "tags"
            tags.append(text)
        elif headline_like(text):
            candidates.append(i)
            state = "related"
        else:
            state = ""
    if len(candidates) >= 2:
        for i in candidates:
            lines[i].kind = "related"
            related[i] = lines[i].text


def find_standfirst_and_dateline(out: Cleaned, rules: RuleBook) -> None:
    """The dateline of one of the first paragraphs (and the date it writes); a lone paragraph above it is the
    standfirst. An outlet's date stamp in the first paragraphs ("РИА Новости, 18.07.2022") dates the article."""
    if out.published is None:
        out.published = _stamp_date(out.paragraphs[:3], rules)
    for n, paragraph in enumerate(out.paragraphs[:3]):
        found = find_dateline_date(normalise_line(paragraph), rules)
        if found:
            out.dateline, out.dateline_date = found[0], found[2]
            if n == 1 and len(words(out.paragraphs[0])) <= 80:
                out.standfirst = out.paragraphs[0]
            return
