"""Every table of the store, in one place: the extraction's (reports, rejections, extracted and merged
events, ids) and the workbench's (review log, API tokens, audit log), and the migrations of stores
made by earlier versions. `docs/store.md` describes the tables."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from datetime import UTC, datetime

from warlog.merge.blocking import period_of
from warlog.merge.candidates import UNPLACED_POOL
from warlog.records import Event
from warlog.store.connection import Connection, transaction

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
    # DOUBLE PRECISION: the standard name, which both DuckDB and PostgreSQL read.
    types = {name: COLUMN_TYPES.get(name, "VARCHAR").replace("DOUBLE", "DOUBLE PRECISION") for name in names}
    return ",\n    ".join(f"{name} {sql_type}" for name, sql_type in types.items())


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
    type_week VARCHAR,
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
CREATE INDEX IF NOT EXISTS extracted_events_type_week ON extracted_events (type_week);
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
    confidence DOUBLE PRECISION NOT NULL,
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
-- What a merged event's fields are decided from (`warlog.merge.combining.Summary` and its `SourceTally`'s counts),
-- so that a new member updates them without the others being read again; an event without one (stored
-- by an earlier version) is recomputed from all its members the next time it changes.
CREATE TABLE IF NOT EXISTS merged_state (
    event_id_cnty VARCHAR NOT NULL,
    state JSON NOT NULL
);
CREATE INDEX IF NOT EXISTS merged_state_event ON merged_state (event_id_cnty);
-- Every independent source of a merged event with its best confidence (kind 'source'), and every
-- outlet's name (kind 'name'): the event's row names the first few in `source` and counts them all.
CREATE TABLE IF NOT EXISTS merged_sources (
    event_id_cnty VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    value VARCHAR NOT NULL,
    confidence DOUBLE PRECISION
);
CREATE INDEX IF NOT EXISTS merged_sources_value ON merged_sources (event_id_cnty, kind, value);
CREATE TABLE IF NOT EXISTS schema_migrations (
    name VARCHAR PRIMARY KEY,
    applied_at TIMESTAMP NOT NULL
);
CREATE SEQUENCE IF NOT EXISTS review_log_ids;
CREATE TABLE IF NOT EXISTS review_log (
    id BIGINT PRIMARY KEY DEFAULT nextval('review_log_ids'),
    event_id_cnty VARCHAR NOT NULL,
    who VARCHAR NOT NULL,
    reviewed_at TIMESTAMP NOT NULL,
    action VARCHAR NOT NULL,
    changes JSON NOT NULL,
    note VARCHAR
);
CREATE INDEX IF NOT EXISTS review_log_event ON review_log (event_id_cnty);
CREATE TABLE IF NOT EXISTS api_tokens (
    token_hash VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    created TIMESTAMP NOT NULL
);
ALTER TABLE api_tokens ADD COLUMN IF NOT EXISTS role VARCHAR DEFAULT 'review';
ALTER TABLE api_tokens ADD COLUMN IF NOT EXISTS revoked TIMESTAMP;
CREATE SEQUENCE IF NOT EXISTS audit_log_ids;
CREATE TABLE IF NOT EXISTS audit_log (
    id BIGINT PRIMARY KEY DEFAULT nextval('audit_log_ids'),
    who VARCHAR NOT NULL,
    done_at TIMESTAMP NOT NULL,
    action VARCHAR NOT NULL,
    subject VARCHAR NOT NULL,
    detail JSON
);
"""
# Changes to stores made by earlier versions (DuckDB files), each applied once (recorded in
# `schema_migrations`); a new store is made with the tables as they are now, the migrations recorded.
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
INSERTED_COLUMNS = (
    "key", "ordinal", "block", "week", "area", "type_week", "day_start", "day_end", "fatalities_reported", "evidence",
    *EVENT_COLUMNS,
)  # fmt: skip
MERGED_COLUMNS = (
    *ACLED_EVENT_COLUMNS, "year", "region", "country_code", "source", "source_count", "report_ids", "confidence",
    "evidence", "timestamp",
)  # fmt: skip


def create(db: Connection) -> None:
    """Create the tables a store lacks and apply the migrations it has not had, each in one transaction
    (on PostgreSQL under the writers' lock: two processes opening a new store at once make it once)."""
    with transaction(db):
        new = not db.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
            " AND table_schema = current_schema()"
        ).fetchone()[0]
        db.execute(SCHEMA)
        if new:
            for name, _ in MIGRATIONS:
                db.execute("INSERT INTO schema_migrations VALUES (?, ?)", [name, now()])
            return
    applied = {name for (name,) in db.execute("SELECT name FROM schema_migrations").fetchall()}
    pending = [(name, sql) for name, sql in MIGRATIONS if name not in applied]
    if not pending:
        return
    # Migrations compute keys with the same Python functions as new events do.
    db.create_function("warlog_period", period_of, ["DATE", "INTEGER"], "VARCHAR")
    for name, sql in pending:
        with transaction(db):
            db.execute(sql)
            db.execute("INSERT INTO schema_migrations VALUES (?, ?)", [name, now()])
    db.remove_function("warlog_period")


def now() -> datetime:
    """The present moment in UTC, as the store's TIMESTAMP columns hold it (without a zone)."""
    return datetime.now(UTC).replace(tzinfo=None)
