"""Extraction on several local processes (`--workers N`), without a cluster engine.

Each worker loads the pipeline once (`warm_up`), then takes chunks of reports; results come back in
input order, so the output is the single process's, event for event. Workers are spawned, not forked:
a fork would copy whatever threads the parent runs (a progress bar refreshes from one).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from warlog.records import Analysis, Extracted, Rejection, Report

if TYPE_CHECKING:
    from warlog.pipeline import Pipeline

CHUNK_REPORTS = 32  # the language stage parses this many reports at a time
CHUNK_CHARACTERS = 60_000  # but a chunk of long articles closes sooner, so no worker waits on a straggler


@cache
def pipeline() -> Pipeline:
    """This process's pipeline: made once, so its warm-up runs once (`Pipeline.run_or_reject`)."""
    from warlog.pipeline import Pipeline

    return Pipeline()


def warm_up(model: Path | None = None) -> None:
    """Load every model and table the stages use (spaCy, gazetteer, lexicons, and the learned typing
    model at `model`, if any) by running one report."""
    from warlog.learn import combine
    from warlog.pipeline import WARM_UP

    if model is not None:
        combine.use_model(model)

    pipeline().run(WARM_UP)


def extract(reports: Sequence[Report], workers: int = 1) -> Iterator[Extracted | Rejection]:
    """Each report's events (or its rejection, when a stage fails on it), in input order."""
    if workers <= 1:
        yield from _extract_here(reports)
        return
    from warlog.learn import combine

    context = multiprocessing.get_context("spawn")  # a spawned worker loads this process's typing model again
    processes = min(workers, max(1, len(reports)))
    with context.Pool(processes, initializer=warm_up, initargs=(combine.active_path(),)) as pool:
        for results in pool.imap(_extract_chunk, chunks(reports)):
            yield from results


def chunks(reports: Sequence[Report]) -> Iterator[list[Report]]:
    chunk: list[Report] = []
    characters = 0
    for report in reports:
        chunk.append(report)
        characters += len(report.text)
        if len(chunk) == CHUNK_REPORTS or characters >= CHUNK_CHARACTERS:
            yield chunk
            chunk, characters = [], 0
    if chunk:
        yield chunk


def _extract_here(reports: Iterable[Report]) -> Iterator[Extracted | Rejection]:
    for item in pipeline().run_or_reject(reports):
        yield item if isinstance(item, Rejection) else _kept(item)


def _extract_chunk(reports: list[Report]) -> list[Extracted | Rejection]:
    return list(_extract_here(reports))


def _kept(analysis: Analysis) -> Extracted:
    return Extracted(analysis.report, analysis.events, analysis.language)
