"""Split an article's text into segments at every annotation boundary so overlapping spans can be highlighted."""

from __future__ import annotations

from dataclasses import dataclass, field

from presswatch.article import Article, Quote
from presswatch.taxonomy import explain, family_of
from presswatch.web.glossary import pretty, slug


@dataclass
class Mark:
    """One highlightable annotation: a technique, quote or claim span."""

    id: str  # "t3", "q0", "c1": unique within the article, used by the page's JS and anchors
    kind: str  # "technique" | "quote" | "claim"
    start: int
    end: int
    label: str  # short human label
    detail: str  # one-line explanation (goes into the title attribute)
    css: str  # classes for the highlight
    score: float | None = None
    parts: list[tuple[int, int]] = field(default_factory=list)  # a mixed quote's words inside quotation marks


@dataclass
class Piece:
    """A run of a quote's text, and whether it is one of its quoted parts (a mixed quote's marked words)."""

    text: str
    part: bool = False


@dataclass
class Segment:
    text: str
    marks: list[Mark] = field(default_factory=list)
    part: bool = False  # inside a quoted part of a mixed quote that covers it

    @property
    def css(self) -> str:
        """Classes of the segment: the strongest technique's family drives the colour; quotes and claims add styles."""
        if not self.marks:
            return ""
        classes = ["hl"]
        techniques = sorted((m for m in self.marks if m.kind == "technique"), key=lambda m: -(m.score or 0.0))
        if techniques:
            classes.append(techniques[0].css)
            if len(techniques) > 1:
                classes.append("hl-multi")
        classes += sorted({m.css for m in self.marks if m.kind != "technique"})
        if self.part:
            classes.append("quote-part")
        return " ".join(classes)

    @property
    def title(self) -> str:
        return "\n".join(m.detail for m in self.marks)

    @property
    def ids(self) -> str:
        return " ".join(m.id for m in self.marks)


@dataclass
class ParagraphLabel:
    """A technique the model found in a whole paragraph (SemEval subtask 3 labels), with or without a span."""

    technique: str
    score: float | None
    css: str
    detail: str


@dataclass
class Paragraph:
    line: int  # 1-based line number in Article.text
    segments: list[Segment]
    labels: list[ParagraphLabel] = field(default_factory=list)
    start: int = 0  # character offset of the line in Article.text (for selections in the page)


def paragraph_labels(article: Article) -> dict[int, list[ParagraphLabel]]:
    """Line number -> paragraph-level technique labels, from `paragraph_techniques` rows of
    {"paragraph": n, "techniques": [{"technique": name, "score": s} | name, ...]}."""
    out: dict[int, list[ParagraphLabel]] = {}
    for row in article.paragraph_techniques:
        if not isinstance(row, dict) or not isinstance(row.get("paragraph"), int):
            continue
        for item in row.get("techniques") or []:
            name, score = (item, None) if isinstance(item, str) else (
                (item.get("technique"), item.get("score")) if isinstance(item, dict) else (None, None))
            if not isinstance(name, str):
                continue
            score = float(score) if isinstance(score, int | float) else None
            family = family_of(name)
            why = explain(name)
            detail = f"Paragraph label: {pretty(name)} ({family}" + (f", score {score:.2f}" if score is not None
                                                                      else "") + ")" + (f": {why}" if why else "")
            out.setdefault(row["paragraph"], []).append(ParagraphLabel(name, score, f"fam-{slug(family)}", detail))
    for labels in out.values():
        labels.sort(key=lambda lab: -(lab.score or 0.0))
    return out


def marks_of(article: Article) -> list[Mark]:
    """Every technique, quote and claim of the article as a `Mark`, spans clipped to the text."""
    n = len(article.text)
    out: list[Mark] = []
    for i, t in enumerate(article.techniques):
        family = t.family or family_of(t.technique)
        why = t.explanation or explain(t.technique)
        whose = f", {t.whose()}" if t.voice else ""
        detail = f"{pretty(t.technique)} ({family}, score {t.score:.2f}{whose})" + (f": {why}" if why else "")
        out.append(Mark(f"t{i}", "technique", t.start, t.end, pretty(t.technique), detail,
                        f"fam-{slug(family)}", t.score))
    for i, q in enumerate(article.quotes):
        who = q.speaker or "unknown speaker"
        cue = f", cue \u201c{q.cue}\u201d" if q.cue else ""
        via = f", named by the alias table from \u201c{q.speaker_alias.evidence}\u201d" if q.speaker_alias else ""
        parts = [(p.start, p.end) for p in q.parts if q.start <= p.start < p.end <= q.end]
        quoted = f", {len(parts)} quoted part{'s' if len(parts) > 1 else ''} marked" if parts else ""
        out.append(Mark(f"q{i}", "quote", q.start, q.end, f"Quote: {who}",
                        f"{q.kind.capitalize()} quote by {who}{cue}{via}{quoted}", f"quote quote-{slug(q.kind)}",
                        parts=parts))
    for i, c in enumerate(article.claims):
        kinds = ", ".join(c.kinds) or "claim"
        src = f", source {c.source}" if c.source else ""
        out.append(Mark(f"c{i}", "claim", c.start, c.end, "Claim", f"Check-worthy claim ({kinds}{src}, score "
                        f"{c.score:.2f})", "claim", c.score))
    return [m for m in out if 0 <= m.start < m.end <= n]


def paragraphs(article: Article, marks: list[Mark] | None = None) -> list[Paragraph]:
    """The non-empty lines of the text, each split into segments carrying the marks that cover them."""
    text = article.text
    marks = marks_of(article) if marks is None else marks
    cuts = {0, len(text)}
    for m in marks:
        cuts.update((m.start, m.end))
        for ps, pe in m.parts:
            cuts.update((ps, pe))
    pos = text.find("\n")
    while pos != -1:
        cuts.update((pos, pos + 1))
        pos = text.find("\n", pos + 1)
    bounds = sorted(cuts)
    rank = {id(m): i for i, m in enumerate(marks)}  # keeps techniques, then quotes, then claims in each segment
    by_start = sorted(marks, key=lambda m: m.start)
    active: list[Mark] = []
    k = 0
    out: list[Paragraph] = []
    current: list[Segment] = []
    line = 1
    for a, b in zip(bounds, bounds[1:], strict=False):
        while k < len(by_start) and by_start[k].start <= a:
            active.append(by_start[k])
            k += 1
        active = [m for m in active if m.end > a]
        piece = text[a:b]
        if piece == "\n":
            if any(s.text.strip() for s in current):
                out.append(Paragraph(line, current))
            current, line = [], line + 1
            continue
        covering = sorted((m for m in active if m.start <= a and m.end >= b), key=lambda m: rank[id(m)])
        part = any(ps <= a and b <= pe for m in covering for ps, pe in m.parts)
        current.append(Segment(piece, covering, part))
    if any(s.text.strip() for s in current):
        out.append(Paragraph(line, current))
    labels = paragraph_labels(article)
    starts = {n: span.start for n, span in article.paragraphs()}
    for p in out:
        p.labels = labels.get(p.line, [])
        p.start = starts.get(p.line, 0)
    return out


def quote_pieces(q: Quote) -> list[Piece]:
    """A quote's text cut at its quoted parts (`Quote.parts`), for the quote list; the template escapes each."""
    out: list[Piece] = []
    pos = q.start
    for p in sorted(q.parts, key=lambda p: p.start):
        if not q.start <= p.start < p.end <= q.end or p.start < pos:
            continue  # a part outside the quote (or overlapping the previous one) is not drawn
        if p.start > pos:
            out.append(Piece(q.text[pos - q.start:p.start - q.start]))
        out.append(Piece(q.text[p.start - q.start:p.end - q.start], True))
        pos = p.end
    if pos < q.end or not out:
        out.append(Piece(q.text[pos - q.start:]))
    return out
