"""`presswatch train`, `eval` and `predict-semeval`: the persuasion models' training, CV benchmark and
SemEval-format predictions."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from presswatch.taxonomy import LANGUAGES

if TYPE_CHECKING:
    from presswatch.models.techniques.model import TechniqueConfig

_LANGS_HELP = f"Comma list of SemEval languages ({','.join(LANGUAGES)})."


def _langs(value: str) -> list[str]:
    langs = [x.strip() for x in value.split(",") if x.strip()]
    bad = [x for x in langs if x not in LANGUAGES]
    if bad or not langs:
        raise click.BadParameter(f"unknown language(s) {', '.join(bad) or '(none)'}; known: {','.join(LANGUAGES)}")
    return langs


def _data_dir(data: str | None) -> Path:
    from presswatch.config import SETTINGS

    return Path(data) if data else SETTINGS.semeval_dir


def _err_progress(message: str) -> None:
    click.echo(f"  {message}", err=True)


@click.command("train")
@click.argument("models", nargs=-1, type=click.Choice(["frames", "genre", "techniques", "all"]))
@click.option("--data", type=click.Path(file_okay=False), default=None,
              help="SemEval-2023 training split (default ../shared/data/semeval2023).")
@click.option("--langs", default=None, metavar="LIST",
              help=_LANGS_HELP + " Default: all six for every model.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--out", type=click.Path(file_okay=False), default=None,
              help="Where to write the artifacts (default: the shipped presswatch/models/artifacts).")
@click.option("--corrections", "corrections_db", type=click.Path(dir_okay=False, exists=True), default=None,
              help="A corpus store whose analysts' corrections join the training data as labelled examples.")
def train_cmd(models: tuple[str, ...], data: str | None, langs: str | None, seed: int, out: str | None,
              corrections_db: str | None) -> None:
    """Rebuild the shipped models (MODELS: frames, genre, techniques; default all) with a fixed seed."""
    from presswatch.config import SETTINGS
    from presswatch.models.training import MODELS, train_all

    which = MODELS if not models or "all" in models else tuple(m for m in MODELS if m in models)
    target = Path(out) if out else SETTINGS.models_dir
    chosen = _langs(langs) if langs else None
    click.echo(f"training {', '.join(which)} (seed {seed}) -> {target}", err=True)
    extra = _corrections(corrections_db) if corrections_db else []
    timings = train_all(_data_dir(data), chosen, target, seed=seed, models=which, progress=_err_progress,
                        extra=extra)
    click.echo("done in " + ", ".join(f"{k} {v:.1f}s" for k, v in timings.items()), err=True)


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def _mix() -> str:
    from presswatch.models.genre import DEPLOY_PRIOR

    return ", ".join(f"{g} {p:.0%}" for g, p in DEPLOY_PRIOR.items())


def _print_report(reports: list) -> None:  # list[LanguageReport]
    from rich.console import Console
    from rich.table import Table

    console = Console() if sys.stdout.isatty() else Console(width=140)  # no wrapping of long labels in files
    for rep in reports:
        extra = f", model also trained on {','.join(rep.extra_langs)}" if rep.extra_langs else ""
        head = Table(title=f"{rep.lang}: {rep.articles} articles, {rep.folds}-fold CV, seed {rep.seed}{extra} "
                           f"({rep.seconds:.0f}s)")
        head.add_column("system")
        for col in ("subtask 1 macro-F1 (genre)", "genre at news mix*", "subtask 2 micro-F1 (frames)",
                    "subtask 3 micro-F1 (techniques)"):
            head.add_column(col, justify="right")
        for s in rep.systems:
            head.add_row(s.system, _fmt(s.subtask1_macro_f1), _fmt(s.subtask1_news_mix_macro_f1),
                         _fmt(s.subtask2_micro_f1), _fmt(s.subtask3_micro_f1))
        console.print(head)
        console.print("* subtask 1 macro-F1 with the articles reweighted to a news feed's genre mix "
                      f"({_mix()}), as the genre model is calibrated for")
        for s in rep.systems:
            if s.note:
                console.print(f"[yellow]{s.system}: {s.note}[/yellow]")
        for attr, title in (("genres", "genre"), ("frames", "frame"), ("techniques", "technique")):
            table = Table(title=f"{rep.lang}: per-{title} F1")
            table.add_column(title)
            table.add_column("support", justify="right")
            for s in rep.systems:
                table.add_column(f"{s.system} P/R/F1", justify="right")
            names = list(dict.fromkeys(n for s in rep.systems for n in getattr(s, attr)))
            if not names:
                continue
            for name in names:
                scores = [getattr(s, attr).get(name) for s in rep.systems]
                support = next((sc.support for sc in scores if sc is not None), 0)
                cells = [f"{sc.precision:.2f}/{sc.recall:.2f}/[bold]{sc.f1:.3f}[/bold]" if sc else "-" for sc in scores]
                table.add_row(name, str(support), *cells)
            console.print(table)


def _corrections(db: str) -> list:
    from presswatch.corpus.corrections import WEIGHT, training_examples
    from presswatch.corpus.store import Store

    with Store(db, readonly=True) as store:
        extra = training_examples(store)
    click.echo(f"{len(extra) // WEIGHT} corrected articles from {db} (each weighted {WEIGHT}x)", err=True)
    return extra


@click.command("eval")
@click.argument("what", type=click.Choice(["all", "techniques"]), default="all")
@click.option("--data", type=click.Path(file_okay=False), default=None,
              help="SemEval-2023 training split (default ../shared/data/semeval2023).")
@click.option("--langs", default=None, metavar="LIST",
              help=_LANGS_HELP + " Default: all six; with --cv or `techniques`: en, each cross-validated on its own.")
@click.option("--splits", "schemes", default="random,lolo,newest", show_default=True, metavar="LIST",
              help="Split schemes side by side: random (k folds per language), lolo (leave one language out), "
                   "newest (the newest quarter of each language by article id).")
@click.option("--cv", is_flag=True, help="Instead: one language's k-fold CV with per-label tables (the old report).")
@click.option("--folds", type=click.IntRange(2, 20), default=5, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--extra-langs", default="", show_default=True, metavar="LIST",
              help="With --cv: languages whose articles join every training fold of the model; `all` for every "
                   "other language.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--techniques/--no-techniques", default=True, show_default=True,
              help="Also evaluate the techniques model (the slowest part: minutes per split).")
@click.option("--baseline/--no-baseline", default=True, show_default=True,
              help="Also score the TF-IDF + logistic-regression baseline on the same splits.")
@click.option("--set", "overrides", multiple=True, metavar="KEY=VALUE",
              help="A technique-model setting for this run (`eval techniques` and the split schemes), e.g. "
                   "--set seeds=2.")
@click.option("--corrections", "corrections_db", type=click.Path(dir_okay=False, exists=True), default=None,
              help="Instead of the CV: how often the shipped technique model agrees with the analysts' corrections "
                   "in this store (run before and after `train --corrections` to see their effect).")
def eval_cmd(what: str, data: str | None, langs: str | None, schemes: str, cv: bool, folds: int, seed: int,
             extra_langs: str, fmt: str, techniques: bool, baseline: bool, overrides: tuple[str, ...],
             corrections_db: str | None) -> None:
    """Official metrics per language. WHAT `all` (default): every model beside the TF-IDF baseline on random folds,
    leave-one-language-out and the newest slice, side by side (with --cv: one language's k-fold CV with per-label
    F1); `techniques`: the technique model's own CV (JSON: per technique, per genre, span character F1)."""
    if corrections_db:
        from presswatch.corpus.corrections import agreement
        from presswatch.corpus.store import Store

        with Store(corrections_db, readonly=True) as store:
            result = agreement(store)
        click.echo(json.dumps(result, indent=2) if fmt == "json" else
                   "\n".join(f"{k}: {v['agree']}/{v['total']} corrected verdicts the shipped model agrees with"
                             for k, v in result.items()))
        return
    if what == "all" and not cv:
        _shift_eval(_data_dir(data), _langs(langs or ",".join(LANGUAGES)), schemes, folds, seed, fmt, techniques,
                    baseline, _technique_config(overrides))
        return
    one = _langs(langs or "en")
    extra = list(LANGUAGES) if extra_langs.strip() == "all" else (_langs(extra_langs) if extra_langs.strip() else [])
    if what == "techniques":
        _eval_techniques(_data_dir(data), one, folds, seed, extra, overrides)
        return
    from presswatch.models.crossval import cross_validate

    reports = [cross_validate(_data_dir(data), lang, folds=folds, seed=seed, extra_langs=extra,
                              techniques=techniques, baseline=baseline, progress=_err_progress) for lang in one]
    if fmt == "json":
        click.echo(json.dumps([r.to_dict() for r in reports], indent=2))
    else:
        _print_report(reports)


def _shift_eval(root: Path, langs: list[str], schemes: str, folds: int, seed: int, fmt: str, techniques: bool,
                baseline: bool, config: TechniqueConfig | None = None) -> None:
    from threadpoolctl import threadpool_limits

    from presswatch.evaluation.splits import SCHEMES
    from presswatch.models import shift

    chosen = [x.strip() for x in schemes.split(",") if x.strip()]
    if not chosen or any(x not in SCHEMES for x in chosen):
        raise click.BadParameter(f"unknown split scheme in {schemes!r}; known: {','.join(SCHEMES)}")
    subtasks = [s for s in shift.SUBTASKS if techniques or s != "techniques"]
    articles, emb = shift.load_with_embeddings(root, langs, _err_progress)
    systems = {"model": shift.shipped_system(subtasks, seed, config)}
    if baseline:
        systems["tf-idf"] = shift.baseline_system(seed, subtasks)
    with threadpool_limits(1, "blas"):  # small dense fits: one BLAS thread is 20x faster on a shared machine
        report = shift.evaluate(articles, emb, systems, chosen, subtasks, folds, seed, _err_progress)
    calib = shift.genre_calibration(report, articles, "model", [x for x in chosen if x != "random"])
    if fmt == "json":
        click.echo(json.dumps({**report.to_dict(), "genre_calibration": calib}, indent=2))
        return
    click.echo(f"{len(articles)} articles; random = {folds} folds per language (seed {seed}), lolo = leave one "
               "language out, newest = newest quarter of each language by article id")
    click.echo("\n".join(shift.format_report(report, list(systems), chosen, subtasks)))
    for scheme, c in calib.items():
        click.echo(f"\ngenre calibration, {scheme}: ECE {c['ece']:.3f} on {c['n']} articles "
                   f"({c['ece_news_mix']:.3f} reweighted to the news-feed mix); "
                   f"{c['confident_0.9_wrong']} of {c['confident_0.9']} verdicts >= 0.9 wrong; "
                   f"{c['abstained']:.0%} uncertain ({c['reporting_uncertain'] or 0:.0%} of reporting articles)")
        for t, per in c["verdicts"].items():
            click.echo(f"  verdicts {t} right/made: " + ", ".join(f"{g} {r}/{m}" for g, (r, m) in per.items()))
        click.echo("\n".join("  " + row for row in c["table"]))
    click.echo("\nseconds: " + ", ".join(f"{k} {v:.0f}" for k, v in report.seconds.items()))


def _technique_config(overrides: tuple[str, ...]) -> TechniqueConfig:
    """The default technique-model settings with `--set KEY=VALUE` overrides."""
    from dataclasses import replace

    from presswatch.models.techniques.model import TechniqueConfig

    cfg = TechniqueConfig()
    for kv in overrides:
        key, _, value = kv.partition("=")
        if not hasattr(cfg, key) or not value:
            raise click.BadParameter(f"{kv!r}: expected KEY=VALUE with KEY one of {', '.join(vars(cfg))}",
                                     param_hint="--set")
        kind = type(getattr(cfg, key))
        cfg = replace(cfg, **{key: value.lower() in ("1", "true", "yes") if kind is bool else kind(value)})
    return cfg


def _eval_techniques(root: Path, langs: list[str], folds: int, seed: int, extra: list[str],
                     overrides: tuple[str, ...]) -> None:
    from presswatch.models.techniques.cv import run_cv
    from presswatch.stages.techniques import verbs_with_objects

    cfg = _technique_config(overrides)
    results = [run_cv(lang, folds, [x for x in extra if x != lang], cfg, seed=seed, root=root, progress=_err_progress,
                      verbs=lambda art: lambda stretches: verbs_with_objects(art, stretches))
               for lang in langs]
    click.echo(json.dumps(results if len(results) > 1 else results[0], indent=1))


@click.command("predict-semeval")
@click.argument("articles_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--lang", default="en", show_default=True, help="Language of the articles (en, fr, ge, it, po, ru).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), required=True,
              help="Folder for labels-subtask-1.txt, labels-subtask-2.txt and labels-subtask-3.txt.")
def predict_semeval_cmd(articles_dir: str, lang: str, out_dir: str) -> None:
    """Label every article*.txt of ARTICLES_DIR (SemEval layout) with the shipped models."""
    from presswatch.models.predict import predict_directory

    n = predict_directory(Path(articles_dir), Path(out_dir), lang=lang, progress=_err_progress)
    click.echo(f"wrote labels for {n} articles to {out_dir}", err=True)


COMMANDS: list[click.Command] = [train_cmd, eval_cmd, predict_semeval_cmd]
