"""Shared fixtures: where ../shared lives, and a skip when it is absent."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def shared_path() -> Path:
    return Path(os.environ.get("WARLOG_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_path()
    if not (path / "seed").is_dir():
        pytest.skip(f"../shared is not beside the repository (looked in {path}); set WARLOG_SHARED")
    return path


FAKES_REPORTS = 300  # real articles for the tests that compare ways of running the same batch


@pytest.fixture(scope="session")
def fakes_reports(shared) -> list:
    """The first FAKES_REPORTS FA-KES articles as `Report` records."""
    from warlog.ingest import read_inputs
    from warlog.records import Report

    path = shared / "data" / "events" / "fakes.jsonl"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    return [item for item in read_inputs(str(path)) if isinstance(item, Report)][:FAKES_REPORTS]


@contextlib.contextmanager
def no_time_budget():
    """Runs compared event for event must not differ by a report that ran past its time budget on a
    loaded machine (`warlog.budget`, a wall-clock limit): those comparisons are about the runners. The
    variable reaches spawned workers and a Ray started inside the block."""
    from warlog import parallel

    previous = os.environ.get("WARLOG_TIME_BUDGET")
    os.environ["WARLOG_TIME_BUDGET"] = "0"
    parallel.pipeline.cache_clear()
    try:
        yield
    finally:
        if previous is None:
            del os.environ["WARLOG_TIME_BUDGET"]
        else:
            os.environ["WARLOG_TIME_BUDGET"] = previous
        parallel.pipeline.cache_clear()


@pytest.fixture(scope="session")
def fakes_extracted(fakes_reports) -> list:
    """Those articles through the pipeline in this process: the reference output."""
    from warlog import parallel

    with no_time_budget():
        return list(parallel.extract(fakes_reports))
