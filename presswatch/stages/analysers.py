"""Which analysers run for an article's language, each loaded only when an article of that language arrives.

English: spaCy en_core_web_sm (tokens, NER, a parse of speech sentences). French: spaCy fr_core_news_sm (NER).
Russian: spaCy's rule tokenizer for Russian and natasha's news NER, names put in the nominative with pymorphy2
(natasha's dictionaries). Every other language: spaCy's rule tokenizer for it, and names found beside speech cues
(`presswatch.stages.speech_rules`), never a model trained on another language. No text (None) is English.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import get_lang_class

from presswatch.errors import ModelError
from presswatch.limits import outside_caps

FRENCH_MODEL = "fr_core_news_sm"
# what each analyser family runs, as the Article JSON and the article page report it
DESCRIPTIONS: dict[str, dict[str, str]] = {
    "en": {"tokens": "spaCy en_core_web_sm", "entities": "spaCy en_core_web_sm NER",
           "quotes": "English rules over the spaCy dependency parse"},
    "fr": {"tokens": "spaCy French rules", "entities": "spaCy fr_core_news_sm NER",
           "quotes": "quotation and cue-verb rules (fr)"},
    "ru": {"tokens": "spaCy Russian rules", "entities": "natasha 1.6.0 news NER, pymorphy2 nominative names",
           "quotes": "quotation and cue-verb rules (ru)"},
}
FRENCH_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}  # MISC is left out: mostly not a name
NATASHA_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}


def family(lang: str | None) -> str:
    """"en", "fr", "ru" (a trained model) or "rules" for the article language `lang`."""
    if lang in (None, "en", "fr", "ru"):
        return lang or "en"
    return "rules"


def describe(lang: str | None) -> dict[str, str]:
    """{"language", "tokens", "entities", "quotes"}: the analysers that ran for `lang`."""
    fam = family(lang)
    out = {"language": lang or "en"}
    out.update(DESCRIPTIONS.get(fam) or {
        "tokens": f"spaCy {_rule_lang(lang)} rules", "entities": f"names beside speech cues ({lang})",
        "quotes": f"quotation and cue-verb rules ({lang})"})
    return out


def _rule_lang(lang: str | None) -> str:
    try:
        get_lang_class(lang or "xx")
        return lang or "xx"
    except ImportError:
        return "xx"


def load_spacy(name: str, exclude: list[str]) -> Language:
    """`spacy.load(name, exclude=...)` with the models' matrix products done by numpy (OpenBLAS), not BLIS.

    thinc sends a model's matrix products to BLIS by default; the BLIS wheel here (blis 1.3.4) has kernels for
    Intel and for AMD up to Zen 2 only, so on a Zen 3 or later CPU it runs its generic reference code, 3-4x slower
    than numpy's OpenBLAS on the same products. The transition loop of NER and the parser keeps BLIS (spaCy calls it
    from C). Entities, tags and parses are the same as with BLIS on every English and French training article."""
    from thinc.api import use_ops

    with use_ops("numpy", use_blis=False):
        return spacy.load(name, exclude=exclude)


@cache
def tokenizer(lang: str | None) -> Language:
    """spaCy's blank pipeline (rule tokenizer only) for `lang`, or the multi-language one."""
    return spacy.blank(_rule_lang(lang))


@lru_cache(maxsize=1)
@outside_caps
def french() -> Language:
    try:
        model = load_spacy(FRENCH_MODEL, exclude=["tok2vec", "morphologizer", "parser", "attribute_ruler",
                                                  "lemmatizer"])
    except OSError as exc:  # pragma: no cover - depends on the installation
        raise ModelError(f"spaCy model {FRENCH_MODEL!r} cannot be loaded: {exc}") from exc
    model("Le ministre a parlé.")  # BLIS allocates its buffers now, outside any document's memory cap
    return model


@lru_cache(maxsize=1)
@outside_caps
def natasha() -> tuple[Any, Any, Any]:
    """(segmenter, NER tagger, morphology) of natasha, loaded once."""
    try:
        import pymorphy2_dicts_ru
        from natasha import NewsEmbedding, NewsNERTagger, Segmenter  # importing natasha (yargy) fixes pymorphy2
        from pymorphy2 import MorphAnalyzer  # for Python 3.11 (inspect.getargspec is gone)
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ModelError(f"natasha cannot be loaded: {exc}") from exc
    # the dictionary by path: pymorphy2's own lookup needs pkg_resources, which setuptools no longer ships
    return Segmenter(), NewsNERTagger(NewsEmbedding()), MorphAnalyzer(path=pymorphy2_dicts_ru.get_path())


def set_entities(doc: Doc, spans: list[tuple[int, int, str]]) -> None:
    """Character spans as the Doc's entities (snapped outwards to tokens; overlaps dropped, first wins)."""
    ents: list[Span] = []
    used: set[int] = set()
    for s, e, label in sorted(spans):
        sp = doc.char_span(s, e, label=label, alignment_mode="expand")
        if sp is None or used.intersection(range(sp.start, sp.end)):
            continue
        used.update(range(sp.start, sp.end))
        ents.append(sp)
    doc.set_ents(ents, default="outside")


def french_entities(doc: Doc) -> list[tuple[int, int, str]]:
    """fr_core_news_sm NER over `doc`'s text, as character spans with presswatch labels."""
    model = french()
    out = model.get_pipe("ner")(model.make_doc(doc.text))
    spans = []
    for e in out.ents:
        if e.label_ not in FRENCH_LABELS:
            continue
        end = e.end
        while end > e.start + 1 and e.doc[end - 1].text[:1].islower():  # "Kiev jusqu’", "Matteo Salvini qu’"
            end -= 1
        spans.append((e.start_char, e.doc[end - 1].idx + len(e.doc[end - 1]), FRENCH_LABELS[e.label_]))
    return spans


def russian_entities(text: str) -> tuple[list[tuple[int, int, str]], dict[tuple[int, int], str]]:
    """natasha news NER over `text`: character spans and, for persons and one-word names, the nominative."""
    from natasha import Doc as NatashaDoc

    segmenter, ner, morph = natasha()
    nd = NatashaDoc(text)
    nd.segment(segmenter)
    nd.tag_ner(ner)
    spans, normal = [], {}
    for sp in nd.spans:
        label = NATASHA_LABELS.get(sp.type)
        if label is None:
            continue
        if label == "PERSON" and common_noun(sp.text, morph):
            continue  # "Патриарх", "Святейший", "Центра": a word of the language, not a name
        spans.append((sp.start, sp.stop, label))
        if label == "PERSON" or " " not in sp.text:  # "Украины" -> "Украина"; "Службы безопасности" stays
            normal[(sp.start, sp.stop)] = nominative(text[sp.start:sp.stop], morph, person=label == "PERSON")
    return spans, normal


_NAME_TAGS = ("Name", "Surn", "Patr")


def common_noun(text: str, morph: Any) -> bool:
    """A one-word "person" that the dictionary knows only as a common word (no first name, surname or patronymic
    reading)."""
    if " " in text.strip() or not morph.word_is_known(text):
        return False
    return not any(any(t in p.tag for t in _NAME_TAGS) for p in morph.parse(text))


@lru_cache(maxsize=4096)
def subject_form(name: str) -> bool:
    """Whether a Russian person's name as written can be the subject of its clause: its last word has a
    nominative reading, or the dictionary cannot read it ("Байдена" cannot; "Рогов", "Шойгу" can)."""
    word = name.split()[-1] if name.split() else ""
    if not word:
        return False
    parses = [p for p in natasha()[2].parse(word) if p.tag.POS == "NOUN"]
    return not parses or any(p.tag.case == "nomn" for p in parses)


def nominative(name: str, morph: Any, person: bool = False) -> str:
    """A Russian name in the nominative ("Ивана Баканова" -> "Иван Баканов"), case agreeing across words; acronyms
    and lower-case words stay as written. A person's name is read only as one person (singular): the case all its
    words can take with the best total score wins, so a name already in the nominative ("Данила Гуреев") or a foreign
    one the dictionary reads only as a plural ("Титкомб", "Квин") stays as written."""
    words = name.split()
    if person:
        return _person_nominative(words, morph)
    parses = [[p for p in morph.parse(w) if p.tag.POS == "NOUN"] for w in words]
    first = next((ps for ps in parses if ps), [])
    named = [p for p in first if any(t in p.tag for t in _NAME_TAGS)] or first
    if not named:
        return name
    case, gender = named[0].tag.case, named[0].tag.gender
    out = []
    for w, ps in zip(words, parses, strict=True):
        fit = [p for p in ps if p.tag.case == case and (gender is None or "ms-f" in p.tag or p.tag.gender is None
                                                         or p.tag.gender == gender)]
        out.append(_inflected(w, fit, case))
    return " ".join(out)


def _inflected(word: str, fit: list[Any], case: str | None) -> str:
    """`word` in the nominative by its first fitting parse (as written when none fits or it is no name word)."""
    if case == "nomn" or not fit or not word[:1].isupper() or (word.isupper() and len(word) > 1):
        return word
    form = fit[0].inflect({"nomn"})
    out = form.word if form is not None else word
    return out[:1].upper() + out[1:] if not word.isupper() else out.upper()


def _person_nominative(words: list[str], morph: Any) -> str:
    parses = [[p for p in morph.parse(w) if p.tag.POS == "NOUN" and p.tag.number == "sing"] for w in words]
    readable = [ps for w, ps in zip(words, parses, strict=True) if ps and w[:1].isupper() and not w.isupper()]
    best: tuple[float, str, str | None] | None = None
    # in a fixed order: on a tie the first reading wins, and a set's order changes with each process's string hashes
    # ("Саломе Зурабишвили" came out "Салома" or "Салом" run to run)
    for case, gender in sorted({(p.tag.case, p.tag.gender) for ps in readable for p in ps}, key=str):
        total = 0.0
        for ps in readable:
            fit = [p.score for p in ps if p.tag.case == case and _agrees(p, gender)]
            if not fit:
                break
            total += max(fit)
        else:
            total += 1e-6 if case == "nomn" else 0.0  # a tie: the name as written
            if best is None or total > best[0]:
                best = (total, case, gender)
    if best is None:
        return " ".join(words)
    _, case, gender = best
    return " ".join(_inflected(w, sorted((p for p in ps if p.tag.case == case and _agrees(p, gender)),
                                         key=lambda p: -p.score), case) for w, ps in zip(words, parses, strict=True))


def _agrees(parse: Any, gender: str | None) -> bool:
    return gender is None or "ms-f" in parse.tag or parse.tag.gender is None or parse.tag.gender == gender
