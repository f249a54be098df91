"""Score predicted events against short news-style texts coded with some fields only (docs/evaluation.md).

The gold files of `../shared/data/news/` carry one event a record, each with the fields its source
collection codes: the Syrian Archive's video descriptions a country, usually coordinates, sometimes an
event type; UCDP GED's Iraq headlines a country, first-level division, coordinates, a date range and
deaths. A field a record lacks is unknown, not wrong: each score is over the records that give its
field. A record with no predicted event is wrong on every field it gives. The report's most confident
event stands for the record's event.

GED's deaths are the GED event's (best, low and high estimates), not always the headline's: a headline
may tell a day's national toll. So `fatalities_exact` is a loose check, and `fatalities_above_high`
(the share of predictions above GED's own high estimate, lower is better) is the one that catches a
toll counted as one event's deaths.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from warlog.evaluation.events import PLACE_RADII_KM, classification_scores, most_confident, place_error_km, share
from warlog.knowledge.gazetteer import gazetteer
from warlog.knowledge.spelling import fold

Pair = tuple[dict[str, Any], dict[str, Any] | None]
# GED writes "Nīnawá province"; the gazetteer knows the division as "Ninawa".
_DIVISION_WORD = re.compile(r"\s+(?:province|governorate)\s*$", re.IGNORECASE)


def score(gold_records: Iterable[dict[str, Any]], pred: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    pairs: list[Pair] = []
    predicted_counts: list[int] = []
    for record in gold_records:
        events = record.get("events") or []
        if len(events) != 1:
            continue
        predicted = pred.get(record["id"], [])
        pairs.append((events[0], most_confident(predicted)))
        predicted_counts.append(len(predicted))
    scores: dict[str, Any] = {
        "reports": len(pairs),
        "predicted": sum(predicted is not None for _, predicted in pairs),
        "events_per_report": sum(predicted_counts) / len(predicted_counts) if predicted_counts else None,
    }
    scores |= _field_scores(pairs)
    return scores


def _field_scores(pairs: list[Pair]) -> dict[str, Any]:
    """Each field's score over the records that give it, and how many do (`*_reports`)."""
    scores: dict[str, Any] = {}
    with_country = [(gold, predicted) for gold, predicted in pairs if gold.get("country")]
    scores["country"] = share(_same_country(gold, predicted) for gold, predicted in with_country)
    scores["country_reports"] = len(with_country)
    with_point = [(gold, predicted) for gold, predicted in pairs if gold.get("latitude") is not None]
    distances = [place_error_km(gold, predicted) for gold, predicted in with_point]
    for radius in PLACE_RADII_KM:
        scores[f"place_within_{radius}km"] = share(d is not None and d <= radius for d in distances)
    scores["place_reports"] = len(with_point)
    with_admin1 = [(gold, predicted) for gold, predicted in pairs if gold.get("admin1")]
    scores["admin1"] = share(_same_admin1(gold, predicted) for gold, predicted in with_admin1)
    scores["admin1_reports"] = len(with_admin1)
    with_date = [(gold, predicted) for gold, predicted in pairs if gold.get("event_date")]
    scores["date_in_range"] = share(_date_in_range(gold, predicted) for gold, predicted in with_date)
    scores["date_reports"] = len(with_date)
    for field in ("event_type", "sub_event_type"):
        typed = [(gold[field], _label(predicted, field)) for gold, predicted in pairs if gold.get(field)]
        scores[field] = share(gold == predicted for gold, predicted in typed)
        scores[f"{field}_reports"] = len(typed)
        if field == "sub_event_type":
            scores["sub_event_type_weighted_f1"] = classification_scores(typed)["weighted_f1"] if typed else None
    with_deaths = [(gold, predicted) for gold, predicted in pairs if gold.get("fatalities") is not None]
    tolls = [(gold, _toll(predicted)) for gold, predicted in with_deaths]
    scores["fatalities_exact"] = share(toll == int(gold["fatalities"]) for gold, toll in tolls)
    scores["fatalities_within_low_high"] = share(
        toll is not None and _low(gold) <= toll <= _high(gold) for gold, toll in tolls
    )
    scores["fatalities_above_high"] = share(toll is not None and toll > _high(gold) for gold, toll in tolls)
    scores["fatalities_reports"] = len(with_deaths)
    scores["place_errors_km"] = [round(d, 2) for d in distances if d is not None]
    return scores


def _same_country(gold: dict[str, Any], predicted: dict[str, Any] | None) -> bool:
    return predicted is not None and str(predicted.get("country") or "").casefold() == gold["country"].casefold()


def _same_admin1(gold: dict[str, Any], predicted: dict[str, Any] | None) -> bool:
    """The predicted first-level division is the gold one under any name the gazetteer knows for it; a
    division named after its seat (GED's "Baghdād province") is the seat's division."""
    if predicted is None or not predicted.get("admin1"):
        return False
    return fold(predicted["admin1"]) in admin1_names(gold["admin1"])


def admin1_names(name: str) -> set[str]:
    """Folded names of the divisions a gold first-level division name may denote."""
    bare = _DIVISION_WORD.sub("", name.strip())
    places = gazetteer()
    names = {fold(bare)}
    for entry, _quality in places.candidates(bare):
        if places.kind(entry) == "admin1":
            names.add(fold(places.name(entry)))
        elif places.kind(entry) == "city" and places.admin1_name(entry):
            names.add(fold(places.admin1_name(entry)))
    return names


def _date_in_range(gold: dict[str, Any], predicted: dict[str, Any] | None) -> bool:
    """The predicted day within the gold event's days (GED gives a first and a last day)."""
    if predicted is None or not predicted.get("event_date"):
        return False
    day = str(predicted["event_date"])[:10]
    return gold["event_date"] <= day <= (gold.get("event_date_end") or gold["event_date"])


def _label(predicted: dict[str, Any] | None, field: str) -> str:
    return (predicted or {}).get(field) or "(none)"


def _toll(predicted: dict[str, Any] | None) -> int | None:
    if predicted is None or predicted.get("fatalities") is None:
        return None
    return int(predicted["fatalities"])


def _low(gold: dict[str, Any]) -> int:
    return int(gold.get("fatalities_low", gold["fatalities"]))


def _high(gold: dict[str, Any]) -> int:
    return int(gold.get("fatalities_high", gold["fatalities"]))
