"""Where the span model (`SpanModel.spans`) places the spans of the techniques the token tagger does not serve
(Repetition and the sentence-mode ones), and which Repetition rule to ship.

    python bench/repetition_study.py [--split newest|lolo|random] [--max-splits N] [--end-to-end CACHE]
                                     [--stored-offsets] [--aligned-training]
                                     [--json FILE] [--report FILE]

Per split the span lexicon (`fit_span_model`) and the n-gram ridge that picks a paragraph's sentence (TF-IDF
words and characters, as `training_features` fits it) are fitted on the training side. Scored on the test side,
given the gold paragraph labels (every paragraph holding a gold span of the technique) and, with `--end-to-end`,
under the technique model's own paragraph labels (CACHE: `bench/technique_scores.py --labels` or
`span_study.py --end-to-end` for the same split; a span in a paragraph without the gold label is all false
positive, a gold span in a paragraph the model missed all false negative). Per technique: character micro
P / R / F1 / F0.5, and how many placed spans overlap a gold span of their technique. Repetition rules compared:
"before" (the lexicon's phrases of words over three letters that recur in the article, else the sentence the
ridge scores highest) and `SpanModel.repeated_spans` over a grid of its three settings (the score a one-word
phrase needs, the score a longer one needs, how many a paragraph keeps, whether reporting words count as content,
whether phrases of capitalised words alone may be spans). End to end, the paragraph labels of
Repetition are split by whether the rule found a recurring phrase, to see whether a label without one is right
less often. The two sentence-mode techniques of lowest span precision (`PHRASE_TRIAL`) are also placed by their
span lexicon's phrases (`phrase_trial`), to see whether a phrase a reader would defend beats the sentence.
Gold spans are the loader's, re-aligned to the text (`semeval.gold_spans`); `--stored-offsets` scores against the
offsets as stored (the figures before session 8), `--aligned-training` fits the span parts on the re-aligned spans
(as `TechniqueConfig.aligned_offsets` does).
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.span_study import offset_options  # noqa: E402
from presswatch.article import Article  # noqa: E402
from presswatch.config import SETTINGS  # noqa: E402
from presswatch.evaluation.scorers import prf  # noqa: E402
from presswatch.evaluation.semeval import SemEvalArticle, gold_spans, load_language  # noqa: E402
from presswatch.evaluation.splits import make_splits  # noqa: E402
from presswatch.models.techniques import features as tf  # noqa: E402
from presswatch.models.techniques.model import TechniqueConfig  # noqa: E402
from presswatch.models.techniques.net import fit_lexical  # noqa: E402
from presswatch.models.techniques.spans import (  # noqa: E402
    SpanModel,
    fit_span_model,
    ngram_counts,
    sentences,
    unpaired_quotes_trimmed,
)
from presswatch.models.techniques.tagger import tagged_techniques  # noqa: E402
from presswatch.models.techniques.training import span_examples  # noqa: E402
from presswatch.taxonomy import TECHNIQUES  # noqa: E402

LANGS = ("en", "fr", "ge", "it", "po", "ru")
REP = "Repetition"
BEFORE = "before"
PHRASE_TRIAL = ("Exaggeration-Minimisation", "Conversation_Killer")  # the lowest span precision, given gold


@dataclass(frozen=True)
class Rule:
    """`SpanModel.repeated_spans`'s settings."""

    word: float
    phrase: float
    most: int
    reporting: bool = True
    names: bool = True

    @property
    def name(self) -> str:
        return (f"recurring word>={self.word} phrase>={self.phrase} most {self.most}"
                + ("" if self.reporting else " no-reporting") + ("" if self.names else " no-names"))


SHIPPED = Rule(SpanModel.repeat_word_score, SpanModel.repeat_phrase_score, SpanModel.repeat_most,
               SpanModel.repeat_reporting, SpanModel.repeat_names)
ANY = Rule(0.0, 0.0, 1)  # any recurring phrase at all


def grid() -> list[Rule]:
    return [Rule(*x) for x in itertools.product((0.0, 0.2, 0.3, 0.4, 9.0), (0.0, 0.1, 0.2, 0.3), (1, 2),
                                                  (True, False), (True, False))]


def fbeta(p: float, r: float, beta: float = 0.5) -> float:
    return (1 + beta ** 2) * p * r / (beta ** 2 * p + r) if p + r else 0.0


def sentence_span(text: str, column: np.ndarray | None) -> list[tuple[int, int, float]]:
    """The sentence `column` (the ridge's scores of the paragraph's sentences) scores highest, as
    `SpanModel.spans` places a sentence-mode technique."""
    sents = sentences(text)
    if not sents:
        return []
    s, e = sents[0] if len(sents) == 1 or column is None else sents[int(np.argmax(column))]
    s, e = unpaired_quotes_trimmed(text, s, e)
    return [(s, e, 1.0)] if e > s else []


def before_repetition(model: SpanModel, text: str, words: Counter[str],
                      column: np.ndarray) -> list[tuple[int, int, float]]:
    """The rule before this study: the lexicon's phrases with words over three letters that recur in the article
    (`SpanModel._phrases` with the article's word counts), else the ridge's sentence."""
    return model._phrases(text, REP, words) or sentence_span(text, column)


def phrase_trial(model: SpanModel, text: str, tech: str,
                 sentence: list[tuple[int, int, float]]) -> dict[str, list[tuple[int, int, float]]]:
    """A sentence-mode technique placed by its span lexicon instead (`SpanModel._phrases`): its phrases inside
    the ridge's sentence, else the sentence; its phrases anywhere, else the sentence; or anywhere, else none."""
    phrases = model._phrases(text, tech)
    inside = [x for x in phrases if sentence and sentence[0][0] <= x[0] and x[1] <= sentence[0][1]]
    return {"lexicon in the sentence, else the sentence": inside or sentence,
            "lexicon, else the sentence": phrases or sentence, "lexicon, else none": phrases}


class Scorer:
    """Character counts and span counts by key ("rule | technique", "rule | technique | lang xx")."""

    def __init__(self) -> None:
        self.counts: dict[str, Counter[str]] = {}

    def add(self, key: str, lang: str, gold: set[int], gold_spans: list[tuple[int, int]],
            pred: list[tuple[int, int, float]]) -> None:
        chars = {i for s, e, _ in pred for i in range(s, e)}
        for k in (key, f"{key} | lang {lang}"):
            c = self.counts.setdefault(k, Counter())
            c["tp"] += len(gold & chars)
            c["fp"] += len(chars - gold)
            c["fn"] += len(gold - chars)
            c["spans"] += len(pred)
            c["hit"] += sum(any(s < ge and e > gs for gs, ge in gold_spans) for s, e, _ in pred)
            c["gold"] += len(gold_spans)
            c["found"] += sum(any(s < ge and e > gs for s, e, _ in pred) for gs, ge in gold_spans)


def line(c: Counter[str]) -> str:
    p, r, f1 = prf(c["tp"], c["fp"], c["fn"])
    return (f"P {p:.3f} R {r:.3f} F1 {f1:.3f} F0.5 {fbeta(p, r):.3f}  spans {c['spans']}, "
            f"{c['hit']} on gold ({c['hit'] / max(1, c['spans']):.3f}); gold {c['gold']}, {c['found']} found")


def report(data: dict[str, dict[str, dict[str, int]]]) -> None:
    for mode in ("given", "e2e"):
        counts = {k: Counter(v) for k, v in data.get(mode, {}).items()}
        if not counts:
            continue
        print(f"\n== {mode} ==")
        print("techniques the span model places (before), per technique:")
        for key in sorted(k for k in counts if k.startswith(f"{BEFORE} | ") and k.count(" | ") == 1):
            print(f"  {key[len(BEFORE) + 3:]:36s} {line(counts[key])}")
        reps = [k for k in counts if k.endswith(f" | {REP}")]
        best = sorted(reps, key=lambda k: -fbeta(*prf(counts[k]["tp"], counts[k]["fp"], counts[k]["fn"])[:2]))
        print("Repetition rules, best F0.5 first:")
        for key in list(dict.fromkeys([f"{BEFORE} | {REP}", f"{SHIPPED.name} | {REP}", *best[:12]])):
            if key in counts:
                print(f"  {key[:-len(REP) - 3]:46s} {line(counts[key])}")
        for tech in PHRASE_TRIAL:
            for key in sorted(k for k in counts if k.endswith(f" | {tech}")):
                print(f"  {tech} {key[:-len(tech) - 3]:44s} {line(counts[key])}")
        for rule in (BEFORE, SHIPPED.name):
            for lang in LANGS:
                key = f"{rule} | {REP} | lang {lang}"
                if key in counts:
                    print(f"  {rule[:40]:40s} {lang} {line(counts[key])}")
    for key, c in sorted(data.get("labels", {}).items()):
        right, n = c.get("True", 0), c.get("True", 0) + c.get("False", 0)
        print(f"Repetition labels end to end, {key}: {right} of {n} right ({right / max(1, n):.3f})")


def ridge(train: list[SemEvalArticle], labels: tuple[str, ...]):  # noqa: ANN201 - (vectorizers, LexicalHead)
    """The n-gram ridge over the training side's scored paragraphs, as `training_features` fits it."""
    cfg = TechniqueConfig()
    texts, y = [], []
    for a in train:
        paras = dict(Article(text=a.text).paragraphs())
        for n, ls in a.paragraph_labels.items():
            if n in paras:
                texts.append(a.text[paras[n].start:paras[n].end])
                y.append([t in ls for t in labels])
    vecs = tf.make_vectorizers(cfg.max_word, cfg.max_char)
    for v in vecs:
        v.fit(texts)
    return vecs, fit_lexical(tf.lexical(vecs, texts), np.array(y, dtype=np.float32), cfg.ridge_alpha)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--split", default="newest", choices=("random", "newest", "lolo"))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--max-splits", type=int, default=0)
    ap.add_argument("--end-to-end", type=Path, default=None, metavar="CACHE")
    ap.add_argument("--json", type=Path, default=None)
    offset_options(ap)
    ap.add_argument("--rules-only", action="store_true",
                    help="score only the Repetition rules of `SpanModel.repeated_spans` (no ridge: fast)")
    ap.add_argument("--report", type=Path, default=None, help="only print the report of a --json file")
    args = ap.parse_args()
    if args.report:
        report(json.loads(args.report.read_text(encoding="utf-8")))
        return
    arts = [a for lg in LANGS for a in load_language(SETTINGS.semeval_dir, lg)]
    folds = [([arts[i] for i in sp.train], [arts[i] for i in sp.test])
             for sp in make_splits(arts, args.split, seed=args.seed)]
    folds = folds[:args.max_splits] if args.max_splits else folds
    cache = json.loads(args.end_to_end.read_text(encoding="utf-8")) if args.end_to_end else None
    given, e2e = Scorer(), Scorer()
    labels_seen: dict[str, Counter[str]] = {}
    rules = grid()
    t0 = time.perf_counter()
    for k, (train_arts, test_arts) in enumerate(folds):
        lexicon = fit_span_model(span_examples(train_arts, args.aligned_training))
        placed = sorted(t for t in lexicon.modes if t not in tagged_techniques(lexicon))
        labels = tuple(t for t in TECHNIQUES if t in lexicon.modes)
        vecs, head = ridge(train_arts, labels) if not args.rules_only else (None, None)
        if args.rules_only:
            placed = [REP]
        predicted = cache[f"{args.split} {k} seed {args.seed}"] if cache else None
        print(f"split {k}: fitted in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        for art in test_arts:
            paras = Article(text=art.text).paragraphs()
            grams = ngram_counts(art.text)
            words = Counter({w: c for w, c in grams.items() if " " not in w})
            texts = [art.text[s.start:s.end] for _, s in paras]
            sents = [sentences(t) for t in texts]
            flat = [t[s:e] for t, ss in zip(texts, sents, strict=True) for s, e in ss]
            scores = head.scores(tf.lexical(vecs, flat)) if flat and head else np.zeros((len(flat), len(labels)))
            offsets = np.cumsum([0, *map(len, sents)])
            sources = [("given", given, {n: art.paragraph_labels.get(n, []) for n, _ in paras})]
            if predicted is not None:
                got = predicted[f"{art.lang}/{art.id}"]
                sources.append(("e2e", e2e, {n: got.get(str(n), []) for n, _ in paras
                                             if n in art.paragraph_labels}))
            for mode, scorer, labelled in sources:
                for i, (n, span) in enumerate(paras):
                    text = texts[i]
                    for tech in placed:
                        clipped = [(max(s, span.start) - span.start, min(e, span.end) - span.start)
                                   for t, s, e in gold_spans(art, not args.stored_offsets)
                                   if t == tech and s < span.end and e > span.start]
                        if n not in art.paragraph_labels:
                            clipped = []
                        gold = {j for s, e in clipped for j in range(s, e)}
                        if mode == "given" and not (tech in labelled.get(n, []) and gold):
                            continue
                        has = tech in labelled.get(n, [])
                        column = scores[offsets[i]:offsets[i + 1], labels.index(tech)] if tech in labels else None
                        if tech != REP:
                            pred = sentence_span(text, column) if has else []
                            scorer.add(f"{BEFORE} | {tech}", art.lang, gold, clipped, pred)
                            if tech in PHRASE_TRIAL and tech in lexicon.lexicon:
                                for name, found in phrase_trial(lexicon, text, tech, pred).items():
                                    scorer.add(f"{name} | {tech}", art.lang, gold, clipped, found if has else [])
                            continue
                        if not args.rules_only:
                            pred = before_repetition(lexicon, text, words, column) if has else []
                            scorer.add(f"{BEFORE} | {tech}", art.lang, gold, clipped, pred)
                        for r in rules:
                            m = replace(lexicon, repeat_word_score=r.word, repeat_phrase_score=r.phrase,
                                        repeat_most=r.most, repeat_reporting=r.reporting, repeat_names=r.names)
                            pred = m.repeated_spans(text, grams, art.lang) if has else []
                            scorer.add(f"{r.name} | {tech}", art.lang, gold, clipped, pred)
                            if mode == "e2e" and has and r in (SHIPPED, ANY):
                                key = f"{'with' if pred else 'without'} a recurring phrase ({r.name})"
                                labels_seen.setdefault(key, Counter())[str(tech in art.paragraph_labels[n])] += 1
    print(f"split {args.split}, {len(folds)} split(s), {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    data = {"given": given.counts, "e2e": e2e.counts, "labels": labels_seen}
    if args.json:
        args.json.write_text(json.dumps(data), encoding="utf-8")
    report(json.loads(json.dumps(data)))


if __name__ == "__main__":
    main()
