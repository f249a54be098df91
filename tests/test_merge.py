from __future__ import annotations

import random
from datetime import date

from event_factory import DEIR_EZ_ZOR_CITY, make_event
from warlog.merge.candidates import candidate, date_window
from warlog.merge.clustering import best_pivot, clusters
from warlog.merge.combining import (
    CLAIMS_NAMED,
    EVIDENCE_MEMBERS,
    REPORTS_LISTED,
    SOURCES_NAMED,
    Member,
    Summary,
    combine,
    tally_of,
)
from warlog.merge.scoring import MergeConfig, may_merge, score, similarities
from warlog.records import Evidence

CONFIG = MergeConfig()


def pair(first: dict, second: dict) -> tuple:
    return candidate(make_event("a", **first), 1), candidate(make_event("b", **second), 2)


def test_date_windows_follow_acled_weeks_and_months():
    tuesday = date(2015, 11, 17)
    assert date_window(tuesday, 1) == (tuesday, tuesday)
    assert date_window(tuesday, 2) == (date(2015, 11, 14), date(2015, 11, 20))  # Saturday to Friday
    assert date_window(date(2016, 2, 15), 3) == (date(2016, 2, 1), date(2016, 2, 29))
    assert date_window(None, 1) == (None, None)


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


def synthetic_candidates(count: int, seed: int = 7) -> list:
    rng = random.Random(seed)
    items = []
    for key in range(count):
        items.append(
            candidate(
                make_event(
                    f"r{key}",
                    event_date=date(2015, 11, rng.randint(1, 28)),
                    country_code=rng.choice(["SY", "IQ", "YE"]),
                    latitude=34 + rng.random(),
                    longitude=40 + rng.random(),
                ),
                key,
            )
        )
    return items


def brute_force_clusters(items: list) -> set[frozenset]:
    """Pivot clustering without blocking: every earlier pivot considered."""
    pivots, pivot_of = [], {}
    for item in sorted(items, key=lambda c: c.rank):
        found = best_pivot(item, pivots, CONFIG)
        if found is None:
            pivots.append(item)
        pivot_of[item.key] = (found or item).key
    groups: dict[int, set[int]] = {}
    for key, pivot in pivot_of.items():
        groups.setdefault(pivot, set()).add(key)
    return {frozenset(group) for group in groups.values()}


def test_blocked_clustering_equals_clustering_without_blocking():
    items = synthetic_candidates(300)
    found = {frozenset(c.key for c in group) for group in clusters(items, CONFIG)}
    assert found == brute_force_clusters(items)
    assert any(len(group) > 1 for group in found)


def test_clusters_do_not_depend_on_order():
    items = synthetic_candidates(120)
    expected = [[c.key for c in group] for group in clusters(items, CONFIG)]
    assert any(len(group) > 1 for group in expected)
    for seed in range(3):
        shuffled = items[:]
        random.Random(seed).shuffle(shuffled)
        assert [[c.key for c in group] for group in clusters(shuffled, CONFIG)] == expected


def test_combine_codes_the_lowest_fatalities_and_writes_the_dispute():
    members = [
        Member(make_event("a", fatalities=6, confidence=0.5), "SANA"),
        Member(make_event("b", fatalities=4, confidence=0.5), "Syria Direct"),
        Member(make_event("c", fatalities=0, evidence=[], confidence=0.5), "Reuters", fatalities_reported=False),
    ]
    combined = combine(members)
    assert combined.fields["fatalities"] == 4
    assert "6 (SANA)" in combined.fields["notes"] and "4 (Syria Direct)" in combined.fields["notes"]
    assert combined.source == "Reuters; SANA; Syria Direct"
    assert combined.source_count == 3
    assert combined.report_ids == ["a", "b", "c"]


def test_combine_takes_the_most_precise_date_and_place():
    members = [
        Member(make_event("a", time_precision=2, geo_precision=1, location="Al Bukamal"), "A"),
        Member(make_event("b", event_date=date(2015, 11, 16), geo_precision=3, location="Deir ez-Zor"), "B"),
    ]
    fields = combine(members).fields
    assert (fields["event_date"], fields["time_precision"]) == (date(2015, 11, 16), 1)
    assert (fields["location"], fields["geo_precision"]) == ("Al Bukamal", 1)
    assert combine(list(reversed(members))).fields == fields


def test_confidence_grows_with_independent_sources_only():
    one = combine([Member(make_event("a", confidence=0.6), "SANA")]).confidence
    same_outlet = combine(
        [Member(make_event("a", confidence=0.6), "SANA"), Member(make_event("b", confidence=0.6), "sana")]
    )
    two = combine([Member(make_event("a", confidence=0.6), "SANA"), Member(make_event("b", confidence=0.6), "Reuters")])
    assert same_outlet.confidence == one and same_outlet.source_count == 1
    assert two.confidence > one and two.source_count == 2


def test_evidence_is_kept_per_field_per_source():
    evidence = [Evidence("location", 0, 50, 20, 30, "al-Bukamal")]
    combined = combine(
        [Member(make_event("a", evidence=evidence), "SANA"), Member(make_event("b", evidence=evidence), "AFP")]
    )
    assert [(e["report_id"], e["source"]) for e in combined.evidence["location"]] == [("a", "SANA"), ("b", "AFP")]


def test_wording_the_same_details_counts_more_than_the_same_topic():
    told = {"notes": "Gunmen killed four Islamic State fighters in a gun battle in al-Bukamal on Wednesday."}
    a, b = pair(told, {"notes": "Four IS fighters were killed when gunmen opened fire in al-Bukamal."})
    a, c = pair(told, {"notes": "Islamic State fighters clashed with rebels north of Aleppo."})
    assert similarities(a, b, CONFIG)["wording"] > similarities(a, c, CONFIG)["wording"] >= CONFIG.wording_floor
    a, d = pair({}, {"notes": ""})
    assert similarities(a, d, CONFIG)["wording"] == CONFIG.unknown_similarity


def varied_members(count: int, seed: int) -> list[Member]:
    rng = random.Random(seed)
    members = []
    for number in range(count):
        event = make_event(
            f"r{rng.randrange(10_000):05d}-{number}",
            fatalities=rng.choice([0, 2, 3, 4, 7]),
            confidence=rng.choice([0.4, 0.55, 0.7, 0.85]),
            time_precision=rng.choice([1, 2, 3]),
            geo_precision=rng.choice([1, 2, 3]),
            sub_event_type=rng.choice(["Armed clash", "Armed clash", "Attack"]),
        )
        members.append(Member(event, rng.choice(["SANA", "Reuters", "AFP", " sana", None]), rng.random() < 0.8))
    return members


def test_a_summary_updated_member_by_member_through_json_gives_what_combine_gives():
    members = varied_members(40, seed=1)
    expected = combine(members)
    for seed in range(3):
        shuffled = members[:]
        random.Random(seed).shuffle(shuffled)
        summary = Summary()
        for member in shuffled:  # as the store does: one member at a time, the summary kept as JSON
            summary = Summary.from_json(summary.to_json())
            summary.absorb(member)
        assert summary.combined(tally_of(shuffled)) == expected


def test_a_large_merged_event_keeps_its_first_members_evidence_and_counts_every_source():
    members = [
        Member(make_event(f"r{number:03d}", fatalities=3 + number, confidence=0.5), f"Outlet {number:03d}")
        for number in range(120)
    ]
    combined = combine(members)
    assert combined.source_count == 120
    assert combined.report_ids == [f"r{number:03d}" for number in range(REPORTS_LISTED)]
    assert combined.source == "; ".join(f"Outlet {n:03d}" for n in range(SOURCES_NAMED)) + "; and 70 more"
    assert {entry["report_id"] for entries in combined.evidence.values() for entry in entries} == {
        f"r{number:03d}" for number in range(EVIDENCE_MEMBERS)
    }
    assert combined.fields["fatalities"] == 3
    assert f"; and {120 - CLAIMS_NAMED} more; the lowest is coded.]" in combined.fields["notes"]
    assert combined.confidence == round(1 - 0.5**120, 4)
