"""Official SemEval metrics: hand-computed cases, label-file round trips, gold against itself and perturbed."""

from __future__ import annotations

from pathlib import Path

import pytest

from presswatch.evaluation import scorers
from presswatch.evaluation.semeval import load_language


def test_genre_macro_f1_by_hand() -> None:
    gold = {"1": "opinion", "2": "opinion", "3": "reporting", "4": "satire"}
    pred = {"1": "opinion", "2": "reporting", "3": "reporting", "4": "opinion"}
    # opinion: tp1 fp1 fn1 -> 0.5; reporting: tp1 fp1 fn0 -> 2/3; satire: tp0 -> 0
    assert scorers.genre_macro_f1(gold, pred) == pytest.approx((0.5 + 2 / 3 + 0) / 3)
    per = scorers.genre_scores(gold, pred)
    assert per["reporting"].precision == 0.5 and per["reporting"].recall == 1.0 and per["satire"].support == 1


def test_missing_prediction_counts_as_a_miss() -> None:
    gold = {"1": "opinion", "2": "reporting"}
    assert scorers.genre_macro_f1(gold, {"1": "opinion"}) == pytest.approx((1.0 + 0.0) / 2)


def test_frames_and_techniques_micro_f1_by_hand() -> None:
    gold = {"a": ["Political", "Economic"], "b": ["Morality"]}
    pred = {"a": ["Political"], "b": ["Morality", "Economic"], "zzz": ["Political"]}  # zzz is not in gold
    # tp 2, fp 1, fn 1 -> P = R = 2/3
    assert scorers.frames_micro_f1(gold, pred) == pytest.approx(2 / 3)
    tgold = {("a", 1): ["Doubt"], ("a", 3): [], ("b", 1): ["Loaded_Language", "Repetition"]}
    tpred = {("a", 1): ["Doubt", "Slogans"], ("a", 3): ["Doubt"], ("b", 1): ["Loaded_Language"], ("a", 9): ["Doubt"]}
    # tp 2, fp 2, fn 1 -> P 1/2, R 2/3, F1 4/7; line 9 is not scored
    assert scorers.techniques_micro_f1(tgold, tpred) == pytest.approx(4 / 7)
    per = scorers.per_label(scorers.technique_triples(tgold), scorers.technique_triples(tpred))
    assert per["Doubt"].precision == pytest.approx(1 / 3) and per["Doubt"].recall == 1.0
    assert per["Repetition"].f1 == 0.0 and per["Repetition"].support == 1


def test_label_files_round_trip(tmp_path: Path) -> None:
    g = {"1": "opinion", "2": "satire"}
    f = {"1": ["Political", "Economic"], "2": []}
    t = {("1", 1): ["Doubt"], ("1", 3): [], ("2", 5): ["Slogans", "Repetition"]}
    scorers.write_genre_labels(tmp_path / "g.txt", g)
    scorers.write_frame_labels(tmp_path / "f.txt", f)
    scorers.write_technique_labels(tmp_path / "t.txt", t)
    assert (tmp_path / "t.txt").read_text(encoding="utf-8").splitlines()[1] == "1\t3\t"
    assert scorers.read_genre_labels(tmp_path / "g.txt") == g
    assert scorers.read_frame_labels(tmp_path / "f.txt") == f
    assert scorers.read_technique_labels(tmp_path / "t.txt") == t


def _write_gold(semeval_dir: Path, out: Path) -> tuple[dict, dict, dict]:
    arts = load_language(semeval_dir, "en")
    g = {a.id: a.genre for a in arts if a.genre}
    f = {a.id: a.frames for a in arts if a.frames}
    t = {(a.id, n): ts for a in arts for n, ts in sorted(a.paragraph_labels.items())}
    out.mkdir(parents=True, exist_ok=True)
    scorers.write_genre_labels(out / scorers.SUBTASK_FILES[1], g)
    scorers.write_frame_labels(out / scorers.SUBTASK_FILES[2], f)
    scorers.write_technique_labels(out / scorers.SUBTASK_FILES[3], t)
    return g, f, t


def test_real_gold_against_itself_and_perturbed(semeval_dir: Path, tmp_path: Path) -> None:
    g, f, t = _write_gold(semeval_dir, tmp_path / "gold")
    assert scorers.score_dirs(tmp_path / "gold", tmp_path / "gold") == {
        "subtask1_macro_f1": 1.0, "subtask2_micro_f1": 1.0, "subtask3_micro_f1": 1.0}
    # the official files read back exactly as the loader's labels
    official = semeval_dir / "en"
    assert scorers.read_genre_labels(official / "train-labels-subtask-1.txt") == g
    # perturb: one opinion article called reporting, one frame dropped, one technique added
    aid = next(k for k, v in g.items() if v == "opinion")
    g2 = {**g, aid: "reporting"}
    fid = next(iter(f))
    f2 = {**f, fid: f[fid][1:]}
    key = next(k for k, v in t.items() if "Repetition" not in v)
    t2 = {**t, key: [*t[key], "Repetition"]}
    (tmp_path / "pred").mkdir()
    scorers.write_genre_labels(tmp_path / "pred" / scorers.SUBTASK_FILES[1], g2)
    scorers.write_frame_labels(tmp_path / "pred" / scorers.SUBTASK_FILES[2], f2)
    scorers.write_technique_labels(tmp_path / "pred" / scorers.SUBTASK_FILES[3], t2)
    got = scorers.score_dirs(tmp_path / "gold", tmp_path / "pred")
    n_op = sum(v == "opinion" for v in g.values())
    n_rep = sum(v == "reporting" for v in g.values())
    f_op = 2 * (n_op - 1) / (2 * n_op - 1)  # tp n-1, fn 1, fp 0
    f_rep = 2 * n_rep / (2 * n_rep + 1)  # tp n, fp 1, fn 0
    assert got["subtask1_macro_f1"] == pytest.approx((f_op + f_rep + 1.0) / 3)
    n_pairs = sum(len(v) for v in f.values())
    assert got["subtask2_micro_f1"] == pytest.approx(2 * (n_pairs - 1) / (2 * n_pairs - 1))
    n_triples = sum(len(v) for v in t.values())
    assert got["subtask3_micro_f1"] == pytest.approx(2 * n_triples / (2 * n_triples + 1))
    assert all(v < 1.0 for v in got.values())


def test_genre_macro_f1_at_mix_matches_weighted_sklearn() -> None:
    from sklearn.metrics import f1_score

    gold = {"a": "opinion", "b": "opinion", "c": "opinion", "d": "reporting", "e": "satire"}
    pred = {"a": "opinion", "b": "reporting", "c": "opinion", "d": "reporting", "e": "opinion"}
    mix = {"opinion": 0.35, "reporting": 0.60, "satire": 0.05}
    names = sorted(set(gold.values()))
    y = [names.index(gold[k]) for k in gold]
    p = [names.index(pred[k]) for k in gold]
    weights = [mix[gold[k]] / (sum(v == gold[k] for v in gold.values()) / len(gold)) for k in gold]
    want = f1_score(y, p, average="macro", sample_weight=weights)
    assert scorers.genre_macro_f1_at_mix(gold, pred, mix) == pytest.approx(want)
    # at the corpus's own mix it is the plain official score
    own = {g: sum(v == g for v in gold.values()) / len(gold) for g in names}
    assert scorers.genre_macro_f1_at_mix(gold, pred, own) == pytest.approx(scorers.genre_macro_f1(gold, pred))
