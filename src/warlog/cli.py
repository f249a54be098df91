"""The `warlog` command line: a thin layer over the pipeline, the store and the evaluation."""

from __future__ import annotations

import contextlib
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, TypeVar

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

from warlog.evaluation.cli import eval_app
from warlog.ingest import parse_published, read_inputs
from warlog.records import Analysis, Extracted, Rejection, Report

if TYPE_CHECKING:
    from warlog.store.filters import EventFilter

app = typer.Typer(
    help="Turn conflict reports into ACLED-compatible, geocoded, dated events with evidence.",
    no_args_is_help=True,
    add_completion=False,
)
stderr = Console(stderr=True)

InputArg = Annotated[str, typer.Argument(help="A text/HTML/Markdown file, a folder, a JSONL file, or - for stdin.")]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout ('-' is stdout).")]
PublishedOpt = Annotated[str | None, typer.Option("--published", help="Publication date YYYY-MM-DD for single files.")]
WorkersOpt = Annotated[
    int | None,
    typer.Option("--workers", "-w", min=1, help="Extract on N processes (--engine ray: N actors, default all CPUs)."),
]
ModelOpt = Annotated[
    Path | None,
    typer.Option("--model", help="A typing model (`warlog train`): its types combine with the rules' (warlog[learn])."),
]
EXTRACT_FORMATS = ("table", "jsonl", "csv", "acled-csv", "geojson")
ENGINES = ("local", "ray")
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
    from warlog.language import ENGLISH, language_name

    for item in with_progress(parallel.extract(reports, workers or 1), label, total=len(reports)):
        if isinstance(item, Rejection):
            batch.reject(item)
            continue
        if item.language != ENGLISH:
            stderr.print(
                f"[yellow]warning[/yellow] {item.report.id}: written in {language_name(item.language)}; "
                "warlog reads English only, so no events were extracted",
                highlight=False,
            )
        yield item


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


@app.command()
def extract(
    input: InputArg,
    output: OutputOpt = None,
    format: Annotated[
        str | None, typer.Option("--format", "-f", help="table, jsonl, csv, acled-csv or geojson; parquet (ray).")
    ] = None,
    published: PublishedOpt = None,
    workers: WorkersOpt = None,
    engine: Annotated[
        str, typer.Option("--engine", help="local, or ray: Parquet/JSONL in, Parquet files in the -o folder out.")
    ] = "local",
    address: Annotated[
        str | None,
        typer.Option("--address", help="Ray cluster for --engine ray: auto, ray://HOST:PORT (default: start one)."),
    ] = None,
    model: ModelOpt = None,
) -> None:
    """Extract ACLED-coded events from each report."""
    if engine not in ENGINES:
        raise typer.BadParameter(f"choose one of {', '.join(ENGINES)}", param_hint="--engine")
    use_model(model)
    if engine == "ray":
        extract_on_ray(input, output, format, workers, address)
    from warlog.export import event_record, write_rows

    format = format or "table"
    if format not in EXTRACT_FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(EXTRACT_FORMATS)}", param_hint="--format")
    batch = Batch(input, published_option(published))
    found = extracted(batch, "extracting", batch.read(), workers)
    rows = (event_record(event) for item in found for event in item.events)
    with open_output(output) as stream:
        if format == "table":
            print_event_table(list(rows), stream if output is not None and str(output) != "-" else None)
        else:
            write_rows(rows, format, stream)
    raise typer.Exit(batch.exit_code())


def extract_on_ray(input: str, output: Path | None, format: str | None, workers: int | None, address: str | None):
    """`extract --engine ray`: the batch runs on Ray Data and writes Parquet; exits like a local run."""
    if format not in (None, "parquet"):
        raise typer.BadParameter("--engine ray writes parquet", param_hint="--format")
    if output is None or str(output) == "-":
        raise typer.BadParameter("--engine ray writes Parquet files into a folder: give -o FOLDER", param_hint="-o")
    try:
        from warlog import ray_runner
    except ImportError as error:
        stderr.print(f"[red]--engine ray needs Ray[/red]: pip install 'warlog[ray]' ({error})", highlight=False)
        raise typer.Exit(2) from None
    try:
        summary = ray_runner.run(input, output, address, workers)
    except ray_runner.InputError as error:
        raise typer.BadParameter(str(error), param_hint="INPUT") from None
    batch = Batch(input, None)
    for rejection in summary.rejections:
        batch.reject(rejection)
    stderr.print(f"{summary.events} event(s) written to {output}.", highlight=False)
    raise typer.Exit(batch.exit_code())


@app.command()
def places(input: InputArg, output: OutputOpt = None, published: PublishedOpt = None) -> None:
    """Every place each report mentions, resolved to coordinates (JSONL: {"id", "places": [...]})."""
    from warlog import language, toponyms
    from warlog.export import place_record

    batch = Batch(input, published_option(published))
    reports = batch.read()
    analyses = language.annotate_many(Analysis(report) for report in reports)
    with open_output(output) as stream:
        for analysis in with_progress(analyses, "places", total=len(reports)):
            toponyms.annotate(analysis)
            found = [place_record(mention) for mention in analysis.places]
            stream.write(json.dumps({"id": analysis.report.id, "places": found}, ensure_ascii=False) + "\n")
    raise typer.Exit(batch.exit_code())


@app.command()
def dates(input: InputArg, output: OutputOpt = None, published: PublishedOpt = None) -> None:
    """Every temporal expression, as TIMEX3 values resolved against the publication date."""
    from warlog import timex
    from warlog.export import timex_record

    batch = Batch(input, published_option(published))
    with open_output(output) as stream:
        for report in batch.reports():
            found = [timex_record(t) for t in timex.find_timexes(report.text, report.published)]
            stream.write(json.dumps({"id": report.id, "dates": found}, ensure_ascii=False) + "\n")
    raise typer.Exit(batch.exit_code())


# --- the store: ingest, list, export ------------------------------------------------------------------


@app.command()
def train(
    coded: Annotated[Path, typer.Argument(help="Coded notes: an ACLED export CSV (notes column) or gold JSONL.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The model file to write (.npz).")],
    folds: Annotated[int, typer.Option("--folds", min=1, help="Cross-validation folds (1: no threshold tuned).")] = 5,
) -> None:
    """Train a typing model on a team's coded notes, to combine with the rules (`--model`; needs warlog[learn])."""
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
    stderr.print(f"Model trained on {notes} notes written to {output} (threshold {model.threshold}).")
    if scores:
        table = Table(title=f"{folds}-fold cross-validation, the most confident event of each note")
        for column in ("engine", "sub-event macro-F1", "sub-event accuracy", "event-type macro-F1"):
            table.add_column(column, justify="right" if column != "engine" else "left")
        for engine, values in scores.items():
            table.add_row(engine, *(f"{value:.3f}" for value in values.values()))
        stderr.print(table)


DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="The store: a DuckDB file, or a PostgreSQL URL postgresql://USER:PASSWORD@HOST/DATABASE"
        " (default: $WARLOG_DB, else a DuckDB file in the user's data folder).",
    ),
]
StartOpt = Annotated[str | None, typer.Option("--start", help="Events on or after YYYY-MM-DD.")]
EndOpt = Annotated[str | None, typer.Option("--end", help="Events on or before YYYY-MM-DD.")]
BboxOpt = Annotated[
    str | None,
    typer.Option("--bbox", help="min_lon,min_lat,max_lon,max_lat (min_lon > max_lon crosses the antimeridian)."),
]
CountryOpt = Annotated[str | None, typer.Option("--country", help="Country name, ISO2 or ISO3 code.")]
Admin1Opt = Annotated[str | None, typer.Option("--admin1", help="First-level region name.")]
EventTypeOpt = Annotated[list[str] | None, typer.Option("--event-type", help="ACLED event type (repeat for several).")]
SubEventTypeOpt = Annotated[
    list[str] | None, typer.Option("--sub-event-type", help="ACLED sub-event type (repeat for several).")
]
ActorOpt = Annotated[str | None, typer.Option("--actor", help="Part of an actor's or associate's name.")]
TextOpt = Annotated[str | None, typer.Option("--text", help="Words in the notes, location or actors.")]
MinSourcesOpt = Annotated[int, typer.Option("--min-sources", help="Only events told by N sources or more.")]
SinceOpt = Annotated[
    str | None,
    typer.Option("--since", help="Only events changed since this moment (YYYY-MM-DD[THH:MM], UTC, or Unix seconds)."),
]
RedactOpt = Annotated[
    bool,
    typer.Option(
        "--redact-persons",
        help="Mask people's names (spaCy PERSON spans no known group) in notes, evidence and actors as [person].",
    ),
]
EXPORT_FORMATS = ("acled-csv", "geojson", "parquet", "jsonl")


def event_filter(
    start: str | None,
    end: str | None,
    bbox: str | None,
    country: str | None,
    admin1: str | None,
    event_type: list[str] | None,
    sub_event_type: list[str] | None,
    actor: str | None,
    text: str | None,
    min_sources: int,
    since: str | None = None,
) -> EventFilter:
    from pydantic import ValidationError

    from warlog.store.filters import EventFilter

    values = {
        "start": day_option(start, "--start"), "end": day_option(end, "--end"), "bbox": bbox, "country": country,
        "admin1": admin1, "event_type": event_type or [], "sub_event_type": sub_event_type or [], "actor": actor,
        "q": text, "min_sources": min_sources, "since": since_option(since),
    }  # fmt: skip
    try:
        return EventFilter(**values)
    except ValidationError as error:
        problem = error.errors()[0]
        field = problem["loc"][0] if problem["loc"] else None
        flag = "--text" if field == "q" else f"--{field.replace('_', '-')}" if field else "--start/--end"
        raise typer.BadParameter(problem["msg"].removeprefix("Value error, "), param_hint=flag) from None


def since_option(value: str | None) -> datetime | None:
    """--since: a moment (YYYY-MM-DD, an ISO date and time, taken as UTC without a zone) or Unix seconds."""
    if not value:
        return None
    try:
        return datetime.fromtimestamp(int(value), UTC) if value.isdigit() else datetime.fromisoformat(value)
    except (ValueError, OverflowError, OSError):
        raise typer.BadParameter(
            f"not a moment: {value!r} (YYYY-MM-DD[THH:MM[:SS]] or Unix seconds)", param_hint="--since"
        ) from None


def day_option(value: str | None, hint: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        raise typer.BadParameter(f"not a YYYY-MM-DD date: {value!r}", param_hint=hint) from None


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
def events(
    db: DbOpt = None,
    start: StartOpt = None,
    end: EndOpt = None,
    bbox: BboxOpt = None,
    country: CountryOpt = None,
    admin1: Admin1Opt = None,
    event_type: EventTypeOpt = None,
    sub_event_type: SubEventTypeOpt = None,
    actor: ActorOpt = None,
    text: TextOpt = None,
    min_sources: MinSourcesOpt = 1,
    since: SinceOpt = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table or jsonl.")] = "table",
    limit: Annotated[int | None, typer.Option("--limit", help="At most this many events.")] = None,
    redact_persons: RedactOpt = False,
) -> None:
    """List the merged events in the store, oldest id first."""
    from warlog.export import write_rows
    from warlog.redact import redact_rows

    if format not in ("table", "jsonl"):
        raise typer.BadParameter("choose table or jsonl", param_hint="--format")
    where = event_filter(start, end, bbox, country, admin1, event_type, sub_event_type, actor, text, min_sources, since)
    with open_store(db) as store:
        rows = store.iter_events(where, limit)
        if redact_persons:
            rows = redact_rows(rows)
        if format == "table":
            print_event_table(list(rows))
        else:
            write_rows(rows, "jsonl", sys.stdout)


@app.command()
def export(
    format: Annotated[str, typer.Option("--format", "-f", help="acled-csv, geojson, parquet or jsonl.")],
    db: DbOpt = None,
    output: OutputOpt = None,
    start: StartOpt = None,
    end: EndOpt = None,
    bbox: BboxOpt = None,
    country: CountryOpt = None,
    admin1: Admin1Opt = None,
    event_type: EventTypeOpt = None,
    sub_event_type: SubEventTypeOpt = None,
    actor: ActorOpt = None,
    text: TextOpt = None,
    min_sources: MinSourcesOpt = 1,
    since: SinceOpt = None,
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
    if format == "parquet" and redact_persons:
        # (The Parquet file is written by DuckDB straight from the table, never row by row in Python.)
        raise typer.BadParameter("--redact-persons writes acled-csv, geojson or jsonl", param_hint="--format")
    if format == "parquet" and (output is None or inter_labels or deleted):
        raise typer.BadParameter("parquet needs a file (-o events.parquet) and keeps codes", param_hint="--format")
    if deleted and format not in ("acled-csv", "jsonl"):
        raise typer.BadParameter("deletions are written as acled-csv (a CSV) or jsonl", param_hint="--format")
    where = event_filter(start, end, bbox, country, admin1, event_type, sub_event_type, actor, text, min_sources, since)
    with open_store(db) as store:
        if deleted:
            with open_output(output) as stream:
                count = write_deletions(store.deletions(where.since), format, stream)
            stderr.print(f"{count} deleted event(s) exported.")
            return
        if format == "parquet":
            count = store.export_parquet(output, where)
        else:
            rows = store.iter_events(where)
            if redact_persons:
                rows = redact_rows(rows)
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


app.add_typer(eval_app, name="eval")


# --- the workbench server and its API tokens ----------------------------------------------------------

token_app = typer.Typer(help="API tokens for the server's write endpoints.", no_args_is_help=True)
app.add_typer(token_app, name="token")


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Interface to listen on (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    redact_persons: Annotated[
        bool,
        typer.Option(
            "--redact-persons",
            help="Mask people's names in what the server hands out (also WARLOG_SERVE_REDACT_PERSONS=true).",
        ),
    ] = False,
    model: ModelOpt = None,
) -> None:
    """Serve the API (docs at /docs) and the analyst's workbench page; settings: WARLOG_SERVE_* variables."""
    import uvicorn

    use_model(model)

    from warlog.serve import ServeSettings, create_app
    from warlog.store.database import default_location

    path = existing_store(db)
    settings = ServeSettings().for_host(host)
    if redact_persons:
        settings = settings.model_copy(update={"redact_persons": True})
    if not settings.read_open:
        stderr.print(f"Listening on {host}: reads need a token too (WARLOG_SERVE_READ_OPEN=true opens them).")
    local = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    with store_errors(path):
        application = create_app(path or default_location(), settings, announce_url=f"http://{local}:{port}")
    stderr.print(f"warlog workbench on http://{host}:{port}/ (API docs at /docs)")
    uvicorn.run(application, host=host, port=port, log_level="warning")


RoleOpt = Annotated[str, typer.Option("--role", help="read, review (the default) or admin.")]


@contextlib.contextmanager
def token_admin(db: str | None) -> Iterator:
    """The store's tokens: in the store itself, or through the server that holds it."""
    import duckdb

    from warlog.serve.admin import AdminError, StoreTokens, through_server
    from warlog.store.connection import StoreUnavailable
    from warlog.store.database import Store, default_location

    path = existing_store(db) or default_location()
    try:
        try:
            with Store(path) as store:
                yield StoreTokens(store.db)
        except duckdb.IOException as error:
            if "lock" not in str(error):
                raise
            yield through_server(path)
    except (AdminError, ValueError, StoreUnavailable) as error:
        stderr.print(f"[red]token[/red]: {error}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None


@token_app.command("create")
def token_create(
    name: Annotated[str, typer.Option("--name", help="Who uses it: the logs record this name.")],
    role: RoleOpt = "review",
    db: DbOpt = None,
) -> None:
    """Make an API token (printed once; the store keeps only its hash). Works while `warlog serve` runs,
    through its admin API, given an admin token in $WARLOG_TOKEN."""
    if role not in ("read", "review", "admin"):
        raise typer.BadParameter("choose read, review or admin", param_hint="--role")
    with token_admin(db) as tokens:
        typer.echo(tokens.create(name, role))


@token_app.command("list")
def token_list(db: DbOpt = None) -> None:
    """Every token: id, name, role, when made and revoked."""
    with token_admin(db) as tokens:
        table = Table(title="API tokens")
        for column in ("id", "name", "role", "created", "revoked"):
            table.add_column(column)
        for info in tokens.list():
            table.add_row(info["id"], info["name"], info["role"], info["created"][:19], (info["revoked"] or "")[:19])
        Console().print(table)


@token_app.command("revoke")
def token_revoke(
    token_id: Annotated[str, typer.Argument(help="The token's id, from `warlog token list`.")], db: DbOpt = None
) -> None:
    """Revoke a token at once (a running server refuses its next request)."""
    with token_admin(db) as tokens:
        info = tokens.revoke(token_id)
    stderr.print(f"Revoked {info['id']} ({info['name']}).", highlight=False)
