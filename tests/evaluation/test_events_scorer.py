import pytest

from warlog.evaluation.events import (
    NO_PREDICTION,
    actor_matches,
    classification_scores,
    interaction_code,
    most_confident,
    score,
)


def gold_event(**overrides):
    event = {
        "event_date": "2020-05-09",
        "event_type": "Protests",
        "sub_event_type": "Peaceful protest",
        "actor1": "Protesters (Israel)",
        "interaction": "60",
        "country": "Israel",
        "location": "Haifa",
        "latitude": 32.8184,
        "longitude": 34.9885,
        "fatalities": 0,
    }
    return event | overrides


def report(report_id, *events):
    return {"id": report_id, "text": "...", "events": list(events)}


GOLD = [
    report("a", gold_event()),
    report("b", gold_event(event_type="Battles", sub_event_type="Armed clash", fatalities=4, interaction="12")),
    report("c", gold_event(event_type="Battles", sub_event_type="Armed clash", fatalities=2, interaction="12")),
    report("d", gold_event(sub_event_type="Protest with intervention", interaction="State forces-Protesters")),
    report("multi", gold_event(), gold_event(location="Tel Aviv")),
]


def perfect_predictions():
    return {record["id"]: [dict(event, confidence=0.9) for event in record["events"]] for record in GOLD}


FIELDS = (
    "date_exact",
    "place_within_25km",
    "place_within_161km",
    "country",
    "fatalities_exact",
    "fatalities_exact_killed",
    "actor1",
    "interaction",
)


def test_perfect_prediction_scores_one():
    result = score(GOLD, perfect_predictions())
    single = result["single_event"]
    assert result["reports"] == 5
    assert single["reports"] == 4 and single["killed_reports"] == 2
    for field in FIELDS:
        assert single[field] == 1.0, field
    for field in ("event_type", "sub_event_type"):
        assert single[field]["accuracy"] == single[field]["macro_f1"] == single[field]["weighted_f1"] == 1.0
    assert result["multi_event"] == {"reports": 1, "event_count_mae": 0.0, "event_count_exact": 1.0}


def test_empty_prediction_scores_zero_and_is_not_skipped():
    result = score(GOLD, {})
    single = result["single_event"]
    assert single["reports"] == 4 and single["predicted"] == 0
    for field in FIELDS:
        assert single[field] == 0.0, field
    assert single["event_type"]["accuracy"] == single["event_type"]["macro_f1"] == 0.0
    assert single["sub_event_type"]["confusion"]["Armed clash"] == {NO_PREDICTION: 2}
    assert result["multi_event"]["event_count_mae"] == 2.0


def test_one_wrong_sub_event_type_costs_exact_amounts():
    predictions = perfect_predictions()
    predictions["d"][0]["sub_event_type"] = "Peaceful protest"
    sub_event = score(GOLD, predictions)["single_event"]["sub_event_type"]
    assert sub_event["accuracy"] == 0.75
    # Peaceful protest: P 1/2, R 1 -> F1 2/3; Protest with intervention: F1 0; Armed clash: F1 1.
    assert sub_event["macro_f1"] == pytest.approx((2 / 3 + 0 + 1) / 3)
    assert sub_event["weighted_f1"] == pytest.approx((2 / 3 * 1 + 0 * 1 + 1 * 2) / 4)
    assert sub_event["confusion"]["Protest with intervention"] == {"Peaceful protest": 1}


def test_one_wrong_field_each():
    predictions = perfect_predictions()
    predictions["b"][0] |= {"fatalities": 3, "event_date": "2020-05-10", "country": "Syria"}
    predictions["c"][0] |= {"latitude": 32.8184 + 0.5}  # about 56 km north: within 161 km, not 25 km
    single = score(GOLD, predictions)["single_event"]
    assert single["fatalities_exact"] == 0.75
    assert single["fatalities_exact_killed"] == 0.5
    assert single["date_exact"] == 0.75
    assert single["country"] == 0.75
    assert single["place_within_25km"] == 0.75
    assert single["place_within_161km"] == 1.0


def test_most_confident_prediction_is_the_one_scored():
    predictions = perfect_predictions()
    predictions["a"].insert(0, gold_event(event_type="Riots", sub_event_type="Mob violence") | {"confidence": 0.2})
    predictions["a"].append(gold_event(event_type="Riots", sub_event_type="Mob violence") | {"confidence": 0.5})
    assert score(GOLD, predictions)["single_event"]["event_type"]["accuracy"] == 1.0


def test_event_count_error_of_multi_event_reports():
    predictions = perfect_predictions()
    predictions["multi"] = predictions["multi"][:1] * 5
    assert score(GOLD, predictions)["multi_event"] == {
        "reports": 1,
        "event_count_mae": 3.0,
        "event_count_exact": 0.0,
    }


def test_most_confident_breaks_ties_by_order_and_handles_none():
    first, second = {"confidence": 0.5, "n": 1}, {"confidence": 0.5, "n": 2}
    assert most_confident([first, second]) is first
    assert most_confident([]) is None


def test_actor_matches_half_of_gold_words():
    assert actor_matches("Military Forces of Yemen (2016-)", "Military Forces of Syria")
    assert not actor_matches("Military Forces of Yemen (2016-)", "Forces")
    assert actor_matches("Protesters (Israel)", "Protesters (Palestine)")
    assert not actor_matches("Protesters (Israel)", None)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("60", "60"),
        (12, "12"),
        ("Protesters only", "60"),
        ("Rioters-Civilians", "57"),
        ("State forces-Protesters", "16"),
        ("Civilians-State forces", "17"),
        ("External/Other forces-Rioters", "58"),
        ("Unknown-Rioters", None),
        (None, None),
    ],
)
def test_interaction_code_reads_both_wordings(value, code):
    assert interaction_code(value) == code


def test_classification_scores_ignore_missing_label_in_averages():
    result = classification_scores([("A", "A"), ("B", NO_PREDICTION)])
    assert set(result["labels"]) == {"A", "B"}
    assert result["macro_f1"] == 0.5
    assert classification_scores([])["accuracy"] is None


def test_scores_by_dataset():
    gold = [dict(record, dataset="Kenya" if record["id"] == "a" else "global") for record in GOLD]
    predictions = perfect_predictions()
    predictions["a"][0]["event_date"] = None
    by_dataset = score(gold, predictions)["by_dataset"]
    assert by_dataset["Kenya"]["reports"] == 1 and by_dataset["Kenya"]["date_exact"] == 0.0
    assert by_dataset["global"] == {
        "reports": 3,
        "event_type": 1.0,
        "sub_event_type": 1.0,
        "date_exact": 1.0,
        "place_within_25km": 1.0,
        "country": 1.0,
        "fatalities_exact": 1.0,
        "ceilings": {"date_exact": 0.0, "place_within_25km": 0.0, "country": 0.0},  # the notes say nothing
    }


def test_date_is_also_scored_where_the_year_can_be_known():
    def note(id_, text, date):
        event = {"event_date": date, "event_type": "Riots", "sub_event_type": "Mob violence"}
        return {"id": id_, "text": text, "published": None, "events": [event]}

    gold = [note("a", "On 9 May 2020, a riot.", "2020-05-09"), note("b", "On 9 May, a riot.", "2020-05-09")]
    pred = {"a": [{"event_date": "2020-05-09", "confidence": 1}], "b": [{"event_date": None, "confidence": 1}]}
    single = score(gold, pred)["single_event"]
    assert single["date_exact"] == 0.5
    assert single["date_exact_year_knowable"] == 1.0 and single["year_knowable_reports"] == 1
