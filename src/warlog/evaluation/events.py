"""Score predicted events against ACLED-coded gold events (definitions: docs/evaluation.md).

Gold records are the lines of an events file (`{"id", "text", "events": [...]}`); predictions map a
report id to its predicted event rows in warlog's JSONL output format (`warlog.export.event_record`).
A report with one gold event is scored field by field against its most confident predicted event;
a report with several gold events on how many events were predicted. A report with no prediction
counts as wrong on every field, never as skipped.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from warlog.evaluation.reach import reachable
from warlog.knowledge.gazetteer import distance_km

NO_PREDICTION = "(none)"
PLACE_RADII_KM = (25, 161)  # a town's extent; 161 km (100 miles) is the geoparsing literature's margin

# ACLED's actor categories and their inter codes (ACLED_CODING.md); newer exports write the
# interaction as "Rioters-Civilians" or "Protesters only" instead of "57" or "60".
INTER_CODES = {
    "state forces": 1,
    "rebel group": 2,
    "political militia": 3,
    "identity militia": 4,
    "rioters": 5,
    "protesters": 6,
    "civilians": 7,
    "external/other forces": 8,
}
_WORD = re.compile(r"\w+")


# Scores repeated for each source collection (`dataset` of a gold record): collections differ in what
# their notes state (some never give the date or the country in the text), which the totals hide.
BY_DATASET_FIELDS = ("event_type", "sub_event_type", "date_exact", "place_within_25km", "country", "fatalities_exact")


def score(gold_records: Iterable[dict[str, Any]], pred: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    single: list[tuple[dict[str, Any], dict[str, Any] | None]] = []
    single_by_dataset: dict[str, list[tuple[dict[str, Any], dict[str, Any] | None]]] = defaultdict(list)
    year_known: list[bool] = []  # per single-event report: does its text or publication date give the year?
    # Per single-event report: is its (year, place, country) knowable from its text at all (`reach`)?
    knowable: list[tuple[bool, bool, bool]] = []
    knowable_by_dataset: dict[str, list[tuple[bool, bool, bool]]] = defaultdict(list)
    count_errors: list[int] = []
    reports = 0
    for record in gold_records:
        reports += 1
        gold_events = record.get("events") or []
        predicted = pred.get(record["id"], [])
        if len(gold_events) == 1:
            single.append((gold_events[0], most_confident(predicted)))
            year_known.append(_year_knowable(record, gold_events[0]))
            knowable.append((year_known[-1], *reachable(record, gold_events[0])))
            if record.get("dataset"):
                single_by_dataset[record["dataset"]].append(single[-1])
                knowable_by_dataset[record["dataset"]].append(knowable[-1])
        elif len(gold_events) > 1:
            count_errors.append(abs(len(predicted) - len(gold_events)))
    single_scores = score_single_events(single)
    # The event's year cannot be read from a note that names none and has no publication date
    # (most Kenya 2004-2019 notes): scored apart so that the date rules are judged on what is knowable.
    single_scores["date_exact_year_knowable"] = share(
        _same_date(gold, predicted) for (gold, predicted), known in zip(single, year_known, strict=True) if known
    )
    single_scores["year_knowable_reports"] = sum(year_known)
    single_scores["ceilings"] = ceilings(knowable)
    by_dataset = {
        name: dataset_scores(pairs) | {"ceilings": ceilings(knowable_by_dataset[name])}
        for name, pairs in sorted(single_by_dataset.items())
    }
    return {
        "reports": reports,
        "single_event": single_scores,
        "multi_event": {
            "reports": len(count_errors),
            "event_count_mae": mean(count_errors),
            "event_count_exact": share(error == 0 for error in count_errors),
        },
        "by_dataset": by_dataset,
    }


def ceilings(knowable: list[tuple[bool, bool, bool]]) -> dict[str, float | None]:
    """The best date, place and country scores a reader of these notes could reach (`reach`)."""
    return {
        field: share(flags[position] for flags in knowable)
        for position, field in enumerate(("date_exact", "place_within_25km", "country"))
    }


def dataset_scores(pairs: list[tuple[dict[str, Any], dict[str, Any] | None]]) -> dict[str, Any]:
    scores = score_single_events(pairs)
    picked = {"reports": len(pairs)}
    for field in BY_DATASET_FIELDS:
        picked[field] = scores[field]["accuracy"] if isinstance(scores[field], dict) else scores[field]
    return picked


def score_single_events(pairs: list[tuple[dict[str, Any], dict[str, Any] | None]]) -> dict[str, Any]:
    """Field scores over (gold event, most confident predicted event or None) pairs."""
    distances = [place_error_km(gold, predicted) for gold, predicted in pairs]
    killed = [(gold, predicted) for gold, predicted in pairs if (gold.get("fatalities") or 0) > 0]
    with_actor = [(gold, predicted) for gold, predicted in pairs if gold.get("actor1")]
    scores: dict[str, Any] = {
        "reports": len(pairs),
        "predicted": sum(predicted is not None for _, predicted in pairs),
        "event_type": classification_scores(_labels(pairs, "event_type")),
        "sub_event_type": classification_scores(_labels(pairs, "sub_event_type")),
        "date_exact": share(_same_date(gold, predicted) for gold, predicted in pairs),
    }
    for radius in PLACE_RADII_KM:
        scores[f"place_within_{radius}km"] = share(d is not None and d <= radius for d in distances)
    scores |= {
        "country": share(_same_text(gold, predicted, "country") for gold, predicted in pairs),
        "fatalities_exact": share(_same_fatalities(gold, predicted) for gold, predicted in pairs),
        "fatalities_exact_killed": share(_same_fatalities(gold, predicted) for gold, predicted in killed),
        "killed_reports": len(killed),
        "actor1": share(
            predicted is not None and actor_matches(gold["actor1"], predicted.get("actor1"))
            for gold, predicted in with_actor
        ),
        "interaction": share(
            predicted is not None
            and interaction_code(predicted.get("interaction")) == interaction_code(gold.get("interaction"))
            for gold, predicted in pairs
        ),
        "place_errors_km": [round(d, 2) for d in distances if d is not None],
    }
    return scores


def most_confident(events: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The predicted event with the highest confidence; the first one on ties; None if there is none."""
    best: dict[str, Any] | None = None
    for event in events:
        if best is None or (event.get("confidence") or 0.0) > (best.get("confidence") or 0.0):
            best = event
    return best


def classification_scores(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """Accuracy, macro- and support-weighted F1, per-label scores and the confusion matrix of
    (gold, predicted) labels. F1 is averaged over every label seen in gold or predictions, except
    NO_PREDICTION, which only ever costs the gold label its recall."""
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    for gold, predicted in pairs:
        confusion[gold][predicted] += 1
    gold_counts = Counter(gold for gold, _ in pairs)
    predicted_counts = Counter(predicted for _, predicted in pairs)
    labels = sorted((set(gold_counts) | set(predicted_counts)) - {NO_PREDICTION})
    per_label: dict[str, dict[str, float | int]] = {}
    for label in labels:
        hits = confusion[label][label]
        precision = hits / predicted_counts[label] if predicted_counts[label] else 0.0
        recall = hits / gold_counts[label] if gold_counts[label] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
        per_label[label] = {"precision": precision, "recall": recall, "f1": f1, "support": gold_counts[label]}
    total = len(pairs)
    return {
        "accuracy": share(gold == predicted for gold, predicted in pairs),
        "macro_f1": mean([scores["f1"] for scores in per_label.values()]),
        "weighted_f1": (
            sum(scores["f1"] * scores["support"] for scores in per_label.values()) / total if total else None
        ),
        "labels": per_label,
        "confusion": {gold: dict(row) for gold, row in sorted(confusion.items())},
    }


def actor_matches(gold: str, predicted: str | None) -> bool:
    """At least half of the gold actor name's words appear in the predicted name."""
    gold_words = set(_WORD.findall(gold.casefold()))
    predicted_words = set(_WORD.findall((predicted or "").casefold()))
    return bool(gold_words) and 2 * len(gold_words & predicted_words) >= len(gold_words)


def interaction_code(value: object) -> str | None:
    """ACLED's two-digit interaction code from a code ("12", 12) or the newer wording
    ("State forces-Rebel group", "Protesters only"); None when it cannot be read."""
    if value is None or value == "":
        return None
    if isinstance(value, int):
        return f"{value:02d}"
    text = str(value).strip().casefold()
    if text.isdigit():
        return text.zfill(2)
    if text.endswith(" only"):
        code = INTER_CODES.get(text.removesuffix(" only"))
        return f"{code}0" if code else None
    codes = [INTER_CODES.get(part.strip()) for part in text.split("-", 1)] if "-" in text else [None]
    if None in codes:
        return None
    return "".join(str(code) for code in sorted(codes))


def place_error_km(gold: dict[str, Any], predicted: dict[str, Any] | None) -> float | None:
    """Great-circle distance between gold and predicted coordinates; None when either lacks them."""
    if predicted is None:
        return None
    points = (gold.get("latitude"), gold.get("longitude"), predicted.get("latitude"), predicted.get("longitude"))
    if any(value is None for value in points):
        return None
    return distance_km(*(float(value) for value in points))


def _labels(pairs: list[tuple[dict[str, Any], dict[str, Any] | None]], field: str) -> list[tuple[str, str]]:
    return [
        (gold[field], (predicted.get(field) or NO_PREDICTION) if predicted else NO_PREDICTION)
        for gold, predicted in pairs
    ]


def _year_knowable(record: dict[str, Any], gold: dict[str, Any]) -> bool:
    year = str(gold.get("event_date") or "")[:4]
    return bool(record.get("published")) or (bool(year) and year in record.get("text", ""))


def _same_date(gold: dict[str, Any], predicted: dict[str, Any] | None) -> bool:
    return predicted is not None and str(predicted.get("event_date") or "")[:10] == gold["event_date"]


def _same_text(gold: dict[str, Any], predicted: dict[str, Any] | None, field: str) -> bool:
    if predicted is None or not gold.get(field) or not predicted.get(field):
        return False
    return str(gold[field]).casefold() == str(predicted[field]).casefold()


def _same_fatalities(gold: dict[str, Any], predicted: dict[str, Any] | None) -> bool:
    if predicted is None or predicted.get("fatalities") is None:
        return False
    return int(predicted["fatalities"]) == int(gold.get("fatalities") or 0)


def share(outcomes: Iterable[bool]) -> float | None:
    """Fraction of true outcomes; None when there is nothing to score."""
    hits = total = 0
    for outcome in outcomes:
        hits += bool(outcome)
        total += 1
    return hits / total if total else None


def mean(values: list[float] | list[int]) -> float | None:
    return sum(values) / len(values) if values else None
