"""The `warlog` application, and what its commands share: input and output options, a batch of reports
read with its rejections (and the exit code they make), a progress bar, the pipeline on N processes, the
event table."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import IO, TypeVar

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from warlog.ingest import parse_published, read_inputs
from warlog.records import Extracted, Rejection, Report

app = typer.Typer(
    help="Turn conflict reports into ACLED-compatible, geocoded, dated events with evidence.",
    no_args_is_help=True,
    add_completion=False,
)
stderr = Console(stderr=True)

Item = TypeVar("Item")


def use_model(path: Path | None) -> None:
    """Make the typing model at `path` this run's (and its workers'), or fail naming the file and why."""
    if path is None:
        return
    try:
        from warlog.learn import combine
        from warlog.learn.model import ModelError

        try:
            combine.use_model(path)
        except ModelError as error:
            raise typer.BadParameter(str(error), param_hint="--model") from None
    except ImportError as error:
        stderr.print(f"[red]--model needs the learn extra[/red]: pip install 'warlog\\[learn]' ({error})")
        raise typer.Exit(2) from None


def published_option(value: str | None) -> date | None:
    try:
        return parse_published(value)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--published") from None


# Exit codes: 0 every report accepted; 1 the run failed (an error stopped it); 2 a usage error (Typer's);
# 3 the run finished but some reports were rejected, each named on stderr.
EXIT_SOME_REJECTED = 3


class Batch:
    """Reports read from INPUT, with rejections reported as they come and counted for the exit code;
    `record` (a store's `reject`) keeps each one as it comes, so a run that fails later loses none."""

    def __init__(self, source: str, published: date | None, record: Callable[[Rejection], None] | None = None) -> None:
        self.source = source
        self.published = published
        self.record = record
        self.rejections: list[Rejection] = []

    def reports(self) -> Iterator[Report]:
        for item in read_inputs(self.source, self.published):
            if isinstance(item, Rejection):
                self.reject(item)
            else:
                yield item

    def read(self) -> list[Report]:
        """Every report at once: the progress bar then knows the total."""
        return list(self.reports())

    def reject(self, rejection: Rejection) -> None:
        self.rejections.append(rejection)
        if self.record is not None:
            self.record(rejection)
        stderr.print(
            f"[red]rejected[/red] {rejection.report_id} ({rejection.origin}): {rejection.reason}", highlight=False
        )

    def exit_code(self) -> int:
        if self.rejections:
            stderr.print(f"{len(self.rejections)} report(s) rejected.")
            return EXIT_SOME_REJECTED
        return 0


def with_progress(items: Iterable[Item], label: str, total: int | None = None) -> Iterator[Item]:
    """A progress bar on a terminal (with the time left when the total is known); nothing when output
    goes to a file or a pipe."""
    if not stderr.is_terminal:
        yield from items
        return
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn())
    with Progress(*columns, console=stderr, transient=True) as progress:
        task = progress.add_task(label, total=total)
        for item in items:
            progress.advance(task)
            yield item


def extracted(batch: Batch, label: str, reports: Sequence[Report], workers: int | None) -> Iterator[Extracted]:
    """The reports through the pipeline, on `workers` processes, in input order; a report a stage fails
    on is rejected, the rest go on."""
    from warlog import parallel
    from warlog.language import ENGLISH

    for item in with_progress(parallel.extract(reports, workers or 1), label, total=len(reports)):
        if isinstance(item, Rejection):
            batch.reject(item)
            continue
        if item.language != ENGLISH:
            warn_not_read(item.report.id, item.language)
        yield item


def warn_not_read(report_id: str, code: str) -> None:
    """The warning for a report in a language warlog does not read (it is no rejection: exit code 0)."""
    from warlog.language import not_read

    stderr.print(f"[yellow]warning[/yellow] {report_id}: {not_read(code)}", highlight=False)


@contextlib.contextmanager
def open_output(path: Path | None) -> Iterator[IO[str]]:
    if path is None or str(path) == "-":
        yield sys.stdout
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as stream:
        yield stream


def print_event_table(rows: list[dict], stream: IO[str] | None = None) -> None:
    table = Table(show_lines=False, title=f"{len(rows)} event(s)")
    for column in ("date", "type / sub-event", "actor1", "actor2", "location", "fatal.", "conf."):
        table.add_column(column, overflow="fold")
    for row in rows:
        place = ", ".join(part for part in (row["location"], row["admin1"], row["country"]) if part)
        table.add_row(
            f"{row['event_date'] or '?'} (p{row['time_precision']})",
            f"{row['event_type']}\n{row['sub_event_type']}",
            row["actor1"] or "",
            row["actor2"] or "",
            f"{place} (p{row['geo_precision']})" if place else "?",
            str(row["fatalities"]),
            f"{row['confidence']:.2f}",
        )
    # To a file, the table is written at a fixed width, without colours.
    (Console(file=stream, width=160, no_color=True) if stream else Console()).print(table)
