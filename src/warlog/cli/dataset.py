"""The store's commands: `warlog ingest` and `warlog import` fill it, `warlog events` and `warlog export`
read it (filtered), `warlog merge` merges extracted events outside it."""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from warlog.cli.app import Batch, app, extracted, open_output, print_event_table, published_option, stderr, use_model
from warlog.cli.options import DbOpt, InputArg, ModelOpt, OutputOpt, PublishedOpt, RedactOpt, WorkersOpt, filtered
from warlog.records import Rejection

if TYPE_CHECKING:
    from warlog.store.filters import EventFilter

EXPORT_FORMATS = ("acled-csv", "geojson", "parquet", "jsonl")


def existing_store(db: str | None) -> Path | str | None:
    """--db as given (a file's path, or a PostgreSQL URL); BadParameter when it names no file: a typo
    must not start a new, empty store."""
    from warlog.store.database import store_location

    location = store_location(db) if db is not None else None
    if isinstance(location, Path) and str(location) != ":memory:" and not location.exists():
        raise typer.BadParameter(f"no store at {db} (`warlog ingest INPUT --db {db}` makes one)", param_hint="--db")
    return location


@contextlib.contextmanager
def store_errors(path: Path | str | None) -> Iterator[None]:
    """A store another process holds, or a PostgreSQL store that cannot be reached, is one line on
    stderr and exit code 1, not a traceback."""
    import duckdb

    from warlog.store.connection import StoreUnavailable, shown

    try:
        yield
    except StoreUnavailable as error:
        stderr.print(f"[red]{error}[/red]", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
    except duckdb.IOException as error:
        if "lock" not in str(error):
            raise
        holder = re.search(r"PID (\d+)", str(error))
        stderr.print(
            f"[red]the store {shown(path) if path else 'at $WARLOG_DB'} is in use by another process[/red]"
            f"{f' (PID {holder.group(1)})' if holder else ''}: DuckDB lets one process open it; stop that process,"
            " or send reports to a running `warlog serve` (POST /reports)",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(1) from None


@contextlib.contextmanager
def open_store(db: str | None, create: bool = False) -> Iterator:
    """The store at --db (or the default one); it must exist unless `create`."""
    from warlog.store.database import Store, store_location

    path = (store_location(db) if db is not None else None) if create else existing_store(db)
    with store_errors(path), Store(path) as store:
        yield store


@app.command()
def ingest(
    input: InputArg,
    db: DbOpt = None,
    published: PublishedOpt = None,
    again: Annotated[
        bool, typer.Option("--again", help="Extract stored reports again (a new warlog version).")
    ] = False,
    workers: WorkersOpt = None,
    model: ModelOpt = None,
) -> None:
    """Store reports, their events and the merged events; a report already stored is skipped."""
    from collections import Counter

    from warlog.store.connection import shown

    use_model(model)
    day = published_option(published)
    outcomes: Counter[str] = Counter()
    with open_store(db, create=True) as store:
        batch = Batch(input, day, record=store.reject)
        fresh = [report for report in batch.read() if again or not store.is_stored(report)]
        for item in extracted(batch, "ingesting", fresh, workers):
            try:
                outcomes[store.add_report(item.report, item.events, replace=again)] += 1
            except ValueError as error:  # an event the store refuses (`Store.add_report`): this report only
                batch.reject(Rejection(item.report.id, item.report.id, str(error)))
        total = store.db.execute("SELECT count(*) FROM merged_events").fetchone()[0]
    done = ", ".join(f"{count} {outcome}" for outcome, count in sorted(outcomes.items())) or "nothing new"
    stderr.print(f"Reports: {done}; {total} merged event(s) in {shown(store.location)}.", highlight=False)
    raise typer.Exit(batch.exit_code())


@app.command("import")
def import_acled(
    input: Annotated[Path, typer.Argument(help="An ACLED CSV export (ACLED's columns; inter codes or labels).")],
    db: DbOpt = None,
) -> None:
    """Store a team's ACLED-coded events (source kept), so that new reports merge into them."""
    from collections import Counter

    from warlog.acled_csv import read_acled_csv
    from warlog.store.connection import shown

    if not input.is_file():
        raise typer.BadParameter(f"no file {input}", param_hint="INPUT")
    outcomes: Counter[str] = Counter()
    with open_store(db, create=True) as store:
        batch = Batch(str(input), None, record=store.reject)
        for item in read_acled_csv(input):
            if isinstance(item, Rejection):
                batch.reject(item)
            else:
                report, event = item
                outcomes[store.add_report(report, [event])] += 1
        total = store.db.execute("SELECT count(*) FROM merged_events").fetchone()[0]
    done = ", ".join(f"{count} {outcome}" for outcome, count in sorted(outcomes.items())) or "nothing new"
    stderr.print(f"ACLED rows: {done}; {total} merged event(s) in {shown(store.location)}.", highlight=False)
    raise typer.Exit(batch.exit_code())


@app.command()
@filtered
def events(
    *,
    db: DbOpt = None,
    where: EventFilter,
    format: Annotated[str, typer.Option("--format", "-f", help="table or jsonl.")] = "table",
    limit: Annotated[int | None, typer.Option("--limit", help="At most this many events.")] = None,
    redact_persons: RedactOpt = False,
) -> None:
    """List the merged events in the store, oldest id first."""
    from warlog.export import write_rows
    from warlog.redact import redact_rows

    if format not in ("table", "jsonl"):
        raise typer.BadParameter("choose table or jsonl", param_hint="--format")
    with open_store(db) as store:
        rows = store.iter_events(where, limit)
        if redact_persons:
            rows = redact_rows(rows, store.report_texts)
        if format == "table":
            print_event_table(list(rows))
        else:
            write_rows(rows, "jsonl", sys.stdout)


@app.command()
@filtered
def export(
    *,
    format: Annotated[str, typer.Option("--format", "-f", help="acled-csv, geojson, parquet or jsonl.")],
    db: DbOpt = None,
    output: OutputOpt = None,
    where: EventFilter,
    deleted: Annotated[
        bool,
        typer.Option("--deleted", help="The events deleted (merged away, removed, rejected) instead: csv or jsonl."),
    ] = False,
    inter_labels: Annotated[
        bool, typer.Option("--inter-labels", help="inter1, inter2, interaction as text labels (acledR's form).")
    ] = False,
    redact_persons: RedactOpt = False,
) -> None:
    """Export the merged events (one row per event, every source listed), or with --deleted the events
    that left the dataset; with --since, only what changed since then (a living dataset's update)."""
    from warlog.export import with_inter_labels, write_deletions, write_rows
    from warlog.redact import redact_rows

    if format not in EXPORT_FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(EXPORT_FORMATS)}", param_hint="--format")
    if format == "parquet" and (output is None or inter_labels or deleted):
        raise typer.BadParameter("parquet needs a file (-o events.parquet) and keeps codes", param_hint="--format")
    if deleted and format not in ("acled-csv", "jsonl"):
        raise typer.BadParameter("deletions are written as acled-csv (a CSV) or jsonl", param_hint="--format")
    with open_store(db) as store:
        if deleted:
            with open_output(output) as stream:
                count = write_deletions(store.deletions(where.since), format, stream)
            stderr.print(f"{count} deleted event(s) exported.")
            return
        masked = partial(redact_rows, report_texts=store.report_texts) if redact_persons else None
        if format == "parquet":
            count = store.export_parquet(output, where, masked)
        else:
            rows = store.iter_events(where)
            if masked:
                rows = masked(rows)
            with open_output(output) as stream:
                count = write_rows(with_inter_labels(rows) if inter_labels else rows, format, stream)
    stderr.print(f"{count} event(s) exported.")


@app.command("merge")
def merge_events(
    events: Annotated[
        Path,
        typer.Argument(help="Extracted events: Parquet (extract --engine ray) or JSONL (extract -f jsonl)."),
    ],
    output: OutputOpt = None,
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv, acled-csv, geojson or parquet.")] = "jsonl",
) -> None:
    """Merge extracted events across reports, block by block: the merged events `ingest` would store."""
    from warlog import batch_merge
    from warlog.export import write_rows

    if format not in (*EXPORT_FORMATS, "csv"):
        raise typer.BadParameter(f"choose one of {', '.join((*EXPORT_FORMATS, 'csv'))}", param_hint="--format")
    if format == "parquet" and (output is None or str(output) == "-"):
        raise typer.BadParameter("parquet needs a file: -o merged.parquet", param_hint="--output")
    try:
        extracted_events = batch_merge.read_events(events)
    except (ValueError, OSError) as error:
        raise typer.BadParameter(str(error), param_hint="EVENTS") from None
    rows = batch_merge.merge(extracted_events)
    if format == "parquet":
        batch_merge.write_parquet(rows, output)
    else:
        with open_output(output) as stream:
            write_rows(rows, format, stream)
    stderr.print(f"{len(extracted_events)} event(s) merged into {len(rows)}.", highlight=False)
