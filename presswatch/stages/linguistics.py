"""Sentences and named-entity mentions with spaCy; the dependency parse only where speech may be reported.

The parser is the costly part of spaCy, and only the quotes stage needs it, so it runs on just the sentences
that hold a speech verb or a quotation mark (`parsed_sentences`). Sentences never cross a line (paragraph).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span

from presswatch.article import Article, Mention
from presswatch.article import Span as TextSpan
from presswatch.config import SETTINGS
from presswatch.errors import ModelError

DATA = Path(__file__).resolve().parent / "data"
QUOTE_CHARS = frozenset('"“„«')
# speech-verb forms that are more often nouns ("the report", "state media")
NOUNY = frozenset({"state", "states", "report", "reports", "claim", "claims", "comment", "comments", "tweet", "tweets",
                   "answer", "answers", "estimate", "estimates", "promise", "promises", "note", "notes", "mention",
                   "mentions", "reply", "replies", "warning", "vow", "vows", "counter", "hint", "hints",
                   "lament", "caution", "boast", "stress", "recall", "concede", "write"})


@dataclass
class ParsedSentence:
    """A sentence parsed as its own Doc; `offset`/`start` map its characters/tokens back to the article's Doc."""

    offset: int
    start: int
    doc: Doc


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The spaCy model, loaded once per process; the lemmatizer is not needed (cue forms are listed)."""
    try:
        return spacy.load(SETTINGS.spacy_model, exclude=["lemmatizer", "attribute_ruler", "senter"])
    except OSError as exc:  # pragma: no cover - depends on the installation
        raise ModelError(f"spaCy model {SETTINGS.spacy_model!r} cannot be loaded: {exc}") from exc


@lru_cache(maxsize=1)
def speech_verbs() -> dict[str, str]:
    """Every listed inflected form of a speech verb -> its lemma (from data/speech_verbs.json)."""
    table: dict[str, list[str]] = json.loads((DATA / "speech_verbs.json").read_text(encoding="utf-8"))
    return {form: lemma for lemma, forms in table.items() for form in (lemma, *forms)}


_sentencizer = Sentencizer()


def make_doc(text: str) -> Doc:
    """Tokens, sentence starts (punctuation rules, and every line starts one) and NER for `text`."""
    model = nlp()
    doc = _sentencizer(model.make_doc(text))
    after_break = False
    for token in doc:
        if after_break and not token.is_space:
            token.is_sent_start = True
            after_break = False
        elif "\n" in token.text_with_ws:
            after_break = True
    return model.get_pipe("ner")(doc)


def sentence_spans(doc: Doc) -> list[Span]:
    """Sentences trimmed of surrounding whitespace tokens; empty ones dropped."""
    out: list[Span] = []
    for sent in doc.sents:
        start, end = sent.start, sent.end
        while start < end and doc[start].is_space:
            start += 1
        while end > start and doc[end - 1].is_space:
            end -= 1
        if start < end:
            out.append(doc[start:end])
    return out


def _wants_parse(sent: Span, cues: dict[str, str]) -> bool:
    """Parse a sentence only if it holds a speech verb (forms that are mostly nouns need a "that" after them)
    or introduces a quote with a colon."""
    doc = sent.doc
    for t in sent:
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if t.lower_ in cues and (t.lower_ not in NOUNY or (nxt is not None and nxt.lower_ == "that")):
            return True
        if t.text == ":" and nxt is not None and nxt.text in QUOTE_CHARS:  # "Erdogan exploded: "...""
            return True
    return False


def parse_sentences(sents: list[Span]) -> list[ParsedSentence]:
    """Tagger and parser over the given sentences, each as its own small Doc (batched)."""
    model = nlp()
    docs = [s.as_doc() for s in sents]
    for name in ("tok2vec", "tagger", "parser"):
        docs = list(model.get_pipe(name).pipe(docs, batch_size=64))
    return [ParsedSentence(s.start_char, s.start, d) for s, d in zip(sents, docs, strict=True)]


def parsed_sentences(article: Article) -> list[ParsedSentence]:
    """The parsed candidate sentences of an article (made by `run`, parsed on first use)."""
    parsed = article._cache.get("parses")
    if parsed is None:
        doc = article._cache.get("doc") or make_doc(article.text)
        cues = speech_verbs()
        parsed = parse_sentences([s for s in sentence_spans(doc) if _wants_parse(s, cues)])
        article._cache["parses"] = parsed
    return parsed  # type: ignore[no-any-return]


def run(article: Article) -> None:
    """Fill `sentences` and raw NER `mentions`; keep the spaCy Doc in `article._cache["doc"]`."""
    doc = make_doc(article.text)
    article._cache["doc"] = doc
    article.sentences = [TextSpan(s.start_char, s.end_char) for s in sentence_spans(doc)]
    article.mentions = [
        Mention(e.text, e.start_char, e.end_char, e.label_) for e in doc.ents if not e.text.isspace()
    ]
