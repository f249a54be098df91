"""A merged event's row kept up to date: its fields recomputed (from its stored summary and the events
that joined it, or from all its events), its sources counted, and an id no cluster keeps retired into an
alias that hands the analyst's corrections over (`warlog.serve.review` writes `corrections` and `status`).
`warlog.store.merging` decides which events each merged event holds; this module writes what follows.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from datetime import date
from typing import Any

from warlog.merge.combining import Member, SourceTally, Summary, count_sources
from warlog.store.connection import Connection
from warlog.store.rows import dicts, event_from_row, merged_values
from warlog.store.schema import now


class MergedRows:
    """The `merged_events` rows of one store, with their summaries (`merged_state`) and sources
    (`merged_sources`), inside the caller's transaction."""

    def __init__(self, db: Connection) -> None:
        self.db = db

    def retire(self, old_id: str, heir: str | None) -> None:
        """An id no cluster keeps: an alias of the event that took over its reports, or gone.

        The heir inherits the analyst's corrections of the retired event (its own corrections win
        where both corrected a field): a review is not undone because another source arrived."""
        if heir is not None:
            self._inherit_corrections(old_id, heir)
        self.db.execute("DELETE FROM merged_events WHERE event_id_cnty = ?", [old_id])
        self.db.execute("DELETE FROM merged_state WHERE event_id_cnty = ?", [old_id])
        self.db.execute("DELETE FROM merged_sources WHERE event_id_cnty = ?", [old_id])
        self.db.execute(
            "INSERT INTO deleted_events VALUES (?, ?, ?) ON CONFLICT (event_id_cnty) DO UPDATE"
            " SET deleted_timestamp = excluded.deleted_timestamp, replaced_by = excluded.replaced_by",
            [old_id, int(time.time()), heir],
        )
        if heir is None:
            self.db.execute("DELETE FROM merged_aliases WHERE event_id_cnty = ?", [old_id])
            return
        self.db.execute("UPDATE merged_aliases SET event_id_cnty = ? WHERE event_id_cnty = ?", [heir, old_id])
        self.db.execute(
            "INSERT INTO merged_aliases VALUES (?, ?, ?) ON CONFLICT (old_id) DO UPDATE"
            " SET event_id_cnty = excluded.event_id_cnty, noted_at = excluded.noted_at",
            [old_id, heir, now()],
        )

    def refresh(
        self, merged_id: str, existing: bool, joined: Sequence[dict[str, Any]] = (), kept: int | None = None
    ) -> None:
        """Recompute a merged event's fields (`existing`: it has a row). When its `kept` events are all it
        held before and `joined` (rows) are new to it, from its stored summary and the new events alone;
        otherwise (events left it, or it has no summary yet) from every event it holds."""
        state = self._state(merged_id) if existing else None
        if state is not None and kept == state[0].members:
            summary, tally = state
            for row in joined:
                member = _member(row)
                summary.absorb(member)
                tally.add_report(row["report_id"])
                self._count_source(merged_id, member, tally)
        else:
            if existing:
                rows = dicts(self.db, "SELECT * FROM extracted_events WHERE merged_id = ? ORDER BY key", [merged_id])
                self.db.execute("DELETE FROM merged_sources WHERE event_id_cnty = ?", [merged_id])
            else:  # a new id: every event it holds has just joined it
                rows = sorted(joined, key=lambda row: row["key"])
            members = [_member(row) for row in rows]
            summary = Summary()
            for member in members:
                summary.absorb(member)
            tally, best, names = count_sources(members)
            sources = [(merged_id, "source", key, confidence) for key, confidence in best.items()]
            sources += [(merged_id, "name", name, None) for name in names]
            self.db.executemany("INSERT INTO merged_sources VALUES (?, ?, ?, ?)", sources)
        values = merged_values(summary.combined(tally), self._corrections(merged_id) if existing else {})
        columns = list(values)
        state_json = json.dumps({"summary": json.loads(summary.to_json()), "tally": tally.counts()}, ensure_ascii=False)
        if existing:  # (an UPDATE or an INSERT: DuckDB's upsert costs twice as much)
            self.db.execute(
                f"UPDATE merged_events SET {', '.join(f'{name} = ?' for name in columns)} WHERE event_id_cnty = ?",
                [*values.values(), merged_id],
            )
            if state is not None:
                self.db.execute("UPDATE merged_state SET state = ? WHERE event_id_cnty = ?", [state_json, merged_id])
                return
        else:
            self.db.execute(
                f"INSERT INTO merged_events (event_id_cnty, created, {', '.join(columns)}) "
                f"VALUES (?, nextval('merged_event_order'), {', '.join('?' * len(columns))})",
                [merged_id, *values.values()],
            )
        if existing:  # (a new id has no state yet)
            self.db.execute("DELETE FROM merged_state WHERE event_id_cnty = ?", [merged_id])
        self.db.execute("INSERT INTO merged_state VALUES (?, ?)", [merged_id, state_json])

    def _state(self, merged_id: str) -> tuple[Summary, SourceTally] | None:
        """A merged event's stored summary and source counts, with its report ids; None for an event
        stored before summaries were kept."""
        row = self.db.execute(
            "SELECT state, report_ids FROM merged_state JOIN merged_events USING (event_id_cnty)"
            " WHERE event_id_cnty = ?",
            [merged_id],
        ).fetchone()
        if row is None:
            return None
        state = json.loads(row[0])
        return Summary(**state["summary"]), SourceTally(report_ids=list(row[1]), **state["tally"])

    def _count_source(self, merged_id: str, member: Member, tally: SourceTally) -> None:
        """A new member's source and outlet name, counted against those the event already has."""
        key, confidence = member.independent_source, member.event.confidence
        known = self.db.execute(
            "SELECT confidence FROM merged_sources WHERE event_id_cnty = ? AND kind = 'source' AND value = ?",
            [merged_id, key],
        ).fetchone()
        tally.add_source(known[0] if known else None, confidence)
        if known is None:
            self.db.execute("INSERT INTO merged_sources VALUES (?, 'source', ?, ?)", [merged_id, key, confidence])
        elif confidence > known[0]:
            self.db.execute(
                "UPDATE merged_sources SET confidence = ? WHERE event_id_cnty = ? AND kind = 'source' AND value = ?",
                [confidence, merged_id, key],
            )
        name = (member.source or "").strip()
        if (
            name
            and not self.db.execute(
                "SELECT 1 FROM merged_sources WHERE event_id_cnty = ? AND kind = 'name' AND value = ?",
                [merged_id, name],
            ).fetchone()
        ):
            self.db.execute("INSERT INTO merged_sources VALUES (?, 'name', ?, NULL)", [merged_id, name])
            tally.add_name(name)

    def _inherit_corrections(self, old_id: str, heir: str) -> None:
        """Carry a retired event's corrections over to its heir (applied by the heir's `refresh`);
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


def _member(row: dict[str, Any]) -> Member:
    return Member(event_from_row(row), row["source"], row["fatalities_reported"], row["ordinal"])
