from __future__ import annotations

import json

from event_factory import make_event, make_report
from warlog.evaluation.merge import date_reach, gold_pairs, read_predictions, score, store_predictions, sweep
from warlog.store.database import Store

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


def test_date_reach_needs_the_gold_day_written_and_coders_telling_one_event():
    def article(name: str, text: str, cause: str = "shelling", day: str = "2016-10-06") -> dict:
        return {"id": name, "text": text, "gold": {"event_date": day, "location": "aleppo", "cause_of_death": cause}}

    records = [
        article("dated", "Thu 06 Oct 2016. Shelling killed five in Aleppo."),
        article("day_after", "Fri 07 Oct 2016. Shelling killed five in Aleppo on Thursday."),
        article("undated", "Shelling killed five in Aleppo."),
        article("car_bomb", "Thu 06 Oct 2016. A car bomb killed two in Azaz.", cause="explosion"),
    ]
    reach = date_reach(records, gold_pairs(records))
    # 6 gold pairs: the undated article's 3 are out of reach, and so is the car bomb with either shelling
    # article that writes the day; only dated-day_after is within reach.
    assert reach["pairs_both_writing_gold_day"] == 0.5
    assert reach["pairs_coded_as_one_event"] == 0.5
    assert reach["recall"] == round(1 / 6, 4) and reach["f1"] == round(2 * (1 / 6) / (1 + 1 / 6), 4)
    assert date_reach(ECB, gold_pairs(ECB)) is None  # an incident gold: nothing to reach for
    assert "ceilings" in score(records, {}) and "ceilings" not in score(ECB, {})


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
