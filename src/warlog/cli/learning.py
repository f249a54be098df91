"""`warlog train`: a typing model learned from a team's coded notes (the learn extra)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from warlog.cli.app import app, stderr, with_progress


@app.command()
def train(
    coded: Annotated[Path, typer.Argument(help="Coded notes: an ACLED export CSV (notes column) or gold JSONL.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The model file to write (.npz).")],
    folds: Annotated[
        int,
        typer.Option("--folds", min=1, help="Cross-validation folds (1: none; the rules' types stand)."),
    ] = 5,
) -> None:
    """Train a typing model on a team's coded notes, to combine with the rules (`--model`; needs the learn extra)."""
    try:
        from warlog.learn.training import TrainingError, train
    except ImportError as error:
        stderr.print(f"[red]warlog train needs the learn extra[/red]: pip install 'warlog\\[learn]' ({error})")
        raise typer.Exit(2) from None
    try:
        model = train(coded, folds, lambda items, total, label: with_progress(items, label, total))
    except TrainingError as error:
        raise typer.BadParameter(str(error), param_hint="CODED") from None
    model.save(output)
    scores = model.info["cross_validation"]["scores"]
    notes = model.info["training"]["notes"]
    stderr.print(
        f"Model trained on {notes} notes written to {output} (the model overrides the rules "
        f"where it gives another type {model.combination.threshold} or more and the rules' confidence is under "
        f"{model.combination.rules_sure_at})."
    )
    if scores:
        table = Table(title=f"{folds}-fold cross-validation, the most confident event of each note")
        for column in ("engine", "sub-event macro-F1", "sub-event accuracy", "event-type macro-F1"):
            table.add_column(column, justify="right" if column != "engine" else "left")
        for engine, values in scores.items():
            table.add_row(engine, *(f"{value:.3f}" for value in values.values()))
        stderr.print(table)
