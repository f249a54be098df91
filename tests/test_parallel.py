from __future__ import annotations

from conftest import no_time_budget
from warlog import parallel
from warlog.records import Extracted, Report


def test_several_processes_give_the_single_process_output_event_for_event(fakes_reports, fakes_extracted):
    reports = fakes_reports[:40]
    with no_time_budget():
        found = list(parallel.extract(reports, workers=2))
    assert [item.report.id for item in found] == [report.id for report in reports]  # input order
    assert found == fakes_extracted[:40]
    assert sum(len(item.events) for item in found) > 40
    assert all(isinstance(item, Extracted) for item in found)


def test_chunks_close_at_a_report_count_or_a_character_budget():
    short = [Report(f"s{n}", "Two killed.") for n in range(parallel.CHUNK_REPORTS + 5)]
    assert [len(chunk) for chunk in parallel.chunks(short)] == [parallel.CHUNK_REPORTS, 5]
    long = [Report(f"l{n}", "x" * (parallel.CHUNK_CHARACTERS // 2)) for n in range(5)]
    assert [len(chunk) for chunk in parallel.chunks(long)] == [2, 2, 1]
    assert list(parallel.chunks([])) == []
