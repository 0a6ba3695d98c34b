"""Genre with an outlet's stated genre and stance cues, on the shift splits (issue #11, session 9).

Recipes on the features of `bench/genre_language_study.py` (same splits, cache and head: balanced multinomial
logistic regression, C=0.01, the news-mix opinion/reporting shift), scored per language with subtask 1 macro-F1:

* `before`: the genre features of session 8, every dateline one cue (Der Postillon's "Kairo (dpo) - ..." included),
  no satire-outlet cue;
* `shipped`: the dateline cue only where the dateline's tag names no outlet whose profile states a genre, and a cue
  that is 1 where it names a satire outlet (`genre_cues.outlet_genre`, `presswatch/clean/outlets/der_postillon.toml`);
* `+ stance`: obligation, evaluation, first person singular and news days (weekdays, yesterday, today) per 100 words
  of the body, six languages (`stance_cues` below); `+ stance: NAME` adds one of them, `+ evaluation + X` two;
* `all z / language`: every column z-scored within each language, as in genre_language_study;
* `per-language prior x A`: the shipped logits plus A times the log ratio of the article's language's genre mix on
  the training side to the pooled training mix (a language without training articles, lolo's, gets none).

    python bench/genre_stance_study.py [--cache FILE]   # FILE as genre_language_study's --cache; 3 min CPU with it
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.genre_language_study import (  # noqa: E402
    N_EMB,
    SCHEMES,
    SHIFT,
    TFIDF,
    Recipe,
    _macro,
    _recipe,
    collect,
    print_rows,
)
from bench.genre_shift_study import cached  # noqa: E402
from presswatch.models.genre_cues import N_CUES, has_dateline, outlet_genre  # noqa: E402
from presswatch.models.linear import N_STYLE  # noqa: E402
from presswatch.taxonomy import LANGUAGES  # noqa: E402

DATELINE = N_EMB + N_STYLE + 4
SATIRE_OUTLET = N_EMB + N_STYLE + N_CUES - 1
STANCE = ("obligation", "evaluation", "first singular", "news days")
WORD = re.compile(r"\w+", re.UNICODE)

# Stance cues of opinion, six languages (measured here, not in the shipped model).
# obligation and necessity: the author tells the reader what must be done
_OBLIGATION = re.compile(
    r"\b(?:should|shouldn't|must|mustn't|ought|need to|needs to|have to|has to"
    r"|doit|doivent|devrait|devraient|devons|devez|devrions|faut|faudrait"
    r"|sollte|sollten|solltest|sollen|soll|muss|müssen|müsste|müssten|musst"
    r"|deve|devono|dovrebbe|dovrebbero|dobbiamo|dovremmo|bisogna|occorre|bisognerebbe"
    r"|powinien|powinna|powinno|powinni|powinny|powinniśmy|musi|musimy|muszą|trzeba|należy|należałoby"
    r"|должен|должна|должно|должны|следует|следовало|надо|нужно|необходимо|обязаны?)\b")
# intensifiers, evaluations and certainty adverbs: the author's own judgement
_EVALUATIVE = re.compile(
    r"\b(?:very|really|truly|absolutely|totally|utterly|completely|clearly|obviously|of course|indeed|simply"
    r"|ridiculous|absurd|outrageous|shameful|disgraceful|insane|crazy|stupid|pathetic|terrible|horrible"
    r"|hypocri\w*|liars?|idiot\w*|disgust\w*|nonsense"
    r"|très|vraiment|absolument|totalement|complètement|évidemment|clairement|bien sûr|simplement"
    r"|ridicule\w*|absurde\w*|honteu\w*|scandaleu\w*|insensé\w*|stupide\w*|hypocri\w*|menteur\w*"
    r"|sehr|wirklich|absolut|völlig|total|offensichtlich|natürlich|eigentlich|einfach|lächerlich\w*|absurd\w*"
    r"|skandalös\w*|unglaublich\w*|dumm\w*|heuchl\w*|unsinn"
    r"|molto|davvero|assolutamente|totalmente|completamente|ovviamente|chiaramente|naturalmente|semplicemente"
    r"|ridicol\w+|assurd\w+|vergognos\w+|scandalos\w+|stupid\w+|ipocri\w+|bugiard\w+"
    r"|bardzo|naprawdę|absolutnie|całkowicie|zupełnie|oczywiście|wyraźnie|po prostu|śmieszn\w+|absurdaln\w+"
    r"|skandaliczn\w+|głup\w+|obłud\w+|hipokryz\w+|kłamc\w+"
    r"|очень|действительно|абсолютно|совершенно|полностью|очевидно|конечно|разумеется|просто|нелеп\w+|абсурд\w*"
    r"|позор\w*|глуп\w+|лицемер\w*|лжец\w*|бред\w*)\b")
# the author in the first person singular
_FIRST_SINGULAR = re.compile(
    r"\b(?:i|me|my|mine|myself|je|j|moi|mon|ma|mes|ich|mich|mir|mein\w*|io|mio|mia|miei|mie"
    r"|ja|mnie|mój|moja|moje|moim|mojej|я|меня|мне|мной|мой|моя|моё|мои|моего|моей)\b")
# the news clock of a report: weekdays, yesterday, today
_NEWS_DAYS = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|aujourd'hui"
    r"|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|gestern|heute"
    r"|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|ieri|oggi"
    r"|poniedziałek|wtorek|środę|środa|czwartek|piątek|sobotę|sobota|niedzielę|niedziela|wczoraj|dzisiaj|dziś"
    r"|понедельник|вторник|среду|среда|четверг|пятницу|пятница|субботу|суббота|воскресенье|вчера|сегодня)\b")
N_STANCE = 4


def stance_cues(paragraphs: Sequence[str]) -> np.ndarray:
    """Per 100 words of the body (title excluded): obligation, evaluation, first person singular, news days."""
    text = "\n".join(paragraphs[1:] or paragraphs).lower()
    words = max(len(WORD.findall(text)), 1)
    return np.array([len(rx.findall(text)) / words * 100.0 for rx in (_OBLIGATION, _EVALUATIVE, _FIRST_SINGULAR,
                                                                        _NEWS_DAYS)], dtype=np.float32)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cache", type=Path, help="genre_language_study's feature cache (.npy): written once, reused")
    args = ap.parse_args()
    data = cached(args.cache, collect)
    y, lang = data["y"], data["lang"]
    texts = [d.split("\n") for d in data["docs"]]
    satire = np.array([float(outlet_genre(t) == "satire") for t in texts])
    dateline = np.array([float(has_dateline(t)) for t in texts])
    stance = np.stack([stance_cues(t) for t in texts]).astype(float)
    print("satire-outlet datelines per language, opinion / reporting / satire: " + ", ".join(
        f"{g} " + "/".join(str(int(satire[(lang == g) & (y == k)].sum())) for k in range(3)) for g in LANGUAGES))
    print("stance cue means per language, opinion / reporting / satire")
    for j, name in enumerate(STANCE):
        print(f"  {name:16s} " + "  ".join(
            f"{g} " + "/".join(f"{stance[(lang == g) & (y == k), j].mean():.2f}" for k in range(3)) for g in LANGUAGES))

    def before(f: np.ndarray) -> np.ndarray:
        g = f.copy()
        g[:, DATELINE] = dateline
        return np.delete(g, SATIRE_OUTLET, axis=1)

    def language_prior(tr: np.ndarray, te: np.ndarray) -> np.ndarray:
        pooled = np.bincount(y[tr], minlength=3) + 1.0
        out = np.zeros((len(te), 3))
        for g in sorted(set(lang[te].tolist()) & set(lang[tr].tolist())):
            own = np.bincount(y[tr][lang[tr] == g], minlength=3) + 1.0
            out[lang[te] == g] = np.log(own / own.sum()) - np.log(pooled / pooled.sum())
        return out

    none = np.zeros((len(y), 0))
    priors = {"per-language prior x 0.5": 0.5, "per-language prior x 1": 1.0}
    recipes: dict[str, tuple[Recipe, bool, np.ndarray]] = {
        "before (session 8)": (_recipe("pooled"), True, none),
        "shipped": (_recipe("pooled"), False, none),
        "+ stance": (_recipe("pooled", titles=True), False, stance),
        **{f"+ stance: {n}": (_recipe("pooled", titles=True), False, stance[:, [j]]) for j, n in enumerate(STANCE)},
        **{f"+ evaluation + {n}": (_recipe("pooled", titles=True), False, stance[:, [1, j]])
           for j, n in enumerate(STANCE) if j != 1},
        "all z / language": (_recipe("all"), False, none),
        "+ stance, all z / language": (_recipe("all", titles=True), False, stance),
        **{name: (_recipe("pooled"), False, none) for name in priors},
    }
    print(f"\n{'recipe':42s} " + "   ".join(f"{s}: " + " ".join(f"{x:>5}" for x in LANGUAGES) + "  mean"
                                           for s in SCHEMES) + "   min shift gap, cells >= TF-IDF + 0.05")
    rows = {"tf-idf (bench/genre_shift_study.py)": {s: list(TFIDF[s]) for s in SCHEMES}}
    for name, (fn, old, cols) in recipes.items():
        rows[name] = {}
        for scheme in SCHEMES:
            top = np.full(len(y), -1)
            with threadpool_limits(1):
                for tr, te, f in data["splits"][scheme]:
                    prior = priors.get(name, 0.0) * language_prior(tr, te)
                    top[te] = (fn(before(f) if old else f, y, lang, cols, tr, te) + SHIFT + prior).argmax(1)
            rows[name][scheme] = _macro(top, y, lang)
    print_rows(rows, 42)


if __name__ == "__main__":
    main()
