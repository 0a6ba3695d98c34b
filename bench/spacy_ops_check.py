"""spaCy with BLIS against spaCy with numpy's matrix products (what `analysers.load_spacy` ships): the same
entities, tags, dependencies and heads on the English and French training articles, and the CPU time of each.

Usage: python bench/spacy_ops_check.py [--limit N]     # N articles per language (default: all)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import spacy  # noqa: E402
from thinc.api import use_ops  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from presswatch.config import SETTINGS  # noqa: E402
from presswatch.stages import analysers, linguistics  # noqa: E402

EXCLUDE = {"en": ["lemmatizer", "attribute_ruler", "senter"],
           "fr": ["tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer"]}


def analyse(texts: dict[str, list[str]], blis: bool) -> tuple[list[Any], float]:
    """Entities of every article (and, for English, tags / dependencies / heads of its speech sentences), CPU s."""
    with use_ops("numpy", use_blis=blis):
        en = spacy.load(SETTINGS.spacy_model, exclude=EXCLUDE["en"])
        fr = spacy.load(analysers.FRENCH_MODEL, exclude=EXCLUDE["fr"])
    out: list[Any] = []
    cpu = time.process_time()
    for text in texts["en"]:
        doc = en.get_pipe("ner")(linguistics._segment(en.make_doc(text)))
        sents = linguistics.speech_sentences(doc)
        docs = [en.make_doc(s.text) for s in sents]
        for name in ("tok2vec", "tagger", "parser"):
            docs = list(en.get_pipe(name).pipe(docs, batch_size=64))
        out.append(([(e.start_char, e.end_char, e.label_) for e in doc.ents],
                    [[(t.tag_, t.dep_, t.head.i) for t in d] for d in docs]))
    for text in texts["fr"]:
        doc = fr.get_pipe("ner")(fr.make_doc(text))
        out.append([(e.start_char, e.end_char, e.label_) for e in doc.ents])
    return out, time.process_time() - cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    threadpool_limits(1)  # as a bench/ingest worker runs
    texts = {lang: [p.read_text(encoding="utf-8") for p in
                    sorted((SETTINGS.semeval_dir / lang / "train-articles").glob("article*.txt"))[: args.limit]]
             for lang in ("en", "fr")}
    blis, t_blis = analyse(texts, blis=True)
    numpy, t_numpy = analyse(texts, blis=False)
    differ = sum(a != b for a, b in zip(blis, numpy, strict=True))
    print(f"{len(texts['en'])} en + {len(texts['fr'])} fr articles: {differ} differ; "
          f"CPU s with BLIS {t_blis:.1f}, with numpy {t_numpy:.1f} (x{t_numpy / t_blis:.2f})")


if __name__ == "__main__":
    main()
