"""The English quote finder's lookups over one article: tokens by offset, entity mentions, parsed sentences and
cues (`Context`), and the speaker phrase a rule finds (`Speaker`)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from presswatch.article import Article, Entity, Mention
from presswatch.stages.english import speech_frames
from presswatch.stages.linguistics import NOUNY, ParsedSentence, parsed_sentences, speech_verbs

POSSESSIVES = {"his": "he", "her": "she", "its": "it", "their": "they"}  # "his claim that …": he claims

_ABBREVIATION = re.compile(r"(?<![\w.])[A-Z][a-z]{0,3}\.$")  # a sentence "ending" in "Maj.", "Sept.", "Dr."

@dataclass
class Speaker:
    """Who a quote is attributed to: a token span of the article's Doc and the entity it names, if any."""

    start: int
    end: int
    entity: Entity | None
    pronoun: bool = False
    heads: tuple[int, ...] = ()  # tokens of the phrase's head word (and its apposition), if the parse knows them
    also: tuple[int, ...] = ()  # heads of the words joined to it by "and" ("Nancy Pelosi and Chuck Schumer")

class Context:
    """Lookups over one article: tokens by offset, entity mentions, parsed sentences."""

    def __init__(self, article: Article, doc: Doc) -> None:
        self.article = article
        self.doc = doc
        self.tok_starts = doc.to_array([IDX]).reshape(-1).tolist()
        ments = sorted(((m.start, m.end, e) for e in article.entities for m in e.mentions), key=lambda x: x[0])
        self.ment_starts = [m[0] for m in ments]
        self.ments = ments
        self.parsed: dict[int, tuple[ParsedSentence, int]] = {}
        for ps in parsed_sentences(article):
            for i in range(len(ps.doc)):
                self.parsed[ps.start + i] = (ps, i)
        self.cues = speech_verbs()
        # names NER missed at one place but found at another: aliases, and persons' surnames when unique
        surnames: dict[str, set[str]] = {}
        for ent in article.entities:
            if ent.label == "PERSON":
                surnames.setdefault(ent.name.split()[-1], set()).add(ent.name)
        self.by_text = {k: next(iter(v)) for k, v in surnames.items() if len(v) == 1}
        for ent in article.entities:
            for alias in (ent.name, *ent.aliases):
                self.by_text.setdefault(alias, ent.name)
        self.para_starts = [s.start for _, s in article.paragraphs()]
        self.quoted: list[tuple[int, int]] = []  # the direct quotes' spans, once found
        self.cited: list[tuple[int, int]] = []  # quoted headlines of other articles ('“…,” by Joshua Gill, …')
        self._sentences: list[tuple[int, int]] | None = None

    def narrative_sentences(self) -> list[tuple[int, int]]:
        """(start, end) of the article's sentences, rejoined where the splitter cut after a title or month
        abbreviation ("support for Maj. | Nidal Hasan", "on Sept. | 23")."""
        if self._sentences is None:
            self._sentences = []
            for sp in self.article.sentences:
                prev = self._sentences[-1] if self._sentences else None
                if prev is not None and _ABBREVIATION.search(self.article.text, prev[0], prev[1]) and \
                        self.article.text[prev[1]:sp.start].strip() == "":
                    self._sentences[-1] = (prev[0], sp.end)
                else:
                    self._sentences.append((sp.start, sp.end))
        return self._sentences

    def token_at(self, offset: int) -> int:
        """Index of the token that holds character `offset` (or the next one)."""
        i = bisect_right(self.tok_starts, offset) - 1
        if i >= 0 and offset < self.tok_starts[i] + len(self.doc[i]):
            return i
        return i + 1

    def paragraph(self, offset: int) -> int:
        return bisect_right(self.para_starts, offset)

    def parsed_token(self, i: int) -> Token | None:
        hit = self.parsed.get(i)
        return hit[0].doc[hit[1]] if hit else None

    def is_cue(self, i: int) -> bool:
        tok = self.doc[i]
        if tok.lower_ not in self.cues:
            return speech_frames.particle_at(self.doc, i)  # '“…,” he pointed out.'
        if i and self.doc[i - 1].lower_ in {"that", "having"} and i + 1 < len(self.doc) and self.doc[i + 1].text == ",":
            return False  # "That said, ..." is no speech
        parsed = self.parsed_token(i)
        if parsed is None:
            return tok.lower_ not in NOUNY
        if tok.lower_ not in NOUNY and self._ends_clause(i):
            return True  # 'The post read: "..."', '"...," the statement read.': the parse often calls it a noun
        return parsed.tag_.startswith("VB") and parsed.dep_ not in {"amod", "compound"}

    def _ends_clause(self, i: int) -> bool:
        j = i + 1
        while j < len(self.doc) and self.doc[j].is_space and "\n" not in self.doc[j].text:
            j += 1
        return j < len(self.doc) and self.doc[j].text in {":", "."}

    def governing_cue(self, open_: int, close: int) -> int | None:
        """A speech verb outside the quote that the quote hangs under ("X said the plan was "a disaster for all"")."""
        i = self.token_at(open_ + 1)
        hit = self.parsed.get(i)
        if hit is None:
            return None
        ps, _ = hit
        tok = self.parsed_token(i)
        for _ in range(8):
            if tok is None or tok.head is tok:
                return None
            tok = tok.head
            j = ps.start + tok.i
            if self.is_cue(j) and not open_ <= self.doc[j].idx < close:
                return j
        return None

    def colon_verb(self, open_: int) -> int | None:
        """The verb that a colon right before a quote hangs on ("Erdogan exploded: "...""), from the parse."""
        i = self.token_at(open_) - 1
        while i >= 0 and self.doc[i].is_space:
            i -= 1
        colon = self.parsed_token(i) if i >= 0 and self.doc[i].text == ":" else None
        if colon is None:
            return None
        verb = colon.head
        if not verb.tag_.startswith("VB") or verb.i > colon.i:
            return None
        return self.parsed[i][0].start + verb.i

    def entity_in(self, start: int, end: int, heads: tuple[int, ...] = ()) -> tuple[Entity, Mention] | None:
        """The entity mention inside character range [start, end); persons and the head's mention first."""
        hits = []
        for s, e, ent in self.mentions(start - 1, end):
            if e > start:
                m = next(m for m in ent.mentions if m.start == s)
                has_head = any(s <= h < e for h in heads)
                hits.append((not has_head, ent.label != "PERSON", -(e - s), s, ent, m))
        if not hits or (heads and all(h[0] for h in hits)):
            return None  # "a Chilean judge": the phrase is not named by its modifier
        best = min(hits, key=lambda h: h[:4])
        return best[4], best[5]

    def mention_starting(self, i: int) -> int | None:
        """End token (exclusive) of an entity mention that starts at token i."""
        hit = self.mention_at(self.doc[i].idx)
        return None if hit is None else self.token_at(hit[1] - 1) + 1

    def mentions(self, lo: int = 0, hi: int | None = None) -> list[tuple[int, int, Entity]]:
        """(start, end, entity) of the entity mentions that start in character range [lo, hi), in order."""
        j = bisect_left(self.ment_starts, lo)
        k = len(self.ments) if hi is None else bisect_left(self.ment_starts, hi)
        return self.ments[j:k]

    def mention_at(self, offset: int) -> tuple[int, int, Entity] | None:
        """The (first) entity mention that starts at character `offset`."""
        j = bisect_left(self.ment_starts, offset)
        return self.ments[j] if j < len(self.ments) and self.ments[j][0] == offset else None

def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)
