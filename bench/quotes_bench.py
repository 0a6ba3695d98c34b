"""Quote attribution on real articles: how many direct quotes get no speaker (SemEval English training split).

    python bench/quotes_bench.py                 # every article, counts and rates
    python bench/quotes_bench.py --n 100 --show 30 --json
    python bench/quotes_bench.py --lang fr --n 60   # another language's training articles, read as that language
    python bench/quotes_bench.py --dump quotes.json # also every article's quotes, to diff a speed change

Each article file is taken as it is (title, blank line, one paragraph per line) and run through the
linguistics, entities and quotes stages only; the quotes stage (with the parse of its candidate sentences) is timed
apart, in wall seconds and CPU ms per article. `--show N` prints N unattributed direct quotes with what
surrounds them, to see why they got no speaker.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

os.environ.setdefault("PRESSWATCH_TORCH_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

from presswatch.article import Article, Metadata, Quote  # noqa: E402
from presswatch.config import SETTINGS  # noqa: E402
from presswatch.pipeline import Pipeline  # noqa: E402
from presswatch.stages import quotes  # noqa: E402
from presswatch.taxonomy import iso_language, semeval_language  # noqa: E402


def _paths(data: Path, n: int | None) -> list[Path]:
    return sorted(data.glob("article*.txt"))[: n or None]


def _context(article: Article, q: Quote, width: int = 60) -> str:
    text = article.text
    line_start = text.rfind("\n", 0, q.start) + 1
    line_end = text.find("\n", q.end)
    line_end = len(text) if line_end < 0 else line_end
    before = text[max(line_start, q.start - 1 - width):q.start - 1]
    after = text[q.end:min(line_end, q.end + 1 + width)]
    inner = q.text if len(q.text) < 80 else q.text[:38] + " ... " + q.text[-38:]
    return f"...{before}[[{inner}]]{after}..."


def measure(paths: list[Path], lang: str | None = None,
            dump: dict[str, Any] | None = None) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Counts over `paths` (read as language `lang`, English by default) and the unattributed direct quotes as
    (article id, context); `dump`, when given, gets each article's quotes by file name."""
    pipeline = Pipeline(["entities"])
    counts = {"articles": 0, "direct": 0, "direct_no_speaker": 0, "reported": 0, "reported_no_speaker": 0}
    missing: list[tuple[str, str]] = []
    t0 = time.perf_counter()
    wall = cpu = 0.0
    for path in paths:
        article = pipeline.run(Article(text=path.read_text(encoding="utf-8"), metadata=Metadata(language=lang)))
        w0, c0 = time.perf_counter(), time.process_time()
        quotes.run(article)  # the parse of candidate sentences runs here, on first use
        wall += time.perf_counter() - w0
        cpu += time.process_time() - c0
        counts["articles"] += 1
        if dump is not None:
            dump[path.name] = [asdict(q) for q in article.quotes]
        for q in article.quotes:
            counts[q.kind] += 1
            if q.speaker is None:
                counts[f"{q.kind}_no_speaker"] += 1
                if q.kind == "direct":
                    missing.append((path.stem, _context(article, q)))
    counts["direct_no_speaker_rate"] = round(counts["direct_no_speaker"] / max(counts["direct"], 1), 4)
    counts["reported_no_speaker_rate"] = round(counts["reported_no_speaker"] / max(counts["reported"], 1), 4)
    counts["seconds"] = round(time.perf_counter() - t0, 1)
    counts["quotes_stage_seconds"] = round(wall, 2)
    counts["quotes_stage_cpu_ms_per_article"] = round(1000 * cpu / max(counts["articles"], 1), 1)
    return counts, missing


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", default=None, help="the articles' language (default: English, the en training split)")
    ap.add_argument("--data", type=Path, default=None, help="article*.txt folder (default: the --lang training one)")
    ap.add_argument("--n", type=int, default=None, help="only the first N articles (sorted by name)")
    ap.add_argument("--show", type=int, default=0, help="print N random unattributed direct quotes")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--dump", type=Path, metavar="PATH",
                    help="also write every article's quotes as JSON, to diff a refactor (byte-equal = same output)")
    args = ap.parse_args(argv)
    # the training split's folders are SemEval's codes (ge, po); the pipeline reads ISO codes (de, pl)
    data = args.data or SETTINGS.semeval_dir / semeval_language(args.lang) / "train-articles"
    lang = iso_language(semeval_language(args.lang)) if args.lang else None
    paths = _paths(data, args.n)
    if not paths:
        print(f"no article*.txt under {data}", file=sys.stderr)
        return 1
    dump: dict[str, Any] | None = {} if args.dump else None
    counts, missing = measure(paths, lang, dump)
    if args.dump:
        args.dump.write_text(json.dumps(dump, sort_keys=True, ensure_ascii=False, default=str), encoding="utf-8")
    if args.show:
        for art, ctx in random.Random(0).sample(missing, min(args.show, len(missing))):
            print(f"{art}: {ctx}")
        print()
    if args.json:
        print(json.dumps(counts, indent=2))
    else:
        for k, v in counts.items():
            print(f"{k:>26}: {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
