"""Toponym scorer: recognition (span precision and recall) and resolution (distance, GeoNames id).

Gold: records of `geo/lgl.jsonl` or `geo/geovirus.jsonl` (`{"id", "text", "toponyms": [{"start", "end",
"lat", "lon", "geonameid", ...}]}`). Predictions: report id → the `warlog places` records
(`{"start", "end", "text", "name", "lat", "lon", "geonameid", "country", "admin1"}`).

A gold toponym is matched by the predicted place whose span overlaps it most. End-to-end accuracy counts,
over ALL gold toponyms, those matched by a prediction placed within 161 km (100 miles, the customary
threshold in geoparsing evaluations); a missed or abstained toponym counts as wrong.
Span precision counts predicted places that overlap no gold toponym.
"""

from __future__ import annotations

import statistics
from typing import Any

from warlog.knowledge.gazetteer import distance_km, gazetteer

ACCURACY_KM = 161.0


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> int:
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def annotates_demonyms(gold: list[dict[str, Any]]) -> bool:
    """Whether the corpus counts demonyms ("American") as toponyms: LGL does, GeoVirus does not."""
    index = gazetteer()
    return any(index.demonym(t["text"]) for record in gold for t in record.get("toponyms", []))


def score(
    gold: list[dict[str, Any]], pred: dict[str, list[dict[str, Any]]], demonyms: bool | None = None
) -> dict[str, Any]:
    """Scores of `pred` against `gold`. Predicted demonyms (`"demonym": true`) are scored only when
    the corpus annotates demonyms (`demonyms=None`: decided from the gold itself), since corpora differ
    on that convention; `demonyms_set_aside` says how many were left out."""
    if demonyms is None:
        demonyms = annotates_demonyms(gold)
    set_aside = 0
    if not demonyms:
        kept = {key: [p for p in places if not p.get("demonym")] for key, places in pred.items()}
        set_aside = sum(len(places) for places in pred.values()) - sum(len(places) for places in kept.values())
        pred = kept
    gold_count = predicted_count = predicted_matched = gold_matched = 0
    within = id_pairs = id_equal = 0
    errors: list[float] = []
    for record in gold:
        toponyms = record.get("toponyms", [])
        places = pred.get(record["id"], [])
        gold_count += len(toponyms)
        predicted_count += len(places)
        predicted_matched += sum(1 for place in places if any(_overlap(place, t) > 0 for t in toponyms))
        for toponym in toponyms:
            overlapping = [place for place in places if _overlap(place, toponym) > 0]
            if not overlapping:
                continue
            gold_matched += 1
            place = max(overlapping, key=lambda p: _overlap(p, toponym))
            if place.get("lat") is not None and place.get("lon") is not None:
                error = distance_km(toponym["lat"], toponym["lon"], place["lat"], place["lon"])
                errors.append(error)
                within += error <= ACCURACY_KM
            if toponym.get("geonameid") and place.get("geonameid"):
                id_pairs += 1
                id_equal += str(toponym["geonameid"]) == str(place["geonameid"])
    precision, recall = _ratio(predicted_matched, predicted_count), _ratio(gold_matched, gold_count)
    return {
        "documents": len(gold),
        "gold_toponyms": gold_count,
        "predicted_places": predicted_count,
        "span_precision": precision,
        "span_recall": recall,
        "span_f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
        "accuracy_161km": _ratio(within, gold_count),
        "accuracy_161km_of_matched": _ratio(within, gold_matched),
        "geonameid_exact": _ratio(id_equal, id_pairs),
        "geonameid_pairs": id_pairs,
        "median_error_km": round(statistics.median(errors), 1) if errors else None,
        "demonyms_set_aside": set_aside,
    }
