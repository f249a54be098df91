"""Review of merged events: accept, correct fields, reject; every action goes into a review log.

Corrections are written onto the merged event's columns (so filters and exports see them) and kept
in its `corrections` JSON; the store re-applies them whenever it recomputes the event from its
reports, so a later re-extraction never overwrites what an analyst corrected.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import duckdb

from warlog.serve.models import CORRECTABLE_FIELDS, ReviewIn

SCHEMA = """
CREATE SEQUENCE IF NOT EXISTS review_log_ids;
CREATE TABLE IF NOT EXISTS review_log (
    id BIGINT PRIMARY KEY DEFAULT nextval('review_log_ids'),
    event_id_cnty VARCHAR NOT NULL,
    who VARCHAR NOT NULL,
    reviewed_at TIMESTAMP NOT NULL,
    action VARCHAR NOT NULL,
    changes JSON NOT NULL,
    note VARCHAR
);
CREATE INDEX IF NOT EXISTS review_log_event ON review_log (event_id_cnty);
"""
STATUS_AFTER = {"accept": "accepted", "correct": "corrected", "reject": "rejected"}
# Codes ACLED defines for these fields (ACLED_CODING.md).
PRECISION_RANGE = range(1, 4)
INTER_RANGE = range(0, 9)


class InvalidReview(ValueError):
    """A review that cannot be applied; the message says which field and why."""


def ensure_schema(connection: duckdb.DuckDBPyConnection) -> None:
    connection.execute(SCHEMA)


def checked_corrections(fields: dict[str, Any]) -> dict[str, Any]:
    """The corrected values with their proper types; InvalidReview naming the first bad field."""
    unknown = sorted(set(fields) - set(CORRECTABLE_FIELDS))
    if unknown:
        raise InvalidReview(f"cannot correct {', '.join(unknown)}; correctable fields: {', '.join(CORRECTABLE_FIELDS)}")
    checked: dict[str, Any] = {}
    for name, value in fields.items():
        checked[name] = None if value is None else _typed(name, value, CORRECTABLE_FIELDS[name])
    return checked


def _typed(name: str, value: Any, kind: type) -> Any:
    if kind is date:
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise InvalidReview(f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None
    if kind is str:
        if not isinstance(value, str):
            raise InvalidReview(f"{name}: expected text, got {type(value).__name__}")
        return value.strip() or None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidReview(f"{name}: expected a number, got {value!r}")
    if kind is int:
        if value != int(value):
            raise InvalidReview(f"{name}: expected a whole number, got {value!r}")
        value = int(value)
    limits = {
        "time_precision": PRECISION_RANGE,
        "geo_precision": PRECISION_RANGE,
        "inter1": INTER_RANGE,
        "inter2": INTER_RANGE,
    }
    if name in limits and value not in limits[name]:
        raise InvalidReview(f"{name}: {value} is not one of {list(limits[name])}")
    if name == "fatalities" and value < 0:
        raise InvalidReview("fatalities: cannot be negative")
    if name == "latitude" and not -90 <= value <= 90:
        raise InvalidReview("latitude: must lie between -90 and 90")
    if name == "longitude" and not -180 <= value <= 180:
        raise InvalidReview("longitude: must lie between -180 and 180")
    return float(value) if kind is float else value


def derived_fields(values: dict[str, Any]) -> dict[str, Any]:
    """Columns that follow from corrected ones: the year of a corrected date."""
    derived: dict[str, Any] = {}
    if "event_date" in values:
        derived["year"] = values["event_date"].year if values["event_date"] else None
    return derived


def apply(connection: duckdb.DuckDBPyConnection, event_id: str, review: ReviewIn, who: str) -> bool:
    """Apply a review inside the caller's transaction; False when the event does not exist."""
    corrections = checked_corrections(review.fields) if review.action == "correct" else {}
    if review.action == "correct" and not corrections:
        raise InvalidReview("action 'correct' needs at least one field in 'fields'")
    if review.action != "correct" and review.fields:
        raise InvalidReview(f"action {review.action!r} takes no 'fields'; use 'correct' to change values")
    columns = ", ".join(corrections) if corrections else "status"
    row = connection.execute(
        f"SELECT {columns}, corrections FROM merged_events WHERE event_id_cnty = ?", [event_id]
    ).fetchone()
    if row is None:
        return False
    before = dict(zip(corrections, row[:-1], strict=False))
    kept = json.loads(row[-1]) if row[-1] else {}
    changes = {
        name: {"before": _json_value(before[name]), "after": _json_value(value)}
        for name, value in corrections.items()
        if before[name] != value
    }
    kept.update({name: _json_value(value) for name, value in corrections.items()})
    updates = {**corrections, **derived_fields(corrections)}
    assignments = "".join(f", {name} = ?" for name in updates)
    status = STATUS_AFTER[review.action]
    # A correction after a rejection keeps the event rejected until someone accepts it.
    connection.execute(
        "UPDATE merged_events SET status = CASE WHEN ? = 'corrected' AND status = 'rejected' THEN status ELSE ? END,"
        f" corrections = ?, timestamp = ? {assignments} WHERE event_id_cnty = ?",
        [status, status, json.dumps(kept) if kept else None, int(datetime.now(UTC).timestamp()),
         *updates.values(), event_id],
    )  # fmt: skip
    connection.execute(
        "INSERT INTO review_log (event_id_cnty, who, reviewed_at, action, changes, note) VALUES (?, ?, ?, ?, ?, ?)",
        [event_id, who, datetime.now(UTC).replace(tzinfo=None), review.action, json.dumps(changes), review.note],
    )
    return True


def history(connection: duckdb.DuckDBPyConnection, event_ids: list[str]) -> list[dict[str, Any]]:
    """The review log of an event (under its current id and any id merged into it), oldest first."""
    placeholders = ", ".join("?" * len(event_ids))
    rows = connection.execute(
        f"SELECT who, reviewed_at, action, changes, note FROM review_log WHERE event_id_cnty IN ({placeholders})"
        " ORDER BY id",
        event_ids,
    ).fetchall()
    return [
        {"who": who, "at": at.isoformat() + "Z", "action": action, "changes": json.loads(changes), "note": note}
        for who, at, action, changes, note in rows
    ]


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value
