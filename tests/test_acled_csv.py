"""ACLED's CSV export read back as stored events, and new reports merging into them."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from event_factory import make_event, make_report
from warlog.acled_csv import read_acled_csv
from warlog.export import ACLED_COLUMNS
from warlog.records import Rejection
from warlog.store.database import Store

WARLOG = str(Path(sys.executable).parent / "warlog")
BUKAMAL_ROW = {
    "event_id_cnty": "SYR7001", "event_date": "17 November 2015", "year": "2015", "time_precision": "1",
    "disorder_type": "Political violence", "event_type": "Battles", "sub_event_type": "Armed clash",
    "actor1": "Islamic State (Syria)", "inter1": "2", "actor2": "Unidentified Armed Group (Syria)",
    "inter2": "Rebel groups",
    "interaction": "22", "iso": "760", "region": "Middle East", "country": "Syria", "admin1": "Deir ez-Zor",
    "admin2": "Al Mayadin", "location": "Al Bukamal", "latitude": "34.4534", "longitude": "40.9363",
    "geo_precision": "1", "source": "Syria Direct", "notes": "Gunmen clashed with IS fighters in al-Bukamal.",
    "fatalities": "4", "timestamp": "1448000000",
}  # fmt: skip


def write_csv(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=ACLED_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_rows_become_coded_events_and_bad_rows_are_named(tmp_path):
    rows = [
        BUKAMAL_ROW,
        {**BUKAMAL_ROW, "event_id_cnty": "SYR7002", "event_type": "Battles", "sub_event_type": "Peaceful protest"},
        {**BUKAMAL_ROW, "event_id_cnty": "SYR7003", "event_date": "9999-12-31"},
        {**BUKAMAL_ROW, "event_id_cnty": "SYR7004", "fatalities": "many"},
        {**BUKAMAL_ROW, "event_id_cnty": "KEN9", "event_date": "2020-06-09", "event_type": "Protests",
         "sub_event_type": "Peaceful protest", "actor1": "Protesters (Kenya)", "inter1": "6", "actor2": "",
         "inter2": "", "iso": "", "country": "Kenya", "fatalities": "0"},
    ]  # fmt: skip
    items = list(read_acled_csv(write_csv(tmp_path / "acled.csv", rows)))
    rejected = {item.report_id: item.reason for item in items if isinstance(item, Rejection)}
    assert set(rejected) == {"acled:SYR7002", "acled:SYR7003", "acled:SYR7004"}
    assert "not a sub-event type of Battles" in rejected["acled:SYR7002"]
    assert "outside the dates warlog accepts" in rejected["acled:SYR7003"]
    assert "fatalities 'many' is not a whole number" in rejected["acled:SYR7004"]
    [(report, event), (_, kenya)] = [item for item in items if not isinstance(item, Rejection)]
    assert (report.id, report.source, report.text) == ("acled:SYR7001", "Syria Direct", BUKAMAL_ROW["notes"])
    assert (event.event_date.isoformat(), event.inter2, event.interaction, event.fatalities) == (
        "2015-11-17",
        2,
        "22",
        4,
    )
    assert (event.country_code, event.confidence, event.disorder_type) == ("SY", 1.0, "Political violence")
    assert (kenya.country_code, kenya.iso, kenya.inter2, kenya.interaction) == ("KE", 404, None, "60")


def test_a_new_report_merges_into_an_imported_event(tmp_path):
    db = tmp_path / "team.duckdb"
    done = subprocess.run(
        [WARLOG, "import", str(write_csv(tmp_path / "acled.csv", [BUKAMAL_ROW])), "--db", str(db)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "1 added" in done.stderr
    with Store(db) as store:
        store.add_report(make_report("news", "Monitor"), [make_event("news")])
        [merged] = store.events()
    assert merged["report_ids"] == ["acled:SYR7001", "news"]
    assert set(merged["source"].split("; ")) == {"Syria Direct", "Monitor"}
    again = subprocess.run([WARLOG, "import", str(tmp_path / "acled.csv"), "--db", str(db)], capture_output=True,
                           text=True, timeout=300)  # fmt: skip
    assert again.returncode == 0 and "1 unchanged" in again.stderr
    (tmp_path / "bad.csv").write_text(
        "event_id_cnty,event_date,event_type,sub_event_type,country\nX1,2020-01-01,Foo,Bar,Syria\n"
    )
    bad = subprocess.run([WARLOG, "import", str(tmp_path / "bad.csv"), "--db", str(db)], capture_output=True, text=True,
                         timeout=300)  # fmt: skip
    assert bad.returncode == 3 and "'Foo' is not an ACLED event type" in bad.stderr
    missing = subprocess.run([WARLOG, "import", str(tmp_path / "none.csv"), "--db", str(db)], capture_output=True,
                             text=True, timeout=300)  # fmt: skip
    assert missing.returncode == 2 and "no file" in missing.stderr
