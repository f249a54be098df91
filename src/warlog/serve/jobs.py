"""Background extraction jobs for POST /reports: one worker thread, jobs remembered in memory.

One worker because the pipeline is CPU-bound and the store takes one writer at a time; jobs queue
behind each other and GET /jobs/{id} tells where each stands.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime

from warlog.records import Rejection, Report

log = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestResult:
    event_ids: list[str]
    rejections: list[Rejection]


@dataclass(slots=True)
class Job:
    id: str
    report_ids: list[str]
    status: str = "queued"  # queued, running, done, failed
    submitted: datetime = field(default_factory=lambda: datetime.now(UTC))
    finished: datetime | None = None
    event_ids: list[str] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    error: str | None = None


class JobRunner:
    def __init__(self, ingest: Callable[[list[Report]], IngestResult], max_kept: int) -> None:
        self._ingest = ingest
        self._max_kept = max_kept
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="warlog-extract")

    def submit(self, reports: list[Report]) -> Job:
        job = Job(id=uuid.uuid4().hex, report_ids=[report.id for report in reports])
        with self._lock:
            self._jobs[job.id] = job
            self._forget_old()
        self._executor.submit(self._run, job, reports)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def _run(self, job: Job, reports: list[Report]) -> None:
        job.status = "running"
        try:
            result = self._ingest(reports)
        except Exception:
            # The client sees that the job failed, not the traceback; the log keeps it.
            log.exception("extraction job %s failed", job.id)
            job.error = "extraction failed; the server log has the details"
            job.status = "failed"
        else:
            job.event_ids = result.event_ids
            job.rejections = result.rejections
            job.status = "done"
        job.finished = datetime.now(UTC)

    def _forget_old(self) -> None:
        while len(self._jobs) > self._max_kept:
            oldest_id = next(iter(self._jobs))
            if self._jobs[oldest_id].status in ("queued", "running"):
                break
            del self._jobs[oldest_id]
