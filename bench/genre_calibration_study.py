"""How far genre scores can be trusted on the shift splits: precision of verdicts by score, before and after each
calibration recipe.

For every split of `lolo` and `newest` (`presswatch.evaluation.splits`) the shipped genre model is trained on the
training side exactly as `presswatch train genre` does (`training.fit_genre`); its test-side logits are kept, and
so are the inner held-out logits its own calibration was fitted on (each training language scored by a head that
did not see it). Every recipe below is fitted on those inner logits only and applied to the test side, so the
figures are out of fold twice over. Reported per scheme, pooled and per language: macro-F1 of the top genre
(SemEval has no `uncertain`; no recipe changes the top genre), the share answered `uncertain`, ECE of the shown
distribution, and the precision of the verdicts (not `uncertain`) whose shown score is >= 0.8 and >= 0.9, per
genre as right/made. "mix" repeats the >= 0.9 precision with the articles weighted to the news-feed mix the model
is calibrated for (`genre.DEPLOY_PRIOR`), since the training split is 76% opinion.

    python bench/genre_calibration_study.py [--table]      # about 2 min; --table adds reliability tables
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from presswatch.article import paragraph_texts  # noqa: E402
from presswatch.config import SETTINGS  # noqa: E402
from presswatch.evaluation import calibration, scorers  # noqa: E402
from presswatch.evaluation.splits import make_splits  # noqa: E402
from presswatch.models import genre, shift, training  # noqa: E402
from presswatch.models.linear import softmax  # noqa: E402
from presswatch.taxonomy import GENRES, LANGUAGES  # noqa: E402

SAT = GENRES.index("satire")


def collect() -> dict[str, list[dict[str, Any]]]:
    """Per scheme and split: test logits (news-mix shift included), gold, languages, the inner held-out logits and
    gold the split's calibration saw, its temperature."""
    arts, emb = shift.load_with_embeddings(SETTINGS.semeval_dir, LANGUAGES)
    seen: dict[str, np.ndarray] = {}
    real = genre.calibrate

    def spy(held: np.ndarray, y: np.ndarray) -> dict[str, Any]:
        seen["held"], seen["y"] = held.copy(), y.copy()
        return real(held, y)

    genre.calibrate = spy  # type: ignore[assignment]
    out: dict[str, list[dict[str, Any]]] = {}
    try:
        for scheme in ("lolo", "newest"):
            for sp in make_splits(arts, scheme):
                print(f"  {scheme} {sp.name}", file=sys.stderr)
                with threadpool_limits(1):
                    gm = training.fit_genre([arts[i] for i in sp.train], [emb[i] for i in sp.train])
                te = [i for i in sp.test if arts[i].genre in GENRES]
                z = np.vstack([gm.logits(gm.features(emb[i], paragraph_texts(arts[i].text)))[0] + gm.thresholds
                               for i in te])
                out.setdefault(scheme, []).append({
                    "z": z, "y": np.array([GENRES.index(str(arts[i].genre)) for i in te]),
                    "lang": np.array([arts[i].lang for i in te]), "held": seen["held"], "hy": seen["y"],
                    "t": gm.temperature, "floor": gm.confidence_floor})
    finally:
        genre.calibrate = real  # type: ignore[assignment]
    return out


Recipe = Callable[[dict[str, Any]], tuple[np.ndarray, np.ndarray]]  # split -> (shown probs, verdict or -1)


def mix_weights(y: np.ndarray) -> np.ndarray:
    """Per article, its genre's share in the news-feed mix over its share in `y`."""
    return np.array([genre.DEPLOY_PRIOR[g] / max((y == c).mean(), 1e-9) for c, g in enumerate(GENRES)])[y]


def _ceiling(part: dict[str, Any], probs: np.ndarray, per_genre: bool, mix: bool = False) -> np.ndarray:
    after = softmax(part["held"] / part["t"])
    curves = genre.precision_ceilings(after, part["hy"], mix_weights(part["hy"]) if mix else None)
    if not per_genre:
        pooled = calibration.precision_curve(after.max(1), (after.argmax(1) == part["hy"]).astype(float), 1 / 3)
        curves = {g: {"p": pooled[0], "precision": pooled[1]} for g in GENRES}
    k = probs.argmax(1)
    scores = np.array([calibration.ceiling_scores(np.array([p.max()]), (curves[GENRES[c]]["p"],
                                                                         curves[GENRES[c]]["precision"]))[0]
                       for p, c in zip(probs, k, strict=True)])
    return calibration.restate(probs, scores)


def _isotonic(part: dict[str, Any], probs: np.ndarray) -> np.ndarray:
    """Per genre, the top probability replaced by the held-out precision (raised as well as lowered)."""
    after = softmax(part["held"] / part["t"])
    curves = genre.precision_ceilings(after, part["hy"])
    k = probs.argmax(1)
    scores = np.array([np.interp(p.max(), curves[GENRES[c]]["p"], curves[GENRES[c]]["precision"])
                       for p, c in zip(probs, k, strict=True)])
    return calibration.restate(np.maximum(probs, 0), np.minimum(scores, 1.0))


def recipe(ceiling: str | None, satire_floor: bool) -> Recipe:
    def run(part: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
        probs = softmax(part["z"] / part["t"])
        shown = (probs if ceiling is None else _isotonic(part, probs) if ceiling == "isotonic"
                 else _ceiling(part, probs, ceiling.startswith("per genre"), ceiling.endswith("mix")))
        k = probs.argmax(1)
        floors = np.full(len(GENRES), part["floor"])
        if satire_floor:
            floors[SAT] = genre.label_floor(part["floor"], genre.DEPLOY_PRIOR["satire"])
        sure = (shown.max(1) >= part["floor"]) & (probs.max(1) >= floors[k])
        return shown, np.where(sure, k, -1)

    return run


RECIPES: dict[str, Recipe] = {
    "temperature (before)": recipe(None, False),
    "+ satire floor": recipe(None, True),
    "+ pooled ceiling": recipe("pooled", False),
    "+ per-genre ceiling": recipe("per genre", False),
    "+ per-genre isotonic + satire floor": recipe("isotonic", True),
    "+ per-genre ceiling + satire floor (shipped)": recipe("per genre", True),
    "+ per-genre ceiling at news mix + satire floor": recipe("per genre mix", True),
}


def _row(shown: np.ndarray, said: np.ndarray, y: np.ndarray, lang: np.ndarray, langs: list[str]) -> str:
    top = shown.max(1)
    f1 = np.mean([scorers.genre_macro_f1({str(i): GENRES[y[i]] for i in np.flatnonzero(lang == x)},
                                         {str(i): GENRES[shown[i].argmax()] for i in np.flatnonzero(lang == x)})
                  for x in langs])
    w = mix_weights(y)
    cells = [f"{f1:.3f}", f"{(said < 0).mean():.2f}", f"{calibration.ece(shown, y):.3f}"]
    for t in (0.8, 0.9):
        m = (said >= 0) & (top >= t)
        cells.append(f"{(said == y)[m].mean():.2f}" if m.any() else "  - ")
        cells.append(" ".join(f"{int(((said == y) & m & (said == c)).sum())}/{int((m & (said == c)).sum())}"
                              for c in range(len(GENRES))))
    m = (said >= 0) & (top >= 0.9)
    cells.append(f"{(w * (said == y))[m].sum() / w[m].sum():.2f}" if m.any() else "  - ")
    return "  ".join(f"{c:>11}" for c in cells)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--table", action="store_true", help="reliability tables of the shown scores")
    args = ap.parse_args()
    data = collect()
    head = ["macro-F1", "uncertain", "ECE", "P>=0.8", "opi/rep/sat", "P>=0.9", "opi/rep/sat", "P>=0.9 mix"]
    for scheme, parts in data.items():
        y, lang = np.concatenate([p["y"] for p in parts]), np.concatenate([p["lang"] for p in parts])
        print(f"\n{scheme} ({len(y)} articles): pooled, then per language")
        print(f"{'recipe':46s} {'':4s}" + "  ".join(f"{h:>11}" for h in head))
        for name, fn in RECIPES.items():
            got = [fn(p) for p in parts]
            shown, said = np.vstack([g[0] for g in got]), np.concatenate([g[1] for g in got])
            print(f"{name:46s} {'all':4s}" + _row(shown, said, y, lang, LANGUAGES))
            if name.endswith(("(shipped)", "news mix + satire floor")) or name.startswith("temperature"):
                for x in LANGUAGES:
                    m = lang == x
                    print(f"{'':46s} {x:4s}" + _row(shown[m], said[m], y[m], lang[m], [x]))
            if args.table:
                print("\n".join("    " + r for r in calibration.format_table(calibration.reliability(shown, y))))


if __name__ == "__main__":
    main()
