"""The pipeline: runs each stage over a report's `Analysis`, in order.

Stages are plain `annotate(analysis)` functions, listed in `STAGES`; the language stage runs
first, over batches, because spaCy is fastest when it streams.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from warlog import arguments, coding, events, language
from warlog.records import Analysis, Rejection, Report
from warlog.resolve import timex, toponyms

Stage = Callable[[Analysis], None]

STAGES: tuple[Stage, ...] = (
    timex.annotate,
    toponyms.annotate,
    events.annotate,
    arguments.annotate,
    coding.annotate,
)


class StageError(RuntimeError):
    """A stage failed on one report; the message names the stage and the error."""


class Pipeline:
    def __init__(self, stages: tuple[Stage, ...] = STAGES) -> None:
        self.stages = stages

    def run(self, report: Report) -> Analysis:
        return next(self.run_many([report]))

    def run_many(self, reports: Iterable[Report], batch_size: int = 32) -> Iterator[Analysis]:
        analyses = (Analysis(report) for report in reports)
        for analysis in language.annotate_many(analyses, batch_size=batch_size):
            self._apply_stages(analysis)
            yield analysis

    def run_or_reject(self, reports: Iterable[Report], batch_size: int = 32) -> Iterator[Analysis | Rejection]:
        """`run_many` for batches that must go on: a report a stage fails on becomes a `Rejection`."""
        analyses = (Analysis(report) for report in reports)
        for analysis in language.annotate_many(analyses, batch_size=batch_size):
            try:
                self._apply_stages(analysis)
            except StageError as error:  # one report hitting a bug must not cost the rest of the batch
                yield Rejection(analysis.report.id, analysis.report.id, str(error))
                continue
            yield analysis

    def _apply_stages(self, analysis: Analysis) -> None:
        if analysis.language != language.ENGLISH:
            return  # named by the language stage; the rules read English only
        for stage in self.stages:
            try:
                stage(analysis)
            except Exception as error:
                raise StageError(f"extraction failed in {stage.__module__}: {type(error).__name__}: {error}") from error
