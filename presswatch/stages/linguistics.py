"""Sentences and named-entity mentions, by the analysers of the article's language (`analysers`); the English
dependency parse only where speech may be reported.

The parser is the costly part of spaCy, and only the English quotes rules need it, so it runs on just the
sentences that hold a speech verb or a quotation mark (`parsed_sentences`); other languages get none.
Sentences never cross a line (paragraph). `article.analysers` says what ran.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.ma  # noqa: F401  numpy >= 2.4 imports it lazily on the first np.isin/np.unique: load it with the module, outside the document caps
import spacy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LOWER, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.strings import StringStore
from spacy.tokens import Doc, Span

from presswatch.article import Article, Mention
from presswatch.article import Span as TextSpan
from presswatch.config import SETTINGS
from presswatch.errors import ModelError
from presswatch.limits import outside_caps
from presswatch.stages import analysers, ner_names, surname_mentions
from presswatch.stages.lexicon import DATA, frames, speech_verbs
from presswatch.stages.speech_rules import speaker_names

QUOTE_CHARS = frozenset('"“„«')  # marks that open a quote
# speech-verb forms that are more often nouns ("the report", "state media")
NOUNY = frozenset({"state", "states", "report", "reports", "claim", "claims", "comment", "comments", "tweet", "tweets",
                   "answer", "answers", "estimate", "estimates", "promise", "promises", "note", "notes", "mention",
                   "mentions", "reply", "replies", "warning", "vow", "vows", "counter", "hint", "hints",
                   "lament", "caution", "boast", "stress", "recall", "concede", "write", "blast", "blasts", "joke",
                   "jokes", "demand", "demands", "pledge", "pledges", "urge", "whisper", "whispers", "scream",
                   "screams", "wonder", "wonders", "remark", "remarks", "chant", "chants", "slams", "proposed"})


@dataclass
class ParsedSentence:
    """A sentence parsed as its own Doc; `offset`/`start` map its characters/tokens back to the article's Doc."""

    offset: int
    start: int
    doc: Doc


@lru_cache(maxsize=1)
@outside_caps
def nlp() -> Language:
    """The spaCy model, loaded once per process; the lemmatizer is not needed (cue forms are listed)."""
    try:
        model = analysers.load_spacy(SETTINGS.spacy_model, exclude=["lemmatizer", "attribute_ruler", "senter"])
    except OSError as exc:  # pragma: no cover - depends on the installation
        raise ModelError(f"spaCy model {SETTINGS.spacy_model!r} cannot be loaded: {exc}") from exc
    # 'said:“We’re pleased …': a colon run into an opening quotation mark (crawled text) is a token of its own
    infixes = [*model.Defaults.infixes, r"(?<=\w):(?=[“\"‘«])", r"(?<=\w:)[“\"‘«]"]
    model.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    model("Warm up, the minister said.")  # BLIS allocates its buffers now, outside any document's memory cap
    return model


@lru_cache(maxsize=1)
def quote_cues() -> tuple[frozenset[str], int, tuple[str, ...]]:
    """(naming verbs, words allowed between one and its quote, statement phrases) from data/quote_cues_en.json."""
    d = json.loads((DATA / "quote_cues_en.json").read_text(encoding="utf-8"))
    return frozenset(d["naming"]), int(d["naming_words"]), tuple(d["statement"])


CHUNK_CHARS = 100_000  # spaCy refuses texts over 1,000,000 characters; chunks keep NER memory small
_NEWLINE = re.compile("\n")


def make_doc(text: str, lang: str | None = None) -> Doc:
    """Tokens, sentence starts (punctuation rules, and every line starts one) and NER for `text` in `lang`.

    Texts longer than `CHUNK_CHARS` are processed in chunks of whole lines and joined back into one Doc, so
    spaCy's length limit and memory stay bounded; sentences and entities never cross a line anyway.
    """
    if analysers.family(lang) != "en":
        return _foreign_doc(text, lang)
    model = nlp()
    ner = model.get_pipe("ner")
    if len(text) <= CHUNK_CHARS:
        return ner(_segment(model.make_doc(text)))
    docs = list(ner.pipe((_segment(model.make_doc(c)) for c in _chunks(text)), batch_size=4))
    return Doc.from_docs(docs, ensure_whitespace=False)


def _foreign_doc(text: str, lang: str | None) -> Doc:
    """A Doc by the rule tokenizer of `lang`, with the language's NER where one exists (French: spaCy,
    Russian: natasha) and names beside speech cues where the NER has none (every other language: only those)."""
    doc = _segment(analysers.tokenizer(lang).make_doc(text))
    fam = analysers.family(lang)
    spans: list[tuple[int, int, str]] = []
    if fam == "fr":
        spans = ner_names.clean_persons(text, analysers.french_entities(doc), "fr")
    elif fam == "ru":
        spans, doc.user_data["normal"] = analysers.russian_entities(text)
    spans = speaker_names.with_role_names(text, lang, spans)  # "il ministro della Difesa Nobuo Kishi"
    spans += speaker_names.speaker_names(doc, lang, spans)
    if fam == "ru":  # "— сказал РИА Новости Рогов" after "Владимир Рогов": the surname the NER left out
        spans += surname_mentions.russian(text, spans)
    analysers.set_entities(doc, spans)
    return doc


def _chunks(text: str) -> list[str]:
    """`text` cut after line ends into pieces of about `CHUNK_CHARS` (a longer single line is cut at a space)."""
    out: list[str] = []
    start = 0
    while start < len(text):
        end = min(start + CHUNK_CHARS, len(text))
        if end < len(text):
            cut = text.rfind("\n", start, end)
            if cut < start:
                cut = text.rfind(" ", start, end)
            end = cut + 1 if cut >= start else end
        out.append(text[start:end])
        start = end
    return out


def _segment(doc: Doc) -> Doc:
    """Sentence starts by spaCy's Sentencizer rule (vectorised), and the first word of every line starts one.

    Sentencizer rule: a word (not punctuation) starts a sentence when the last non-neutral token before it is
    one of the sentence-final characters; other punctuation (closing quotes, brackets) is neutral.
    """
    n = len(doc)
    if not n:
        return doc
    arr = doc.to_array([ORTH, IS_PUNCT, IDX, IS_SPACE])
    final = np.isin(arr[:, 0].astype(np.uint64), _final_hashes())
    word = ~final & ~arr[:, 1].astype(bool)
    starts = np.zeros(n, dtype=bool)
    marked = np.flatnonzero(final | word)
    if len(marked) > 1:
        prev, cur = marked[:-1], marked[1:]
        starts[cur[final[prev] & word[cur]]] = True
    text = doc.text
    if "\n" in text:
        idx, is_space = arr[:, 2], arr[:, 3].astype(bool)
        for b in np.unique(np.searchsorted(idx, [m.start() for m in _NEWLINE.finditer(text)], side="right") - 1):
            j = int(b) + 1
            while j < n and is_space[j]:
                j += 1
            if j < n:
                starts[j] = True
    starts[0] = True
    doc.from_array([SENT_START], np.where(starts, 1, -1).astype(np.uint64).reshape(-1, 1))
    return doc


@lru_cache(maxsize=1)
def _final_hashes() -> np.ndarray:
    strings = StringStore()  # hashes are the same in every vocabulary
    return np.array([strings.add(c) for c in Sentencizer.default_punct_chars], dtype=np.uint64)


def sentence_spans(doc: Doc) -> list[Span]:
    """Sentences trimmed of surrounding whitespace tokens; empty ones dropped."""
    n = len(doc)
    if not n:
        return []
    arr = doc.to_array([SENT_START, IS_SPACE]).astype(np.int64)
    starts = np.flatnonzero(arr[:, 0] == 1).tolist()
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    is_space = arr[:, 1].astype(bool)
    out: list[Span] = []
    for start, end in zip(starts, starts[1:] + [n], strict=True):
        while start < end and is_space[start]:
            start += 1
        while end > start and is_space[end - 1]:
            end -= 1
        if start < end:
            out.append(doc[start:end])
    return out


def sentences_of(article: Article) -> list[Span]:
    """The article's sentences as spaCy spans (bounds computed once and kept, picklable, in `article._cache`)."""
    doc = article._cache.get("doc")
    if doc is None:
        doc = article._cache["doc"] = make_doc(article.text, article.metadata.language)
        article._cache.pop("sents", None)
    bounds = article._cache.get("sents")
    if bounds is None:
        sents = sentence_spans(doc)
        article._cache["sents"] = [(sp.start, sp.end) for sp in sents]
        return sents
    return [doc[s:e] for s, e in bounds]


@lru_cache(maxsize=1)
def _trigger_hashes() -> tuple[np.ndarray, np.ndarray, int, int, np.ndarray, np.ndarray, np.ndarray, np.ndarray,
                               np.ndarray, np.ndarray, int, list[tuple[np.ndarray, int]]]:
    strings = nlp().vocab.strings
    cues = speech_verbs()
    verbs = np.array([strings.add(f) for f in cues if f not in NOUNY], dtype=np.uint64)
    nouny = np.array([strings.add(f) for f in NOUNY if f in cues], dtype=np.uint64)
    quotes = np.array([strings.add(q) for q in QUOTE_CHARS], dtype=np.uint64)
    naming, _, statement = quote_cues()
    quoting = np.array([strings.add(w) for w in naming | {p.split()[-1] for p in statement}], dtype=np.uint64)
    fr = frames()
    frame_verbs = np.array([strings.add(w) for w in fr.triggers() - fr.nouns - NOUNY], dtype=np.uint64)
    frame_nouns = np.array([strings.add(w) for w in fr.nouns], dtype=np.uint64)
    sources = np.array([strings.add(w) for w in fr.sources], dtype=np.uint64)
    ends = np.array([strings.add(w) for w in (".", ":")], dtype=np.uint64)
    particles = [(np.array([strings.add(v) for v in forms], dtype=np.uint64), strings.add(p))
                 for p, forms in fr.particles.items()]
    return verbs, nouny, strings.add("that"), strings.add(":"), quotes, quoting, frame_verbs, frame_nouns, sources, \
        ends, strings.add("."), particles


@lru_cache(maxsize=1)
def _lower_table() -> dict[int, int]:
    """Lower-case form hash -> bit mask of the trigger sets (`_trigger_hashes`) that hold it: bit 0 verbs, 1 the
    noun-like forms, 2 the quoting words, 3 the frames' verbs, 4 their nouns, 5 sources, 6 + k the forms of the
    k-th particle."""
    verbs, nouny, _, _, _, quoting, frame_verbs, frame_nouns, sources, _, _, particles = _trigger_hashes()
    table: dict[int, int] = {}
    for k, hashes in enumerate([verbs, nouny, quoting, frame_verbs, frame_nouns, sources, *(f for f, _ in particles)]):
        for h in hashes.tolist():
            table[h] = table.get(h, 0) | 1 << k
    return table


def speech_sentences(doc: Doc, sents: list[Span] | None = None) -> list[Span]:
    """Sentences that hold a speech verb (forms that are mostly nouns need a "that" or a full stop after them, verbs
    that need a particle that particle: 'pointed out') or introduce a quote with a colon: the only ones the quotes
    stage needs parsed. Vectorised: this runs on every sentence."""
    sents = sentence_spans(doc) if sents is None else sents
    if not sents:
        return []
    _, _, that, colon, quotes, _, _, _, _, ends, period, particles = _trigger_hashes()  # the rest: `_lower_table`
    arr = doc.to_array([LOWER, ORTH]).astype(np.uint64)
    lower, orth = arr[:, 0], arr[:, 1]
    nxt_lower = np.append(lower[1:], np.uint64(0))
    nxt_orth = np.append(orth[1:], np.uint64(0))
    is_quote = np.isin(orth, quotes)
    # which trigger sets each token's lower-case form is in: one dict lookup a token instead of a np.isin a set
    table = _lower_table()
    codes = np.array([table.get(h, 0) for h in lower.tolist()], dtype=np.int64)

    def member(k: int) -> np.ndarray:
        return (codes & (1 << k)) != 0

    # noun-like forms before "that" or ending the sentence ('…, the report notes.')
    hit = member(0) | (member(1) & ((nxt_lower == that) | (nxt_orth == period)))
    for k, (_, particle) in enumerate(particles):  # 'pointed out'
        hit |= member(6 + k) & (nxt_lower == particle)
    hit |= (orth == colon) & np.isin(nxt_orth, quotes)
    hit |= member(3)  # 'accused Kyiv of …' (speech_frames)
    hit |= member(5) & np.isin(nxt_orth, ends)  # 'X issued a statement.' before the quote of it
    cum = np.concatenate([[0], np.cumsum(hit)])
    qcum = np.concatenate([[0], np.cumsum(is_quote)])
    ncum = np.concatenate([[0], np.cumsum(member(2))])  # 'called it "..."', 'in a statement'
    fcum = np.concatenate([[0], np.cumsum(member(4))])  # "Peskov's warning that …"
    tcum = np.concatenate([[0], np.cumsum(lower == that)])
    return [s for s in sents if cum[s.end] > cum[s.start] or (ncum[s.end] > ncum[s.start] and
                                                               qcum[s.end] > qcum[s.start])
            or (fcum[s.end] > fcum[s.start] and tcum[s.end] > tcum[s.start])]


def parse_sentences(sents: list[Span]) -> list[ParsedSentence]:
    """Tagger and parser over the given sentences, each as its own small Doc (batched)."""
    if not sents:
        return []
    model = nlp()
    strings = model.vocab.strings
    arrays: dict[int, np.ndarray] = {}  # the sentences may come from several Docs (run_many)
    docs = []
    for s in sents:
        arr = arrays.get(id(s.doc))
        if arr is None:
            arr = arrays[id(s.doc)] = s.doc.to_array([ORTH, SPACY])
        words = _headline_case([strings[h] for h in arr[s.start:s.end, 0].tolist()], s)
        spaces = arr[s.start:s.end, 1].astype(bool).tolist()
        docs.append(Doc(model.vocab, words=words, spaces=spaces, sent_starts=[True] + [False] * (len(words) - 1)))
    for name in ("tok2vec", "tagger", "parser"):
        docs = list(model.get_pipe(name).pipe(docs, batch_size=64))
    return [ParsedSentence(s.start_char, s.start, d) for s, d in zip(sents, docs, strict=True)]


HEADLINE_SHARE = 0.6  # share of capitalised words that makes a sentence Headline Case


def _headline_case(words: list[str], sent: Span) -> list[str]:
    """A Headline Case sentence ("Lavrov Accuses Kyiv Of Shelling …") with its words lower-cased, but the first
    and the named entities, for the parser (which reads "Accuses" as a name); same lengths, so offsets hold."""
    alpha = [w for w in words if w[:1].isalpha()]
    if len(alpha) < 4 or sum(w[:1].isupper() for w in alpha) < HEADLINE_SHARE * len(alpha):
        return words
    named = {t.i - sent.start for e in sent.ents for t in e}
    return [w.lower() if i and i not in named and len(w.lower()) == len(w) else w for i, w in enumerate(words)]


def parsed_sentences(article: Article) -> list[ParsedSentence]:
    """The parsed candidate sentences of an article (made by `run`, parsed on first use)."""
    parsed = article._cache.get("parses")
    if parsed is None and analysers.family(article.metadata.language) != "en":
        parsed = article._cache["parses"] = []  # the English parse rules never see other languages
    if parsed is None:
        sents = sentences_of(article)
        parsed = parse_sentences(speech_sentences(article._cache["doc"], sents))
        article._cache["parses"] = parsed
    return parsed  # type: ignore[no-any-return]


def run(article: Article) -> None:
    """Fill `sentences`, raw NER `mentions` and `analysers`; keep the spaCy Doc in `article._cache["doc"]`."""
    _fill(article, make_doc(article.text, article.metadata.language))


def run_many(articles: Sequence[Article], batch_size: int = 32) -> None:
    """`run` over many articles with batched English NER and parsing (the same result, less overhead)."""
    for article in articles:
        if analysers.family(article.metadata.language) != "en":
            run(article)
    articles = [a for a in articles if analysers.family(a.metadata.language) == "en"]
    if not articles:
        return
    model = nlp()
    short = [a for a in articles if len(a.text) <= CHUNK_CHARS]
    docs = model.get_pipe("ner").pipe((_segment(model.make_doc(a.text)) for a in short), batch_size=batch_size)
    for article, doc in zip(short, docs, strict=True):
        _fill(article, doc)
    for article in articles:
        if len(article.text) > CHUNK_CHARS:
            _fill(article, make_doc(article.text))
    wanted = [speech_sentences(a._cache["doc"], sentences_of(a)) for a in articles]
    parsed = iter(parse_sentences([s for sents in wanted for s in sents]))
    for article, sents in zip(articles, wanted, strict=True):
        article._cache["parses"] = [next(parsed) for _ in sents]


def _fill(article: Article, doc: Doc) -> None:
    article._cache.pop("parses", None)
    article._cache["doc"] = doc
    article.analysers = analysers.describe(article.metadata.language)
    sents = sentence_spans(doc)
    article._cache["sents"] = [(sp.start, sp.end) for sp in sents]
    article.sentences = [TextSpan(s.start_char, s.end_char) for s in sents]
    article.mentions = [
        Mention(e.text, e.start_char, e.end_char, e.label_) for e in doc.ents if not e.text.isspace()
    ]
