"""Literal senses (presswatch/models/techniques/literal.py): what each class of literal-sense words does to the spans
of the span tagger, given the gold paragraph labels and (with --end-to-end) under the technique model's own.

    python bench/literal_study.py [--split newest|lolo|random] [--max-splits N] [--end-to-end CACHE] [--json FILE]
                                  [--stored-offsets] [--aligned-training]
                                  [--parse-cache FILE] [--examples N] [--report FILE]

Per split the span lexicon and the token tagger are fitted on the training side (decoding as shipped); each test
article runs the project's `linguistics` stage (names for the name rule; for English the parse of the sentences
the verb-object rule reads, `stages.techniques.verbs_with_objects`). Rules compared: none (before), each class of
`literal_senses.json` alone (numbers, reporting, domain, verb_object) and combinations; "learnt": the verb-object
rule less the verb forms that the English training side's spans hold with an object outside them at least half of
the time (`literal.loaded_verbs`: "blasted"), learnt per split from its training side only. Reported per rule: character
micro P / R / F1 / F0.5 of the phrase techniques the tagger serves, per language and technique; and what a rule
costs and buys: the share of gold spans of the techniques it covers that it would forbid (all their content words
literal; a gold span holding a verb's object keeps the verb), and of the spans the tagger showed before, how many
false ones (no gold character of their technique) and true ones it removes. CACHE: the paragraph labels of
`bench/technique_scores.py --labels` (or `span_study.py --end-to-end`) for the same split.
Gold spans are the loader's, re-aligned to the text (`semeval.gold_spans`); `--stored-offsets` scores against the
offsets as stored (the figures before session 8), `--aligned-training` fits the span parts on the re-aligned spans
(as `TechniqueConfig.aligned_offsets` does).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.span_study import offset_options  # noqa: E402
from presswatch.article import Article, Metadata  # noqa: E402
from presswatch.config import SETTINGS  # noqa: E402
from presswatch.evaluation.scorers import prf  # noqa: E402
from presswatch.evaluation.semeval import SemEvalArticle, gold_spans, load_language  # noqa: E402
from presswatch.evaluation.splits import make_splits  # noqa: E402
from presswatch.models.techniques.literal import RULES, LiteralSenses, literal_senses, loaded_verbs  # noqa: E402
from presswatch.models.techniques.spans import fit_span_model, tokens  # noqa: E402
from presswatch.models.techniques.tagger import (  # noqa: E402
    NAME_BLIND,
    NAME_LABELS,
    fit_span_tagger,
    name_mask,
    tagged_techniques,
)
from presswatch.models.techniques.training import span_examples  # noqa: E402
from presswatch.stages import linguistics  # noqa: E402
from presswatch.stages.techniques import verbs_with_objects  # noqa: E402
from presswatch.taxonomy import iso_language  # noqa: E402

LANGS = ("en", "fr", "ge", "it", "po", "ru")
VARIANTS: dict[str, tuple[str, ...]] = {
    "none (before)": (),
    "numbers": ("numbers",),
    "reporting": ("reporting",),
    "domain": ("domain",),
    "verb_object": ("verb_object",),
    "numbers+reporting": ("numbers", "reporting"),
    "numbers+reporting+verb_object": ("numbers", "reporting", "verb_object"),
    "all four": ("numbers", "reporting", "domain", "verb_object"),
    "verb_object, loaded verbs learnt": ("verb_object",),
    "numbers+reporting+verb_object, learnt": ("numbers", "reporting", "verb_object"),
}
LEARNT = ("verb_object, loaded verbs learnt", "numbers+reporting+verb_object, learnt")


def paragraph_verbs(a: SemEvalArticle, doc: Article | None, store: dict[str, list]) -> dict[int, list]:
    """{line: verbs with objects (paragraph offsets)} of the paragraphs of `a` labelled with a technique the
    literal senses cover, cached in `store` by article; `doc`: the article after `linguistics`, if at hand."""
    key = f"{a.lang}/{a.id}"
    if key not in store:
        covered = literal_senses().techniques
        wanted = [(n, span) for n, span in Article(text=a.text).paragraphs()
                  if covered & set(a.paragraph_labels.get(n, []))]
        if wanted and doc is None:
            doc = Article(text=a.text, metadata=Metadata(language=iso_language(a.lang)))
            linguistics.run(doc)
        store[key] = {str(n): [[x - span.start for x in v] for v in verbs_with_objects(doc, [(span.start, span.end)])]
                      for n, span in wanted}  # type: ignore[arg-type]
    return {int(n): [tuple(v) for v in vs] for n, vs in store[key].items()}


def learnt_loaded_verbs(train: list[SemEvalArticle], store: dict[str, list]) -> list[str]:
    """`literal.loaded_verbs` over the English training articles' paragraphs labelled with a covered technique."""
    covered = literal_senses().techniques
    rows = []
    for a in train:
        if not literal_senses().parses(a.lang):
            continue
        verbs = paragraph_verbs(a, None, store)
        for n, span in Article(text=a.text).paragraphs():
            for tech in covered & set(a.paragraph_labels.get(n, [])):
                gold = [(max(s, span.start) - span.start, min(e, span.end) - span.start)
                        for t, s, e in a.spans if t == tech and s < span.end and e > span.start]
                rows.append((a.text[span.start:span.end], gold, verbs.get(n, [])))
    return loaded_verbs(rows)


def f_beta(tp: int, fp: int, fn: int, beta: float = 0.5) -> float:
    p, r, _ = prf(tp, fp, fn)
    return (1 + beta ** 2) * p * r / (beta ** 2 * p + r) if p + r else 0.0


def line(c: Counter[str]) -> str:
    p, r, f1 = prf(c["tp"], c["fp"], c["fn"])
    return f"P {p:.3f} R {r:.3f} F1 {f1:.3f} F0.5 {f_beta(c['tp'], c['fp'], c['fn']):.3f}"


class Tally:
    """Character counts and span counts per key ("mode | variant | part")."""

    def __init__(self) -> None:
        self.c: dict[str, Counter[str]] = {}

    def add(self, key: str, **counts: int) -> None:
        self.c.setdefault(key, Counter()).update(counts)


def chars(spans: list[tuple[int, int, float]]) -> set[int]:
    return {i for s, e, _ in spans for i in range(s, e)}


def gold_killed(senses: LiteralSenses, toks: tuple[tuple[int, int, str], ...], lang: str, tech: str,
                span: tuple[int, int], stop: frozenset[str], names: np.ndarray,
                verbs: list[tuple[int, int, int, int]]) -> bool | None:
    """Whether the rule forbids the gold `span` (every content word literal); None if it has no content word."""
    s, e = span
    lit = senses.mask(toks, lang, tech)
    lit = np.zeros(len(toks), bool) if lit is None else lit
    if verbs and senses.parses(lang):
        lit = lit | senses.object_verbs(toks, verbs, s, e, lang)
    inside = [k for k, (ts, te, w) in enumerate(toks) if ts < e and te > s and w not in stop
              and not (tech in NAME_BLIND and names[k])]
    if not inside:
        return None
    return all(lit[k] for k in inside)


def span_cpu(n: int) -> None:
    """CPU ms per article of `TechniqueModel.predict_spans` (the shipped artifact, its own paragraph labels) after
    the quotes stage, with the literal senses (and the parse they read) and without; best of three runs each."""
    from presswatch.api import analyze_text
    from presswatch.models.encoder import document_embeddings
    from presswatch.models.techniques.model import load_technique_model

    model = load_technique_model()
    assert model.tagger is not None
    runs = []
    for a in load_language(SETTINGS.semeval_dir, "en")[:n]:
        art = analyze_text(a.text, stages=["quotes"])
        texts = [art.text[s.start:s.end] for _, s in art.paragraphs()]
        runs.append((art, model.predict_paragraphs(texts, document_embeddings(art), lang="en")))
    tagger = model.tagger
    for on in (False, True, False, True):
        model.tagger = replace(tagger, literal=on)
        best = float("inf")
        for _ in range(3):
            for art, _found in runs:
                art._cache.pop("object_verbs", None)
            t0 = time.process_time()
            spans = sum(len(model.predict_spans(art, found, (lambda st, art=art: verbs_with_objects(art, st))
                                                if on else None)) for art, found in runs)
            best = min(best, time.process_time() - t0)
        print(f"literal senses {'on ' if on else 'off'}: {1000 * best / len(runs):.1f} CPU ms per article "
              f"({len(runs)} articles, {spans} spans)")
    model.tagger = tagger


def write_loaded(parse_cache: Path | None) -> None:
    """The shipped `loaded` verbs of English: `learnt_loaded_verbs` over the whole English training split."""
    store = json.loads(parse_cache.read_text(encoding="utf-8")) if parse_cache and parse_cache.exists() else {}
    learnt = learnt_loaded_verbs(load_language(SETTINGS.semeval_dir, "en"), store)
    if parse_cache:
        parse_cache.write_text(json.dumps(store), encoding="utf-8")
    rules = json.loads(RULES.read_text(encoding="utf-8"))
    rules["verb_object"]["en"]["loaded"] = learnt
    body = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in rules.items())
    RULES.write_text("{\n" + body + "\n}\n", encoding="utf-8")
    print(f"{len(learnt)} loaded English verbs written to {RULES.name}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--split", default="newest", choices=("random", "newest", "lolo"))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--max-splits", type=int, default=0)
    ap.add_argument("--end-to-end", type=Path, default=None, metavar="CACHE")
    ap.add_argument("--json", type=Path, default=None)
    offset_options(ap)
    ap.add_argument("--examples", type=int, default=0, help="print this many spans each rule removes")
    ap.add_argument("--report", type=Path, default=None, help="only print the report of a --json file")
    ap.add_argument("--parse-cache", type=Path, default=None, help="keep the English parses' verbs in this file")
    ap.add_argument("--write-loaded", action="store_true",
                    help="learn the loaded verbs from every English training article into literal_senses.json")
    ap.add_argument("--cpu", type=int, default=0, metavar="N",
                    help="CPU ms of the span step on the first N English training articles, literal senses on/off")
    args = ap.parse_args()
    if args.cpu:
        span_cpu(args.cpu)
        return
    if args.write_loaded:
        write_loaded(args.parse_cache)
        return
    if args.report:
        tally = Tally()
        tally.c = {k: Counter(v) for k, v in json.loads(args.report.read_text(encoding="utf-8")).items()}
        report(tally, args.split, 0)
        return
    arts = [a for lg in LANGS for a in load_language(SETTINGS.semeval_dir, lg)]
    splits = make_splits(arts, args.split, seed=args.seed)
    splits = splits[:args.max_splits] if args.max_splits else splits
    cache = json.loads(args.end_to_end.read_text(encoding="utf-8")) if args.end_to_end else None
    base = literal_senses()
    store = json.loads(args.parse_cache.read_text(encoding="utf-8")) if args.parse_cache and \
        args.parse_cache.exists() else {}
    tally = Tally()
    shown: dict[str, list[str]] = {}
    t0 = time.perf_counter()
    for k, sp in enumerate(splits):
        train = span_examples([arts[i] for i in sp.train], args.aligned_training)
        lexicon = fit_span_model(train)
        fitted = fit_span_tagger(train, lexicon.lexicon, tagged_techniques(lexicon), seed=args.seed)
        assert fitted is not None
        learnt = learnt_loaded_verbs([arts[i] for i in sp.train if arts[i].lang == "en"], store)
        if args.parse_cache:
            args.parse_cache.write_text(json.dumps(store), encoding="utf-8")
        print(f"split {k + 1}: {len(learnt)} loaded verbs learnt: {' '.join(learnt[:60])}", file=sys.stderr)
        variants = {name: base.with_classes(cl, {"en": learnt if name in LEARNT else ()})
                    for name, cl in VARIANTS.items()}
        taggers = {name: replace(fitted, literal=bool(v.classes), senses=v) for name, v in variants.items()}
        predicted = cache[f"{args.split} {k} seed {args.seed}"] if cache else None
        for i in sp.test:
            a = arts[i]
            doc = Article(text=a.text, metadata=Metadata(language=iso_language(a.lang)))
            linguistics.run(doc)
            names = [(m.start, m.end) for m in doc.mentions if m.label in NAME_LABELS]
            scored = set(a.paragraph_labels)
            modes = [("given", {n: a.paragraph_labels.get(n, []) for n, _ in doc.paragraphs()})]
            if predicted is not None:
                got = predicted[f"{a.lang}/{a.id}"]
                modes.append(("e2e", {n: got.get(str(n), []) for n, _ in doc.paragraphs() if n in scored}))
            for n, span in doc.paragraphs():
                text = a.text[span.start:span.end]
                toks = tokens(text)
                local_names = [(s - span.start, e - span.start) for s, e in names
                               if span.start <= s and e <= span.end]
                verbs: list[tuple[int, int, int, int]] | None = None
                for tech in fitted.techniques:
                    clipped = [(max(s, span.start) - span.start, min(e, span.end) - span.start)
                               for t, s, e in gold_spans(a, not args.stored_offsets)
                               if t == tech and s < span.end and e > span.start]
                    gold = {i for s, e in clipped for i in range(s, e)} if n in scored else set()
                    labelled = {mode: tech in labels.get(n, []) for mode, labels in modes}
                    if not gold and not any(labelled.values()):
                        continue
                    lex = lexicon.lexicon.get(tech, {})
                    mask = name_mask(toks, local_names)
                    if verbs is None and base.parses(a.lang) and tech in base.techniques:
                        verbs = [(s - span.start, e - span.start, os - span.start, oe - span.start)
                                 for s, e, os, oe in verbs_with_objects(doc, [(span.start, span.end)])]
                    stop = fitted.function_words(a.lang, lex)
                    if labelled["given"] and gold:
                        for name, v in variants.items():
                            for gs in clipped:
                                killed = gold_killed(v, toks, a.lang, tech, gs, stop, mask, verbs or [])
                                if killed is not None and tech in v.techniques:
                                    for part in ("all", f"lang {a.lang}", tech):
                                        tally.add(f"gold | {name} | {part}", spans=1, killed=int(killed))
                    p = fitted.probabilities(text, tech, lex) if any(labelled.values()) else None
                    for mode, on in labelled.items():
                        if mode == "given" and not (on and gold):
                            continue  # given the gold labels: the paragraphs span_examples() yields
                        before: list[tuple[int, int, float]] = []
                        for name, tagger in taggers.items():
                            found = (tagger.spans(text, tech, lex, a.lang, local_names, verbs or (), p=p)
                                     if on else [])
                            pred = chars(found)
                            for part in ("all", f"lang {a.lang}", tech):
                                tally.add(f"{mode} | {name} | {part}", tp=len(gold & pred), fp=len(pred - gold),
                                          fn=len(gold - pred))
                            if not before:
                                before = found if name == "none (before)" else []
                                continue
                            for s, e, _ in before:
                                true = any(s <= i < e for i in gold)
                                gone = not any(fs < e and fe > s for fs, fe, _ in found)
                                for part in ("all", f"lang {a.lang}"):
                                    tally.add(f"{mode} removed | {name} | {part}", false=int(not true),
                                              true=int(true), false_removed=int(gone and not true),
                                              true_removed=int(gone and true))
                                if gone and mode == "given" and len(shown.setdefault(name, [])) < args.examples:
                                    shown[name].append(f"{a.lang}/{a.id} {tech} {'TRUE' if true else 'false'}: "
                                                       f"{text[s:e]!r}")
        print(f"split {k + 1}/{len(splits)} done ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    report(tally, args.split, len(splits))
    for name, ex in shown.items():
        print(f"\nremoved by {name}:")
        for x in ex:
            print("  " + x)
    if args.json:
        args.json.write_text(json.dumps(tally.c), encoding="utf-8")


def rows(c: dict[str, Counter[str]], names: list[str], parts: list[str], key: str,
         cell: Callable[[Counter[str]], str]) -> None:
    """One line per rule name: a cell per part, from the counts under `key` (formatted with name and part)."""
    for name in names:
        cells = [f"{part.replace('lang ', '')[:12]} {cell(c.get(key.format(name=name, part=part), Counter()))}"
                 for part in parts]
        print(f"  {name:32s} " + "  ".join(cells))


def f1_p(x: Counter[str]) -> str:
    p, _, f1 = prf(x["tp"], x["fp"], x["fn"])
    return f"{f1:.3f}/{p:.3f}"


def report(tally: Tally, split: str, n: int) -> None:
    c = tally.c
    langs = [f"lang {lg}" for lg in LANGS]
    for mode in ("given", "e2e"):
        if f"{mode} | none (before) | all" not in c:
            continue
        title = "given the gold paragraph labels" if mode == "given" else "end to end (the model's paragraph labels)"
        print(f"\n## {split} ({n} split(s)), spans of phrase techniques {title}")
        for name in VARIANTS:
            print(f"  {name:32s} {line(c[f'{mode} | {name} | all'])}")
        print("  per language, F1 / P:")
        rows(c, list(VARIANTS), langs, mode + " | {name} | {part}", f1_p)
        print("  per technique, F1 / P:")
        rows(c, list(VARIANTS), ["Loaded_Language", "Name_Calling-Labeling", "Slogans", "Conversation_Killer"],
             mode + " | {name} | {part}", f1_p)
        print("  spans shown before that each rule removes: false removed / false, true removed / true")
        rows(c, list(VARIANTS)[1:], ["all", *langs], mode + " removed | {name} | {part}",
             lambda x: f"{x['false_removed']}/{x['false']} {x['true_removed']}/{x['true']}")
    print("\n## gold spans of the covered techniques each rule forbids (all content words literal), per language")
    rows(c, list(VARIANTS)[1:], ["all", *langs], "gold | {name} | {part}", lambda x: f"{x['killed']}/{x['spans']}")


if __name__ == "__main__":
    main()
