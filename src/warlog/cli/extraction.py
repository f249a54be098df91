"""`warlog extract`, `warlog places`, `warlog dates`: reports in, events, places or dates out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from warlog.cli.app import (
    Batch,
    app,
    extracted,
    open_output,
    print_event_table,
    published_option,
    stderr,
    use_model,
    warn_not_read,
    with_progress,
)
from warlog.cli.options import InputArg, ModelOpt, OutputOpt, PublishedOpt, WorkersOpt
from warlog.records import Analysis

EXTRACT_FORMATS = ("table", "jsonl", "csv", "acled-csv", "geojson")
ENGINES = ("local", "ray")


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
    for report_id, code in summary.not_read:
        warn_not_read(report_id, code)
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
