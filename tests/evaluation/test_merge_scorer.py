from __future__ import annotations

from event_factory import make_event, make_report
from warlog.evaluation.merge import gold_pairs, score, store_predictions, sweep
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
    # predicted pairs: a-b (SYR1, right) and a-d (SYR9, wrong); gold has 3 pairs
    assert (result["true_pairs"], result["predicted_pairs"], result["gold_pairs"]) == (1, 2, 3)
    assert result["precision"] == 0.5 and result["recall"] == 0.3333 and result["f1"] == 0.4
    # lead events only: a's background mention SYR9 no longer links it to d
    assert result["lead_only"]["precision"] == 1.0


def test_no_predictions_scores_zero_not_an_error():
    result = score(FAKES, {})
    assert result["f1"] == 0.0 and result["documents_with_events"] == 0


def test_store_predictions_and_threshold_sweep(tmp_path):
    with Store(tmp_path / "eval.duckdb") as store:
        for name in ("x", "y", "z"):
            store.add_report(make_report(name, source=name.upper()), [make_event(name, latitude=None, longitude=None)])
        merged = score(FAKES, store_predictions(store))
        assert merged["predicted_pairs"] == 3  # unknown places: the default threshold merges them
        low, high = sweep(FAKES, store, [0.5, 0.99])
    assert low["threshold"] == 0.5 and low["predicted_pairs"] == 3 and low["recall"] == 1.0
    assert high["predicted_pairs"] == 0 and high["precision"] == 0.0
