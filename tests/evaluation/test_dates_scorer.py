"""The TIMEX3 DATE scorer on hand-made cases with known answers."""

from __future__ import annotations

import pytest

from warlog.evaluation.dates import score

GOLD = [
    {
        "id": "d1",
        "text": "On Monday, two days after the vote, stocks fell for a week. Now it is over.",
        "dct": "2015-11-25",
        "timexes": [
            {"start": 3, "end": 9, "text": "Monday", "type": "DATE", "value": "2015-11-23"},
            {"start": 11, "end": 25, "text": "two days after", "type": "DATE", "value": "2015-11-21"},
            {"start": 52, "end": 58, "text": "a week", "type": "DURATION", "value": "P1W"},
            {"start": 60, "end": 63, "text": "Now", "type": "DATE", "value": "PRESENT_REF"},
        ],
    },
    {
        "id": "d2",
        "text": "Last year sales rose.",
        "dct": "1998-01-08",
        "timexes": [{"start": 0, "end": 9, "text": "Last year", "type": "DATE", "value": "1997"}],
    },
]


def prediction(start: int, end: int, value: str) -> dict:
    return {"start": start, "end": end, "text": "", "value": value}


PERFECT = {
    "d1": [prediction(3, 9, "2015-11-23"), prediction(11, 25, "2015-11-21"), prediction(60, 63, "PRESENT_REF")],
    "d2": [prediction(0, 9, "1997")],
}


def test_perfect_predictions_score_one():
    result = score(GOLD, PERFECT)
    assert result["gold_dates"] == 4
    assert result["span_recall"] == result["value_precision"] == result["value_recall"] == 1.0
    assert result["value_f1"] == 1.0


def test_no_predictions_score_zero():
    result = score(GOLD, {})
    assert result["span_recall"] == result["value_precision"] == result["value_recall"] == 0.0
    assert result["value_f1"] == 0.0


def test_one_wrong_value_one_extra_and_one_unjudged():
    predicted = {
        "d1": [
            prediction(3, 9, "2015-11-16"),  # right span, wrong value
            prediction(11, 25, "2015-11-21"),
            prediction(60, 63, "PRESENT_REF"),
            prediction(52, 58, "P1W"),  # overlaps only a DURATION: not judged
            prediction(40, 45, "2015"),  # overlaps nothing: a false positive
        ],
        "d2": [prediction(5, 9, "1997")],  # a partial span with the right value counts
    }
    result = score(GOLD, predicted)
    assert result["span_recall"] == 1.0
    assert result["predictions_judged"] == 5
    assert result["value_precision"] == pytest.approx(3 / 5)
    assert result["value_recall"] == pytest.approx(3 / 4)
    assert result["value_f1"] == pytest.approx(2 * 0.6 * 0.75 / 1.35)


def test_a_missed_document_lowers_recall_only():
    result = score(GOLD, {"d1": PERFECT["d1"]})
    assert result["value_precision"] == 1.0
    assert result["value_recall"] == pytest.approx(3 / 4)
    assert result["span_recall"] == pytest.approx(3 / 4)


def test_an_unpadded_gold_week_is_the_same_iso_week_but_not_another():
    gold = [
        {
            "id": "w",
            "text": "Last week and the week of 12 June.",
            "dct": "2000-02-24",
            "timexes": [
                {"start": 0, "end": 9, "text": "Last week", "type": "DATE", "value": "2000-W7"},
                {"start": 14, "end": 33, "text": "the week of 12 June", "type": "DATE", "value": "2000-W24"},
            ],
        }
    ]
    result = score(gold, {"w": [prediction(0, 9, "2000-W07"), prediction(14, 33, "2000-W02")]})
    assert result["value_precision"] == result["value_recall"] == pytest.approx(1 / 2)
