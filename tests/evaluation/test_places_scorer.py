import pytest

from warlog.evaluation.places import score

GOLD = [
    {
        "id": "d1",
        "text": "Clashes in Paris and Lyon.",
        "toponyms": [
            {"start": 11, "end": 16, "text": "Paris", "lat": 48.8534, "lon": 2.3488, "geonameid": "2988507"},
            {"start": 21, "end": 25, "text": "Lyon", "lat": 45.7485, "lon": 4.8467, "geonameid": "2996944"},
        ],
    },
    {
        "id": "d2",
        "text": "An American in Rome.",
        "toponyms": [{"start": 15, "end": 19, "text": "Rome", "lat": 41.8919, "lon": 12.5113, "geonameid": None}],
    },
]


def as_predictions(gold):
    return {
        record["id"]: [
            {"start": t["start"], "end": t["end"], "text": t["text"], "lat": t["lat"], "lon": t["lon"],
             "geonameid": t["geonameid"]}
            for t in record["toponyms"]
        ]
        for record in gold
    }  # fmt: skip


def test_perfect_predictions_score_one():
    result = score(GOLD, as_predictions(GOLD))
    for metric in ("span_precision", "span_recall", "accuracy_161km", "geonameid_exact"):
        assert result[metric] == 1.0
    assert result["median_error_km"] == 0.0


def test_no_predictions_score_zero():
    result = score(GOLD, {})
    assert (result["span_precision"], result["span_recall"], result["accuracy_161km"]) == (0.0, 0.0, 0.0)
    assert result["median_error_km"] is None


def test_one_wrong_place_and_one_spurious_span():
    predictions = as_predictions(GOLD)
    # Lyon put at Marseille (278 km away), and a span that is no toponym.
    predictions["d1"][1] |= {"lat": 43.2965, "lon": 5.3698, "geonameid": "2995469"}
    predictions["d2"].append({"start": 0, "end": 2, "text": "An", "lat": 0.0, "lon": 0.0, "geonameid": None})
    result = score(GOLD, predictions)
    assert result["span_precision"] == 0.75
    assert result["span_recall"] == 1.0
    assert result["accuracy_161km"] == pytest.approx(2 / 3, abs=1e-4)
    assert result["geonameid_exact"] == 0.5
    assert result["median_error_km"] == 0.0


def test_abstained_toponym_counts_as_found_but_not_placed():
    predictions = as_predictions(GOLD)
    predictions["d2"][0] |= {"lat": None, "lon": None}
    result = score(GOLD, predictions)
    assert result["span_recall"] == 1.0
    assert result["accuracy_161km"] == pytest.approx(2 / 3, abs=1e-4)


def test_demonyms_are_scored_only_where_the_corpus_annotates_them():
    predictions = as_predictions(GOLD)
    predictions["d2"].append({"start": 3, "end": 11, "text": "American", "lat": 39.76, "lon": -98.5, "demonym": True})
    assert score(GOLD, predictions)["span_precision"] == 1.0
    assert score(GOLD, predictions)["demonyms_set_aside"] == 1
    assert score(GOLD, predictions, demonyms=True)["span_precision"] == 0.75
