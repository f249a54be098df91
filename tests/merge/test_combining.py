"""warlog.merge.combining: one merged event from its members."""

from __future__ import annotations

import random
from datetime import date

from event_factory import make_event
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
from warlog.records import Evidence


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
