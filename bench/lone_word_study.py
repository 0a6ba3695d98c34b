"""One-word spans of the span tagger (issue #11, "spans a reader would defend"): how often a span of a single word is
right, by what the training data says about that word, and what a minimum-evidence rule for such spans does to
character P / R / F0.5 given the gold paragraph labels and (with --end-to-end) under the technique model's own.

    python bench/lone_word_study.py --split newest [--end-to-end CACHE] [--names-cache FILE] [--stored-training]
                                    [--rows FILE] [--report FILE] [--rule-on]
    python bench/lone_word_study.py --write-common    # common_words.json from every training article

Per split the span lexicon and the token tagger are fitted on the training side (re-aligned gold spans, as
`TechniqueConfig.aligned_offsets`; `--stored-training` for the offsets as stored) and decode the test side as
shipped (`SpanTagger.spans`: names, literal senses, English verb-object rule), with the lone-word rule off
(`--rule-on`: on, its common words counted on the split's training side: the rule's own figure). Every
span found is kept as a row: its words, the span lexicon's best score among them (`lex`), the share of the
language's training articles holding its rarest word (`df`), and its true / false characters. A rule is then a
filter over the one-word rows, scored offline. CACHE: the paragraph labels of `bench/technique_scores.py --labels`
for the same split (the end-to-end rows). Gold spans are the loader's, re-aligned to the text.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from presswatch.article import Article, Metadata  # noqa: E402
from presswatch.config import SETTINGS  # noqa: E402
from presswatch.evaluation.semeval import gold_spans, load_language  # noqa: E402
from presswatch.evaluation.splits import make_splits  # noqa: E402
from presswatch.models.techniques.common_words import RULES, CommonWords, common_words  # noqa: E402
from presswatch.models.techniques.spans import fit_span_model, tokens  # noqa: E402
from presswatch.models.techniques.tagger import NAME_LABELS, fit_span_tagger, tagged_techniques  # noqa: E402
from presswatch.models.techniques.training import span_examples  # noqa: E402

LANGS = ("en", "fr", "ge", "it", "po", "ru")
LEX_FLOORS = (0.0, 0.2, 0.3, 0.4, 0.5)
DF_CAPS = (1.0, 0.1, 0.05, 0.02)


def article_parse(a: object) -> dict[str, list]:
    """NER names (people, places) and, for English, the verbs with a direct object of a SemEval article."""
    from presswatch.stages import linguistics
    from presswatch.stages.techniques import verbs_with_objects
    from presswatch.taxonomy import iso_language

    doc = Article(text=a.text, metadata=Metadata(language=iso_language(a.lang)))  # type: ignore[attr-defined]
    linguistics.run(doc)
    names = [(m.start, m.end) for m in doc.mentions if m.label in NAME_LABELS]
    verbs = verbs_with_objects(doc, [(s.start, s.end) for _, s in doc.paragraphs()]) if a.lang == "en" else []
    return {"names": names, "verbs": [list(v) for v in verbs]}


def doc_freq(articles: list) -> dict[str, Counter[str]]:
    """Per language, in how many articles each lowercased word occurs, and the article count under ''."""
    out: dict[str, Counter[str]] = {}
    for a in articles:
        c = out.setdefault(a.lang, Counter())
        c.update({w for *_, w in tokens(a.text)})
        c[""] += 1
    return out


def collect(args: argparse.Namespace) -> dict:
    arts = [a for lg in LANGS for a in load_language(SETTINGS.semeval_dir, lg)]
    splits = make_splits(arts, args.split, seed=0)
    cache = json.loads(args.end_to_end.read_text(encoding="utf-8")) if args.end_to_end else None
    parses = json.loads(args.names_cache.read_text(encoding="utf-8")) if args.names_cache and \
        args.names_cache.exists() else {}
    rows: list[list] = []
    gold_total: Counter[str] = Counter()
    t0 = time.perf_counter()
    for k, sp in enumerate(splits):
        train_arts = [arts[i] for i in sp.train]
        train = span_examples(train_arts, not args.stored_training)
        lexicon = fit_span_model(train)
        tagger = fit_span_tagger(train, lexicon.lexicon, tagged_techniques(lexicon), seed=0)
        assert tagger is not None
        shipped = common_words()
        common = CommonWords.from_texts(((a.lang, [w for *_, w in tokens(a.text)]) for a in train_arts),
                                        shipped.min_share, shipped.min_lex)
        tagger = replace(tagger, lone_evidence=args.rule_on, common=common)
        df = doc_freq(train_arts)
        predicted = cache[f"{args.split} {k} seed 0"] if cache else None
        for i in sp.test:
            a = arts[i]
            key = f"{a.lang}/{a.id}"
            if key not in parses:
                parses[key] = article_parse(a)
            names, verbs = parses[key]["names"], parses[key]["verbs"]
            paras = Article(text=a.text).paragraphs()
            scored = set(a.paragraph_labels)
            modes = [("given", {n: a.paragraph_labels.get(n, []) for n, _ in paras})]
            if predicted is not None:
                got = predicted[key]
                modes.append(("e2e", {n: got.get(str(n), []) for n, _ in paras if n in scored}))
            n_docs = df[a.lang][""]
            for n, span in paras:
                text = a.text[span.start:span.end]
                local_names = [(s - span.start, e - span.start) for s, e in names if span.start <= s and e <= span.end]
                local_verbs = [(s - span.start, e - span.start, os - span.start, oe - span.start)
                               for s, e, os, oe in verbs if span.start <= s and e <= span.end]
                for tech in tagger.techniques:
                    gold = {i - span.start for t, s, e in gold_spans(a) if t == tech
                            for i in range(max(s, span.start), min(e, span.end))} if n in scored else set()
                    lex = lexicon.lexicon.get(tech, {})
                    found = None
                    for mode, labels in modes:
                        on = tech in labels.get(n, [])
                        if mode == "given" and not (on and gold):
                            continue
                        gold_total[f"{mode} {a.lang} {tech}"] += len(gold)
                        if not on:
                            continue
                        if found is None:
                            found = tagger.spans(text, tech, lex, a.lang, local_names, local_verbs)
                        for s, e, _ in found:
                            words = [w for ts, te, w in tokens(text) if s <= ts and te <= e]
                            chars = set(range(s, e))
                            rows.append([mode, a.lang, tech, len(words), max(lex.get(w, 0.0) for w in words),
                                         min(df[a.lang][w] for w in words) / n_docs, len(chars & gold),
                                         len(chars - gold), text[s:e], key])
        print(f"split {k + 1}/{len(splits)} done ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    if args.names_cache:
        args.names_cache.write_text(json.dumps(parses), encoding="utf-8")
    return {"rows": rows, "gold": gold_total}


def write_common(min_share: float, min_lex: float) -> None:
    """common_words.json: per language the words in at least `min_share` of its training articles (digits and
    one-letter words left out: they make no span alone anyway). Stop words stay: the tagger lets those the span
    lexicon scores at its threshold make a span (`function_words`), and «ранее» and «façon» are such."""
    arts = [a for lg in LANGS for a in load_language(SETTINGS.semeval_dir, lg)]
    found = CommonWords.from_texts(((a.lang, [w for *_, w in tokens(a.text)]) for a in arts), min_share, min_lex)
    words = {lang: frozenset(w for w in ws if len(w) > 1 and not w.isdigit())
             for lang, ws in found.words.items()}
    doc = ("Common words (presswatch.models.techniques.common_words): per SemEval language the words in at least "
           "min_share of its SemEval training articles, digits and one-letter words left out; a span of "
           "one of them alone needs the span lexicon's score min_lex. Written by `python bench/lone_word_study.py "
           f"--write-common --min-share {min_share} --min-lex {min_lex}`.")
    out = {"_doc": doc} | CommonWords(min_share, min_lex, words).to_json()
    RULES.write_text(json.dumps(out, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{RULES}: " + ", ".join(f"{k} {len(v)}" for k, v in sorted(words.items())))


def fbeta(tp: int, fp: int, fn: int, beta: float = 0.5) -> tuple[float, float, float]:
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return p, r, (1 + beta ** 2) * p * r / max(beta ** 2 * p + r, 1e-12)


def report(data: dict) -> None:
    rows, gold = data["rows"], Counter(data["gold"])
    for mode in ("given", "e2e"):
        mine = [r for r in rows if r[0] == mode]
        if not mine:
            continue
        lone = [r for r in mine if r[3] == 1]
        print(f"\n{mode}: {len(mine)} spans, {len(lone)} of one word; precision of one-word spans by lexicon score:")
        for lo, hi in ((0, 0.2), (0.2, 0.3), (0.3, 0.4), (0.4, 0.5), (0.5, 1.01)):
            part = [r for r in lone if lo <= r[4] < hi]
            tp, fp = sum(r[6] for r in part), sum(r[7] for r in part)
            right = sum(r[6] > 0 for r in part)
            print(f"  lex {lo:.1f}-{hi:.1f}: {len(part):4d} spans, {right:4d} touch gold, "
                  f"char P {tp / max(tp + fp, 1):.3f}")
        for lo, hi in ((0, 0.02), (0.02, 0.05), (0.05, 0.1), (0.1, 1.01)):
            part = [r for r in lone if lo <= r[5] < hi]
            tp, fp = sum(r[6] for r in part), sum(r[7] for r in part)
            print(f"  df {lo:.2f}-{hi:.2f}: {len(part):4d} spans, char P {tp / max(tp + fp, 1):.3f}")
        multi = [r for r in mine if r[3] > 1]
        tp, fp = sum(r[6] for r in multi), sum(r[7] for r in multi)
        print(f"  longer spans: {len(multi)}, char P {tp / max(tp + fp, 1):.3f}")
        print(f"{mode}: rule (one-word spans need lex >= L and df < D): P / R / F0.5 pooled, then F0.5 per language")
        for floor in LEX_FLOORS:
            for cap in DF_CAPS:
                kept = [r for r in mine if r[3] > 1 or (r[4] >= floor and r[5] < cap)]
                cells = []
                for lang in ("all", *LANGS):
                    sel = [r for r in kept if lang in ("all", r[1])]
                    g = sum(v for k, v in gold.items() if k.startswith(f"{mode} ") and lang in ("all", k.split()[1]))
                    tp, fp = sum(r[6] for r in sel), sum(r[7] for r in sel)
                    p, rc, f = fbeta(tp, fp, g - tp)
                    cells.append(f"{p:.3f} / {rc:.3f} / {f:.3f}" if lang == "all" else f"{lang} {f:.3f}")
                print(f"  L {floor:.1f} D {cap:.2f}: {'  '.join(cells)}  ({len(mine) - len(kept)} removed)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--split", default="newest", choices=("newest", "lolo", "random"))
    ap.add_argument("--end-to-end", type=Path, default=None, metavar="CACHE")
    ap.add_argument("--names-cache", type=Path, default=None)
    ap.add_argument("--stored-training", action="store_true", help="fit the span parts on the offsets as stored")
    ap.add_argument("--rows", type=Path, default=None, help="write the rows here")
    ap.add_argument("--report", type=Path, default=None, help="only report the rows of this file")
    ap.add_argument("--rule-on", action="store_true", help="decode with the lone-word rule (train-side lists)")
    ap.add_argument("--write-common", action="store_true", help="write common_words.json from every training article")
    ap.add_argument("--min-share", type=float, default=0.03)
    ap.add_argument("--min-lex", type=float, default=0.4)
    args = ap.parse_args()
    if args.write_common:
        write_common(args.min_share, args.min_lex)
        return
    data = json.loads(args.report.read_text(encoding="utf-8")) if args.report else collect(args)
    if args.rows and not args.report:
        args.rows.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    report(data)


if __name__ == "__main__":
    main()
