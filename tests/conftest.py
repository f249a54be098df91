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
