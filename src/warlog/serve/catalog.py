"""The store's merged events as the workbench reads them, and the writes it makes (extraction, review).

The store (`warlog.store.database.Store`) owns the tables, the filters and the merging; this module adds
what a browsing client needs on top: date order and paging, map points, weekly counts, facets,
streaming exports, and the review log. Connections are not shared between threads: each request
thread reads through its own (`Connection.cursor`), and writes (extraction jobs, reviews, tokens) take
one lock because the store writes in explicit transactions on its one connection.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from warlog.date_range import valid_dates
from warlog.records import Analysis, Rejection, Report
from warlog.redact import ACTOR_COLUMNS, redact_rows, redact_text
from warlog.serve import auth, review
from warlog.serve.corrections import InvalidCorrection
from warlog.serve.filters import SORTS, ExportQuery, ListQuery
from warlog.serve.jobs import IngestResult, NotRead
from warlog.serve.models import EventRow, ReviewIn
from warlog.serve.streaming import parquet_chunks, text_chunks
from warlog.store.connection import Connection, transaction
from warlog.store.database import Store
from warlog.store.filters import SEARCHED_COLUMNS, EventFilter
from warlog.store.reading import report_texts
from warlog.store.schema import MERGED_COLUMNS


class Extractor(Protocol):
    """What extraction needs: `warlog.pipeline.Pipeline`, or a stand-in in tests."""

    def run(self, report: Report) -> Analysis: ...


EXPORT_MEDIA = {
    "acled-csv": ("text/csv; charset=utf-8", "csv"),
    "geojson": ("application/geo+json", "geojson"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
}
LIST_COLUMNS = tuple(EventRow.model_fields)
NEWEST_FIRST = f"ORDER BY {SORTS['newest']}"


class EventCatalog:
    def __init__(
        self, store_location: Path | str, pipeline: Extractor | None = None, redact_persons: bool = False
    ) -> None:
        self.store = Store(store_location)
        self.redact_persons = redact_persons
        self._write_lock = threading.Lock()
        self._local = threading.local()
        self._cursors: list[Connection] = []
        self._cursors_lock = threading.Lock()
        self._pipeline = pipeline
        self._pipeline_lock = threading.Lock()

    def close(self) -> None:
        with self._cursors_lock:
            for cursor in self._cursors:
                cursor.close()
        self.store.close()

    def _cursor(self) -> Connection:
        """This thread's own connection to the store's database (a PostgreSQL connection is a server's
        process: each is closed with the catalog, not left to the garbage collector)."""
        cursor = getattr(self._local, "cursor", None)
        if cursor is None:
            cursor = self._local.cursor = self.store.db.cursor()
            with self._cursors_lock:
                self._cursors.append(cursor)
        return cursor

    def _rows(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        cursor = self._cursor().execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]

    # --- reading ------------------------------------------------------------------------------------

    def list_events(self, query: ListQuery) -> tuple[int, list[dict[str, Any]]]:
        clause, params = self._where(query)
        total = self._cursor().execute(f"SELECT count(*) FROM merged_events WHERE {clause}", params).fetchone()[0]
        rows = self._rows(
            f"SELECT {', '.join(LIST_COLUMNS)}, report_ids FROM merged_events WHERE {clause}"
            f" ORDER BY {SORTS[query.sort]}, event_id_cnty LIMIT ? OFFSET ?",
            [*params, query.limit, query.offset],
        )
        return total, self._listed([_dated(row) for row in rows])

    def rows_of(self, event_ids: list[str]) -> list[dict[str, Any]]:
        """The listed columns of these events, in this order."""
        rows = self._rows(
            f"SELECT {', '.join(LIST_COLUMNS)}, report_ids FROM merged_events WHERE event_id_cnty = ANY(?)",
            [event_ids],
        )
        by_id = {row["event_id_cnty"]: row for row in rows}
        return self._listed([_dated(by_id[event_id]) for event_id in event_ids if event_id in by_id])

    def _listed(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Listed rows as shown, without the report ids read for the redaction."""
        shown = self._shown(rows)
        for row in shown:
            row.pop("report_ids", None)
        return shown

    def _shown(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Rows as this server hands them out: people's names masked when it redacts them (those found
        in the rows' own texts and in their reports' full texts)."""
        return list(redact_rows(rows, self._report_texts)) if self.redact_persons else rows

    def _report_texts(self, report_ids: list[str]) -> dict[str, str]:
        return report_texts(self._cursor(), report_ids)

    def _where(self, filters: EventFilter) -> tuple[str, list[Any]]:
        """The filters' SQL; when names are masked, a text or actor search finds only what it would find
        in the events as shown, so that searching for a masked name finds nothing (nor counts, maps or
        exports it)."""
        clause, params = filters.where()
        if not self.redact_persons or not (filters.q or filters.actor):
            return clause, params
        columns = ", ".join(dict.fromkeys(("event_id_cnty", "report_ids", "evidence", *SEARCHED_COLUMNS)))
        rows = self._rows(f"SELECT {columns} FROM merged_events WHERE {clause}", params)
        found = [row["event_id_cnty"] for row in self._shown(rows) if _still_found(row, filters)]
        return f"{clause} AND event_id_cnty = ANY(?)", [*params, found]

    def points(self, filters: EventFilter, limit: int) -> tuple[int, list[tuple[str, float, float, str]]]:
        clause, params = self._where(filters)
        located = f"{clause} AND latitude IS NOT NULL AND longitude IS NOT NULL"
        cursor = self._cursor()
        total = cursor.execute(f"SELECT count(*) FROM merged_events WHERE {located}", params).fetchone()[0]
        points = cursor.execute(
            f"SELECT event_id_cnty, latitude, longitude, event_type FROM merged_events WHERE {located}"
            f" {NEWEST_FIRST} LIMIT ?",
            [*params, limit],
        ).fetchall()
        return total, points

    def weekly(self, filters: EventFilter) -> list[dict[str, Any]]:
        """Counts per ACLED week, which starts on Saturday (day of week: Sunday 0 ... Saturday 6)."""
        clause, params = self._where(filters)
        rows = (
            self._cursor()
            .execute(
                "SELECT event_date - CAST((extract(dow FROM event_date) + 1) % 7 AS INTEGER) AS week, event_type,"
                f" count(*) FROM merged_events WHERE {clause} AND event_date IS NOT NULL GROUP BY 1, 2 ORDER BY 1",
                params,
            )
            .fetchall()
        )
        weeks: dict[Any, dict[str, int]] = {}
        for week, event_type, count in rows:
            weeks.setdefault(week, {})[event_type] = count
        return [{"week": week, "counts": counts} for week, counts in weeks.items()]

    def facets(self) -> dict[str, Any]:
        cursor = self._cursor()
        countries = [
            row[0]
            for row in cursor.execute(
                "SELECT DISTINCT country FROM merged_events WHERE country IS NOT NULL ORDER BY country"
            ).fetchall()
        ]
        types = cursor.execute(
            "SELECT event_type, array_agg(DISTINCT sub_event_type ORDER BY sub_event_type) FROM merged_events"
            " GROUP BY event_type ORDER BY event_type"
        ).fetchall()
        return {"countries": countries, "event_types": dict(types)}

    def event_detail(self, event_id: str) -> dict[str, Any] | None:
        """Every column of the event, its evidence with the sentences it lies in, its reports, the
        events extracted from each report that it merges, and its review log."""
        cursor = self._cursor()
        alias = cursor.execute("SELECT event_id_cnty FROM merged_aliases WHERE old_id = ?", [event_id]).fetchone()
        current_id = alias[0] if alias else event_id
        rows = self._rows("SELECT * FROM merged_events WHERE event_id_cnty = ?", [current_id])
        if not rows:
            return None
        event = rows[0]
        event["event_date"] = event["event_date"].isoformat() if event["event_date"] else None
        event["corrections"] = json.loads(event["corrections"]) if event["corrections"] else {}
        evidence_by_field = json.loads(event.pop("evidence"))
        reports = self._rows(
            "SELECT id, title, source, url, published, text FROM reports WHERE id = ANY(?) ORDER BY id",
            [event["report_ids"]],
        )
        texts = {report["id"]: report["text"] for report in reports}
        event["evidence"] = [
            {**item, "sentence": texts.get(item["report_id"], "")[item["sentence_start"] : item["sentence_end"]]}
            for items in evidence_by_field.values()
            for item in items
        ]
        for report in reports:
            report["published"] = report["published"].isoformat() if report["published"] else None
        event["reports"] = reports
        event["members"] = self._rows(
            "SELECT report_id, event_date, time_precision, event_type, sub_event_type, actor1, actor2,"
            " location, fatalities, confidence FROM extracted_events WHERE merged_id = ? ORDER BY report_id, ordinal",
            [current_id],
        )
        for member in event["members"]:
            member["event_date"] = member["event_date"].isoformat() if member["event_date"] else None
        aliases = [row[0] for row in cursor.execute(
            "SELECT old_id FROM merged_aliases WHERE event_id_cnty = ?", [current_id]
        ).fetchall()]  # fmt: skip
        event["aliases"] = aliases
        event["audit"] = review.history(cursor, [current_id, *aliases])
        if self.redact_persons:
            (event,) = self._shown([event])
            for report in event["reports"]:
                report["text"] = redact_text(report["text"])
                report["title"] = redact_text(report["title"]) if report["title"] else report["title"]
        return event

    # --- exporting ----------------------------------------------------------------------------------

    def export(self, query: ExportQuery) -> tuple[str, str, Iterator[bytes]]:
        media_type, extension = EXPORT_MEDIA[query.format]
        clause, params = self._where(query)
        columns = ", ".join(("event_id_cnty", *MERGED_COLUMNS, "status", "corrections"))
        sql = f"SELECT {columns} FROM merged_events WHERE {clause} {NEWEST_FIRST}"
        if query.format == "parquet":
            masked = partial(redact_rows, report_texts=self._report_texts) if self.redact_persons else None
            return media_type, extension, parquet_chunks(self.store.db, sql, params, masked)
        chunks = text_chunks(self.store.db, sql, params, query.format, query.inter_labels, self.redact_persons)
        return media_type, extension, chunks

    def deletions(self, since: datetime | None) -> list[dict[str, Any]]:
        with self._write_lock:  # the store's own connection
            return self.store.deletions(since)

    # --- writing ------------------------------------------------------------------------------------

    def ingest(self, reports: list[Report]) -> IngestResult:
        """Extract and store reports (an unchanged report is not extracted again); returns the ids of
        the merged events they contribute to, in report order."""
        from warlog.language import ENGLISH, not_read

        rejections: list[Rejection] = []
        unread: list[NotRead] = []
        for report in reports:
            with self._write_lock:
                stored = self.store.is_stored(report)
            if stored:
                continue
            # Checked here, not when the request is read, so that one bad date costs its report, not the batch.
            problem = valid_dates().problem(report.published) if report.published else None
            if problem:
                rejection = Rejection(report.id, "POST /reports", f"publication date {problem}")
                rejections.append(rejection)
                with self._write_lock:
                    self.store.reject(rejection)
                continue
            try:
                analysis = self._get_pipeline().run(report)
            except Exception as error:  # one bad report must not stop the batch
                rejection = Rejection(report.id, "POST /reports", f"extraction failed: {type(error).__name__}")
                rejections.append(rejection)
                with self._write_lock:
                    self.store.reject(rejection)
                continue
            if analysis.language != ENGLISH:
                unread.append(NotRead(report.id, analysis.language, not_read(analysis.language)))
            with self._write_lock:
                try:
                    self.store.add_report(report, analysis.events)
                except ValueError as error:  # an event the store refuses: this report alone
                    rejection = Rejection(report.id, "POST /reports", str(error))
                    rejections.append(rejection)
                    self.store.reject(rejection)
        ids = [report.id for report in reports]
        merged = (
            self._cursor()
            .execute(
                "SELECT merged_id FROM extracted_events WHERE report_id = ANY(?) AND merged_id IS NOT NULL"
                " GROUP BY merged_id ORDER BY min(array_position(?, report_id)), min(ordinal)",
                [ids, ids],
            )
            .fetchall()
        )
        return IngestResult(event_ids=[row[0] for row in merged], rejections=rejections, not_read=unread)

    def _get_pipeline(self) -> Extractor:
        # Loaded on the first extraction, not at start-up: a read-only server never pays for spaCy.
        with self._pipeline_lock:
            if self._pipeline is None:
                from warlog import language
                from warlog.pipeline import Pipeline

                language.nlp()  # loaded here, once, not by two workers at a time
                self._pipeline = Pipeline()
            return self._pipeline

    def review(self, event_ids: list[str], body: ReviewIn, who: str) -> list[str]:
        """Apply one review to each event, all in one transaction (all or none); the events' current ids.
        UnknownEvents names the ids not in the store; InvalidCorrection names the event and field."""
        with self._write_lock:
            current_ids = [self.store.resolve_id(event_id) for event_id in event_ids]
            with transaction(self.store.db):
                missing = []
                for asked, current_id in zip(event_ids, current_ids, strict=True):
                    try:
                        found = review.apply(self.store.db, current_id, body, who)
                    except InvalidCorrection as error:
                        if len(event_ids) == 1:
                            raise
                        raise InvalidCorrection([(name, f"{asked}: {why}") for name, why in error.problems]) from None
                    if not found:
                        missing.append(asked)
                if missing:
                    raise UnknownEvents(missing)
            return list(dict.fromkeys(current_ids))

    def token_owner(self, token: str) -> tuple[str, str] | None:
        return auth.token_owner(self._cursor(), token)

    def create_token(self, name: str, role: auth.Role, who: str) -> str:
        with self._write_lock:
            return auth.create_token(self.store.db, name, role, who)

    def tokens(self) -> list[auth.TokenInfo]:
        return auth.list_tokens(self._cursor())

    def revoke_token(self, token_id: str, who: str) -> auth.TokenInfo | None:
        with self._write_lock:
            return auth.revoke_token(self.store.db, token_id, who)

    def record(self, who: str, action: str, subject: str, detail: dict | None = None) -> None:
        with self._write_lock:
            auth.record(self.store.db, who, action, subject, detail)

    def audit(self, limit: int) -> list[dict[str, Any]]:
        return auth.audit(self._cursor(), limit)


def _still_found(row: dict[str, Any], filters: EventFilter) -> bool:
    """Whether a row as shown (names masked) still matches the filters' text and actor searches."""
    searched = " ".join(row[column] for column in SEARCHED_COLUMNS if isinstance(row.get(column), str)).casefold()
    actors = " ".join(row[column] for column in ACTOR_COLUMNS if isinstance(row.get(column), str)).casefold()
    return (not filters.q or filters.q.casefold() in searched) and (
        not filters.actor or filters.actor.casefold() in actors
    )


def _dated(row: dict[str, Any]) -> dict[str, Any]:
    row["event_date"] = row["event_date"].isoformat() if row["event_date"] else None
    return row


class UnknownEvents(LookupError):
    def __init__(self, event_ids: list[str]) -> None:
        super().__init__(f"no event {', '.join(map(repr, event_ids))}")
        self.event_ids = event_ids
