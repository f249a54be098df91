"""`running_server`: a live `warlog serve` for scripts and browser tests."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from warlog.serve.background import running_server
from warlog.store.database import Store


def test_the_server_answers_inside_the_block_and_is_gone_after(tmp_path: Path):
    db = tmp_path / "store.duckdb"
    Store(db).close()
    with running_server(db) as base:
        assert httpx.get(f"{base}/events").json()["total"] == 0
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{base}/config", timeout=1)


def test_a_server_that_cannot_start_is_reported_with_its_error(tmp_path: Path):
    not_a_store = tmp_path / "folder"
    not_a_store.mkdir()
    with pytest.raises(RuntimeError, match="did not start"), running_server(not_a_store):
        pass
