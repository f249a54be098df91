"""The store's database connection and its transactions."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import duckdb


@contextlib.contextmanager
def transaction(db: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Everything inside commits together, or nothing does."""
    db.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
