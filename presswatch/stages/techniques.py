"""Techniques stage: SemEval-2023 persuasion techniques per paragraph, with character spans and explanations."""

from __future__ import annotations

from presswatch.article import Article, Quote, Technique
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
    found = model.predict_paragraphs(texts, document_embeddings(article) if texts else None, lang=lang)
    article.paragraph_techniques = [
        {"paragraph": n, "techniques": [{"technique": t, "score": s} for t, s in hits]}
        for (n, _), hits in zip(paras, found, strict=True)
    ]
    notes = explanations()
    spans = model.predict_spans(article, found)
    for t in spans:
        t.explanation = notes.get(t.technique, "")
    if "quotes" in article.stages:
        attribute_voice(spans, article.quotes)
    article.techniques = sorted(spans, key=lambda t: (t.start, t.end, t.technique))


def attribute_voice(techniques: list[Technique], quotes: list[Quote]) -> None:
    """Set each technique's `voice` and `speaker` from the quote holding most of its span (at least half of it):
    persuasion in a politician's quoted words is the politician's, not the outlet's."""
    for t in techniques:
        best, overlap = None, 0
        for q in quotes:
            o = min(t.end, q.end) - max(t.start, q.start)
            if o > overlap:
                best, overlap = q, o
        if best is not None and 2 * overlap >= t.end - t.start:
            t.voice = "quoted" if best.kind == "direct" else "reported"
            t.speaker = best.speaker
        else:
            t.voice, t.speaker = "author", None
