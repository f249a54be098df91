"""Score cross-report merging by pairs of documents (docs/merging.md).

Gold: two documents report the same incident when their ECB+ `incident_id` is equal, or, for FA-KES,
when their gold `event_date` and `location` are both equal. Prediction: two documents share a merged
event when some event of one and some event of the other were merged into the same `event_id_cnty`.
Precision, recall and F1 are over those document pairs: `pairwise`, the issue's measure and the
headline. Any shared event counts, background ones included ("since the uprising of March 2011"),
which is what a user sees: two reports linked by a merged event. `lead_only` is a variant, never a
replacement: each document restricted to its lead event (the first event it tells, as news writing
puts the incident a report is about first), closer to a gold that codes one incident per document.
For FA-KES, `ceilings` gives what its gold lets any system reach (`date_reach`).

`predict` ingests reports into a throw-away store and returns each report's extracted events with the
merged event each joined; `sweep` re-clusters those events at several thresholds, without extracting
again, to chart the precision/recall trade-off.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import fields, replace
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

from warlog.merge.candidates import candidate
from warlog.merge.clustering import clusters
from warlog.merge.scoring import MergeConfig
from warlog.records import Analysis, Event, Report

Pair = tuple[str, str]
Predictions = dict[str, list[dict[str, Any]]]
SWEEP_THRESHOLDS = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
EVENT_FIELDS = tuple(f.name for f in fields(Event) if f.name != "evidence")


def gold_key(record: dict[str, Any]) -> tuple | None:
    """What makes two gold documents the same incident (None: the record says nothing)."""
    if record.get("incident_id") is not None:
        return ("incident", record["incident_id"])
    gold = record.get("gold") or {}
    if gold.get("event_date") and gold.get("location"):
        return ("date-place", gold["event_date"], gold["location"].strip().lower())
    return None


def pairs_within(groups: Iterable[Iterable[str]]) -> set[Pair]:
    pairs: set[Pair] = set()
    for group in groups:
        pairs.update(combinations(sorted(set(group)), 2))
    return pairs


def gold_pairs(records: Iterable[dict[str, Any]]) -> set[Pair]:
    groups: dict[tuple, list[str]] = {}
    for record in records:
        key = gold_key(record)
        if key is not None:
            groups.setdefault(key, []).append(record["id"])
    return pairs_within(groups.values())


def predicted_pairs(predictions: Predictions, documents: set[str], lead_only: bool = False) -> set[Pair]:
    """Document pairs sharing a merged event; `predictions`: report id -> its events' rows."""
    members: dict[str, list[str]] = {}
    for report_id, rows in predictions.items():
        if report_id not in documents:
            continue
        for row in rows[:1] if lead_only else rows:
            members.setdefault(row["event_id_cnty"], []).append(report_id)
    return pairs_within(members.values())


def pair_scores(gold: set[Pair], predicted: set[Pair]) -> dict[str, Any]:
    true = len(gold & predicted)
    precision = true / len(predicted) if predicted else 0.0
    recall = true / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "gold_pairs": len(gold),
        "predicted_pairs": len(predicted),
        "true_pairs": true,
    }


def score(
    gold_records: Iterable[dict[str, Any]],
    predictions: Predictions,
    thresholds: Sequence[float] = SWEEP_THRESHOLDS,
    config: MergeConfig | None = None,
) -> dict[str, Any]:
    """Pairwise P/R/F1 of "these two documents share a merged event", the lead-event variant, and
    (when the predictions carry the extracted events' fields, as `predict` writes them) a sweep of
    the merge threshold."""
    records = list(gold_records)
    documents = {record["id"] for record in records}
    gold = gold_pairs(records)
    result: dict[str, Any] = {
        "pairwise": pair_scores(gold, predicted_pairs(predictions, documents)),
        "lead_only": pair_scores(gold, predicted_pairs(predictions, documents, lead_only=True)),
        "documents": len(documents),
        "documents_with_events": sum(1 for doc in documents if predictions.get(doc)),
        "threshold": (config or MergeConfig()).threshold,
    }
    reach = date_reach(records, gold)
    if reach is not None:
        result["ceilings"] = reach
    if all("event_type" in row for rows in predictions.values() for row in rows):
        result["sweep"] = sweep(records, predictions, thresholds, config)
    return result


def date_reach(records: Sequence[dict[str, Any]], gold: set[Pair]) -> dict[str, Any] | None:
    """What a date-and-place gold (FA-KES) lets a merger following the issue's rule find. A gold pair is
    within reach only if both documents write their gold day (a temporal expression resolving to it, give
    or take the day merging allows: the gold day is often the coder's, not the text's) and the two
    coders do not tell different events (different known causes of death or perpetrators: "same day,
    same governorate" pairs an air strike with a car bomb). Recall ceiling, and the F1 it gives at
    perfect precision. None for incident golds."""
    from warlog import timex

    dated, coded = {}, {}
    for record in records:
        key = gold_key(record)
        if key is None or key[0] != "date-place":
            continue
        day = date.fromisoformat(key[1])
        found = timex.find_timexes(record.get("text") or "", None)
        written = {expression.day for expression in found if expression.day is not None and expression.precision == 1}
        dated[record["id"]] = any(abs((written_day - day).days) <= 1 for written_day in written)
        coded[record["id"]] = record["gold"]
    if not dated or not gold:
        return None

    def conflict(first: str, second: str) -> bool:
        return any(
            coded[first].get(field) not in (None, "", "unknown")
            and coded[second].get(field) not in (None, "", "unknown")
            and coded[first][field] != coded[second][field]
            for field in ("cause_of_death", "actor")
        )

    both_dated = [pair for pair in gold if dated.get(pair[0]) and dated.get(pair[1])]
    same_event = [pair for pair in gold if not conflict(*pair)]
    recall = sum(1 for pair in both_dated if not conflict(*pair)) / len(gold)
    return {
        "documents_writing_gold_day": round(sum(dated.values()) / len(dated), 4),
        "pairs_both_writing_gold_day": round(len(both_dated) / len(gold), 4),
        "pairs_coded_as_one_event": round(len(same_event) / len(gold), 4),
        "recall": round(recall, 4),
        "f1": round(2 * recall / (1 + recall), 4),
    }


def sweep(
    gold_records: Iterable[dict[str, Any]],
    predictions: Predictions,
    thresholds: Sequence[float] = SWEEP_THRESHOLDS,
    config: MergeConfig | None = None,
) -> list[dict[str, Any]]:
    """Pairwise scores at each threshold, re-clustering the predicted events (no new extraction)."""
    records = list(gold_records)
    documents = {record["id"] for record in records}
    gold = gold_pairs(records)
    # (report id, the event's position in its report, its row): the position breaks ranking ties, as in the store.
    keyed = [
        (report_id, ordinal, row) for report_id, rows in sorted(predictions.items()) for ordinal, row in enumerate(rows)
    ]
    candidates = [candidate(event_from_record(row), key, ordinal) for key, (_, ordinal, row) in enumerate(keyed)]
    points = []
    for threshold in thresholds:
        cluster_of = {}
        for number, group in enumerate(clusters(candidates, replace(config or MergeConfig(), threshold=threshold))):
            cluster_of.update((item.key, f"c{number}") for item in group)
        reclustered: Predictions = {}
        for key, (report_id, _, _) in enumerate(keyed):
            reclustered.setdefault(report_id, []).append({"event_id_cnty": cluster_of[key]})
        points.append({"threshold": threshold, **pair_scores(gold, predicted_pairs(reclustered, documents))})
    return points


def event_from_record(row: dict[str, Any]) -> Event:
    """An `Event` back from a flat row (`warlog.export.event_record`); evidence left out."""
    values = {name: row.get(name) for name in EVENT_FIELDS}
    values["event_date"] = date.fromisoformat(row["event_date"]) if row.get("event_date") else None
    values["time_precision"] = int(row.get("time_precision") or 1)
    values["fatalities"] = int(row.get("fatalities") or 0)
    values["notes"] = row.get("notes") or ""
    return Event(**values)


def predict(reports: Sequence[Report], config: MergeConfig | None = None) -> Predictions:
    """Ingest the reports into a throw-away store; report id -> its extracted events (in order), each
    with the id of the merged event it joined."""
    from warlog.pipeline import Pipeline
    from warlog.store.database import Store

    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "merge-eval.duckdb", config) as store:
        for analysis in Pipeline().run_or_reject(reports):
            if isinstance(analysis, Analysis):  # a report extraction fails on shares nothing
                store.add_report(analysis.report, analysis.events)
        return store_predictions(store)


def store_predictions(store: Any) -> Predictions:
    """Report id -> its extracted events as flat rows, in order, `event_id_cnty` the merged event's id."""
    from warlog.export import event_record

    return {
        report_id: [event_record(event, event_id=merged_id) for event, merged_id in events]
        for report_id, events in store.extracted_with_merged_ids().items()
    }


def read_predictions(path: Path) -> Predictions:
    """Merged events as `warlog export --format jsonl` writes them: report id -> its merged events."""
    predictions: Predictions = {}
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            if line.strip():
                row = json.loads(line)
                for report_id in row["report_ids"]:
                    predictions.setdefault(report_id, []).append({"event_id_cnty": row["event_id_cnty"]})
    return predictions
