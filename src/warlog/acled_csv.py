"""A team's existing ACLED-coded events (ACLED's CSV export) read back as stored events, so that warlog
merges new reports into the dataset the team already has (`warlog import`).

Each row becomes a report (id `acled:<event_id_cnty>`, its notes as text, its source kept) holding one
`Event` with the row's coding, taken as an analyst's: confidence 1. A row warlog cannot take (an event
or sub-event type outside ACLED's taxonomy, a date outside the accepted range, a number that is not one)
becomes a rejection naming the file, the line and the problem; the other rows go on.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from warlog.date_range import valid_dates
from warlog.knowledge.regions import find_country
from warlog.records import Event, Rejection, Report
from warlog.resolve import actors
from warlog.taxonomy import INTER_LABELS, MAX_FATALITIES, disorder_type, sub_event_types

REQUIRED = ("event_date", "event_type", "sub_event_type", "country")
# ACLED has written event dates as ISO dates (its API) and as "17 November 2015" (older exports).
DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%m/%d/%Y")
INTER_CODES = {label.lower(): code for code, label in INTER_LABELS.items()}
IMPORTED_CONFIDENCE = 1.0


class RowProblem(ValueError):
    pass


def read_acled_csv(path: Path) -> Iterator[tuple[Report, Event] | Rejection]:
    """Each row as (report, event), or as a rejection saying why not."""
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = csv.DictReader(stream)
        missing = [column for column in REQUIRED if column not in (rows.fieldnames or ())]
        if missing:
            yield Rejection(str(path), str(path), f"not an ACLED CSV: no column {', '.join(missing)}")
            return
        for line, row in enumerate(rows, start=2):
            row_id = (row.get("event_id_cnty") or f"line{line}").strip()
            try:
                yield coded(row, f"acled:{row_id}")
            except RowProblem as problem:
                yield Rejection(f"acled:{row_id}", f"{path}:{line}", str(problem))


def coded(row: dict[str, str], report_id: str) -> tuple[Report, Event]:
    """A row of ACLED's export as a report and its event."""
    value = {name: (text or "").strip() or None for name, text in row.items() if name}
    event_type, sub_event_type = _types(value.get("event_type"), value.get("sub_event_type"))
    country = find_country(value.get("iso") or value["country"] or "") or find_country(value["country"] or "")
    if country is None:
        raise RowProblem(f"country {value['country']!r} is not a country warlog knows")
    day = _day(value["event_date"])
    inter1, inter2 = _inter(value.get("inter1"), "inter1"), _inter(value.get("inter2"), "inter2")
    notes = value.get("notes") or ""
    event = Event(
        report_id=report_id,
        event_date=day,
        time_precision=_number(value.get("time_precision"), "time_precision", 1, 3) or 1,
        disorder_type=disorder_type(event_type, sub_event_type),
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor1=value.get("actor1"),
        assoc_actor_1=value.get("assoc_actor_1"),
        inter1=inter1,
        actor2=value.get("actor2"),
        assoc_actor_2=value.get("assoc_actor_2"),
        inter2=inter2,
        interaction=actors.interaction(inter1, inter2),
        civilian_targeting=value.get("civilian_targeting"),
        iso=country.iso_numeric,
        country=country.name,
        admin1=value.get("admin1"),
        admin2=value.get("admin2"),
        admin3=value.get("admin3"),
        location=value.get("location"),
        latitude=_coordinate(value.get("latitude"), "latitude", 90),
        longitude=_coordinate(value.get("longitude"), "longitude", 180),
        geo_precision=_number(value.get("geo_precision"), "geo_precision", 1, 3),
        source=value.get("source"),
        notes=notes,
        fatalities=_number(value.get("fatalities"), "fatalities", 0, MAX_FATALITIES) or 0,
        confidence=IMPORTED_CONFIDENCE,
        country_code=country.code,
    )
    report = Report(
        id=report_id,
        text=notes or f"ACLED event {report_id} ({event_type}, {sub_event_type}).",
        published=day,
        source=value.get("source"),
    )
    return report, event


def _types(event_type: str | None, sub_event_type: str | None) -> tuple[str, str]:
    subs = sub_event_types()
    known = next((name for name in subs if name.lower() == (event_type or "").lower()), None)
    if known is None:
        raise RowProblem(f"event_type {event_type!r} is not an ACLED event type")
    sub = next((name for name in subs[known] if name.lower() == (sub_event_type or "").lower()), None)
    if sub is None:
        raise RowProblem(f"sub_event_type {sub_event_type!r} is not a sub-event type of {known}")
    return known, sub


def _day(text: str | None) -> date:
    for form in DATE_FORMATS:
        try:
            day = datetime.strptime(text or "", form).date()
        except ValueError:
            continue
        problem = valid_dates().problem(day)
        if problem:
            raise RowProblem(f"event_date {problem}")
        return day
    raise RowProblem(f"event_date {text!r} is not a date (YYYY-MM-DD or '17 November 2015')")


def _inter(text: str | None, name: str) -> int | None:
    """An inter code written as a number (ACLED's CSV) or as its label (acledR's default)."""
    if text is None:
        return None
    if text.lower() in INTER_CODES:
        return INTER_CODES[text.lower()]
    return _number(text, name, 0, 8) or None


def _number(text: str | None, name: str, low: int, high: int) -> int | None:
    if text is None:
        return None
    if not (text.isdigit() and len(text) <= 9 and low <= int(text) <= high):
        raise RowProblem(f"{name} {text[:40]!r} is not a whole number from {low} to {high:,}")
    return int(text)


def _coordinate(text: str | None, name: str, limit: float) -> float | None:
    if text is None:
        return None
    try:
        number = float(text)
    except ValueError:
        raise RowProblem(f"{name} {text[:40]!r} is not a number") from None
    if not -limit <= number <= limit:
        raise RowProblem(f"{name} {number} lies outside -{limit} to {limit}")
    return number
