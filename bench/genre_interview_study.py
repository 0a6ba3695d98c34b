"""Genre, session 10: does an interview-structure cue move interview and Q&A pages toward reporting on the shift
splits? The cue (`interview_cues`): the share of body paragraphs that open with a turn label and a colon ("Q:",
"Frage:", "Sputnik:", a person's name of at most `person_label_max_words` capitalised words) or that end in a
question answered by the next paragraph (a question paragraph followed by one that is not). Labels and outlets are
data (`bench/genre_interview_cues.json`). First counts how often the cue fires (share > 0, and >= 0.2) on the
training articles per language and genre; then appends it as one more column to the shipped features of
`bench/genre_language_study.py`'s cache and reruns the shipped head (`bench/genre_weight_study.py`).

    python bench/genre_interview_study.py --cache FILE [--counts-only]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.genre_language_study import SCHEMES, TFIDF, _macro, collect, print_rows  # noqa: E402
from bench.genre_shift_study import cached  # noqa: E402
from bench.genre_weight_study import recipe  # noqa: E402
from presswatch.models.linear import body_paragraphs  # noqa: E402
from presswatch.taxonomy import GENRES  # noqa: E402

CUES = json.loads((Path(__file__).resolve().parent.parent / "bench/genre_interview_cues.json").read_text("utf-8"))
_LABELS = sorted({w for ws in CUES["labels"].values() for w in ws} | set(CUES["outlets"]), key=len, reverse=True)
_TURN = re.compile(r"^\s*(?:" + "|".join(re.escape(w) for w in _LABELS) + r")\s*[:—–]\s", re.IGNORECASE)
_NAME = r"[A-ZÀ-ÖØ-ÞА-ЯЁŁŚŻŹĆŃ][\w'.-]+"
_MORE = CUES["person_label_max_words"] - 1
_PERSON = re.compile(r"^\s*" + _NAME + r"(?: " + _NAME + r"){0," + str(_MORE) + r"}\s*:\s")


def turn(p: str) -> bool:
    """The paragraph opens with a turn label and a colon ("Q: ", "Sputnik: ", "Jean Dupont : ")."""
    return bool(_TURN.match(p) or _PERSON.match(p))


def interview_share(paragraphs: Sequence[str]) -> float:
    """Share of body paragraphs that are labelled turns or questions answered by the next paragraph."""
    body = [p.strip() for p in body_paragraphs(paragraphs) if p.strip()]
    if len(body) < 2:
        return 0.0
    hits = sum(turn(p) or (i + 1 < len(body) and p.endswith("?") and not body[i + 1].endswith("?"))
               for i, p in enumerate(body))
    return hits / len(body)


def counts(cue: np.ndarray, y: np.ndarray, lang: np.ndarray) -> None:
    print("language genre n fires(>0) fires(>=0.2)")
    for g in sorted(set(lang.tolist())):
        for c, name in enumerate(GENRES):
            rows = (lang == g) & (y == c)
            if rows.sum():
                print(f"{g} {name} {rows.sum()} {(cue[rows] > 0).mean():.2f} {(cue[rows] >= 0.2).mean():.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cache", type=Path)
    ap.add_argument("--counts-only", action="store_true")
    args = ap.parse_args()
    data = cached(args.cache, collect)
    y, lang = data["y"], data["lang"]
    cue = np.array([interview_share(d.split("\n")) for d in data["docs"]], np.float32)
    counts(cue, y, lang)
    if args.counts_only:
        return
    shipped = recipe()
    rows = {"tf-idf": {s: list(TFIDF[s]) for s in SCHEMES}}
    for name, col in (("shipped", None), ("+ interview cue", cue)):
        rows[name] = {}
        for scheme in SCHEMES:
            top = np.full(len(y), -1)
            with threadpool_limits(1):
                for tr, te, f in data["splits"][scheme]:
                    g = f if col is None else np.hstack([f, col[:, None]])
                    top[te] = shipped(g, y, lang, tr, te).argmax(1)
            rows[name][scheme] = _macro(top, y, lang)
        print_rows({name: rows[name]}, 40)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
