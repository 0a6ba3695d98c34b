from presswatch.article import Article, Entity, Label, Mention, Quote
from presswatch.pipeline import resolve


def test_roundtrip_json() -> None:
    a = Article(text="Putin said hi.\n\nSecond line")
    a.entities.append(Entity("Vladimir Putin", "PERSON", ["Putin"], [Mention("Putin", 0, 5)]))
    a.quotes.append(Quote("hi", 11, 13, "reported", "Vladimir Putin", "said"))
    a.genre = Label("reporting", 0.9)
    b = Article.from_json(a.to_json())
    assert b.entities[0].mentions[0] == Mention("Putin", 0, 5)
    assert b.genre == Label("reporting", 0.9)
    assert b.to_dict() == a.to_dict()


def test_paragraphs_are_nonempty_lines() -> None:
    a = Article(text="Title\n\nOne\nTwo")
    assert [(n, a.text[s.start:s.end]) for n, s in a.paragraphs()] == [(1, "Title"), (3, "One"), (4, "Two")]
    assert a.line_of(a.text.index("Two")) == 4


def test_resolve_adds_requirements_in_order() -> None:
    assert resolve(["quotes"]) == ["linguistics", "entities", "quotes"]
    assert resolve(["clean"]) == []
