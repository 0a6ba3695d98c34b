"""A small corpus of hand-built articles for the web tests, one of them hostile (imported by conftest and tests)."""

from __future__ import annotations

import hashlib
from typing import Any

from presswatch.article import Article, Claim, Dateline, Entity, Label, Mention, Metadata, Quote, RelatedLink, Technique
from presswatch.taxonomy import FAMILY_OF

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"
TOKEN = "s3cret-token"


def _at(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(phrase, pos + 1)
    return pos, pos + len(phrase)


def build_article(text: str, *, title: str, outlet: str, published: str, techniques: list[tuple[str, str, float]] = (),
                  quotes: list[tuple[str, str, str, str]] = (), entities: list[tuple[str, str, list[str]]] = (),
                  claims: list[str] = (), tags: list[str] = (), related: list[RelatedLink] = (),
                  genre: tuple[str, float] | None = ("reporting", 0.8),
                  frames: list[tuple[str, float]] = (), url: str | None = None,
                  paragraph_labels: dict[int, list[tuple[str, float]]] | None = None) -> Article:
    """An Article with annotations placed by phrase (offsets computed, so the spine's invariant holds)."""
    a = Article(text=text, metadata=Metadata(title=title, outlet=outlet, published=published, page_time=published,
                                             dateline=Dateline("MOSCOW", "Sputnik"), tags=list(tags),
                                             related=list(related), source=f"test/{outlet}.txt", url=url,
                                             language="en", format="text", encoding="utf-8",
                                             content_hash=hashlib.sha256(text.encode()).hexdigest()))
    for phrase, name, score in techniques:
        s, e = _at(text, phrase)
        a.techniques.append(Technique(name, FAMILY_OF[name], s, e, phrase, a.line_of(s), score))
    for phrase, speaker, cue, kind in quotes:
        s, e = _at(text, phrase)
        a.quotes.append(Quote(phrase, s, e, kind, speaker, cue))
    for name, label, aliases in entities:
        mentions = []
        for alias in sorted({name, *aliases}):
            pos = text.find(alias)
            while pos != -1:
                mentions.append(Mention(alias, pos, pos + len(alias), label))
                pos = text.find(alias, pos + 1)
        a.entities.append(Entity(name, label, list(aliases), mentions))
    for phrase in claims:
        s, e = _at(text, phrase)
        a.claims.append(Claim(phrase, s, e, ["figure"], None, [], 0.7))
    a.paragraph_techniques = [{"paragraph": n, "techniques": [{"technique": t, "score": sc} for t, sc in labs]}
                              for n, labs in (paragraph_labels or {}).items()]
    a.genre = Label(*genre) if genre else None
    a.frames = [Label(f, sc) for f, sc in frames]
    a.stages = ["linguistics", "entities", "quotes", "claims", "techniques", "frames", "genre"]
    return a


SYRIA = ("Putin says Russia coordinates with Syrian opposition\n"
         "MOSCOW (Sputnik) \u2014 Russia coordinates its actions in Syria with both the government forces and the "
         "opposition, Russian President Vladimir Putin said.\n"
         "\"They are telling lies. Look, the videos appeared before our pilots even started,\" Putin told the "
         "newspaper.\n"
         "Western media decided to hush up the bombing of the hospital, which claimed the lives of 42 civilians.")
HOSTILE = (f"Hostile page {XSS_SCRIPT}\n"
           f"The editor wrote {XSS_IMG} and then {XSS_SCRIPT} twice, a disgraceful provocation.\n"
           f"\"Do not trust {XSS_IMG} ever,\" said John Evil.")
ECONOMY = ("Sanctions hit the economy\n"
           "Officials say the sanctions are a total disaster for ordinary families in Europe.\n"
           "The minister said prices rose by 12 percent in January, according to the statistics office.")


def corpus_articles() -> list[Article]:
    """Sputnik and the hostile page know whose words carry each technique; Example Daily does not (voice None)."""
    from presswatch.stages.techniques import attribute_voice

    articles = _corpus_articles()
    for a in articles[:2]:
        attribute_voice(a.techniques, a.quotes)
    return articles


def _corpus_articles() -> list[Article]:
    return [
        build_article(SYRIA, title="Putin says Russia coordinates with Syrian opposition", outlet="Sputnik",
                      published="2021-01-17T16:49:00+00:00",
                      techniques=[("They are telling lies", "Name_Calling-Labeling", 0.81),
                                  ("telling lies", "Loaded_Language", 0.66),
                                  ("hush up", "Loaded_Language", 0.58),
                                  ("Western media decided to hush up the bombing", "Whataboutism", 0.44)],
                      quotes=[("They are telling lies. Look, the videos appeared before our pilots even started,",
                               "Vladimir Putin", "told", "direct"),
                              ("Russia coordinates its actions in Syria with both the government forces and the "
                               "opposition", "Vladimir Putin", "said", "reported")],
                      entities=[("Vladimir Putin", "PERSON", ["Putin"]), ("Russia", "GPE", []),
                                ("Syria", "GPE", [])],
                      claims=["which claimed the lives of 42 civilians"], tags=["Syria", "Russia"],
                      related=[RelatedLink("Earlier interview", "https://example.org/a"),
                               RelatedLink("Bad link", "javascript:alert(1)")],
                      frames=[("Security_and_defense", 0.9), ("Political", 0.55)],
                      paragraph_labels={3: [("Name_Calling-Labeling", 0.81), ("Loaded_Language", 0.66)],
                                        4: [("Whataboutism", 0.44), ("Doubt", 0.31)]},
                      url="https://sputniknews.com/world/201601121032936424-putin-syria/"),
        build_article(HOSTILE, title=f"Hostile page {XSS_SCRIPT} {XSS_IMG}", outlet=f"Evil {XSS_IMG}",
                      published="2021-02-03T10:00:00+00:00",
                      techniques=[("a disgraceful provocation", "Loaded_Language", 0.9),
                                  (XSS_IMG, "Doubt", 0.5)],
                      quotes=[(f"Do not trust {XSS_IMG} ever,", f"John {XSS_SCRIPT}", "said", "direct")],
                      entities=[(f"John {XSS_SCRIPT}", "PERSON", [f"Evil {XSS_IMG}"])],
                      tags=[XSS_SCRIPT], related=[RelatedLink(XSS_IMG, "javascript:alert(1)")],
                      genre=(f"opinion{XSS_SCRIPT}", 0.6), frames=[(f"Morality{XSS_IMG}", 0.4)],
                      paragraph_labels={2: [("Loaded_Language", 0.9), (XSS_SCRIPT, 0.5)]}),
        build_article(ECONOMY, title="Sanctions hit the economy", outlet="Example Daily",
                      published="2021-02-20T08:00:00+00:00",
                      techniques=[("a total disaster", "Exaggeration-Minimisation", 0.7),
                                  ("ordinary families", "Appeal_to_Fear-Prejudice", 0.35)],
                      quotes=[("prices rose by 12 percent in January", "The minister", "said", "reported")],
                      entities=[("Europe", "LOC", [])], claims=["prices rose by 12 percent in January"],
                      frames=[("Economic", 0.95)]),
    ]




def form_token(client: Any) -> str:
    """The CSRF token of the analyse form for `client`'s session (its cookie is kept by the client)."""
    import re

    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/analyze").text)
    assert found, "the analyse form carries no CSRF token"
    return found.group(1)
