"""The store: a database of reports, rejections, the events extracted from each report, and merged events.

Each report is stored in one transaction together with its events and their merge, so a batch killed
half-way leaves every report either fully stored or absent; running it again stores the rest. A report
already stored with the same text is skipped (ingest is idempotent); a new text under the same id
replaces the old one's contribution. Merged events (`merged_events`) are kept up to date in place by
`warlog.store.merging`; each gets an `event_id_cnty` (ISO3 + a per-country serial, given in arrival
order) that follows its events. `docs/store.md` describes the tables (`warlog.store.schema`). The store
is a DuckDB file (the embedded default) or a PostgreSQL database named by a `postgresql://` URL (a
team's store, several writers at once: `warlog.store.connection`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from warlog.merge.candidates import Candidate
from warlog.merge.scoring import MergeConfig
from warlog.records import Event, Rejection, Report
from warlog.store import schema
from warlog.store.connection import ClosedOnExit, connect, is_postgres, transaction
from warlog.store.merging import IncrementalMerge, same_version
from warlog.store.reading import StoreReading
from warlog.store.rows import text_hash
from warlog.store.schema import now
from warlog.taxonomy import MAX_FATALITIES

DB_ENV = "WARLOG_DB"


def default_location() -> Path | str:
    """$WARLOG_DB (a file, or a PostgreSQL URL), else warlog.duckdb in the user's data folder
    (~/.local/share/warlog on Linux)."""
    if os.environ.get(DB_ENV):
        return store_location(os.environ[DB_ENV])
    import platformdirs

    return Path(platformdirs.user_data_dir("warlog")) / "warlog.duckdb"


def store_location(value: Path | str) -> Path | str:
    """A `postgresql://` URL as it is, anything else as a DuckDB file's path."""
    return str(value) if is_postgres(value) else Path(value)


class Store(StoreReading, ClosedOnExit):
    """The reports and events at a location (a DuckDB file, or PostgreSQL at a URL); a context manager."""

    def __init__(self, location: Path | str | None = None, config: MergeConfig | None = None) -> None:
        self.location = store_location(location) if location is not None else default_location()
        if isinstance(self.location, Path) and str(self.location) != ":memory:":
            self.location.parent.mkdir(parents=True, exist_ok=True)
        self.config = config or MergeConfig()
        self.db = connect(self.location)
        schema.create(self.db)
        self.merging = IncrementalMerge(self.db, self.config)

    def close(self) -> None:
        self.db.close()

    def add_report(self, report: Report, events: Sequence[Event], replace: bool = False) -> str:
        """Store a report with its events and merge them: 'added', 'replaced' or 'unchanged'.

        `replace` re-stores an unchanged report (a new extractor version): its old events give way to
        the new ones, and a merged event keeps its id when the new event is still the same event.
        """
        row = self.db.execute("SELECT text_hash FROM reports WHERE id = ?", [report.id]).fetchone()
        if row is not None and row[0] == text_hash(report.text) and not replace:
            return "unchanged"
        check_events(report, events)
        with transaction(self.db):
            seeds: list[tuple[Candidate, int | None]] = []
            touched: set[int] = set()
            old_ids: dict[int, str] = {}
            old_events: list[tuple[Candidate, int | None, str | None]] = []
            if row is not None:
                old_events = self.merging.stored_candidates("report_id", [report.id])
                seeds, touched, old_ids = self.merging.detach(report.id)
                self.db.execute("DELETE FROM reports WHERE id = ?", [report.id])
            self.db.execute(
                "INSERT INTO reports VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    report.id, text_hash(report.text), report.text, report.published, report.source,
                    report.url, report.title, now(),
                ],
            )  # fmt: skip
            self.db.execute("DELETE FROM rejections WHERE report_id = ?", [report.id])
            new = self.merging.insert_events(events, report)
            # A new version's event that is still the same event keeps the id the old one had.
            previous = {
                item.key: old_ids[old.key]
                for item in new
                for old, _, _ in old_events
                if old.key in old_ids and same_version(old, item, self.config)
            }
            self.merging.merge(
                seeds + [(item, None) for item in new], touched, previous, released=set(old_ids.values())
            )
        return "added" if row is None else "replaced"

    def remove_report(self, report_id: str) -> bool:
        """Remove a report and its contribution to merged events; False if it was not stored."""
        if not self.db.execute("SELECT 1 FROM reports WHERE id = ?", [report_id]).fetchone():
            return False
        with transaction(self.db):
            seeds, touched, old_ids = self.merging.detach(report_id)
            self.db.execute("DELETE FROM reports WHERE id = ?", [report_id])
            self.merging.merge(seeds, touched, {}, released=set(old_ids.values()))
        return True

    def reject(self, rejection: Rejection) -> None:
        """Record an input that could not be read (idempotent)."""
        self.db.execute(
            "INSERT INTO rejections VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [rejection.report_id, rejection.origin, rejection.reason, now()],
        )


def check_events(report: Report, events: Sequence[Event]) -> None:
    """ValueError naming the report and the value when an event cannot be stored as it is: a death toll
    outside 0 to `MAX_FATALITIES` (extraction reads none; an event table given to `warlog merge` may
    hold one), which would also overflow the INTEGER column."""
    for number, event in enumerate(events, 1):
        if not 0 <= event.fatalities <= MAX_FATALITIES:
            raise ValueError(
                f"report {report.id!r}, event {number}: fatalities {event.fatalities:,} outside 0 to {MAX_FATALITIES:,}"
            )
