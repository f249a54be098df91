"""Background extraction jobs for POST /reports: reports queued shortest first, jobs remembered in memory.

Each report of a job is queued on its own, ordered by length (then by arrival), so a short report is
never stuck behind a long batch. Extraction is CPU-bound and the store takes one writer at a time, so
few workers run: `workers` take any report, and one more takes only short ones (at most `short_chars`
characters), so that a short report starts at once even while long ones occupy the others.
GET /jobs/{id} tells where each job stands.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from warlog.records import Rejection, Report

log = logging.getLogger(__name__)


@dataclass(slots=True)
class NotRead:
    """A report in a language warlog does not read: stored, without events, and named (not rejected)."""

    report_id: str
    language: str  # ISO 639-1 (else 639-3) code
    reason: str  # `language.not_read`: the CLI's and the batch function's words


@dataclass(slots=True)
class IngestResult:
    event_ids: list[str]
    rejections: list[Rejection]
    not_read: list[NotRead] = field(default_factory=list)


@dataclass(slots=True)
class Job:
    id: str
    report_ids: list[str]
    status: str = "queued"  # queued, running, done, failed
    submitted: datetime = field(default_factory=lambda: datetime.now(UTC))
    finished: datetime | None = None
    event_ids: list[str] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    not_read: list[NotRead] = field(default_factory=list)
    error: str | None = None
    results: list[IngestResult | None] = field(default_factory=list)  # per report, in the job's order
    pending: int = 0


class JobRunner:
    def __init__(
        self,
        ingest: Callable[[list[Report]], IngestResult],
        max_kept: int,
        workers: int = 1,
        short_chars: int = 20_000,
    ) -> None:
        self._ingest = ingest
        self._max_kept = max_kept
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._queue: list[tuple[int, int, Job, int, Report]] = []  # (length, arrival, job, index, report)
        self._arrival = itertools.count()
        self._ready = threading.Condition()
        self._stopping = False
        limits = [None] * workers + [short_chars]
        self._threads = [
            threading.Thread(target=self._work, args=(limit,), name=f"warlog-extract-{n}", daemon=True)
            for n, limit in enumerate(limits)
        ]
        for thread in self._threads:
            thread.start()

    def submit(self, reports: list[Report]) -> Job:
        job = Job(id=uuid.uuid4().hex, report_ids=[report.id for report in reports])
        job.results = [None] * len(reports)
        job.pending = len(reports)
        with self._ready:
            self._jobs[job.id] = job
            self._forget_old()
            for index, report in enumerate(reports):
                heapq.heappush(self._queue, (len(report.text), next(self._arrival), job, index, report))
            self._ready.notify_all()
        return job

    def get(self, job_id: str) -> Job | None:
        with self._ready:
            return self._jobs.get(job_id)

    def shutdown(self) -> None:
        """Stop taking reports; wait for the ones being extracted (queued ones are dropped)."""
        with self._ready:
            self._stopping = True
            self._ready.notify_all()
        for thread in self._threads:
            thread.join()

    def _next(self, max_chars: int | None) -> tuple[Job, int, Report] | None:
        """The shortest queued report this worker may take (None once stopping); waits for one."""
        with self._ready:
            while not self._stopping:
                if self._queue and (max_chars is None or self._queue[0][0] <= max_chars):
                    _, _, job, index, report = heapq.heappop(self._queue)
                    job.status = "running"
                    return job, index, report
                self._ready.wait()
            return None

    def _work(self, max_chars: int | None) -> None:
        while (taken := self._next(max_chars)) is not None:
            job, index, report = taken
            try:
                result: IngestResult | None = self._ingest([report])
            except Exception:
                # The client sees that the job failed, not the traceback; the log keeps it.
                log.exception("extraction job %s failed on report %s", job.id, report.id)
                result = None
            with self._ready:
                job.results[index] = result
                job.pending -= 1
                if job.pending == 0:
                    self._finish(job)

    @staticmethod
    def _finish(job: Job) -> None:
        done = [result for result in job.results if result is not None]
        job.event_ids = list(dict.fromkeys(event_id for result in done for event_id in result.event_ids))
        job.rejections = [rejection for result in done for rejection in result.rejections]
        job.not_read = [item for result in done for item in result.not_read]
        if len(done) < len(job.results):
            job.error = "extraction failed; the server log has the details"
            job.status = "failed"
        else:
            job.status = "done"
        job.results = []
        job.finished = datetime.now(UTC)

    def _forget_old(self) -> None:
        while len(self._jobs) > self._max_kept:
            oldest_id = next(iter(self._jobs))
            if self._jobs[oldest_id].status in ("queued", "running"):
                break
            del self._jobs[oldest_id]
