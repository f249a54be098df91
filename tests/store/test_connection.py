"""What differs between DuckDB and PostgreSQL, without a server: SQL placeholders, shown locations,
and a store that cannot be opened."""

from __future__ import annotations

import pytest

from warlog.store.connection import StoreUnavailable, connect, is_postgres, postgres_sql, shown


def test_placeholders_become_psycopgs_and_percent_signs_are_doubled():
    assert postgres_sql("SELECT * FROM t WHERE a = ? AND b ILIKE '%' || ? || '%'") == (
        "SELECT * FROM t WHERE a = %s AND b ILIKE '%%' || %s || '%%'"
    )
    assert postgres_sql("SELECT '?' , \"a?b\", ?") == "SELECT '?' , \"a?b\", %s"  # quoted marks stay


def test_the_form_of_the_location_chooses_the_backend():
    assert is_postgres("postgresql://team@db.example/warlog") and is_postgres("postgres://db.example/warlog")
    assert not is_postgres("events.duckdb") and not is_postgres("/data/postgresql/events.duckdb")


def test_a_url_is_shown_without_its_password():
    assert shown("postgresql://ana:s3cret@db.example:5432/warlog") == "postgresql://ana:***@db.example:5432/warlog"
    assert shown("postgresql://ana@db.example/warlog") == "postgresql://ana@db.example/warlog"
    assert shown("events.duckdb") == "events.duckdb"


def test_a_server_that_does_not_answer_is_one_clear_error_without_the_password():
    pytest.importorskip("psycopg", reason="the postgres extra is not installed")
    with pytest.raises(StoreUnavailable) as raised:
        connect("postgresql://ana:s3cret@127.0.0.1:1/warlog?connect_timeout=2")
    message = str(raised.value)
    assert message.startswith("cannot open the PostgreSQL store postgresql://ana:***@127.0.0.1:1/")
    assert "s3cret" not in message and "\n" not in message
