"""Property tests: cleaning never raises anything but InputError, spans slice `raw` exactly, body is never lost."""

from __future__ import annotations

import hashlib
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from presswatch.article import Article, RawDocument
from presswatch.clean import clean
from presswatch.errors import InputError

EXAMPLES = int(os.environ.get("PRESSWATCH_HYPOTHESIS_EXAMPLES", 150))  # raise it for a longer local hunt
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SENTENCES = [
    "Russia coordinates its actions in Syria with both the Syrian government-led forces and the opposition.",
    '"We have always said that we are open to negotiations," the spokesman told reporters on Thursday.',
    "The ministry said 14,000 tons of cargo had been delivered to the airbase since the start of the year.",
    "Critics of the plan, including several opposition lawmakers, said it came far too late to help.",
    "Le gouvernement a annoncé mardi de nouvelles mesures pour soutenir les agriculteurs touchés par la sécheresse.",
    "Президент заявил, что страна готова к переговорам, но только на своих условиях.",
    "WASHINGTON (Reuters) - The U.S. Senate passed the bill late on Tuesday by a vote of 68 to 32.",
    "Officials did not say when the talks would resume, but diplomats expect a meeting in March.",
]
CHROME = [
    "Listen Live", "Get short URL", "16:49 GMT17 January 2021", "Published time: 17 Jan, 2021 16:49",
    "airstrike, Vladimir Putin, Syria, Russia", "Community standardsDiscussion", "Share", "Advertisement",
    "Rebel Militants Repelled by Syrian Army, Russian Jets in Latakia Province", "READ MORE: Something Else Happened",
    "Tags: Syria, Russia", "\u00a9 2021 Example News. All rights reserved.", "Related", "Follow RT on Telegram",
]


def check(article: Article) -> None:
    assert article.raw is not None and article.text
    previous_end = -1
    for b in article.boilerplate:
        assert 0 <= b.start < b.end <= len(article.raw)
        assert article.raw[b.start:b.end] == b.text
        if article.metadata.format == "text":
            assert b.start >= previous_end  # crawled-text chrome is disjoint and in page order
            previous_end = b.end
    for line in article.text.split("\n"):
        assert line and line == line.strip() and line.splitlines() == [line]
    assert article.metadata.content_hash == hashlib.sha256(article.text.encode("utf-8")).hexdigest()


def run(raw: RawDocument) -> Article | None:
    try:
        article = clean(raw)
    except InputError as err:
        assert err.source == raw.source
        return None
    check(article)
    return article


@SETTINGS
@given(st.text(max_size=600))
def test_any_text(text: str) -> None:
    run(RawDocument(data=text.encode("utf-8"), source="any.txt"))


@SETTINGS
@given(st.binary(max_size=600))
def test_any_bytes(data: bytes) -> None:
    run(RawDocument(data=data, source="any.bin"))


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' pdivhtmlbodyscrta&#;!-\nabc")), max_size=400))
def test_any_markup(text: str) -> None:
    run(RawDocument(data=text.encode("utf-8"), source="any.html", format="html"))


page_lines = st.lists(
    st.one_of(st.tuples(st.just("body"), st.sampled_from(SENTENCES)),
              st.tuples(st.just("chrome"), st.sampled_from(CHROME))),
    min_size=1, max_size=14,
)


@SETTINGS
@given(page_lines, st.sampled_from(["", "    ", "\t", "\u00a0 "]), st.sampled_from(["\n", "\n\n", "\r\n", "\n \n"]),
       st.booleans())
def test_generated_pages_keep_every_body_paragraph(lines: list[tuple[str, str]], indent: str, sep: str,
                                                   nbsp: bool) -> None:
    body = [s for kind, s in lines if kind == "body"]
    page = sep.join(indent + (s.replace(" ", "\u00a0", 3) if nbsp else s) for _, s in lines)
    article = run(RawDocument(data=page.encode("utf-8"), source="page.txt"))
    if article is None:
        assert not body
        return
    text_lines = [" ".join(line.split()) for line in article.text.split("\n")]
    for sentence in body:
        assert sentence in text_lines
    assert all(line in SENTENCES or line in CHROME for line in text_lines)
