"""Hand-made `Event` records for the store and merge tests: defaults describe one clash in al-Bukamal."""

from __future__ import annotations

from datetime import date
from typing import Any

from warlog.records import Event, Evidence, Report

BUKAMAL = {"latitude": 34.4534, "longitude": 40.9363, "admin1": "Deir ez-Zor", "admin2": "Al Mayadin"}
DEIR_EZ_ZOR_CITY = {"latitude": 35.3359, "longitude": 40.1408, "admin1": "Deir ez-Zor", "admin2": "Deir ez-Zor"}
# One coded event as a gold file holds it (the evaluation and `warlog eval` tests): a clash in Al Hazm, Yemen.
GOLD_EVENT = {
    "event_date": "2020-05-09",
    "event_type": "Battles",
    "sub_event_type": "Armed clash",
    "actor1": "Military Forces of Yemen (2016-)",
    "interaction": "11",
    "country": "Yemen",
    "location": "Al Hazm",
    "latitude": 16.1641,
    "longitude": 44.7769,
    "fatalities": 6,
}


def make_event(report_id: str, **changes: Any) -> Event:
    values: dict[str, Any] = {
        "report_id": report_id,
        "event_date": date(2015, 11, 17),
        "time_precision": 1,
        "disorder_type": "Political violence",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Islamic State (Syria)",
        "assoc_actor_1": None,
        "inter1": 2,
        "actor2": "Unidentified Armed Group (Syria)",
        "assoc_actor_2": None,
        "inter2": 2,
        "interaction": "22",
        "civilian_targeting": None,
        "iso": 760,
        "country": "Syria",
        "admin1": BUKAMAL["admin1"],
        "admin2": BUKAMAL["admin2"],
        "admin3": None,
        "location": "Al Bukamal",
        "latitude": BUKAMAL["latitude"],
        "longitude": BUKAMAL["longitude"],
        "geo_precision": 1,
        "source": None,
        "notes": "Clashes between IS and gunmen in al-Bukamal.",
        "fatalities": 4,
        "evidence": [Evidence("fatalities", 0, 40, 10, 17, "4 dead")],
        "confidence": 0.6,
        "country_code": "SY",
    }
    values.update(changes)
    return Event(**values)


def make_report(report_id: str, source: str | None = None, text: str | None = None) -> Report:
    return Report(
        id=report_id,
        text=text or f"Report {report_id}: clashes in al-Bukamal.",
        published=date(2015, 11, 25),
        source=source,
    )
