from __future__ import annotations

import json

from event_factory import make_event, make_report
from warlog.evaluation.merge import gold_pairs, read_predictions, score, store_predictions, sweep
from warlog.store import Store

ECB = [
    {"id": "a", "incident_id": "1_ecb"},
    {"id": "b", "incident_id": "1_ecb"},
    {"id": "c", "incident_id": "1_ecb"},
    {"id": "d", "incident_id": "1_ecbplus"},
]
FAKES = [
    {"id": "x", "gold": {"event_date": "2016-10-06", "location": "aleppo"}},
    {"id": "y", "gold": {"event_date": "2016-10-06", "location": "Aleppo "}},
    {"id": "z", "gold": {"event_date": "2016-10-07", "location": "aleppo"}},
]


def test_gold_pairs_from_incidents_and_from_date_and_place():
    assert gold_pairs(ECB) == {("a", "b"), ("a", "c"), ("b", "c")}
    assert gold_pairs(FAKES) == {("x", "y")}


def test_pairwise_precision_recall_f1():
    predictions = {
        "a": [{"event_id_cnty": "SYR1"}, {"event_id_cnty": "SYR9"}],
        "b": [{"event_id_cnty": "SYR1"}],
        "c": [{"event_id_cnty": "SYR2"}],
        "d": [{"event_id_cnty": "SYR3"}, {"event_id_cnty": "SYR9"}],
    }
    result = score(ECB, predictions)
    pairwise = result["pairwise"]
    # predicted pairs: a-b (SYR1, right) and a-d (SYR9, wrong); gold has 3 pairs
    assert (pairwise["true_pairs"], pairwise["predicted_pairs"], pairwise["gold_pairs"]) == (1, 2, 3)
    assert pairwise["precision"] == 0.5 and pairwise["recall"] == 0.3333 and pairwise["f1"] == 0.4
    # lead events only: a's background mention SYR9 no longer links it to d
    assert result["lead_only"]["precision"] == 1.0
    assert "sweep" not in result  # bare ids: nothing to re-cluster


def test_no_predictions_scores_zero_not_an_error():
    result = score(FAKES, {})
    assert result["pairwise"]["f1"] == 0.0 and result["documents_with_events"] == 0


def test_store_predictions_and_threshold_sweep(tmp_path):
    with Store(tmp_path / "eval.duckdb") as store:
        for name in ("x", "y", "z"):
            store.add_report(make_report(name, source=name.upper()), [make_event(name, latitude=None, longitude=None)])
        predictions = store_predictions(store)
    assert [row["event_id_cnty"] for row in predictions["x"]] == ["SYR1"]
    result = score(FAKES, predictions)
    assert result["pairwise"]["predicted_pairs"] == 3  # unknown places: the default threshold merges them
    low, high = sweep(FAKES, predictions, [0.5, 0.99])
    assert low["threshold"] == 0.5 and low["predicted_pairs"] == 3 and low["recall"] == 1.0
    assert high["predicted_pairs"] == 0 and high["precision"] == 0.0
    assert [point["threshold"] for point in result["sweep"]][:2] == [0.5, 0.55]


def test_read_predictions_from_exported_merged_rows(tmp_path):
    path = tmp_path / "merged.jsonl"
    lines = [{"event_id_cnty": "SYR1", "report_ids": ["x", "y"]}, {"event_id_cnty": "SYR2", "report_ids": ["z"]}]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    assert score(FAKES, read_predictions(path))["pairwise"]["precision"] == 1.0
