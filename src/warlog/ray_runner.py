"""Extraction on a Ray cluster with Ray Data: `warlog extract INPUT --engine ray -o FOLDER`, or from Python.

    import ray
    from warlog import ray_runner

    ray.init(address="auto")                                   # or "ray://head:10001", or nothing: a local one
    reports = ray.data.read_parquet("s3://archive/reports/")   # columns id, text, published, source, url
    events = ray_runner.extract_dataset(reports)               # one row per event, or per rejected report
    events.write_parquet("s3://archive/events/")

`extract_dataset` maps `warlog.batch.Extractor` over the reports on a pool of actors, one CPU each (one
GPU each when the language model asks for one, `language.wants_gpu`): the pipeline loads once per actor
and serves every batch the actor gets. Ray needs the extra: `pip install 'warlog[ray]'`, on every node.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from warlog.batch import Extractor, reports_from_lines
from warlog.ingest import JSONL_SUFFIXES
from warlog.language import ENGLISH
from warlog.records import Rejection

if TYPE_CHECKING:
    from ray.data import Dataset

BATCH_REPORTS = 32  # reports per batch: the language stage parses this many at a time
PARQUET_SUFFIXES = {".parquet"}


class InputError(ValueError):
    """INPUT is not something Ray Data reads as reports; the message says what is."""


def read_reports(path: str) -> Dataset:
    """Reports from Parquet files (read as they are) or JSONL files (read line by line, so a malformed
    line becomes a rejection row instead of failing the job); a file, a folder or a remote URI."""
    import ray.data

    kind = input_kind(path)
    if kind == "parquet":
        return ray.data.read_parquet(path, file_extensions=["parquet"])
    lines = ray.data.read_text(path, include_paths=True, file_extensions=[s.lstrip(".") for s in JSONL_SUFFIXES])
    return lines.map_batches(reports_from_lines, batch_format="pyarrow", batch_size=BATCH_REPORTS * 4)


def input_kind(path: str) -> str:
    """'parquet' or 'jsonl': by the file's suffix, or by what a local folder holds (a remote folder: Parquet)."""
    suffix = Path(path).suffix.lower()
    if suffix in PARQUET_SUFFIXES | JSONL_SUFFIXES:
        return "parquet" if suffix in PARQUET_SUFFIXES else "jsonl"
    folder = Path(path)
    if "://" in path:
        return "parquet"
    if not folder.is_dir():
        raise InputError(f"{path}: no such folder, and not a .parquet or .jsonl file")
    suffixes = {file.suffix.lower() for file in folder.rglob("*") if file.is_file()}
    if suffixes & PARQUET_SUFFIXES:
        return "parquet"
    if suffixes & JSONL_SUFFIXES:
        return "jsonl"
    raise InputError(f"{path}: --engine ray reads Parquet or JSONL files of reports (id, text, published, ...)")


def extract_dataset(
    reports: Dataset, workers: int | None = None, batch_size: int = BATCH_REPORTS, num_gpus: float | None = None
) -> Dataset:
    """Events of a dataset of reports (`warlog.batch` gives the columns), on an autoscaling pool of up
    to `workers` actors (default: one per CPU of the cluster). `num_gpus` per actor defaults to 1 when
    the language model asks for a GPU and the cluster has one, else 0."""
    import ray
    from ray.data import ActorPoolStrategy

    from warlog import language
    from warlog.learn import combine

    if workers is None:
        workers = max(1, int(ray.cluster_resources().get("CPU", 1)))
    if num_gpus is None:
        num_gpus = 1.0 if language.wants_gpu() and ray.cluster_resources().get("GPU", 0) >= 1 else 0.0
    # Batches of `batch_size` reports in blocks of their own, so that a single large file feeds every actor.
    return reports.repartition(target_num_rows_per_block=batch_size).map_batches(
        Extractor,
        fn_constructor_kwargs={"gpu": num_gpus > 0, "model": str(model) if (model := combine.active_path()) else None},
        batch_format="pyarrow",
        batch_size=batch_size,
        compute=ActorPoolStrategy(min_size=1, max_size=workers),
        num_cpus=1,
        num_gpus=num_gpus,
    )


@dataclass
class Summary:
    """What a run wrote: how many events, the reports it rejected, and those in a language warlog does
    not read (report id, language code), which are warned of, not rejected."""

    events: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    not_read: list[tuple[str, str]] = field(default_factory=list)


def run(source: str, output: Path, address: str | None = None, workers: int | None = None) -> Summary:
    """`warlog extract SOURCE --engine ray -o OUTPUT`: Parquet files of events (and rejection rows) in
    OUTPUT. `address`: None starts a local Ray, 'auto' joins the running cluster, 'ray://HOST:PORT'
    connects a client."""
    import ray

    input_kind(source)  # a bad INPUT fails before a cluster starts
    ray.init(address=address, ignore_reinit_error=True, configure_logging=False, log_to_driver=False)
    extract_dataset(read_reports(source), workers).write_parquet(str(output))
    return summarise(output)


def summarise(output: Path) -> Summary:
    """Count the events in the Parquet files of `output` and read back its rejection rows."""
    import duckdb

    files = sorted(str(path) for path in output.glob("*.parquet"))
    if not files:  # no report gave an event or a rejection
        return Summary()
    with duckdb.connect() as db:
        events = db.execute("SELECT count(*) FROM read_parquet(?) WHERE rejection IS NULL", [files]).fetchone()[0]
        rejected = db.execute(
            "SELECT report_id, origin, rejection, language FROM read_parquet(?) WHERE rejection IS NOT NULL"
            " ORDER BY origin, report_id",
            [files],
        ).fetchall()
    summary = Summary(events)
    for report_id, origin, reason, code in rejected:
        if code is not None and code != ENGLISH:
            summary.not_read.append((report_id, code))
        else:
            summary.rejections.append(Rejection(report_id, origin, reason))
    return summary
