"""End to end: the CLI on real text, the seed article against the events it must yield."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO


def run_warlog(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(Path(sys.executable).parent / "warlog"), *args], capture_output=True, text=True, input=stdin, timeout=300
    )


def km(lat1, lon1, lat2, lon2):
    p = math.pi / 180
    a = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(min(1.0, a)))


def matches_required(event: dict, required: dict) -> bool:
    if "event_type" in required and event["event_type"] != required["event_type"]:
        return False
    if "sub_event_type" in required and event["sub_event_type"] != required["sub_event_type"]:
        return False
    if "sub_event_type_any" in required and event["sub_event_type"] not in required["sub_event_type_any"]:
        return False
    if event["event_date"] != required["event_date"] or str(event["time_precision"]) != str(required["time_precision"]):
        return False
    if "fatalities" in required and event["fatalities"] != required["fatalities"]:
        return False
    for role in ("actor1", "actor2"):
        wanted = required.get(f"{role}_matches")
        if wanted and wanted not in (event[role] or ""):
            return False
    if event["country"] != required["country"] or event["latitude"] is None:
        return False
    near = required["near"]
    return km(event["latitude"], event["longitude"], near["lat"], near["lon"]) <= near["km"]


def forbidden_hits(events: list[dict], rule: dict) -> bool:
    match = rule["match"]
    hits = [
        e
        for e in events
        if ("event_type" not in match or e["event_type"] == match["event_type"])
        and ("event_type_any" not in match or e["event_type"] in match["event_type_any"])
        and ("event_date" not in match or e["event_date"] == match["event_date"])
        and e["fatalities"] >= match.get("fatalities_at_least", 0)
        and ("location_matches" not in match or match["location_matches"] in (e["location"] or ""))
    ]
    return len(hits) >= match.get("count_at_least", 1)


@pytest.fixture(scope="module")
def seed_events(shared: Path, tmp_path_factory) -> list[dict]:
    out = tmp_path_factory.mktemp("seed") / "events.jsonl"
    article = shared / "seed" / "albukamal_2015-11-25.txt"
    result = run_warlog("extract", str(article), "--published", "2015-11-25", "--format", "jsonl", "-o", str(out))
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in out.read_text().splitlines()]


def test_seed_article_yields_every_required_event(shared: Path, seed_events: list[dict]):
    expected = json.loads((shared / "seed" / "expected.json").read_text())
    missing = [r["name"] for r in expected["required_events"] if not any(matches_required(e, r) for e in seed_events)]
    assert not missing, f"not found: {missing}; got {[(e['event_date'], e['sub_event_type']) for e in seed_events]}"


def test_seed_article_makes_none_of_the_known_mistakes(shared: Path, seed_events: list[dict]):
    expected = json.loads((shared / "seed" / "expected.json").read_text())
    made = [rule["why"] for rule in expected["forbidden"] if forbidden_hits(seed_events, rule)]
    assert not made, made


def test_every_field_of_a_seed_event_has_evidence_in_the_article(shared: Path, seed_events: list[dict]):
    text = (shared / "seed" / "albukamal_2015-11-25.txt").read_text(encoding="utf-8")
    battle = next(e for e in seed_events if e["event_type"] == "Battles")
    fields = {item["field"] for item in battle["evidence"]}
    assert {"event_type", "event_date", "location", "fatalities"} <= fields
    for item in battle["evidence"]:
        assert text[item["start"] : item["end"]] == item["text"]
        assert item["sentence_start"] <= item["start"] <= item["end"] <= item["sentence_end"]
    assert 0 < battle["confidence"] <= 1


def test_sample_batch_prints_a_table_and_every_format_works(tmp_path: Path):
    sample = REPO / "samples" / "reports.jsonl"
    table = run_warlog("extract", str(sample))
    assert table.returncode == 0, table.stderr
    assert "Battles" in table.stdout and "event(s)" in table.stdout
    table_file = tmp_path / "events.txt"
    to_file = run_warlog("extract", str(sample), "-f", "table", "-o", str(table_file))
    assert to_file.returncode == 0 and to_file.stdout == ""
    assert "Battles" in table_file.read_text() and "\x1b[" not in table_file.read_text()  # no colour codes
    csv_out = tmp_path / "events.csv"
    assert run_warlog("extract", str(sample), "--format", "acled-csv", "-o", str(csv_out)).returncode == 0
    assert csv_out.read_text().splitlines()[0].startswith("event_id_cnty,event_date,year,time_precision")
    geojson = run_warlog("extract", str(sample), "--format", "geojson")
    assert json.loads(geojson.stdout)["type"] == "FeatureCollection"


def test_output_dash_is_stdout_not_a_file_named_dash(tmp_path: Path):
    report = tmp_path / "report.txt"
    report.write_text("Police arrested three protesters in Nairobi on Monday.")
    result = subprocess.run(
        [str(Path(sys.executable).parent / "warlog"), "places", str(report), "--published", "2020-03-04", "-o", "-"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["places"][0]["name"] == "Nairobi"
    assert not (tmp_path / "-").exists()


def test_bad_input_is_named_the_batch_goes_on_and_the_exit_code_says_so(tmp_path: Path):
    batch = tmp_path / "batch.jsonl"
    good = {
        "id": "good",
        "text": "Police fired tear gas at protesters in Nairobi on Monday.",
        "published": "2020-06-10",
    }
    batch.write_text(json.dumps(good) + "\n{broken\n", encoding="utf-8")
    result = run_warlog("extract", str(batch), "--format", "jsonl")
    assert result.returncode == 3  # some reports rejected; 1 would mean the run failed
    assert "line-2" in result.stderr and "malformed JSON" in result.stderr
    assert any(json.loads(line)["report_id"] == "good" for line in result.stdout.splitlines())


def test_two_worker_processes_write_what_one_process_writes(shared: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("WARLOG_TIME_BUDGET", "0")  # a loaded machine must not reject a report in one run only
    lines = (shared / "data" / "events" / "fakes.jsonl").read_text(encoding="utf-8").splitlines()[:12]
    source = tmp_path / "articles.jsonl"
    source.write_text("\n".join([*lines[:6], "{not json", *lines[6:]]) + "\n", encoding="utf-8")
    one = run_warlog("extract", str(source), "-f", "jsonl")
    two = run_warlog("extract", str(source), "-f", "jsonl", "--workers", "2")
    assert one.returncode == two.returncode == 3 and "rejected line-7" in two.stderr
    assert two.stdout == one.stdout and len(one.stdout.splitlines()) > 12


def test_unknown_format_and_bad_published_date_are_usage_errors():
    assert run_warlog("extract", "-", "--format", "xml", stdin="x").returncode == 2
    result = run_warlog("extract", "-", "--published", "2015-02-30", stdin="x")
    assert result.returncode == 2 and "impossible" in result.stderr


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_report_in_another_language_is_named_on_stderr_and_the_rest_extracted(tmp_path: Path, workers: str):
    batch = tmp_path / "batch.jsonl"
    reports = [
        {"id": "arabic", "text": "قتل ثلاثة مدنيين في قندهار يوم الاثنين على يد مسلحين مجهولين."},
        {"id": "english", "text": "Police fired tear gas at protesters in Nairobi on Monday."},
    ]
    batch.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in reports), encoding="utf-8")
    result = run_warlog("extract", str(batch), "--format", "jsonl", "--workers", workers)
    assert result.returncode == 0, result.stderr
    assert "arabic: written in Arabic (ar)" in result.stderr
    assert {json.loads(line)["report_id"] for line in result.stdout.splitlines()} == {"english"}
