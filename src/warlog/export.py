"""Event rows in the formats users load elsewhere: JSONL, CSV, ACLED CSV, GeoJSON.

`event_record` is the one place an `Event` becomes a flat row; every writer and the store start
from it, so the columns agree everywhere.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from typing import IO, Any

from warlog.knowledge.regions import acled_region
from warlog.records import Event, PlaceMention, Timex
from warlog.taxonomy import INTER_LABELS

# The column order of an ACLED CSV export (ACLED_CODING.md, "Export columns").
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)  # fmt: skip
FORMATS = ("jsonl", "csv", "acled-csv", "geojson")
DELETION_COLUMNS = ("event_id_cnty", "deleted_timestamp", "replaced_by", "reason")


def event_record(event: Event, event_id: str | None = None, timestamp: int | None = None) -> dict[str, Any]:
    """A flat, JSON-ready row: report_id, every ACLED export column, evidence and confidence."""
    row: dict[str, Any] = {"report_id": event.report_id}
    fields = asdict(event)
    for column in ACLED_COLUMNS:
        row[column] = fields.get(column)
    row["event_id_cnty"] = event_id
    row["timestamp"] = timestamp
    row["event_date"] = event.event_date.isoformat() if event.event_date else None
    row["year"] = event.event_date.year if event.event_date else None
    row["region"] = acled_region(event.country_code)
    row["evidence"] = fields["evidence"]
    row["confidence"] = round(event.confidence, 3)
    row["country_code"] = event.country_code
    return row


def write_rows(rows: Iterable[dict[str, Any]], fmt: str, stream: IO[str]) -> int:
    """Write rows made by `event_record` (or read back from the store); returns how many."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    count = 0
    if fmt == "jsonl":
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            count += 1
    elif fmt in ("csv", "acled-csv"):
        columns = list(ACLED_COLUMNS) if fmt == "acled-csv" else ["report_id", *ACLED_COLUMNS, "confidence"]
        writer = csv.DictWriter(stream, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({column: _csv_value(row.get(column)) for column in columns})
            count += 1
    else:
        stream.write('{"type": "FeatureCollection", "features": [\n')
        for row in rows:
            stream.write(("," if count else "") + json.dumps(geojson_feature(row), ensure_ascii=False))
            stream.write("\n")
            count += 1
        stream.write("]}\n")
    return count


def geojson_feature(row: dict[str, Any]) -> dict[str, Any]:
    has_point = row.get("latitude") is not None and row.get("longitude") is not None
    geometry = {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]} if has_point else None
    properties = {key: value for key, value in row.items() if key not in ("latitude", "longitude")}
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def _csv_value(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return "" if value is None else value


def place_record(mention: PlaceMention) -> dict[str, Any]:
    """A place mention as `warlog places` writes it (coordinates null when abstained)."""
    place = mention.place
    return {
        "start": mention.start,
        "end": mention.end,
        "text": mention.text,
        "name": place.name if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "geonameid": place.geonameid if place else None,
        "country": place.country_code if place else None,
        "admin1": place.admin1 if place else None,
        "kind": place.kind if place else None,
        "demonym": mention.is_demonym,
        "confidence": round(mention.confidence, 3),
    }


TIMEX_FIELDS = ("start", "end", "text", "type", "value")  # what `warlog dates` writes, in this order


def timex_record(timex: Timex) -> dict[str, Any]:
    """A temporal expression as `warlog dates` writes it."""
    return {field: getattr(timex, field) for field in TIMEX_FIELDS}


def with_inter_labels(rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Rows whose inter codes are written as ACLED's text labels ("State forces"), and the interaction as
    the two labels, lower code first ("State forces-Civilians", "Rebel groups only"): the form acledR
    returns by default."""
    labels = INTER_LABELS
    for row in rows:
        codes = sorted(code for code in (row.get("inter1"), row.get("inter2")) if code is not None)
        named = [labels.get(code, str(code)) for code in codes]
        interaction = "-".join(named) if len(named) == 2 else (f"{named[0]} only" if named else None)
        yield {
            **row,
            "inter1": labels.get(row.get("inter1"), row.get("inter1")),
            "inter2": labels.get(row.get("inter2"), row.get("inter2")),
            "interaction": interaction,
        }


def write_deletions(rows: Iterable[dict[str, Any]], fmt: str, stream: IO[str]) -> int:
    """Deleted events (`Store.deletions`) as CSV or JSONL; returns how many."""
    count = 0
    if fmt == "jsonl":
        for row in rows:
            stream.write(json.dumps(row) + "\n")
            count += 1
        return count
    writer = csv.DictWriter(stream, fieldnames=DELETION_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: _csv_value(row[column]) for column in DELETION_COLUMNS})
        count += 1
    return count
