"""Shared fixtures: where ../shared lives, and a skip when it is absent."""

from __future__ import annotations

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


@pytest.fixture(scope="session")
def fakes_extracted(fakes_reports) -> list:
    """Those articles through the pipeline in this process, one at a time: the reference output."""
    from warlog import parallel

    return list(parallel.extract(fakes_reports))
