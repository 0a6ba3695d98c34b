"""The article page marks a mixed quote's quoted parts (escaped, classes only: CSP-safe) in the text and in the
quote list, and says when a speaker's name came from the corpus alias table."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from webcorpus import XSS_IMG

from presswatch.article import Article, Metadata, Quote, Span, SpeakerAlias
from presswatch.corpus.store import Store
from presswatch.web import create_app
from presswatch.web.highlight import paragraphs, quote_pieces

TEXT = (f'Mayor Ann Lee claimed that the plan is "a disaster {XSS_IMG}" but "nobody listens" to the council.\n'
        '"We will appeal the ruling next week," the Gazprom spokesman said.')


def _article() -> Article:
    start = TEXT.index("the plan")
    end = TEXT.index(" to the council")
    parts = [Span(TEXT.index("a disaster"), TEXT.index('" but')), Span(TEXT.index("nobody"), TEXT.index('" to'))]
    q2 = TEXT.index("We will")
    alias = SpeakerAlias("the Gazprom spokesman", "Gazprom spokesman Sergei Kupriyanov", 7, "wire.example",
                         "2022-07-18")
    return Article(text=TEXT, metadata=Metadata(title="Mixed quotes", language="en"), quotes=[
        Quote(TEXT[start:end], start, end, "reported", "Ann Lee", "claimed", None, parts),
        Quote(TEXT[q2:TEXT.index(',"')], q2, TEXT.index(',"'), "direct", "Sergei Kupriyanov", "said",
              speaker_alias=alias)], stages=["quotes"])


def test_quote_pieces_and_segments() -> None:
    a = _article()
    pieces = quote_pieces(a.quotes[0])
    assert "".join(p.text for p in pieces) == a.quotes[0].text
    assert [p.text for p in pieces if p.part] == [f"a disaster {XSS_IMG}", "nobody listens"]
    marked = [s.text for p in paragraphs(a) for s in p.segments if "quote-part" in s.css]
    assert marked == [f"a disaster {XSS_IMG}", "nobody listens"]


def test_article_page_marks_parts_and_alias(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with Store(db) as store:
        aid = store.add(_article())
    with TestClient(create_app(db)) as client:
        html = client.get(f"/articles/{aid}").text
    assert '<mark class="quote-part" title="quoted words">a disaster &lt;img src=x onerror=alert(1)&gt;</mark>' in html
    assert '<mark class="quote-part" title="quoted words">nobody listens</mark>' in html
    assert XSS_IMG not in html and "style=" not in html.split("<body", 1)[1]  # escaped; classes, no inline style
    assert "name from the alias table: &ldquo;Gazprom spokesman Sergei Kupriyanov&rdquo;" in html
    assert '<a href="/articles/7">article 7</a>, wire.example, 2022-07-18' in html
    assert html.count("quote-part") >= 4  # the two parts in the text and in the quote list
