import pytest

from warlog.evaluation.news import admin1_names, score

# A GED-like headline record (every field) and a Syrian Archive-like one (country and a point only).
GED = {
    "id": "ged-1",
    "text": "Car bombs kill 11 in Baghdad",
    "events": [
        {
            "event_date": "2015-07-04",
            "event_date_end": "2015-07-05",
            "country": "Iraq",
            "admin1": "Baghdād province",
            "latitude": 33.34,
            "longitude": 44.40,
            "fatalities": 11,
            "fatalities_low": 11,
            "fatalities_high": 13,
        }
    ],
}
ARCHIVE = {
    "id": "sa-1",
    "text": "Russian airstrike on Al Latamna",
    "events": [{"country": "Syria", "latitude": 35.33, "longitude": 36.62}],
}
TYPED = {
    "id": "sa-2",
    "text": "Chemical attack on Khan Sheikhoun",
    "events": [{"country": "Syria", "event_type": "Explosions/Remote violence", "sub_event_type": "Chemical weapon"}],
}


def baghdad(**fields):
    event = {"country": "Iraq", "admin1": "Mayorality of Baghdad", "latitude": 33.34, "longitude": 44.40}
    return event | {"event_date": "2015-07-05", "fatalities": 12} | fields


def test_each_field_is_scored_over_the_records_that_give_it():
    pred = {
        "ged-1": [baghdad()],
        "sa-1": [{"country": "Syria", "latitude": 35.0, "longitude": 36.62}],  # ~37 km off
        "sa-2": [TYPED["events"][0] | {"sub_event_type": "Air/drone strike"}],
    }
    scores = score([GED, ARCHIVE, TYPED], pred)
    assert scores["country"] == 1.0 and scores["country_reports"] == 3
    assert scores["place_reports"] == 2 and scores["place_within_25km"] == 0.5 and scores["place_within_161km"] == 1.0
    assert scores["admin1"] == 1.0 and scores["admin1_reports"] == 1
    assert scores["date_in_range"] == 1.0 and scores["date_reports"] == 1
    assert scores["event_type"] == 1.0 and scores["sub_event_type"] == 0.0 and scores["event_type_reports"] == 1
    assert scores["fatalities_exact"] == 0.0 and scores["fatalities_within_low_high"] == 1.0
    assert scores["fatalities_above_high"] == 0.0


def test_a_record_without_prediction_is_wrong_on_every_field_it_gives():
    scores = score([GED, ARCHIVE], {})
    assert scores["predicted"] == 0 and scores["events_per_report"] == 0
    assert scores["country"] == 0.0 and scores["place_within_161km"] == 0.0 and scores["admin1"] == 0.0
    assert scores["date_in_range"] == 0.0 and scores["fatalities_within_low_high"] == 0.0
    assert scores["event_type"] is None  # no record gives a type: unknown, not wrong


def test_a_toll_above_the_events_own_high_estimate_is_counted_as_such():
    scores = score([GED], {"ged-1": [baghdad(fatalities=280000)]})
    assert scores["fatalities_above_high"] == 1.0 and scores["fatalities_within_low_high"] == 0.0


@pytest.mark.parametrize(
    ("gold", "predicted"),
    [
        ("Nīnawá province", "Ninawa"),
        ("Şalāḩ ad Dīn province", "Salah ad Din"),
        ("Baghdād province", "Mayorality of Baghdad"),
    ],
)
def test_a_gold_division_is_known_under_the_gazetteers_names(gold, predicted):
    from warlog.knowledge.spelling import fold

    assert fold(predicted) in admin1_names(gold)
