import csv
import io
import json
from datetime import date

import pytest

from warlog.export import ACLED_COLUMNS, event_record, place_record, with_inter_labels, write_rows
from warlog.records import Event, Evidence, Place, PlaceMention


def make_event(**changes):
    fields = dict(
        report_id="r1", event_date=date(2015, 11, 18), time_precision=1, disorder_type="Political violence",
        event_type="Battles", sub_event_type="Armed clash", actor1="Unidentified Armed Group (Syria)",
        assoc_actor_1=None, inter1=3, actor2="Islamic State (Syria)", assoc_actor_2=None, inter2=2,
        interaction="23", civilian_targeting=None, iso=760, country="Syria", admin1="Deir ez-Zor",
        admin2="Albu Kamal", admin3=None, location="Abu Kamal", latitude=34.4525, longitude=40.9186,
        geo_precision=1, source="Syria Direct", notes="Gunmen killed four IS members.", fatalities=4,
        evidence=[Evidence("fatalities", 0, 30, 13, 17, "four")], confidence=0.8, country_code="SY",
    )  # fmt: skip
    fields.update(changes)
    return Event(**fields)


def test_record_has_every_acled_column_plus_provenance():
    row = event_record(make_event(), event_id="SYR1", timestamp=1700000000)
    assert set(ACLED_COLUMNS) <= set(row)
    assert row["event_date"] == "2015-11-18" and row["year"] == 2015 and row["event_id_cnty"] == "SYR1"
    assert row["evidence"][0]["text"] == "four" and row["report_id"] == "r1"
    assert row["region"] == "Middle East"


def test_acled_csv_has_acleds_column_order_exactly():
    stream = io.StringIO()
    assert write_rows([event_record(make_event())], "acled-csv", stream) == 1
    lines = list(csv.reader(io.StringIO(stream.getvalue())))
    assert tuple(lines[0]) == ACLED_COLUMNS
    assert dict(zip(lines[0], lines[1], strict=True))["fatalities"] == "4"


def test_jsonl_and_geojson_round_trip():
    rows = [event_record(make_event()), event_record(make_event(latitude=None, longitude=None))]
    stream = io.StringIO()
    write_rows(rows, "jsonl", stream)
    assert [json.loads(line)["actor2"] for line in stream.getvalue().splitlines()] == ["Islamic State (Syria)"] * 2
    stream = io.StringIO()
    write_rows(rows, "geojson", stream)
    collection = json.loads(stream.getvalue())
    assert collection["features"][0]["geometry"]["coordinates"] == [40.9186, 34.4525]
    assert collection["features"][1]["geometry"] is None


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="unknown format"):
        write_rows([], "xml", io.StringIO())


def test_place_record_abstains_without_coordinates():
    resolved = PlaceMention(0, 5, "Raqqa", Place("Ar Raqqah", 35.95, 39.01, "SY", "Syria", geonameid=172955), 0.9)
    assert place_record(resolved)["lat"] == 35.95 and place_record(resolved)["country"] == "SY"
    assert place_record(PlaceMention(0, 3, "Foo", None))["lat"] is None


def test_inter_codes_as_text_labels_as_acledr_gives_them():
    rows = [
        {"inter1": 1, "inter2": 7, "interaction": "17"},
        {"inter1": 2, "inter2": None, "interaction": "20"},
        {"inter1": 3, "inter2": 1, "interaction": "13"},
        {"inter1": None, "inter2": None, "interaction": None},
    ]
    labelled = list(with_inter_labels(rows))
    assert [(row["inter1"], row["inter2"], row["interaction"]) for row in labelled] == [
        ("State forces", "Civilians", "State forces-Civilians"),
        ("Rebel groups", None, "Rebel groups only"),
        ("Political militias", "State forces", "State forces-Political militias"),
        (None, None, None),
    ]
