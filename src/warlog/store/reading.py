"""What the store gives back: merged events (filtered, as rows or a Parquet file), the events
extracted from each report, deletions, rejections, and an id's current form."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from warlog.export import ACLED_COLUMNS
from warlog.records import Event, Rejection, Report
from warlog.store.connection import Connection, PostgresConnection
from warlog.store.filters import EventFilter
from warlog.store.rows import dicts, epoch_seconds, event_from_row, merged_row, text_hash
from warlog.store.schema import MERGED_COLUMNS, SCHEMA

# Rows on their way to a file, changed (`warlog.redact.redact_rows`, names masked).
RowsChange = Callable[[Iterable[dict[str, Any]]], Iterable[dict[str, Any]]]


class StoreReading:
    """The reads of `warlog.store.database.Store`, on its connection `db`."""

    db: Connection

    def is_stored(self, report: Report) -> bool:
        """True when this exact report text is already stored under this id (nothing to do)."""
        row = self.db.execute("SELECT text_hash FROM reports WHERE id = ?", [report.id]).fetchone()
        return row is not None and row[0] == text_hash(report.text)

    def report_texts(self, report_ids: list[str]) -> dict[str, str]:
        """The full texts of those of `report_ids` that are stored, by id."""
        return report_texts(self.db, report_ids)

    def rejections(self) -> list[Rejection]:
        rows = self.db.execute("SELECT report_id, origin, reason FROM rejections ORDER BY noted_at, origin").fetchall()
        return [Rejection(*row) for row in rows]

    def extracted_events(self, report_id: str | None = None) -> list[Event]:
        where, params = ("WHERE report_id = ?", [report_id]) if report_id else ("", [])
        rows = dicts(self.db, f"SELECT * FROM extracted_events {where} ORDER BY report_id, ordinal", params)
        return [event_from_row(row) for row in rows]

    def extracted_with_merged_ids(self) -> dict[str, list[tuple[Event, str]]]:
        """Report id -> its extracted events in order, each with the merged event it belongs to."""
        found: dict[str, list[tuple[Event, str]]] = {}
        for row in dicts(self.db, "SELECT * FROM extracted_events ORDER BY report_id, ordinal"):
            found.setdefault(row["report_id"], []).append((event_from_row(row), row["merged_id"]))
        return found

    def events(self, where: EventFilter | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Merged events as flat rows (ACLED columns, provenance), oldest id first."""
        return list(self.iter_events(where, limit))

    def iter_events(self, where: EventFilter | None = None, limit: int | None = None) -> Iterator[dict[str, Any]]:
        sql, params = select_merged(where or EventFilter(), limit)
        with self.db.cursor() as cursor:  # a connection of its own: the store's may write meanwhile
            result = cursor.execute(sql, params)
            names = [d[0] for d in result.description]
            while batch := result.fetchmany(1000):
                for values in batch:
                    stored = merged_row(names, values)
                    # ACLED's columns in export order (those the store does not fill are empty), then provenance.
                    row = {column: stored.get(column) for column in ACLED_COLUMNS}
                    row.update((name, value) for name, value in stored.items() if name not in row)
                    yield row

    def export_parquet(self, path: Path, where: EventFilter | None = None, change: RowsChange | None = None) -> int:
        """Merged events to a Parquet file, through DuckDB's writer (`change`: rows as stored, changed
        on the way, such as names masked); returns the number of rows."""
        sql, params = select_merged(where or EventFilter(), None)
        return write_parquet(self.db, sql, params, path, change)

    def deletions(self, since: datetime | None = None) -> list[dict[str, Any]]:
        """Events that left the dataset, as ACLED's API lists deletions: merged into another event
        (`replaced_by` names it), gone with their reports, or rejected by a reviewer; oldest first."""
        after = epoch_seconds(since) if since else 0
        rows = self.db.execute(
            "SELECT event_id_cnty, deleted_timestamp, replaced_by,"
            " CASE WHEN replaced_by IS NULL THEN 'removed' ELSE 'merged' END AS reason"
            " FROM deleted_events WHERE deleted_timestamp >= ?"
            " UNION ALL SELECT event_id_cnty, timestamp, NULL, 'rejected' FROM merged_events"
            " WHERE status = 'rejected' AND timestamp >= ? ORDER BY 2, 1",
            [after, after],
        ).fetchall()
        names = ("event_id_cnty", "deleted_timestamp", "replaced_by", "reason")
        return [dict(zip(names, row, strict=True)) for row in rows]

    def resolve_id(self, event_id: str) -> str:
        """The current id of a merged event, following the alias of an id that was merged into another."""
        row = self.db.execute("SELECT event_id_cnty FROM merged_aliases WHERE old_id = ?", [event_id]).fetchone()
        return row[0] if row else event_id


def report_texts(db: Connection, report_ids: list[str]) -> dict[str, str]:
    """The full texts of those of `report_ids` stored in `db`, by id."""
    if not report_ids:
        return {}
    return dict(db.execute("SELECT id, text FROM reports WHERE id = ANY(?)", [report_ids]).fetchall())


def select_merged(where: EventFilter, limit: int | None) -> tuple[str, list[Any]]:
    """The query of the merged events that pass `where`, every stored column, oldest id first."""
    clause, params = where.where()
    columns = ", ".join(("event_id_cnty", *MERGED_COLUMNS, "status", "corrections"))
    sql = f"SELECT {columns} FROM merged_events WHERE {clause} ORDER BY created"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return sql, params


def write_parquet(db: Connection, sql: str, params: list[Any], path: Path, change: RowsChange | None = None) -> int:
    """The rows of a query on `merged_events` to a Parquet file through DuckDB's writer; their count.
    From PostgreSQL, or with rows to `change` (dicts of column to stored value, evidence as JSON), the
    rows pass through an in-memory DuckDB table of the store's own column types."""
    if not isinstance(db, PostgresConnection) and change is None:
        with db.cursor() as cursor:  # a connection of its own: the caller's may hold an unfinished result
            cursor.sql(sql, params=params or None).write_parquet(str(path))
            return cursor.execute("SELECT count(*) FROM read_parquet(?)", [str(path)]).fetchone()[0]
    source = db.cursor()
    with duckdb.connect() as local, source:
        local.execute(SCHEMA)
        rows = source.execute(sql, params)
        names = [d[0] for d in rows.description]
        local.execute(f"CREATE TABLE selected AS SELECT {', '.join(names)} FROM merged_events LIMIT 0")
        insert = f"INSERT INTO selected VALUES ({', '.join('?' * len(names))})"
        count = 0
        while batch := rows.fetchmany(1000):
            if change is not None:
                changed = change(dict(zip(names, values, strict=True)) for values in batch)
                batch = [tuple(row[name] for name in names) for row in changed]
            local.executemany(insert, batch)
            count += len(batch)
        local.sql("SELECT * FROM selected").write_parquet(str(path))
    return count
