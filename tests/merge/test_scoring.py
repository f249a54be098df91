"""warlog.merge.scoring: the five similarities, the blocking rule and the score."""

from __future__ import annotations

from datetime import date

from event_factory import DEIR_EZ_ZOR_CITY, make_event
from warlog.merge.candidates import candidate
from warlog.merge.clustering import clusters
from warlog.merge.scoring import MergeConfig, may_merge, score, similarities

CONFIG = MergeConfig()


def pair(first: dict, second: dict) -> tuple:
    return candidate(make_event("a", **first), 1), candidate(make_event("b", **second), 2)


def test_the_same_clash_told_by_two_reports_merges():
    a, b = pair({}, {"fatalities": 6, "notes": "Fighting in Albu Kamal."})
    assert score(a, b, CONFIG) >= CONFIG.threshold


def test_sub_types_acled_folds_together_score_between_same_and_different():
    a, b = pair({}, {"event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack"})
    assert similarities(a, b, CONFIG)["type"] == CONFIG.fold_similarity
    a, c = pair({}, {"event_type": "Protests", "sub_event_type": "Peaceful protest"})
    assert similarities(a, c, CONFIG)["type"] == 0.0
    assert score(a, c, CONFIG) < CONFIG.threshold


def test_other_sub_types_of_one_event_type_only_lower_the_score():
    air_strike = {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"}
    a, b = pair(air_strike, {**air_strike, "sub_event_type": "Suicide bomb"})  # no fold group in common
    a, c = pair(air_strike, {"event_type": "Violence against civilians", "sub_event_type": "Attack"})
    same_type = similarities(a, b, CONFIG)["type"]
    assert 0.0 < same_type == CONFIG.event_type_similarity < CONFIG.fold_similarity
    assert similarities(a, c, CONFIG)["type"] == 0.0
    assert 0.0 < score(a, b, CONFIG) < score(*pair(air_strike, air_strike), CONFIG)


def test_overlapping_week_window_counts_as_the_same_date_but_less_than_a_day():
    a, b = pair({}, {"event_date": date(2015, 11, 19), "time_precision": 2})
    assert 0 < similarities(a, b, CONFIG)["date"] < 1
    assert score(a, b, CONFIG) >= CONFIG.threshold


def test_a_day_apart_scores_less_than_the_same_day_but_may_merge():
    a, b = pair({}, {"event_date": date(2015, 11, 18)})
    assert may_merge(a, b, CONFIG)
    assert 0.0 < similarities(a, b, CONFIG)["date"] < similarities(*pair({}, {}), CONFIG)["date"]
    assert score(a, b, CONFIG) < score(*pair({}, {}), CONFIG)


def test_days_apart_beyond_the_gap_never_merge():
    a, b = pair({}, {"event_date": date(2015, 11, 21)})
    assert not may_merge(a, b, CONFIG)
    assert score(a, b, CONFIG) == 0.0


def test_distant_places_do_not_merge_and_same_admin2_counts_as_near():
    far = {
        "location": "Deir ez-Zor",
        "admin2": DEIR_EZ_ZOR_CITY["admin2"],
        "latitude": DEIR_EZ_ZOR_CITY["latitude"],
        "longitude": DEIR_EZ_ZOR_CITY["longitude"],
    }
    a, b = pair({}, far)  # about 120 km apart
    assert similarities(a, b, CONFIG)["place"] == 0.0
    assert score(a, b, CONFIG) == 0.0
    a, c = pair({"admin2": "Deir ez-Zor"}, far | {"latitude": 34.9, "longitude": 40.5})
    assert similarities(a, c, CONFIG)["place"] == CONFIG.admin2_similarity


def test_an_event_coded_to_a_region_matches_a_town_inside_it():
    region = {"geo_precision": 3, "admin2": None, "location": "Deir ez-Zor"} | {
        "latitude": DEIR_EZ_ZOR_CITY["latitude"],
        "longitude": DEIR_EZ_ZOR_CITY["longitude"],
    }
    a, b = pair({}, region)  # al-Bukamal lies in Deir ez-Zor governorate, 120 km from its capital
    assert similarities(a, b, CONFIG)["place"] == CONFIG.region_similarity
    assert score(a, b, CONFIG) >= CONFIG.threshold
    a, c = pair({}, region | {"admin1": "Raqqa"})
    assert score(a, c, CONFIG) == 0.0


def test_unknown_place_neither_supports_nor_refutes():
    a, b = pair({}, {"latitude": None, "longitude": None})
    assert similarities(a, b, CONFIG)["place"] == CONFIG.unknown_similarity


def test_actors_unidentified_matches_any_named_group_and_disjoint_actors_score_low():
    a, b = pair({}, {"actor2": "Military Forces of Syria (2000-)"})
    assert similarities(a, b, CONFIG)["actors"] == 1.0  # IS matches IS; the unidentified group matches
    a, c = pair(
        {"actor2": None},
        {"actor1": "Military Forces of Syria (2000-)", "actor2": "Free Syrian Army"},
    )
    assert similarities(a, c, CONFIG)["actors"] == CONFIG.disjoint_actor_similarity
    # Other actors alone do not veto a clash in the same town on the same day (actors are the noisiest
    # field), but they do when the place only roughly agrees (about 25 km apart) and the wording differs.
    nearby = {"latitude": 34.68, "longitude": 40.93, "admin2": None, "notes": "Regime troops fought rebels nearby."}
    a, d = pair({"actor2": None}, {"actor1": "Military Forces of Syria (2000-)", "actor2": None} | nearby)
    a, e = pair({"actor2": None}, {"actor2": None} | nearby)
    assert score(a, d, CONFIG) < CONFIG.threshold <= score(a, e, CONFIG)


def test_never_across_countries_between_placed_events_nor_within_a_report():
    assert not may_merge(*pair({}, {"country_code": "IQ"}), CONFIG)
    same_report = candidate(make_event("a"), 1), candidate(make_event("a"), 2)
    assert not may_merge(*same_report, CONFIG)


UNPLACED = {
    "latitude": None,
    "longitude": None,
    "admin1": None,
    "admin2": None,
    "location": None,
    "geo_precision": None,
}


def test_an_unplaced_event_meets_events_of_any_country_but_its_place_is_weak_evidence():
    # No country at all, or only its report's country and no coordinates: the country is no veto.
    for unplaced in ({**UNPLACED, "country_code": None}, {**UNPLACED, "country_code": "IQ"}):
        a, b = pair(unplaced, {})
        assert may_merge(a, b, CONFIG) and score(a, b, CONFIG) >= CONFIG.threshold
    a, b = pair({**UNPLACED, "country_code": "IQ"}, {})
    assert similarities(a, b, CONFIG)["place"] == CONFIG.other_country_similarity < CONFIG.unknown_similarity
    a, b = pair({**UNPLACED, "country_code": "SY"}, {})
    assert similarities(a, b, CONFIG)["place"] == CONFIG.unknown_similarity
    # Undated too: nothing left to look for it by.
    assert not may_merge(*pair({**UNPLACED, "country_code": None, "event_date": None}, {}), CONFIG)


def test_events_placed_only_at_country_level_need_stronger_agreement_with_each_other():
    country_level = {"location": "Syria", "geo_precision": 3, "admin1": None, "admin2": None}
    country_level |= {"latitude": 35.0, "longitude": 38.0}
    a, b = pair(country_level, country_level)
    assert similarities(a, b, CONFIG)["place"] == CONFIG.country_similarity < CONFIG.unknown_similarity
    # Against a town, "somewhere in this country" neither supports nor refutes the place.
    town = {"location": "Aleppo", "geo_precision": 1, "latitude": 36.2, "longitude": 37.16}
    assert similarities(*pair(country_level, town), CONFIG)["place"] == CONFIG.unknown_similarity
    assert score(a, b, CONFIG) >= CONFIG.threshold  # same day, type, actors and wording
    a, c = pair(country_level, {**country_level, "notes": "Government forces shelled rebel positions."})
    assert score(a, c, CONFIG) < CONFIG.threshold


def test_an_undated_event_is_compared_with_any_date_and_its_date_scores_unknown():
    a, b = pair({"event_date": None}, {"event_date": date(2019, 1, 1)})
    assert may_merge(a, b, CONFIG)
    assert similarities(a, b, CONFIG)["date"] == CONFIG.unknown_similarity
    assert not may_merge(*pair({"event_date": None}, {"admin1": "Raqqa"}), CONFIG)  # looked for in its admin1
    assert candidate(make_event("a"), 1).rank < candidate(make_event("a", event_date=None, time_precision=1), 2).rank


def test_threshold_is_the_knob():
    a, b = pair({}, {"latitude": None, "longitude": None, "actor1": None, "actor2": None})
    value = score(a, b, CONFIG)
    assert score(a, b, MergeConfig(threshold=value)) >= value
    assert clusters([a, b], MergeConfig(threshold=value)) == [[a, b]]
    assert clusters([a, b], MergeConfig(threshold=value + 0.01)) == [[a], [b]]


def test_wording_the_same_details_counts_more_than_the_same_topic():
    told = {"notes": "Gunmen killed four Islamic State fighters in a gun battle in al-Bukamal on Wednesday."}
    a, b = pair(told, {"notes": "Four IS fighters were killed when gunmen opened fire in al-Bukamal."})
    a, c = pair(told, {"notes": "Islamic State fighters clashed with rebels north of Aleppo."})
    assert similarities(a, b, CONFIG)["wording"] > similarities(a, c, CONFIG)["wording"] >= CONFIG.wording_floor
    a, d = pair({}, {"notes": ""})
    assert similarities(a, d, CONFIG)["wording"] == CONFIG.unknown_similarity
