"""Ray Data on a local two-CPU Ray, on real articles: the same events as one process, event for event."""

from __future__ import annotations

import json

import pytest

ray = pytest.importorskip("ray", reason="Ray is the optional extra: pip install 'warlog[ray]' (.ci/run installs it)")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from typer.testing import CliRunner  # noqa: E402

from conftest import no_time_budget  # noqa: E402
from test_batch import ARABIC, comparable, expected_rows, report_rows  # noqa: E402
from warlog import batch_merge, ray_runner  # noqa: E402
from warlog.cli import app  # noqa: E402

REPORTS = 32


@pytest.fixture(scope="module")
def local_ray():
    with no_time_budget():
        ray.init(num_cpus=2, include_dashboard=False, configure_logging=False, log_to_driver=False)
        ray.data.DataContext.get_current().enable_progress_bars = False
        yield
        ray.shutdown()


def in_report_order(rows: list[dict]) -> list[dict]:
    return sorted((comparable(row) for row in rows), key=lambda row: (row["report_id"], row["ordinal"]))


def test_ray_extracts_what_one_process_extracts_event_for_event(local_ray, fakes_reports, fakes_extracted, tmp_path):
    pq.write_table(pa.Table.from_pylist(report_rows(fakes_reports[:REPORTS])), tmp_path / "reports.parquet")
    reports = ray_runner.read_reports(str(tmp_path / "reports.parquet"))
    rows = ray_runner.extract_dataset(reports, workers=2).take_all()
    expected = expected_rows(fakes_extracted[:REPORTS])
    assert len(rows) == len(expected) > REPORTS
    assert in_report_order(rows) == in_report_order(expected)


def test_extract_engine_ray_writes_parquet_names_rejections_and_merges_as_one_process(
    local_ray, fakes_reports, fakes_extracted, tmp_path
):
    source = tmp_path / "reports.jsonl"
    lines = [json.dumps(row, default=str) for row in report_rows(fakes_reports[:16])]
    arabic = json.dumps({"id": "arabic", "text": ARABIC}, ensure_ascii=False)
    source.write_text(
        "\n".join([*lines[:5], '{"id": "cut", "text": "Two kil', arabic, *lines[5:]]) + "\n", encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["extract", str(source), "--engine", "ray", "-o", str(tmp_path / "events")])
    assert result.exit_code == 3, result.output  # one report rejected, the rest extracted
    assert "rejected line-" in result.output and "malformed JSON" in " ".join(result.output.split())
    # The Arabic report is named as the local CLI names it, and is no rejection.
    assert "arabic: written in Arabic (ar)" in " ".join(result.output.split())
    assert "1 report(s) rejected" in result.output
    written = [row for file in (tmp_path / "events").glob("*.parquet") for row in pq.read_table(file).to_pylist()]
    assert [row["language"] for row in written if row["report_id"] == "arabic"] == ["ar"]
    events = [row for row in written if not row["rejection"]]
    assert in_report_order(events) == in_report_order(expected_rows(fakes_extracted[:16]))
    assert f"{len(events)} event(s) written" in result.output

    single = [batch_merge.Extraction(e, n) for item in fakes_extracted[:16] for n, e in enumerate(item.events)]
    merged = batch_merge.merge(batch_merge.read_events(tmp_path / "events"))
    assert strip(merged) == strip(batch_merge.merge(single))


def test_engine_ray_refuses_inputs_it_cannot_read_before_starting_anything(tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.txt").write_text("Two killed in Aleppo.", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "notes"), "--engine", "ray", "-o", str(tmp_path / "o")])
    assert result.exit_code == 2 and "Parquet or JSONL" in result.output
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "notes"), "--engine", "ray"])
    assert result.exit_code == 2 and "-o FOLDER" in result.output


def strip(rows: list[dict]) -> list[dict]:
    return [{name: value for name, value in row.items() if name != "timestamp"} for row in rows]
