"""The attribution gold: the tuning set (bench/gold/attribution_*.json) and the held-out set (bench/gold/heldout/).

The held-out articles are drawn by a fixed rule, not by what the system does well:

    python bench/attribution_gold.py --draw        # the draw, per language
    python bench/attribution_gold.py --check       # every held-out span equals the article text there
    python bench/attribution_gold.py --next 8      # the next files to annotate for the tuning set, per language

`--next` draws by the same rule from the articles in neither set (it reads only the held-out file names, and
prints none of them), so a tuning set can grow without anyone opening the held-out files.

Rule: per language, the SemEval training articles not in the tuning set whose file is at most MAX_CHARS
characters (hand-checking a long article costs too much), split by their subtask-1 genre into reporting and
the rest (opinion, satire), each list sorted by file name and shuffled with random.Random(SEED); then
reporting and non-reporting are taken in turn, PER_LANG in all (reporting first; if one list runs out the
other fills in). A held-out quote is {kind, start, end, text, speaker_as_written, speaker}: start/end are
character offsets into the article file as read (UTF-8), text is that slice, speaker_as_written the words
that name the speaker nearest the quote (null when nobody is named) and speaker the canonical name.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

from presswatch.config import SETTINGS

GOLD = Path(__file__).resolve().parent / "gold"
HELDOUT = GOLD / "heldout"
LANGS = ("en", "ru", "fr", "de", "it", "pl")
KINDS = ("direct", "reported")
SEED = 20261201
PER_LANG = 11
MAX_CHARS = 4500


def tuning(lang: str) -> dict[str, Any]:
    return json.loads((GOLD / f"attribution_{lang}.json").read_text(encoding="utf-8"))


def heldout(lang: str) -> dict[str, Any] | None:
    path = HELDOUT / f"attribution_{lang}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def folder(data: dict[str, Any]) -> Path:
    return SETTINGS.semeval_dir / data["semeval_dir"] / "train-articles"


def draw(lang: str, excluding: list[str] | None = None, count: int = PER_LANG) -> list[str]:
    """The held-out files of one language, by the rule in the module docstring; `excluding` is the tuning set
    the draw was made against (each held-out file records it, so a later tuning article changes no draw)."""
    data = tuning(lang)
    root = SETTINGS.semeval_dir / data["semeval_dir"]
    taken = set(excluding) if excluding is not None else {a["file"] for a in data["articles"]}
    genre = {}
    for line in (root / "train-labels-subtask-1.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            art_id, label = line.split("\t")[:2]
            genre[f"article{art_id}.txt"] = label.strip()
    pools: dict[bool, list[str]] = {True: [], False: []}
    for path in sorted((root / "train-articles").glob("article*.txt")):
        if path.name in taken or len(path.read_text(encoding="utf-8")) > MAX_CHARS:
            continue
        pools[genre.get(path.name) == "reporting"].append(path.name)
    rng = random.Random(SEED)
    for key in (True, False):
        rng.shuffle(pools[key])
    picked: list[str] = []
    turn = True
    while len(picked) < count and (pools[True] or pools[False]):
        pool = pools[turn] or pools[not turn]
        picked.append(pool.pop(0))
        turn = not turn
    return picked


def next_tuning(lang: str, count: int) -> list[str]:
    """The next `count` files to annotate for a language's tuning set: the draw rule over the articles that are
    in neither the tuning nor the held-out set."""
    held = heldout(lang)
    taken = {a["file"] for a in tuning(lang)["articles"]} | {a["file"] for a in (held or {}).get("articles", [])}
    return draw(lang, sorted(taken), count)


def problems(data: dict[str, Any], texts: dict[str, str] | None = None) -> list[str]:
    """What is wrong with a held-out file: offsets off the text, empty speakers, unknown kinds."""
    out = []
    for art in data["articles"]:
        name = art["file"]
        text = texts[name] if texts is not None else (folder(data) / name).read_text(encoding="utf-8")
        for q in art["quotes"]:
            where = f"{name} {q.get('start')}:{q.get('end')}"
            if q.get("kind") not in KINDS:
                out.append(f"{where}: kind {q.get('kind')!r}")
            s, e = q.get("start"), q.get("end")
            if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
                out.append(f"{where}: bad offsets")
            elif text[s:e] != q.get("text"):
                out.append(f"{where}: text {q.get('text')!r} but the article has {text[s:e]!r}")
            elif "\n" in q["text"].strip() and q["kind"] == "reported":
                out.append(f"{where}: a reported quote across paragraphs")
            if s is not None and isinstance(s, int) and "\n" not in text[:s]:
                out.append(f"{where}: in the headline (cleaning moves it to the metadata)")
            for key in ("speaker", "speaker_as_written"):
                v = q.get(key, "")
                if v is not None and (not isinstance(v, str) or not v.strip()):
                    out.append(f"{where}: empty {key}")
            if (q.get("speaker") is None) != (q.get("speaker_as_written") is None):
                out.append(f"{where}: speaker and speaker_as_written must both be named or both null")
        for p in art.get("persons", []):
            if not isinstance(p, str) or not p.strip():
                out.append(f"{name}: empty person")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--draw", action="store_true")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--next", type=int, metavar="N", help="the next N files to annotate for the tuning set")
    ap.add_argument("--lang", action="append", choices=LANGS)
    args = ap.parse_args(argv)
    bad = []
    for lang in args.lang or LANGS:
        if args.draw:
            print(lang, " ".join(draw(lang)))
        if args.next:
            print(lang, " ".join(next_tuning(lang, args.next)))
        if args.check and (data := heldout(lang)) is not None:
            bad += problems(data)
            if sorted(a["file"] for a in data["articles"]) != sorted(draw(lang, data["drawn_excluding"])):
                bad.append(f"{lang}: the held-out files are not the draw")
    print("\n".join(bad), file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
