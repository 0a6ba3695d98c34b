"""`presswatch train`, `eval` and `predict-semeval` end to end on a 30-article SemEval subset."""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import presswatch.config
from presswatch.cli import main
from presswatch.evaluation import scorers
from presswatch.evaluation.semeval import load_language
from presswatch.models import frames as frames_model

UseModels = Callable[[Path], None]


def _make_tiny(semeval_dir: Path, root: Path, n_op: int = 20, n_rep: int = 6, n_sat: int = 4) -> list[str]:
    """A SemEval layout under `root/en` holding 30 English articles with every genre (ids in order)."""
    want = {"opinion": n_op, "reporting": n_rep, "satire": n_sat}
    ids = []
    for a in load_language(semeval_dir, "en"):
        if a.genre in want and want[a.genre] > 0 and a.frames:
            want[a.genre] -= 1
            ids.append(a.id)
    src, dst = semeval_dir / "en", root / "en"
    (dst / "train-articles").mkdir(parents=True)
    (dst / "train-labels-subtask-3-spans").mkdir()
    for aid in ids:
        shutil.copy(src / "train-articles" / f"article{aid}.txt", dst / "train-articles")
        span_file = src / "train-labels-subtask-3-spans" / f"article{aid}-labels-subtask-3.txt"
        if span_file.exists():
            shutil.copy(span_file, dst / "train-labels-subtask-3-spans")
    keep = set(ids)
    for name in ("train-labels-subtask-1.txt", "train-labels-subtask-2.txt", "train-labels-subtask-3.txt"):
        lines = (src / name).read_text(encoding="utf-8").splitlines(keepends=True)
        (dst / name).write_text("".join(x for x in lines if x.split("\t")[0] in keep), encoding="utf-8")
    return ids


@pytest.fixture(scope="module")
def tiny(semeval_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("semeval")
    _make_tiny(semeval_dir, root)
    return root


def _clear_model_caches() -> None:
    from presswatch.models import genre
    from presswatch.models.techniques import model as techniques

    frames_model.load_frames_model.cache_clear()
    genre.load_genre_model.cache_clear()
    techniques.load_technique_model.cache_clear()


@pytest.fixture
def models_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[UseModels]:
    """Point the shipped-model location somewhere else for one test."""
    from presswatch.models.techniques import model as techniques

    def use(path: Path) -> None:
        settings = dataclasses.replace(presswatch.config.SETTINGS, models_dir=path)
        monkeypatch.setattr(presswatch.config, "SETTINGS", settings)
        monkeypatch.setattr(techniques, "SETTINGS", settings)
        _clear_model_caches()

    yield use
    _clear_model_caches()


@pytest.mark.slow
def test_train_then_predict_semeval_round_trips_through_the_scorer(tiny: Path, tmp_path: Path,
                                                                   models_dir: UseModels) -> None:
    runner = CliRunner()
    out = tmp_path / "artifacts"
    r = runner.invoke(main, ["train", "--data", str(tiny), "--langs", "en", "--seed", "0", "--out", str(out)])
    assert r.exit_code == 0, r.output
    for name in ("frames.npz", "frames.json", "genre.npz", "genre.json", "techniques/model.json"):
        assert (out / name).exists(), name
    assert json.loads((out / "frames.json").read_text(encoding="utf-8"))["n_train"] == 30

    models_dir(out)
    articles = tiny / "en" / "train-articles"
    pred = tmp_path / "pred"
    r = runner.invoke(main, ["predict-semeval", str(articles), "--lang", "en", "--out", str(pred)])
    assert r.exit_code == 0, r.output
    genres = scorers.read_genre_labels(pred / "labels-subtask-1.txt")
    frames = scorers.read_frame_labels(pred / "labels-subtask-2.txt")
    techs = scorers.read_technique_labels(pred / "labels-subtask-3.txt")
    assert len(genres) == len(frames) == 30
    # subtask 3: every non-empty line of every article, 1-based, and nothing else
    expected = {(p.stem.removeprefix("article"), n) for p in articles.glob("article*.txt")
                for n, line in enumerate(p.read_text(encoding="utf-8").split("\n"), start=1) if line.strip()}
    assert set(techs) == expected

    gold = tmp_path / "gold"
    gold.mkdir()
    shutil.copy(tiny / "en" / "train-labels-subtask-1.txt", gold / "labels-subtask-1.txt")
    shutil.copy(tiny / "en" / "train-labels-subtask-2.txt", gold / "labels-subtask-2.txt")
    shutil.copy(tiny / "en" / "train-labels-subtask-3.txt", gold / "labels-subtask-3.txt")
    assert set(scorers.score_dirs(gold, gold).values()) == {1.0}
    got = scorers.score_dirs(gold, pred)
    assert set(got) == {"subtask1_macro_f1", "subtask2_micro_f1", "subtask3_micro_f1"}
    # scored on their own training articles, the models must beat chance clearly
    assert got["subtask2_micro_f1"] > 0.5 and got["subtask1_macro_f1"] > 0.5 and got["subtask3_micro_f1"] > 0.2


@pytest.mark.slow
def test_eval_json_and_table(tiny: Path) -> None:
    runner = CliRunner()
    r = runner.invoke(main, ["eval", "--cv", "--data", str(tiny), "--langs", "en", "--folds", "2",
                             "--no-techniques", "--format", "json"])
    assert r.exit_code == 0, r.output
    report = json.loads(r.stdout)
    (en,) = report
    assert en["lang"] == "en" and en["articles"] == 30 and en["folds"] == 2
    model, base = en["systems"]
    assert model["system"] == "model" and base["system"].startswith("baseline")
    for s in (model, base):
        assert 0.0 <= s["subtask1_macro_f1"] <= 1.0 and 0.0 <= s["subtask2_micro_f1"] <= 1.0
        assert set(s["genres"]) == {"opinion", "reporting", "satire"}
    assert model["subtask3_micro_f1"] is None and 0.0 <= base["subtask3_micro_f1"] <= 1.0
    assert base["techniques"]
    r = runner.invoke(main, ["eval", "--cv", "--data", str(tiny), "--langs", "en", "--folds", "2",
                             "--no-techniques", "--no-baseline"])
    assert r.exit_code == 0, r.output
    assert "subtask 2 micro-F1" in r.stdout and "per-genre F1" in r.stdout


@pytest.mark.slow
def test_eval_prints_random_and_shift_splits_side_by_side(tiny: Path) -> None:
    runner = CliRunner()
    args = ["eval", "--data", str(tiny), "--langs", "en", "--folds", "2", "--no-techniques"]
    r = runner.invoke(main, [*args, "--splits", "random,newest", "--format", "json"])
    assert r.exit_code == 0, r.output
    cells = json.loads(r.stdout)["cells"]
    got = {(c["system"], c["scheme"], c["subtask"]) for c in cells}
    assert got == {(sy, sc, sub) for sy in ("model", "tf-idf") for sc in ("random", "newest")
                   for sub in ("genre", "frames")}
    assert all(0.0 <= c["score"] <= 1.0 for c in cells)
    assert {c["n"] for c in cells if c["scheme"] == "newest" and c["subtask"] == "genre"} == {8}  # a quarter
    r = runner.invoke(main, [*args, "--splits", "newest,lolo", "--no-baseline"])
    assert r.exit_code == 0, r.output
    assert "genre (macro-F1)" in r.stdout and "newest:model" in r.stdout
    assert runner.invoke(main, [*args, "--splits", "by-outlet"]).exit_code != 0
    r = runner.invoke(main, [*args, "--splits", "newest", "--set", "no_such_setting=1"])  # --set is checked here too
    assert r.exit_code != 0 and "no_such_setting" in r.output


def test_missing_models_give_one_clear_error_line(tiny: Path, tmp_path: Path, models_dir: UseModels) -> None:
    empty = tmp_path / "models"
    empty.mkdir()
    models_dir(empty)
    r = CliRunner().invoke(main, ["predict-semeval", str(tiny / "en" / "train-articles"), "--out",
                                  str(tmp_path / "pred")])
    assert r.exit_code == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and "frames model" in lines[0]


def test_bad_language_and_empty_folder(tmp_path: Path) -> None:
    runner = CliRunner()
    r = runner.invoke(main, ["eval", "--langs", "xx"])
    assert r.exit_code != 0 and "unknown language" in r.output
    r = runner.invoke(main, ["predict-semeval", str(tmp_path), "--out", str(tmp_path / "o")])
    assert r.exit_code == 2 and "no article" in r.stderr
