"""Scorer for temporal expressions against TimeML gold (TimeBank + AQUAINT, TempEval-3).

Only TIMEX3 DATE expressions are judged:
- span recall: share of gold DATE spans overlapped by at least one prediction;
- value precision / recall / F1: a prediction overlapping a gold DATE is correct when its value is
  exactly the value of one overlapping gold DATE; a prediction overlapping only gold DURATION, SET or
  TIME expressions is not judged; a prediction overlapping no gold expression is a false positive.
  A gold DATE counts as found when an overlapping prediction carries its exact value.
  Values are compared in ISO form: a week number is two digits, so a gold "2000-W7" is "2000-W07".

`gold` records are the lines of `time/timebank_aquaint.jsonl` (`id`, `timexes` with `start`, `end`,
`type`, `value`); `pred` maps a document id to `{"start", "end", "text", "value"}` dicts, the output of
`warlog dates`.
"""

from __future__ import annotations

import re

# Some gold values write the ISO week unpadded ("2000-W7"); the same week, spelled otherwise.
_UNPADDED_WEEK = re.compile(r"-W(\d)(?!\d)")


def _iso(value: str) -> str:
    return _UNPADDED_WEEK.sub(r"-W0\1", value)


def _overlaps(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def score(gold: list[dict], pred: dict[str, list[dict]]) -> dict:
    gold_dates = 0
    spans_found = 0
    values_found = 0
    judged = 0
    correct = 0
    for document in gold:
        predictions = pred.get(document["id"], [])
        gold_timexes = document["timexes"]
        for timex in gold_timexes:
            if timex["type"] != "DATE":
                continue
            gold_dates += 1
            overlapping = [p for p in predictions if _overlaps(p, timex)]
            spans_found += bool(overlapping)
            values_found += any(p["value"] == _iso(timex["value"]) for p in overlapping)
        for prediction in predictions:
            overlapping = [t for t in gold_timexes if _overlaps(prediction, t)]
            dates = [t for t in overlapping if t["type"] == "DATE"]
            if overlapping and not dates:
                continue  # overlaps only a DURATION, SET or TIME: not judged
            judged += 1
            correct += any(prediction["value"] == _iso(t["value"]) for t in dates)
    precision = _ratio(correct, judged)
    recall = _ratio(values_found, gold_dates)
    f1 = _ratio(2 * precision * recall, 1) / (precision + recall) if precision + recall else 0.0
    return {
        "gold_dates": gold_dates,
        "predictions_judged": judged,
        "span_recall": _ratio(spans_found, gold_dates),
        "value_precision": precision,
        "value_recall": recall,
        "value_f1": f1,
    }
