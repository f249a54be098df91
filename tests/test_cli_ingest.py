"""End to end: `warlog ingest`, `warlog events` and `warlog export` on real text, with bad input and a kill -9."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from conftest import REPO
from warlog.export import ACLED_COLUMNS
from warlog.store.database import Store

WARLOG = str(Path(sys.executable).parent / "warlog")
SAMPLES = REPO / "samples" / "reports.jsonl"
TOWNS = [
    ("Maarat al-Numan", "Idlib"), ("Saraqib", "Idlib"), ("Jisr al-Shughur", "Idlib"), ("Ariha", "Idlib"),
    ("Douma", "Rif Dimashq"), ("Harasta", "Rif Dimashq"), ("Daraya", "Rif Dimashq"), ("Azaz", "Aleppo"),
    ("Manbij", "Aleppo"), ("al-Bab", "Aleppo"), ("Tadmur", "Homs"), ("Rastan", "Homs"), ("Talbiseh", "Homs"),
    ("Mayadin", "Deir ez-Zor"), ("Hajin", "Deir ez-Zor"), ("Busra al-Sham", "Daraa"), ("Nawa", "Daraa"),
]  # fmt: skip


def run_warlog(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([WARLOG, *args], capture_output=True, text=True, timeout=600)


def table_rows(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def snapshot(db: Path) -> list[list[tuple]]:
    tables = ("reports", "rejections", "extracted_events", "merged_events", "merged_aliases", "id_serials")
    return [table_rows(db, f"SELECT * FROM {table} ORDER BY ALL") for table in tables]


def grouping(db: Path) -> set[tuple]:
    """Merged events by the reports behind them and their fields, leaving out ids and timestamps."""
    rows = table_rows(
        db, "SELECT report_ids, event_date, sub_event_type, location, fatalities, notes FROM merged_events"
    )
    return {(tuple(report_ids), *rest) for report_ids, *rest in rows}


def strike_reports(count: int) -> list[dict]:
    """Short dispatches, each about a different town and day."""
    reports = []
    for number in range(count):
        town, province = TOWNS[number % len(TOWNS)]
        day = 1 + number % 28
        reports.append(
            {
                "id": f"strike-{number:03d}",
                "published": f"2016-{1 + number // 28:02d}-{day:02d}",
                "source": ["Local Coordination Committees", "Enab Baladi", "SANA"][number % 3],
                "text": (
                    f"Government warplanes struck a market in {town}, in {province} province, on the morning of "
                    f"the {day}th, killing {2 + number % 7} civilians and wounding others, residents said. "
                    "Rescue workers searched the rubble for survivors until nightfall."
                ),
            }
        )
    return reports


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("store") / "samples.duckdb"
    result = run_warlog("ingest", str(SAMPLES), "--db", str(db))
    assert result.returncode == 0, result.stderr
    return db


def test_ingest_stores_every_report_and_merges_the_two_tellings_of_the_gun_battle(sample_db):
    sample_ids = [json.loads(line)["id"] for line in SAMPLES.read_text(encoding="utf-8").splitlines()]
    assert sorted(row[0] for row in table_rows(sample_db, "SELECT id FROM reports")) == sorted(sample_ids)
    listed = run_warlog("events", "--db", str(sample_db), "--format", "jsonl", "--min-sources", "2")
    assert listed.returncode == 0, listed.stderr
    merged = [json.loads(line) for line in listed.stdout.splitlines()]
    battles = [row for row in merged if row["sub_event_type"] == "Armed clash" and row["event_date"] == "2015-11-18"]
    assert battles, merged
    assert set(battles[0]["report_ids"]) == {"sample-albukamal-1", "sample-albukamal-2"}
    assert battles[0]["source_count"] == 2 and ";" in battles[0]["source"]
    assert battles[0]["event_id_cnty"].startswith("SYR")


def test_the_same_input_twice_changes_nothing(sample_db):
    before = snapshot(sample_db)
    again = run_warlog("ingest", str(SAMPLES), "--db", str(sample_db))
    assert again.returncode == 0 and "nothing new" in again.stderr
    assert snapshot(sample_db) == before


def test_another_order_gives_the_same_merged_events(sample_db, tmp_path):
    lines = SAMPLES.read_text(encoding="utf-8").splitlines()
    reversed_input = tmp_path / "reversed.jsonl"
    reversed_input.write_text("\n".join(reversed(lines)) + "\n", encoding="utf-8")
    db = tmp_path / "reversed.duckdb"
    assert run_warlog("ingest", str(reversed_input), "--db", str(db)).returncode == 0
    assert grouping(db) == grouping(sample_db)


def test_two_worker_processes_store_what_one_process_stores(sample_db, tmp_path):
    db = tmp_path / "workers.duckdb"
    result = run_warlog("ingest", str(SAMPLES), "--db", str(db), "--workers", "2")
    assert result.returncode == 0, result.stderr
    ids = "SELECT merged_id, report_id, ordinal, event_date, sub_event_type, fatalities FROM extracted_events"
    assert table_rows(db, ids + " ORDER BY ALL") == table_rows(sample_db, ids + " ORDER BY ALL")
    assert grouping(db) == grouping(sample_db)


def test_export_formats_write_merged_rows(sample_db, tmp_path):
    count = table_rows(sample_db, "SELECT count(*) FROM merged_events")[0][0]
    acled = run_warlog("export", "--db", str(sample_db), "--format", "acled-csv")
    assert acled.returncode == 0, acled.stderr
    rows = list(csv.reader(io.StringIO(acled.stdout)))
    assert tuple(rows[0]) == ACLED_COLUMNS and len(rows) == count + 1
    geojson = tmp_path / "events.geojson"
    assert run_warlog("export", "--db", str(sample_db), "--format", "geojson", "-o", str(geojson)).returncode == 0
    assert len(json.loads(geojson.read_text(encoding="utf-8"))["features"]) == count
    parquet = tmp_path / "events.parquet"
    assert run_warlog("export", "--db", str(sample_db), "--format", "parquet", "-o", str(parquet)).returncode == 0
    assert duckdb.sql(f"SELECT count(*) FROM '{parquet}'").fetchall() == [(count,)]
    jsonl = run_warlog("export", "--db", str(sample_db), "--format", "jsonl", "--country", "Syria")
    assert all(json.loads(line)["country"] == "Syria" for line in jsonl.stdout.splitlines())
    assert run_warlog("export", "--db", str(sample_db), "--format", "parquet").returncode != 0  # needs -o


def test_repeated_event_types_since_deletions_and_text_inter_labels(sample_db, tmp_path):
    def listed(*args: str) -> list[dict]:
        done = run_warlog("events", "--db", str(sample_db), "--format", "jsonl", *args)
        assert done.returncode == 0, done.stderr
        return [json.loads(line) for line in done.stdout.splitlines()]

    battles = listed("--event-type", "Battles")
    strategic = listed("--event-type", "Strategic developments")
    both = listed("--event-type", "Battles", "--event-type", "Strategic developments")
    assert battles and strategic and len(both) == len(battles) + len(strategic)  # both count, not the last
    assert listed("--since", "2999-01-01") == [] and len(listed("--since", "2000-01-01")) == len(listed())
    refused = run_warlog("events", "--db", str(sample_db), "--since", "yesterday")
    assert refused.returncode == 2 and "not a moment" in refused.stderr
    bad_box = run_warlog("events", "--db", str(sample_db), "--bbox", "36,33,37")  # the API's own check and words
    assert bad_box.returncode == 2 and "--bbox" in bad_box.stderr and "four numbers" in bad_box.stderr
    no_server = run_warlog("events", "--db", "postgresql://ana:s3cret@127.0.0.1:1/warlog?connect_timeout=2")
    assert no_server.returncode == 1 and len(no_server.stderr.strip().splitlines()) == 1, no_server.stderr
    assert "PostgreSQL" in no_server.stderr and "s3cret" not in no_server.stderr
    deletions = run_warlog("export", "--db", str(sample_db), "--deleted", "-f", "acled-csv")
    assert deletions.returncode == 0 and deletions.stdout.splitlines()[0] == (
        "event_id_cnty,deleted_timestamp,replaced_by,reason"
    )
    labelled = run_warlog("export", "--db", str(sample_db), "-f", "acled-csv", "--inter-labels")
    rows = list(csv.DictReader(io.StringIO(labelled.stdout)))
    assert {row["inter1"] for row in rows} <= {"State forces", "Rebel groups", "Political militias",
                                               "Identity militias", "Rioters", "Protesters", "Civilians",
                                               "External/other forces", ""}  # fmt: skip
    assert any("-" in row["interaction"] or row["interaction"].endswith(" only") for row in rows)


def test_bad_input_is_rejected_by_name_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "latin1.txt").write_bytes("Des manifestants à Alep, le 3 mars.".encode("latin-1"))
    (folder / "huge.txt").write_text("Shelling hit the town. " * 250_000, encoding="utf-8")  # over 5 MB
    good = strike_reports(2)
    lines = [json.dumps(good[0]), '{"id": "broken", "text": "unterminated', json.dumps(good[1])]
    lines.append(json.dumps({"id": "leap", "published": "2015-02-30", "text": "Clashes erupted in Daraa."}))
    (folder / "reports.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "bad.duckdb"
    result = run_warlog("ingest", str(folder), "--db", str(db))
    assert result.returncode == 3
    messages = " ".join(result.stderr.split()).split("rejected ")[1:]  # one per rejection, unwrapped
    for name, problem in [
        ("empty.txt", "empty"), ("binary.txt", "binary"), ("latin1.txt", "UTF-8"), ("huge.txt", "oversized"),
        ("line-2", "malformed JSON"), ("leap", "2015-02-30"),
    ]:  # fmt: skip
        assert any(entry.startswith(name) and problem in entry for entry in messages), (name, messages)
    assert sorted(row[0] for row in table_rows(db, "SELECT id FROM reports")) == ["strike-000", "strike-001"]
    rejected = table_rows(db, "SELECT report_id FROM rejections")
    assert len(rejected) == 6 and ("leap",) in rejected
    # Running it again keeps what was stored and records the rejections once.
    assert run_warlog("ingest", str(folder), "--db", str(db)).returncode == 3
    assert len(table_rows(db, "SELECT * FROM rejections")) == 6
    assert len(table_rows(db, "SELECT * FROM reports")) == 2


def test_killed_mid_batch_then_run_again_stores_every_report_exactly_once(tmp_path):
    records = strike_reports(150)
    source = write_jsonl(tmp_path / "strikes.jsonl", records)
    db = tmp_path / "killed.duckdb"
    Store(db).close()  # the schema is checkpointed: from now on a write-ahead log means a stored report
    wal = Path(f"{db}.wal")
    stored = 0
    for kill in range(3):  # killed three times, each at a later point: once more reports are stored
        process = subprocess.Popen([WARLOG, "ingest", str(source), "--db", str(db)], stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 300
        while not (wal.exists() and wal.stat().st_size > 0) and process.poll() is None:
            assert time.monotonic() < deadline, "no report was stored within 5 minutes"
            time.sleep(0.05)
        time.sleep(kill)
        assert process.poll() is None, "the batch ended before it could be killed; make it longer"
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        now_stored = table_rows(db, "SELECT count(*) FROM reports")[0][0]
        assert stored <= now_stored < len(records)  # killed mid-batch, with committed reports intact
        stored = now_stored
    assert stored > 0
    assert run_warlog("ingest", str(source), "--db", str(db)).returncode == 0
    ids = [row[0] for row in table_rows(db, "SELECT id FROM reports ORDER BY id")]
    assert ids == sorted(record["id"] for record in records)
    clean = tmp_path / "clean.duckdb"
    assert run_warlog("ingest", str(source), "--db", str(clean)).returncode == 0
    per_report = "SELECT report_id, count(*) FROM extracted_events GROUP BY ALL ORDER BY ALL"
    assert table_rows(db, per_report) == table_rows(clean, per_report)  # no event stored twice
    assert grouping(db) == grouping(clean)


def test_export_and_events_mask_peoples_names_when_asked(tmp_path):
    report = {
        "id": "named",
        "published": "2020-03-04",
        "text": "Gunmen shot dead farmer John Mwangi in Kapsabet on Monday, his brother Peter Kiprono told reporters.",
    }
    db = tmp_path / "named.duckdb"
    assert run_warlog("ingest", str(write_jsonl(tmp_path / "named.jsonl", [report])), "--db", str(db)).returncode == 0
    plain = run_warlog("export", "--db", str(db), "-f", "jsonl")
    assert "John Mwangi" in plain.stdout  # names reach an export unless asked otherwise
    for args in (("export", "-f", "jsonl"), ("export", "-f", "acled-csv"), ("events", "-f", "jsonl")):
        masked = run_warlog(*args, "--db", str(db), "--redact-persons")
        assert masked.returncode == 0, masked.stderr
        assert "Mwangi" not in masked.stdout and "[person]" in masked.stdout and "Kapsabet" in masked.stdout
    written = tmp_path / "masked.parquet"
    parquet = run_warlog("export", "--db", str(db), "-f", "parquet", "-o", str(written), "--redact-persons")
    assert parquet.returncode == 0, parquet.stderr
    rows = duckdb.sql(f"SELECT notes, evidence, actor1, actor2, location FROM read_parquet('{written}')").fetchall()
    assert len(rows) == len(table_rows(db, "SELECT * FROM merged_events"))
    shown = json.dumps(rows, default=str)
    assert "Mwangi" not in shown and "[person]" in shown and "Kapsabet" in shown


def test_rejections_are_stored_as_they_come_so_a_run_that_fails_later_keeps_them(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from warlog.cli import app

    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "empty.txt").write_text("", encoding="utf-8")
    leap = {"id": "leap", "published": "2015-02-30", "text": "Clashes erupted in Daraa."}
    write_jsonl(folder / "reports.jsonl", [*strike_reports(4), leap])
    calls = []
    add_report = Store.add_report

    def failing(store, report, events, replace=False):
        calls.append(report.id)
        if len(calls) == 2:
            raise ValueError("refused by the store")  # this report alone is rejected; the run goes on
        if len(calls) == 4:
            raise RuntimeError("the disk is gone")  # the run fails here
        return add_report(store, report, events, replace)

    monkeypatch.setattr(Store, "add_report", failing)
    db = tmp_path / "crash.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 1 and isinstance(result.exception, RuntimeError)
    assert sorted(table_rows(db, "SELECT report_id, reason FROM rejections")) == [
        ("empty.txt", "empty report"),
        ("leap", "impossible publication date '2015-02-30': day is out of range for month"),
        ("strike-001", "refused by the store"),
    ]
    assert table_rows(db, "SELECT id FROM reports ORDER BY id") == [("strike-000",), ("strike-002",)]


def test_merged_ids_do_not_depend_on_the_process(sample_db, tmp_path):
    # New merged ids are given in the order the clusters' events came, not in a hash table's order.
    ids = "SELECT merged_id, report_id, ordinal FROM extracted_events ORDER BY ALL"
    for seed in ("1", "3"):
        db = tmp_path / f"seed{seed}.duckdb"
        result = subprocess.run(
            [WARLOG, "ingest", str(SAMPLES), "--db", str(db)],
            capture_output=True,
            text=True,
            timeout=600,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert result.returncode == 0, result.stderr
        assert table_rows(db, ids) == table_rows(sample_db, ids)
