"""Score cross-report merging by pairs of documents (docs/merging.md).

Gold: two documents report the same incident when their ECB+ `incident_id` is equal, or, for FA-KES,
when their gold `event_date` and `location` are both equal. Prediction: two documents share a merged
event when some event of one and some event of the other were merged into the same `event_id_cnty`.
Precision, recall and F1 are over those document pairs. `lead_only` restricts each document to its
lead event (the first event it tells, as news writing puts the incident a report is about first), a
document-level reading of the same merge.

`predict` ingests reports into a throw-away store; `sweep` re-clusters a store's extracted events at
several thresholds, without extracting again, to chart the precision/recall trade-off.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import replace
from itertools import combinations
from pathlib import Path
from typing import Any

from warlog.merge import MergeConfig, clusters
from warlog.records import Report

Pair = tuple[str, str]
Predictions = dict[str, list[dict[str, Any]]]


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


def score(gold_records: Iterable[dict[str, Any]], predictions: Predictions) -> dict[str, Any]:
    """Pairwise P/R/F1 of "these two documents share a merged event", and the lead-event variant."""
    records = list(gold_records)
    documents = {record["id"] for record in records}
    gold = gold_pairs(records)
    result = pair_scores(gold, predicted_pairs(predictions, documents))
    result["documents"] = len(documents)
    result["documents_with_events"] = sum(1 for doc in documents if predictions.get(doc))
    result["lead_only"] = pair_scores(gold, predicted_pairs(predictions, documents, lead_only=True))
    return result


def store_predictions(store: Any) -> Predictions:
    """Report id -> its extracted events (in text order) with the merged event each belongs to."""
    rows = store.db.execute("SELECT report_id, merged_id FROM extracted_events ORDER BY report_id, ordinal").fetchall()
    predictions: Predictions = {}
    for report_id, merged_id in rows:
        predictions.setdefault(report_id, []).append({"event_id_cnty": merged_id})
    return predictions


def predict(reports: Sequence[Report], config: MergeConfig | None = None, db: Path | None = None) -> Predictions:
    """Run the pipeline on each report, ingest into a store (a temporary one unless `db`), read back."""
    from warlog.pipeline import Pipeline
    from warlog.store import Store

    with tempfile.TemporaryDirectory() as folder, Store(db or Path(folder) / "merge-eval.duckdb", config) as store:
        for analysis in Pipeline().run_many(reports):
            store.add_report(analysis.report, analysis.events)
        return store_predictions(store)


def sweep(
    gold_records: Iterable[dict[str, Any]], store: Any, thresholds: Sequence[float], config: MergeConfig | None = None
) -> list[dict[str, Any]]:
    """Scores at each threshold, re-clustering the store's extracted events (no new extraction)."""
    records = list(gold_records)
    base = config or MergeConfig()
    candidates, order = store.candidates()
    results = []
    for threshold in thresholds:
        predictions: Predictions = {}
        cluster_of: dict[int, str] = {}
        for number, group in enumerate(clusters(candidates, replace(base, threshold=threshold))):
            for item in group:
                cluster_of[item.key] = f"c{number}"
        for report_id, keys in order.items():
            predictions[report_id] = [{"event_id_cnty": cluster_of[key]} for key in keys]
        result = score(records, predictions)
        results.append({"threshold": threshold, **result})
    return results
