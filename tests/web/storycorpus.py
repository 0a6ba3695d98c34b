"""One story told by three outlets (one hostile), plus an unrelated article: the fixture of the story tests."""

from __future__ import annotations

from pathlib import Path

from webcorpus import ECONOMY, XSS_IMG, XSS_SCRIPT, build_article

from presswatch.article import Article
from presswatch.corpus.store import Store

HOSTILE_OUTLET = f"Evil {XSS_IMG}"
HOSTILE_SPEAKER = f"Ann {XSS_SCRIPT}"
LOPEZ = ("We will not accept any delay in the reconstruction of the bridge, and the money must arrive before "
         "the end of the month")
LOPEZ_EXCERPT = "We will not accept any delay in the reconstruction of the bridge"
HOSTILE_TITLE = f"Bridge scandal {XSS_SCRIPT} {XSS_IMG} [bold]loud[/bold] [/]"  # HTML and rich markup
HOSTILE_QUOTE = f"Nobody told us about {XSS_IMG} the closure"

_BODY = [
    "The regional government approved a plan on Tuesday to rebuild the collapsed river bridge in Northfield "
    "within eighteen months.",
    "The bridge collapsed in March after weeks of heavy rain, cutting the main road between the two halves of "
    "the town.",
    f"\"{LOPEZ},\" said Maria Lopez, the regional minister for transport.",
    "The plan foresees a budget of 40 million euros, half of it from the national infrastructure fund.",
    "Engineers from the national road agency will inspect the remaining pillars next week before the "
    "demolition of the old deck begins.",
    "Local shop owners say their sales have dropped sharply since the collapse because customers from the "
    "other bank no longer come.",
    "A temporary ferry service carries pedestrians across the river every twenty minutes during the day.",
    "The opposition accused the government of ignoring warnings about the state of the bridge for years.",
]


def _text(headline: str, body: list[str]) -> str:
    return "\n".join([headline, *body])


WIRE = _text("Government approves plan to rebuild Northfield bridge",
             [*_BODY, "\"The inspection reports were ignored,\" said John Carter, an opposition deputy."])
POST = _text("Northfield bridge to be rebuilt within 18 months",
             [*_BODY[:6], _BODY[7], f"\"{HOSTILE_QUOTE},\" said {HOSTILE_SPEAKER}, a shop owner.",
              "\"The bridge will be safe,\" the engineering office said in a statement."])
EVIL = _text(f"Bridge scandal {XSS_SCRIPT} {XSS_IMG}",
             [_BODY[0], _BODY[1], f"\"{LOPEZ_EXCERPT},\" Lopez said.", *_BODY[3:7],
              "The corrupt government ignored warnings about the bridge for years, a disgraceful failure.",
              f"\"{HOSTILE_QUOTE}, as usual,\" {HOSTILE_SPEAKER} said."])


def story_articles() -> list[Article]:
    """The wire story, a rewrite, a hostile rewrite (all one story) and an unrelated article of the wire outlet."""
    return [
        build_article(WIRE, title="Government approves plan to rebuild Northfield bridge", outlet="Wire Daily",
                      published="2024-05-07T09:00:00+00:00", url="https://wire.example/bridge",
                      techniques=[("collapsed river bridge", "Loaded_Language", 0.6),
                                  ("dropped sharply", "Exaggeration-Minimisation", 0.55),
                                  ("ignoring warnings", "Loaded_Language", 0.5)],
                      quotes=[(LOPEZ, "Maria Lopez", "said", "direct"),
                              ("The inspection reports were ignored", "John Carter", "said", "direct")],
                      frames=[("Economic", 0.8), ("Political", 0.6)]),
        build_article(POST, title="Northfield bridge to be rebuilt within 18 months", outlet="Evening Post",
                      published="2024-05-07T12:30:00+00:00",
                      techniques=[("dropped sharply", "Loaded_Language", 0.52),
                                  ("ignoring warnings", "Doubt", 0.4)],
                      quotes=[(LOPEZ, "Maria Lopez", "said", "direct"),
                              (HOSTILE_QUOTE, HOSTILE_SPEAKER, "said", "direct"),
                              ("The bridge will be safe", "Engineering Office", "said", "direct")],
                      frames=[("Economic", 0.7)]),
        build_article(EVIL, title=HOSTILE_TITLE, outlet=HOSTILE_OUTLET,
                      published="2024-05-08T06:00:00+00:00", genre=("opinion", 0.7),
                      techniques=[("The corrupt government", "Name_Calling-Labeling", 0.8),
                                  ("a disgraceful failure", "Loaded_Language", 0.75)],
                      quotes=[(LOPEZ_EXCERPT, "Lopez", "said", "direct"),
                              (f"{HOSTILE_QUOTE}, as usual", HOSTILE_SPEAKER, "said", "direct")],
                      frames=[("Political", 0.9), (f"Morality{XSS_IMG}", 0.5)],
                      paragraph_labels={9: [(XSS_SCRIPT, 0.5)]}),
        build_article(ECONOMY, title="Sanctions hit the economy", outlet="Wire Daily",
                      published="2024-05-09T08:00:00+00:00",
                      techniques=[("a total disaster", "Exaggeration-Minimisation", 0.7)],
                      frames=[("Economic", 0.95)]),
    ]


def build_story_store(path: Path) -> dict[str, int]:
    """Fill a new store at `path`; article ids by key: wire, post, evil, other."""
    with Store(path) as store:
        ids = [store.add(a) for a in story_articles()]
    assert all(i is not None for i in ids)
    return dict(zip(["wire", "post", "evil", "other"], ids, strict=True))  # type: ignore[arg-type]
