"""`warlog eval`: run the pipeline on a gold file's texts (or read another system's predictions) and score.

The pipeline sees only each gold record's `id`, `text` and `published` (or `dct`); `--pred FILE`
scores a file in warlog's own CLI output formats instead, so any system can be measured the same
way. Metric definitions: docs/evaluation.md.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from warlog.cli.app import app, use_model
from warlog.evaluation import split
from warlog.evaluation.tasks import TASKS, evaluate, headline_metrics, predict_events

eval_app = typer.Typer(
    help="Measure extraction, places, dates, FA-KES and merging against gold data.",
    no_args_is_help=True,
)
app.add_typer(eval_app, name="eval")

GoldArg = Annotated[Path, typer.Argument(help="Gold JSONL file (formats: ../shared/data/README.md).")]
PredOpt = Annotated[
    Path | None,
    typer.Option("--pred", help="Score this prediction file (warlog's output format) instead of running warlog."),
]
ModelOpt = Annotated[
    Path | None,
    typer.Option("--model", help="Also score rules + this typing model (`warlog train`) and show the gain."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the full scores as JSON.")]
LimitOpt = Annotated[int | None, typer.Option("--limit", min=1, help="Score only the first N gold records.")]
SplitOpt = Annotated[
    str | None,
    typer.Option(
        "--split",
        help=f"Score one half of the gold file: {' or '.join(split.SPLITS)} (docs/evaluation.md says which is which).",
    ),
]


def show(task_name: str, result: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return
    half = f" ({result['split']} half)" if result.get("split") else ""
    table = Table(title=TASKS[task_name].title, caption=f"{result['system']} on {Path(result['gold']).name}{half}")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for name, value in headline_metrics(result):
        table.add_row(name, f"{value:.3f}" if isinstance(value, float) else str(value))
    Console().print(table)


def _command(task_name: str) -> Callable[..., None]:
    def command(
        gold: GoldArg, pred: PredOpt = None, as_json: JsonOpt = False, limit: LimitOpt = None, half: SplitOpt = None
    ) -> None:
        _check_split(half)
        show(task_name, evaluate(task_name, gold, pred, limit, half), as_json)

    def command_with_model(
        gold: GoldArg,
        pred: PredOpt = None,
        as_json: JsonOpt = False,
        limit: LimitOpt = None,
        half: SplitOpt = None,
        model: ModelOpt = None,
    ) -> None:
        _check_split(half)
        if model is None:
            show(task_name, evaluate(task_name, gold, pred, limit, half), as_json)
            return
        if pred is not None:
            raise typer.BadParameter("--model scores warlog's own extraction, not a --pred file", param_hint="--model")
        from warlog.learn import combine

        rules = evaluate(task_name, gold, None, limit, half)
        use_model(model)
        try:
            combined = evaluate(task_name, gold, None, limit, half)
        finally:
            combine.use_model(None)
        combined["system"] = f"warlog --model {model}"
        show_gain(task_name, rules, combined, as_json)

    chosen = command_with_model if TASKS[task_name].predict is predict_events else command
    chosen.__doc__ = f"{TASKS[task_name].title}: score warlog (or --pred FILE) against GOLD."
    if chosen is command_with_model:
        chosen.__doc__ += " --model MODEL: rules alone and rules + model, with the gain."
    return chosen


def _check_split(half: str | None) -> None:
    if half is not None and half not in split.SPLITS:
        raise typer.BadParameter(f"{half!r}: choose {' or '.join(split.SPLITS)}", param_hint="--split")


def show_gain(task_name: str, rules: dict[str, Any], combined: dict[str, Any], as_json: bool) -> None:
    """Rules alone beside rules + model, and the gain, metric by metric."""
    if as_json:
        print(json.dumps({"rules": rules, "rules+model": combined}, indent=2, ensure_ascii=False))
        return
    half = f" ({rules['split']} half)" if rules.get("split") else ""
    table = Table(title=TASKS[task_name].title, caption=f"{combined['system']} on {Path(rules['gold']).name}{half}")
    for column in ("metric", "rules", "rules+model", "gain"):
        table.add_column(column, justify="left" if column == "metric" else "right")
    with_model = dict(headline_metrics(combined))
    for name, value in headline_metrics(rules):
        other = with_model.get(name)
        if isinstance(value, float) and isinstance(other, float):
            table.add_row(name, f"{value:.3f}", f"{other:.3f}", f"{other - value:+.3f}")
        else:
            table.add_row(name, str(value), str(other), "")
    Console().print(table)


for _name in TASKS:
    eval_app.command(_name)(_command(_name))


@eval_app.command("report")
def report(
    page: Annotated[
        Path, typer.Option("--page", help="Write the results page here (its charts go in img/ beside it).")
    ],
    results: Annotated[Path, typer.Option("--results", help="Folder of the saved scores and the benchmarks' results.")],
    readme: Annotated[
        Path | None, typer.Option("--readme", help="Refresh the headline table between this file's markers.")
    ] = None,
    data: Annotated[Path, typer.Option("--data", help="Folder of the gold files.")] = Path("../shared/data"),
    limit: LimitOpt = None,
    reuse: Annotated[bool, typer.Option("--reuse", help="Reuse saved scores instead of re-running.")] = False,
    benchmarks: Annotated[
        bool, typer.Option("--benchmarks", help="Rerun the benchmarks beside the results folder first (minutes).")
    ] = False,
) -> None:
    """Write the results page from every gold file (and refresh a README's headline table); the project's own
    is regenerated with --page docs/results.md --results benchmarks/results --readme README.md."""
    from warlog.evaluation.report import ReportPaths, generate

    print(generate(ReportPaths(page, results, data, readme), limit, reuse, benchmarks))
