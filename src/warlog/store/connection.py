"""The store's database: a DuckDB file (the embedded default) or a PostgreSQL server (a team's store,
named by a `postgresql://` URL), behind DuckDB's connection interface.

SQL is written once, with `?` placeholders, in the subset both databases read alike; what differs
between them lives here: the placeholders, a connection per reading thread, how writers take turns,
the Parquet writer, and which error means "the store is held by another process".
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any, Self
from urllib.parse import urlsplit, urlunsplit

import duckdb

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
# Writers to a PostgreSQL store take turns, as DuckDB's single writer does: merging reads the events
# near a new one and decides from them, so two merges at once could each miss the other's events.
WRITE_LOCK_KEY = 0x7761726C6F67  # "warlog"
DISABLED_COMPRESSION = "dict_fsst"
QUOTED_OR_MARK = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\?|%")


def is_postgres(location: str | Path) -> bool:
    """Whether `location` names a PostgreSQL store (a URL) rather than a DuckDB file."""
    return str(location).startswith(POSTGRES_SCHEMES)


def shown(location: str | Path) -> str:
    """The location for messages: a URL's password left out."""
    if not is_postgres(location):
        return str(location)
    parts = urlsplit(str(location))
    if parts.password is None:
        return str(location)
    return urlunsplit(parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@", 1)))


class StoreUnavailable(Exception):
    """A PostgreSQL store that cannot be opened: no driver installed, or no server answering."""


def connect(location: str | Path) -> Connection:
    """A connection to the store at `location`: a `postgresql://` URL, else a DuckDB file path."""
    if is_postgres(location):
        return PostgresConnection(str(location))
    db = duckdb.connect(str(location))
    # Merging fetches each nearby event by index, row by row; a row of a dict_fsst-compressed string
    # column costs decoding its segment's dictionary, which grows with the store (a 3-event report cost
    # 17 ms CPU of such fetches at 100,000 events; 9 ms with the strings stored plainly).
    db.execute(f"SET disabled_compression_methods = '{DISABLED_COMPRESSION}'")
    return db


@cache
def postgres_sql(sql: str) -> str:
    """`?` placeholders as psycopg's `%s` (a `?` in quoted text stays), and every `%` doubled."""

    def replaced(match: re.Match[str]) -> str:
        text = match.group(0)
        return {"?": "%s", "%": "%%"}.get(text) or text.replace("%", "%%")

    return QUOTED_OR_MARK.sub(replaced, sql)


class ClosedOnExit:
    """A context manager that closes itself (its `close`) at the end of the `with` block."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class PostgresConnection(ClosedOnExit):
    """A psycopg connection that reads DuckDB's dialect of the store's SQL: `execute(sql, params)`
    with `?` placeholders returns a cursor, `cursor()` opens a connection of its own (for another
    thread, as DuckDB's cursors are), explicit transactions, JSON read back as text."""

    def __init__(self, url: str) -> None:
        try:
            import psycopg
            from psycopg.types.string import TextLoader
        except ImportError:
            raise StoreUnavailable("a PostgreSQL store needs the driver: pip install 'warlog[postgres]'") from None
        self.url = url
        try:
            self.connection = psycopg.connect(url, autocommit=True)
        except psycopg.OperationalError as error:
            reason = str(error).strip().splitlines()[-1].strip() if str(error).strip() else type(error).__name__
            raise StoreUnavailable(f"cannot open the PostgreSQL store {shown(url)}: {reason}") from None
        # JSON columns come back as text, as DuckDB gives them (the store decodes them itself).
        self.connection.adapters.register_loader("json", TextLoader)

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        # Without parameters psycopg sends the text as it is (several statements at once, `%` as is).
        return self.connection.execute(sql if params is None else postgres_sql(sql), params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self.connection.cursor() as cursor:
            cursor.executemany(postgres_sql(sql), rows)

    def cursor(self) -> PostgresConnection:
        return PostgresConnection(self.url)

    def close(self) -> None:
        self.connection.close()


@contextlib.contextmanager
def transaction(db: Connection) -> Iterator[None]:
    """Everything inside commits together, or nothing does; on PostgreSQL one writer at a time."""
    db.execute("BEGIN TRANSACTION")
    try:
        if isinstance(db, PostgresConnection):
            db.execute("SELECT pg_advisory_xact_lock(?)", [WRITE_LOCK_KEY])
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


Connection = duckdb.DuckDBPyConnection | PostgresConnection
