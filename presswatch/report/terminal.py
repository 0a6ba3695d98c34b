"""A readable terminal report of one analysed Article, rendered with rich."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from presswatch.article import Article
from presswatch.taxonomy import genre_score_text


def _metadata_table(article: Article) -> Table:
    m = article.metadata
    t = Table.grid(padding=(0, 2))
    t.add_column(style="bold cyan", no_wrap=True)
    t.add_column()
    rows = [
        ("title", m.title), ("outlet", m.outlet), ("page time", m.page_time), ("published", m.published),
        ("dateline", " / ".join(x for x in (m.dateline.place, m.dateline.agency) if x) or None),
        ("authors", ", ".join(m.authors) or None), ("tags", ", ".join(m.tags) or None),
        ("language", m.language), ("source", m.source), ("url", m.url),
        ("format", f"{m.format} ({m.encoding})" if m.format else None),
        ("genre", f"{article.genre.label} ({genre_score_text(article.genre.label, article.genre.score)})"
                  if article.genre else None),
        ("frames", ", ".join(f"{f.label} ({f.score:.2f})" for f in article.frames) or None),
    ]
    for key, value in rows:
        if value:
            t.add_row(key, Text(str(value)))
    if article.genre:
        for line in article.genre.evidence:
            t.add_row("genre cue", Text(line))
    for rel in m.related:
        t.add_row("related", Text(rel.title + (f"  <{rel.url}>" if rel.url else "")))
    return t


def _table(title: str, columns: list[str]) -> Table:
    t = Table(title=title, title_justify="left", title_style="bold", show_lines=False, expand=True)
    for c in columns:
        t.add_column(c, overflow="fold")
    return t


def _highlighted_text(article: Article) -> Text:
    text = Text(article.text)
    for q in article.quotes:
        text.stylize("green" if q.kind == "direct" else "yellow", q.start, q.end)
    for tech in article.techniques:
        text.stylize("bold magenta underline", tech.start, tech.end)
    return text


def print_report(article: Article, console: Console | None = None) -> None:
    """Print metadata, the highlighted text and one table per annotation layer."""
    console = console or Console()
    console.print(Panel(_metadata_table(article), title="presswatch", subtitle=f"stages: {', '.join(article.stages)}"))
    console.print(Panel(_highlighted_text(article), title="text (quotes green/yellow, techniques magenta)"))
    if article.entities:
        t = _table(f"Entities ({len(article.entities)})", ["name", "label", "aliases", "mentions"])
        for e in sorted(article.entities, key=lambda e: -len(e.mentions)):
            t.add_row(e.name, e.label, ", ".join(e.aliases), str(len(e.mentions)))
        console.print(t)
    if article.quotes:
        t = _table(f"Quotes ({len(article.quotes)})", ["speaker", "cue", "kind", "quote"])
        for q in article.quotes:
            t.add_row(q.speaker or "?", q.cue or "", q.kind, Text(q.text))
        console.print(t)
    if article.claims:
        t = _table(f"Claims ({len(article.claims)})", ["claim", "kinds", "source", "score"])
        for c in article.claims:
            t.add_row(Text(c.text), ", ".join(c.kinds), c.source or "", f"{c.score:.2f}")
        console.print(t)
    if article.techniques:
        t = _table(f"Persuasion techniques ({len(article.techniques)})",
                   ["¶", "technique", "score", "span", "whose words", "why"])
        for tech in article.techniques:
            t.add_row(str(tech.paragraph), tech.technique, f"{tech.score:.2f}", Text(tech.text), tech.whose(),
                      tech.explanation)
        console.print(t)
