"""Techniques stage: SemEval-2023 persuasion techniques per paragraph, with character spans and explanations."""

from __future__ import annotations

from presswatch.article import Article, Quote, Technique
from presswatch.stages import attribution
from presswatch.taxonomy import explanations, semeval_language


def run(article: Article) -> None:
    """Fill `article.paragraph_techniques` (every paragraph, possibly empty) and `article.techniques` (spans).
    Articles in a language the model was not trained on get empty lists rather than guesses."""
    from presswatch.models.encoder import document_embeddings
    from presswatch.models.techniques.model import load_technique_model

    model = load_technique_model()
    paras = article.paragraphs()
    texts = [article.text[s.start:s.end] for _, s in paras]
    lang = semeval_language(article.metadata.language)
    if lang not in model.languages:
        texts = []
        paras = []
    # MiniLM on every paragraph only for the languages whose head reads it; USE alone for the others
    embeddings = document_embeddings(article, None if model.reads_minilm(lang) else 0) if texts else None
    found = model.predict_paragraphs(texts, embeddings, lang=lang)
    article.paragraph_techniques = [
        {"paragraph": n, "techniques": [{"technique": t, "score": s} for t, s in hits]}
        for (n, _), hits in zip(paras, found, strict=True)
    ]
    notes = explanations()
    spans = model.predict_spans(article, found, lambda stretches: verbs_with_objects(article, stretches))
    for t in spans:
        t.explanation = notes.get(t.technique, "")
    if "quotes" in article.stages:
        spans = attribute_voice(spans, article.quotes, article.text)
    article.techniques = sorted(spans, key=lambda t: (t.start, t.end, t.technique))


def verbs_with_objects(article: Article, stretches: list[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """(start, end, object start, object end) in `article.text` of the verbs governing a direct object in the
    sentences overlapping any of the (start, end) `stretches` (`literal.py`'s verb-object rule, for the languages it
    lists): the linguistics stage's parse where it made one, else those sentences parsed now (at once), once per
    article."""
    from presswatch.models.techniques.literal import literal_senses
    from presswatch.stages import linguistics

    senses, lang = literal_senses(), article.metadata.language
    if not senses.parses(lang):
        return []
    known: dict[int, list[tuple[int, int, int, int]]] = article._cache.setdefault("object_verbs", {})
    sents = [s for s in linguistics.sentences_of(article)
             if any(s.start_char < end and s.end_char > start for start, end in stretches)]
    parsed = {p.offset: p for p in article._cache.get("parses") or ()}
    todo = [s for s in sents if s.start_char not in known and s.start_char not in parsed]
    for p in [*(parsed[s.start_char] for s in sents if s.start_char in parsed and s.start_char not in known),
              *linguistics.parse_sentences(todo)]:
        known[p.offset] = senses.verbs_with_objects(p.doc, lang, p.offset)
    return [v for s in sents for v in known[s.start_char]]


def attribute_voice(techniques: list[Technique], quotes: list[Quote], text: str | None = None) -> list[Technique]:
    """Set each technique's `voice` and `speaker` from the quote holding most of its span (at least half of it):
    persuasion in a politician's quoted words is the politician's, not the outlet's. With the article `text`, a
    quote's attribution ('написал Клишас') counts as the quote's (`attribution.whose`: "reported" where the
    attribution holds more of the span than the quote's words), spans of nothing but cue and speaker words are
    dropped (they are no evidence) and attribution words at a span's edges cut off it. Returns the techniques
    kept."""
    all_turns = attribution.turns(text, quotes) if text is not None else \
        [attribution.Turn(q, (q.start, q.end)) for q in quotes]
    kept = []
    for t in techniques:
        if text is not None and attribution.only_cue_words(text, t.start, t.end, all_turns):
            continue
        if text is not None:  # 'заявив, что денацификация идет': the cue is no part of the evidence
            t.start, t.end = attribution.trim(text, t.start, t.end, all_turns)
            t.text = text[t.start:t.end]
        turn, own = attribution.whose(t.start, t.end, all_turns)
        if turn is not None:
            t.voice = "quoted" if own and turn.quote.kind == "direct" else "reported"
            t.speaker = turn.quote.speaker
        else:
            t.voice, t.speaker = "author", None
        kept.append(t)
    return kept
