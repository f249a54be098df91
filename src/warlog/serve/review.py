"""Review of merged events: accept, correct fields, reject; every action goes into a review log.

Corrections (checked by `warlog.serve.corrections`, with the columns that follow from them) are
written onto the merged event's columns (so filters and exports see them) and kept
in its `corrections` JSON; the store re-applies them whenever it recomputes the event from its
reports, so a later re-extraction never overwrites what an analyst corrected.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from warlog.knowledge.regions import acled_region
from warlog.serve.corrections import corrected
from warlog.serve.models import ReviewIn
from warlog.store.connection import Connection

STATUS_AFTER = {"accept": "accepted", "correct": "corrected", "reject": "rejected"}


def derived_fields(values: dict[str, Any]) -> dict[str, Any]:
    """Columns the store itself derives from corrected ones: the year of a date, a country's region."""
    derived: dict[str, Any] = {}
    if "event_date" in values:
        derived["year"] = values["event_date"].year if values["event_date"] else None
    if "country_code" in values:
        derived["region"] = acled_region(values["country_code"])
    return derived


def apply(connection: Connection, event_id: str, review: ReviewIn, who: str) -> bool:
    """Apply a review inside the caller's transaction; False when the event does not exist.
    InvalidCorrection when the corrected values contradict each other or ACLED's taxonomy."""
    cursor = connection.execute("SELECT * FROM merged_events WHERE event_id_cnty = ?", [event_id])
    names = [d[0] for d in cursor.description]
    found = cursor.fetchall()
    if not found:
        return False
    current = dict(zip(names, found[0], strict=True))
    corrections = corrected(current, review.fields.given()) if review.action == "correct" else {}
    updates = {**corrections, **derived_fields(corrections)}
    changes = {
        name: {"before": _json_value(current[name]), "after": _json_value(value)}
        for name, value in updates.items()
        if current[name] != value
    }
    kept = json.loads(current["corrections"]) if current["corrections"] else {}
    kept.update({name: _json_value(value) for name, value in corrections.items()})
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


def history(connection: Connection, event_ids: list[str]) -> list[dict[str, Any]]:
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
