"""The pipeline: runs each stage over a report's `Analysis`, in order.

Each stage is an `annotate(analysis)` function with the parts of the `Analysis` it reads and the parts
it writes (as spaCy components declare `assigns`), listed in `STAGES`: a stage writes only what it
declares (tests/test_pipeline.py checks it on real reports), each part has one writer, and no stage
rewrites what an earlier stage wrote. "mentions.fatalities" is that field of every event mention. The
language stage runs first, over batches, because spaCy is fastest when it streams. Batches that must go on
(`run_or_reject`) give each report a time budget (`warlog.budget`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from warlog import arguments, coding, events, language, timex, toponyms
from warlog.budget import Deadline, OverBudget, TimeBudget
from warlog.ingest import headlined
from warlog.records import Analysis, Rejection, Report


@dataclass(frozen=True, slots=True)
class Stage:
    """A pipeline stage: its function, the parts of the `Analysis` it reads and those it writes."""

    annotate: Callable[[Analysis], None]
    reads: tuple[str, ...] = ()
    writes: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.annotate.__module__


# Run once before the first budgeted report, so that loading the gazetteer, lexicons and actor tables
# (a minute when the gazetteer cache is cold) is not charged to that report's time budget.
WARM_UP = Report("warm-up", "On 2 May 2020, police arrested three protesters in Nairobi, Kenya.", date(2020, 5, 3))

# What `language.annotate_many` writes before the stages run.
LANGUAGE_WRITES = ("language", "sentences", "entities")
STAGES: tuple[Stage, ...] = (
    Stage(timex.annotate, reads=("report",), writes=("timexes",)),
    Stage(toponyms.annotate, reads=("report", "entities"), writes=("places",)),
    Stage(events.annotate, reads=("report", "sentences", "entities"), writes=("mentions",)),
    Stage(
        arguments.annotate,
        reads=("report", "entities", "timexes", "places", "mentions"),
        writes=(
            "mentions.actor_spans",
            "mentions.actor1_text",
            "mentions.actor2_text",
            "mentions.fatalities",
            "mentions.fatality_span",
        ),
    ),
    Stage(
        coding.annotate,
        reads=("report", "sentences", "entities", "timexes", "places", "mentions"),
        writes=("events",),
    ),
)


class StageError(RuntimeError):
    """A stage failed on one report; the message names the stage and the error."""


class Pipeline:
    def __init__(self, stages: tuple[Stage, ...] = STAGES, time_budget: TimeBudget | None = None) -> None:
        self.stages = stages
        self.time_budget = TimeBudget.from_environment() if time_budget is None else time_budget
        self._warm = False

    def run(self, report: Report) -> Analysis:
        return next(self.run_many([report]))

    def run_many(self, reports: Iterable[Report], batch_size: int = 32) -> Iterator[Analysis]:
        analyses = (Analysis(headlined(report)) for report in reports)
        for analysis in language.annotate_many(analyses, batch_size=batch_size):
            self._apply_stages(analysis)
            yield analysis

    def run_or_reject(self, reports: Iterable[Report], batch_size: int = 32) -> Iterator[Analysis | Rejection]:
        """`run_many` for batches that must go on: a report a stage fails on, or that runs past its time
        budget, becomes a `Rejection`."""
        if not self._warm and not self.time_budget.unlimited:
            self.run(WARM_UP)
            self._warm = True
        analyses = (Analysis(headlined(report)) for report in reports)
        for analysis in language.annotate_many(analyses, batch_size=batch_size):
            report = analysis.report
            try:
                with self.time_budget.deadline(report.text) as deadline:
                    self._apply_stages(analysis, deadline)
            except StageError as error:  # one report hitting a bug must not cost the rest of the batch
                yield Rejection(report.id, report.id, str(error))
                continue
            except OverBudget:
                seconds = self.time_budget.seconds_for(report.text)
                reason = f"over its time budget of {seconds:.1f} s of CPU time for {len(report.text):,} characters"
                yield Rejection(report.id, report.id, f"{reason} (raise it with $WARLOG_TIME_BUDGET)")
                continue
            yield analysis

    def _apply_stages(self, analysis: Analysis, deadline: Deadline | None = None) -> None:
        if analysis.language != language.ENGLISH:
            return  # named by the language stage; the rules read English only
        for stage in self.stages:
            if deadline is not None:
                deadline.check()
            try:
                stage.annotate(analysis)
            except OverBudget:
                raise
            except Exception as error:
                raise StageError(f"extraction failed in {stage.name}: {type(error).__name__}: {error}") from error
