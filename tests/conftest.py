"""Shared fixtures: where ../shared lives, and a skip when it is absent."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

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


POSTGRES_URL_ENV = "WARLOG_TEST_POSTGRES_URL"


@pytest.fixture(params=["duckdb", "postgresql"])
def new_store_location(request, tmp_path) -> Iterator[Callable[[str], Path | str]]:
    """Makes empty stores' locations on one backend: DuckDB files, or PostgreSQL schemas (one per
    name, dropped afterwards) on the server at $WARLOG_TEST_POSTGRES_URL. The PostgreSQL run is
    skipped, saying why, when that variable is unset or no server answers."""
    if request.param == "duckdb":
        yield lambda name: tmp_path / f"{name}.duckdb"
        return
    url = os.environ.get(POSTGRES_URL_ENV)
    if not url:
        pytest.skip(f"PostgreSQL store: no server (set {POSTGRES_URL_ENV}=postgresql://USER:PASSWORD@HOST/DATABASE)")
    psycopg = pytest.importorskip("psycopg", reason="PostgreSQL store: the postgres extra is not installed")
    try:
        admin = psycopg.connect(url, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        pytest.skip(f"PostgreSQL store: no server answers at {POSTGRES_URL_ENV} ({str(error).strip()[:200]})")
    schemas: list[str] = []

    def location(name: str) -> str:
        schema = f"warlog_test_{uuid.uuid4().hex[:12]}_{name}"
        admin.execute(f'CREATE SCHEMA "{schema}"')
        schemas.append(schema)
        separator = "&" if "?" in url else "?"
        return f"{url}{separator}options={quote(f'-csearch_path={schema}')}"

    try:
        yield location
    finally:
        for schema in schemas:
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
        admin.close()
