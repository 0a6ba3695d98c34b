"""Behaviour identity: the Article JSON of a fixed set of documents, written to or compared with a snapshot.

    python bench/identity.py --write before.json   # on the tree before a change
    python bench/identity.py --check before.json   # after it: exit 1 and the first differing lines if any

`--check` analyses the set twice: one document at a time (`Pipeline.run`) and in batches (`Pipeline.pipe`).

The set: the example Sputnik page, and 40 SemEval-2023 training articles (every language, evenly spaced in
file-name order), each analysed end to end from its bytes (clean and every stage) and, for the SemEval ones,
also as `presswatch eval` labels them (the file's text exactly, techniques, frames and genre). The snapshot is
model output: keep it outside the repository (models change; no test pins it).
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from presswatch.api import analyze  # noqa: E402
from presswatch.article import RawDocument  # noqa: E402
from presswatch.config import SETTINGS  # noqa: E402

EXAMPLE = SETTINGS.data_dir.parent / "examples" / "000_eb0435d17527a139.txt"
PER_LANGUAGE = {"en": 10, "fr": 6, "ge": 6, "it": 6, "po": 6, "ru": 6}  # 40 in all


def semeval_files(root: Path) -> list[tuple[str, Path]]:
    """(language, path) of the fixed choice: `n` files evenly spaced in each language's sorted file list."""
    out: list[tuple[str, Path]] = []
    for lang, n in PER_LANGUAGE.items():
        files = sorted((root / lang / "train-articles").glob("article*.txt"))
        if not files:
            raise SystemExit(f"identity: no SemEval articles under {root / lang}")
        out += [(lang, files[i * len(files) // n]) for i in range(n)]
    return out


def snapshot(example: Path, semeval: Path, batched: bool = False) -> dict[str, str]:
    """Key -> Article JSON (raw text included) of every document in the set; `batched` analyses them with
    `Pipeline.pipe` (batches of 8) instead of one `Pipeline.run` each."""
    from presswatch.models.predict import STAGES, article_from_file
    from presswatch.pipeline import Pipeline

    full = Pipeline()
    labels = Pipeline(list(STAGES))
    files = semeval_files(semeval)
    raws = [RawDocument(example.read_bytes(), example.name)] + [RawDocument(p.read_bytes(), p.name) for _, p in files]
    evals = [article_from_file(path, lang) for lang, path in files]
    if batched:
        analysed, labelled = list(full.pipe(raws, batch_size=8)), list(labels.pipe(evals, batch_size=8))
    else:
        analysed, labelled = [analyze(r, pipeline=full) for r in raws], [labels.run(a) for a in evals]
    out = {"example": analysed[0].to_json(True)}  # type: ignore[union-attr]
    for (lang, path), done, marked in zip(files, analysed[1:], labelled, strict=True):
        out[f"analyze:{lang}/{path.name}"] = done.to_json(True)  # type: ignore[union-attr]
        out[f"eval:{lang}/{path.name}"] = marked.to_json(True)  # type: ignore[union-attr]
    return out


def compare(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """Lines saying which documents differ, with the first few differing lines of each."""
    problems: list[str] = []
    for key in sorted(set(before) | set(after)):
        if key not in before or key not in after:
            problems.append(f"{key}: only {'before' if key in before else 'after'}")
        elif before[key] != after[key]:
            diff = difflib.unified_diff(before[key].splitlines(), after[key].splitlines(), lineterm="", n=0)
            problems.append(f"{key}: differs\n  " + "\n  ".join(list(diff)[2:10]))
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", type=Path, metavar="SNAPSHOT")
    mode.add_argument("--check", type=Path, metavar="SNAPSHOT")
    ap.add_argument("--example", type=Path, default=EXAMPLE)
    ap.add_argument("--semeval", type=Path, default=SETTINGS.semeval_dir)
    args = ap.parse_args()
    t0 = time.perf_counter()
    now = snapshot(args.example, args.semeval)
    took = time.perf_counter() - t0
    if args.write:
        args.write.write_text(json.dumps(now, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")
        print(f"identity: wrote {len(now)} documents to {args.write} ({took:.0f} s)")
        return 0
    before = json.loads(args.check.read_text(encoding="utf-8"))
    problems = compare(before, now)
    t1 = time.perf_counter()
    piped = compare(before, snapshot(args.example, args.semeval, batched=True))
    for p in problems + [f"pipe: {p}" for p in piped]:
        print(p)
    print(f"identity: {len(now) - len(problems)}/{len(now)} documents equal one at a time ({took:.0f} s), "
          f"{len(now) - len(piped)}/{len(now)} in batches ({time.perf_counter() - t1:.0f} s)")
    return 1 if problems or piped else 0


if __name__ == "__main__":
    raise SystemExit(main())
