"""The extraction queue: shortest report first, a short report never stuck behind long ones."""

from __future__ import annotations

import threading
import time
from datetime import date

from warlog.records import Rejection, Report
from warlog.serve.jobs import IngestResult, JobRunner
from warlog.serve.settings import ServeSettings


def report(report_id: str, length: int) -> Report:
    return Report(report_id, "x" * length, date(2020, 1, 1))


class GatedIngest:
    """Extraction that holds each report named in `gates` until its gate opens; records the order."""

    def __init__(self, *gated: str) -> None:
        self.gates = {report_id: threading.Event() for report_id in gated}
        self.started: list[str] = []

    def __call__(self, reports: list[Report]) -> IngestResult:
        [item] = reports
        self.started.append(item.id)
        if item.id in self.gates:
            assert self.gates[item.id].wait(10)
        if item.id.startswith("bad"):
            return IngestResult([], [Rejection(item.id, "POST /reports", "unreadable")])
        if item.id.startswith("crash"):
            raise RuntimeError("store failure")
        return IngestResult([f"E-{item.id}"], [])


def wait_until(condition, timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_a_short_report_is_extracted_while_a_long_one_runs():
    # The reproduction with the server's defaults: a 2 KB report posted behind a 135 KB one waited 41 s.
    settings = ServeSettings()
    ingest = GatedIngest("long")
    runner = JobRunner(ingest, 10, settings.extraction_workers, settings.short_report_chars)
    try:
        long_job = runner.submit([report("long", 135_000)])
        wait_until(lambda: ingest.started == ["long"])
        short_job = runner.submit([report("short", 2_000)])
        wait_until(lambda: short_job.status == "done")
        assert long_job.status == "running" and short_job.event_ids == ["E-short"]
        ingest.gates["long"].set()
        wait_until(lambda: long_job.status == "done")
    finally:
        ingest.gates["long"].set()
        runner.shutdown()


def test_queued_reports_go_shortest_first_and_a_batch_keeps_its_order():
    ingest = GatedIngest("first")
    runner = JobRunner(ingest, max_kept=10, workers=1, short_chars=0)
    try:
        runner.submit([report("first", 10)])
        wait_until(lambda: ingest.started == ["first"])
        batch = runner.submit([report("b-long", 5000), report("b-short", 50)])
        single = runner.submit([report("single", 500)])
        ingest.gates["first"].set()
        wait_until(lambda: batch.status == "done" and single.status == "done")
        assert ingest.started == ["first", "b-short", "single", "b-long"]
        assert batch.event_ids == ["E-b-long", "E-b-short"]  # the job's own order
    finally:
        runner.shutdown()


def test_rejections_and_failures_are_told_per_job():
    runner = JobRunner(GatedIngest(), max_kept=10)
    try:
        mixed = runner.submit([report("ok", 10), report("bad", 10)])
        broken = runner.submit([report("crash", 10), report("fine", 10)])
        wait_until(lambda: mixed.finished is not None and broken.finished is not None)
        assert mixed.status == "done" and [r.report_id for r in mixed.rejections] == ["bad"]
        assert broken.status == "failed" and broken.error == "extraction failed; the server log has the details"
        assert broken.event_ids == ["E-fine"]
    finally:
        runner.shutdown()
