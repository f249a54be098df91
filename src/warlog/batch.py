"""The engine-agnostic batch function: a table of reports in, a table of events out.

`extract_batch(batch)` takes an Arrow table or a pandas frame of reports (`id`, `text`, `published`,
`source`, `url`, optionally `title`) and returns the same kind of table: one row per event with
`report_id`, `ordinal` (its position in the report), every ACLED export column, `evidence` (JSON),
`confidence`, `country_code` and `language` (the report's: "en"), in `COLUMNS` order with `column_types()`.
A report that cannot be read (no text, an impossible date, ...) or that a stage fails on becomes one row
with `rejection` (the reason) and `origin` set and every event column empty: nothing is raised, because one
bad article must not fail a job over millions. A report in a language warlog does not read is such a row
too, with its `language` ("ar") and the reason naming it (`language.not_read`): runners warn of it, as the
local CLI does, and do not count it rejected. A row that arrives with `rejection` already set (a JSONL line
that did not parse, `reports_from_lines`) passes through as such.

Any engine that maps batches calls it: Ray Data's `map_batches` (`warlog.ray_runner`, with `Extractor` as
its actor class), Spark's `mapInPandas` (`extract_frames` and `spark_schema`, shown in docs/scaling.md),
Dask's `map_partitions`. The pipeline's models load once per process: on first use, or in `Extractor`'s
constructor for engines that keep actors. Tables need pyarrow (Ray and Spark bring it: `warlog[ray]`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from warlog.export import ACLED_COLUMNS, event_record
from warlog.ingest import content_id, jsonl_report, report_from_record
from warlog.parallel import warm_up
from warlog.records import Extracted, Rejection, Report

if TYPE_CHECKING:
    import pandas
    import pyarrow

REPORT_COLUMNS = ("id", "text", "published", "source", "url", "title")
REJECTION_COLUMNS = ("rejection", "origin")
COLUMNS = (
    "report_id",
    "ordinal",
    *ACLED_COLUMNS,
    "evidence",
    "confidence",
    "country_code",
    "language",
    *REJECTION_COLUMNS,
)
# SQL types of the columns that are not VARCHAR: the store's, and the export's own.
EXTRA_TYPES = {"ordinal": "INTEGER", "year": "INTEGER", "timestamp": "BIGINT"}
ARROW_TYPES = ("VARCHAR", "INTEGER", "BIGINT", "DOUBLE", "DATE")
SPARK_TYPES = {"VARCHAR": "string", "INTEGER": "int", "BIGINT": "bigint", "DOUBLE": "double", "DATE": "date"}


def column_types() -> dict[str, str]:
    """Column -> SQL type (VARCHAR, INTEGER, BIGINT, DOUBLE or DATE) of an events table."""
    from warlog.store.schema import COLUMN_TYPES

    types = COLUMN_TYPES | EXTRA_TYPES
    return {name: types.get(name, "VARCHAR") for name in COLUMNS}


def arrow_schema() -> pyarrow.Schema:
    import pyarrow as pa

    arrow = dict(zip(ARROW_TYPES, (pa.string(), pa.int32(), pa.int64(), pa.float64(), pa.date32()), strict=True))
    return pa.schema([(name, arrow[kind]) for name, kind in column_types().items()])


def spark_schema() -> str:
    """The output schema as Spark DDL, for `mapInPandas(extract_frames, schema=spark_schema())`."""
    return ", ".join(f"`{name}` {SPARK_TYPES[kind]}" for name, kind in column_types().items())


class Extractor:
    """`extract_batch` as a callable class, for engines that keep workers as actors (Ray Data's
    `map_batches(Extractor, compute=ActorPoolStrategy(...))`): the models load in the constructor,
    once per actor, not in its first batch; `gpu`: the actor was given a GPU for the language model;
    `model`: a typing model file (`warlog train`) whose types combine with the rules'."""

    def __init__(self, gpu: bool = False, model: str | None = None) -> None:
        if gpu:
            from warlog import language

            language.use_gpu()
        warm_up(Path(model) if model else None)

    def __call__(self, batch: pyarrow.Table | pandas.DataFrame) -> pyarrow.Table | pandas.DataFrame:
        return extract_batch(batch)


def extract_batch(batch: pyarrow.Table | pandas.DataFrame) -> pyarrow.Table | pandas.DataFrame:
    """Events of a batch of reports, as a table of the same kind (see the module's docstring)."""
    import pyarrow as pa

    is_arrow = isinstance(batch, pa.Table)
    rows = batch.to_pylist() if is_arrow else batch.to_dict("records")
    table = pa.Table.from_pylist([_typed(row) for row in extract_rows(rows)], schema=arrow_schema())
    return table if is_arrow else table.to_pandas(types_mapper=_arrow_dtype)


def extract_frames(frames: Iterable[pandas.DataFrame]) -> Iterator[pandas.DataFrame]:
    """`extract_batch` over an iterator of pandas frames: the shape Spark's `mapInPandas` calls."""
    for frame in frames:
        yield extract_batch(frame)


def extract_rows(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The engine-free core: report records in, event (and rejection) rows out, in input order."""
    from warlog import parallel
    from warlog.language import ENGLISH, not_read

    read = [(_report_or_rejection(row), _plain(row.get("origin")) or "<batch>") for row in rows]
    extracted = iter(parallel.extract([item for item, _origin in read if isinstance(item, Report)]))
    out: list[dict[str, Any]] = []
    for item, origin in read:
        result = next(extracted) if isinstance(item, Report) else item
        if isinstance(result, Rejection):
            out.extend(_rejection_row(result))
        elif result.language != ENGLISH:
            row = {"report_id": result.report.id, "language": result.language, "origin": origin}
            out.append(row | {"rejection": not_read(result.language)})
        else:
            out.extend(_event_rows(result))
    return out


def reports_from_lines(batch: pyarrow.Table) -> pyarrow.Table:
    """Raw JSONL lines (a `text` column, and `path` where the reader gives it) to report rows; a line
    that is not a valid report becomes a row with `rejection` set, for `extract_batch` to pass on."""
    import pyarrow as pa

    paths = batch.column("path").to_pylist() if "path" in batch.column_names else [None] * batch.num_rows
    rows = []
    for line, path in zip(batch.column("text").to_pylist(), paths, strict=True):
        item = jsonl_report(line, path or "<jsonl>", f"line-{content_id(line)}")
        if isinstance(item, Rejection):
            rows.append({"id": item.report_id, "rejection": item.reason, "origin": item.origin})
        else:
            rows.append({name: getattr(item, name) for name in REPORT_COLUMNS} | {"origin": path})
    types = {"published": pa.date32()}
    return pa.Table.from_pylist(
        rows, schema=pa.schema([(name, types.get(name, pa.string())) for name in REPORT_COLUMNS + REJECTION_COLUMNS])
    )


def _report_or_rejection(row: Mapping[str, Any]) -> Report | Rejection:
    record = {name: _plain(row.get(name)) for name in REPORT_COLUMNS + REJECTION_COLUMNS}
    origin = record["origin"] or "<batch>"
    if record["rejection"]:
        return Rejection(str(record["id"] or "?"), origin, record["rejection"])
    try:
        return report_from_record(record)
    except ValueError as error:
        return Rejection(str(record["id"]) if record["id"] else "?", origin, str(error))


def _plain(value: Any) -> Any:
    """A table cell as a JSONL reader gives it: missing values (None, NaN, NaT) as None, dates as
    'YYYY-MM-DD' (Parquet and pandas hold real dates and timestamps)."""
    if value is None or value != value:  # NaN and NaT are not equal to themselves
        return None
    if isinstance(value, date):  # also datetime and pandas' Timestamp
        return value.isoformat()[:10]
    return value


def _arrow_dtype(arrow_type: pyarrow.DataType) -> Any:
    """pandas columns backed by the Arrow types, so integer columns with gaps stay integers."""
    import pandas as pd

    return pd.ArrowDtype(arrow_type)


def _event_rows(extracted: Extracted) -> list[dict[str, Any]]:
    rows = []
    for ordinal, event in enumerate(extracted.events):
        if event.source is None:  # as the store fills it: the report's source is the event's
            event.source = extracted.report.source
        row = event_record(event) | {"ordinal": ordinal, "language": extracted.language}
        row["evidence"] = json.dumps(row["evidence"], ensure_ascii=False, default=str)
        rows.append(row)
    return rows


def _rejection_row(rejection: Rejection) -> list[dict[str, Any]]:
    return [{"report_id": rejection.report_id, "rejection": rejection.reason, "origin": rejection.origin}]


def _typed(row: dict[str, Any]) -> dict[str, Any]:
    """A row for the Arrow schema: every column present, the event date as a date."""
    typed = {name: row.get(name) for name in COLUMNS}
    if typed["event_date"]:
        typed["event_date"] = date.fromisoformat(typed["event_date"])
    return typed
