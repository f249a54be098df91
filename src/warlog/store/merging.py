"""Merged events kept up to date in place, as reports come and go.

Merged events are `warlog.merge.clustering.clusters` of every stored event: an event's pivot depends only on the
pivots ranked before it among the events it may merge with (found through merge's blocking keys), so
after a change only those events are decided again, and only while pivot status keeps changing. Ids
then follow the events: a cluster keeps the id most of its events already had; an id no cluster keeps
becomes an alias of its heir (`merged_aliases`), handing its analyst corrections over.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from itertools import groupby
from types import SimpleNamespace
from typing import Any

from warlog.merge.blocking import area_key, nearby_keys, type_week_key, week_key
from warlog.merge.candidates import Candidate, candidate
from warlog.merge.clustering import best_pivot
from warlog.merge.combining import fatalities_reported
from warlog.merge.scoring import MergeConfig, may_merge, same_event
from warlog.records import Event, Report
from warlog.store.connection import Connection
from warlog.store.merged_rows import MergedRows
from warlog.store.rows import dicts, evidence_json, iso3
from warlog.store.schema import CANDIDATE_COLUMNS, EVENT_COLUMNS, INSERTED_COLUMNS

CANDIDATE_CACHE_SIZE = 500_000
KEYS_LISTED = 64  # a cluster's events holding one id are listed by key up to this many


class IncrementalMerge:
    """The merging of one store's events, inside the caller's transaction."""

    def __init__(self, db: Connection, config: MergeConfig) -> None:
        self.db = db
        self.config = config
        self._candidates: dict[int, Candidate] = {}
        self.rows = MergedRows(db)

    def insert_events(self, events: Sequence[Event], report: Report) -> list[Candidate]:
        """Store a report's events (one statement), not yet merged."""
        if not events:
            return []
        keys = [
            row[0]
            for row in self.db.execute(
                f"SELECT nextval('extracted_event_keys') FROM generate_series(1, {len(events)})"
            ).fetchall()
        ]
        items, values = [], []
        for ordinal, (key, event) in enumerate(zip(keys, events, strict=True)):
            if event.source is None and report.source:
                event.source = report.source
            item = candidate(event, key, ordinal)
            reported = fatalities_reported(event)
            evidence = evidence_json(event)
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

    def stored_candidates(
        self, column: str, values: Sequence[Any], pivots_only: bool = False
    ) -> list[tuple[Candidate, int | None, str | None]]:
        """Stored events whose `column` (an indexed one) holds one of `values`, as the score sees them,
        with their pivot's key and their merged id; with `pivots_only`, only the pivots among them.

        An event's fields never change once stored, so its `Candidate` is built once and kept."""

        if not values:
            return []
        also = " AND pivot_key = key" if pivots_only else ""
        # One query of every column the score needs: reading keys first and the columns only for the
        # events not yet cached cost two queries whenever the neighbourhood held an unseen event, which
        # in a growing store is nearly always.
        found = []
        for row in dicts(
            self.db, any_of(f"SELECT {CANDIDATE_COLUMNS} FROM extracted_events", column, len(values), also), values
        ):
            item = self._candidates.get(row["key"])
            if item is None:
                if len(self._candidates) > CANDIDATE_CACHE_SIZE:
                    self._candidates.clear()
                item = self._candidates[row["key"]] = candidate(SimpleNamespace(**row), row["key"], row["ordinal"])
            found.append((item, row["pivot_key"], row["merged_id"]))
        return found

    def _nearby(self, item: Candidate, pivots_only: bool = False) -> list[tuple[Candidate, int | None, str | None]]:
        """Stored events `item` may merge with, through the indexes (`nearby_keys`); with `pivots_only`,
        the pivots among them (an event of 10,000 sources is one pivot and 9,999 events that chose it)."""
        found = []
        for column, keys in groupby(nearby_keys(item, self.config.max_day_gap), key=lambda look_up: look_up[0]):
            found += self.stored_candidates(column, [key for _, key in keys], pivots_only)
        unique = {entry[0].key: entry for entry in found}
        return [entry for entry in unique.values() if may_merge(item, entry[0], self.config)]

    def detach(self, report_id: str) -> tuple[list[tuple[Candidate, int | None]], set[int], dict[int, str]]:
        """Delete a report's events: the events to decide again, the pivots that lost members, and
        the merged id each deleted event had."""
        removed = self.stored_candidates("report_id", [report_id])
        self.db.execute("DELETE FROM extracted_events WHERE report_id = ?", [report_id])
        seeds: list[tuple[Candidate, int | None]] = []
        touched: set[int] = set()
        for item, pivot_key, _ in removed:
            if pivot_key == item.key:  # a pivot gone: the events that had chosen it choose again
                seeds += [(other, key) for other, key, _ in self._nearby(item) if key == item.key]
            elif pivot_key is not None:
                touched.add(pivot_key)
        return seeds, touched, {item.key: merged_id for item, _, merged_id in removed if merged_id}

    def merge(
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
            pivots = [other for other, _, _ in self._nearby(item, pivots_only=True)]
            pivot = best_pivot(item, pivots, self.config)
            new_pivot = pivot.key if pivot else key
            if new_pivot == old_pivot:
                continue
            self.db.execute("UPDATE extracted_events SET pivot_key = ? WHERE key = ?", [new_pivot, key])
            touched.update(k for k in (old_pivot, new_pivot) if k is not None)
            if key not in (old_pivot, new_pivot):  # no pivot came or went: no other choice changes (`_may_change`)
                continue
            for other, pivot_key, _ in self._nearby(item):
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
        # Members counted by the id they hold, in SQL: a cluster of 10,000 events is a few rows here.
        # The keys of small groups come along, so that the few events joining a large cluster are read
        # and relabelled by key rather than by scanning the cluster.
        members: dict[int, Counter[str | None]] = {}
        stored_ids: dict[int, Counter[str | None]] = {}
        keys_of: dict[tuple[int, str | None], list[int] | None] = {}
        union = any_of("SELECT pivot_key, key, merged_id FROM extracted_events", "pivot_key", len(pivots))
        query = (
            "SELECT pivot_key, merged_id, count(*),"
            f" CASE WHEN merged_id IS NULL OR count(*) <= {KEYS_LISTED} THEN array_agg(key ORDER BY key) END"
            f" FROM ({union}) AS candidates GROUP BY pivot_key, merged_id"
        )
        rows = self.db.execute(query, sorted(pivots)).fetchall() if pivots else []
        for pivot, merged_id, count, keys in rows:
            stored_ids.setdefault(pivot, Counter())[merged_id] += count
            keys_of[pivot, merged_id] = keys
            held = members.setdefault(pivot, Counter())
            if merged_id is None:
                held.update(previous_ids.get(key) for key in keys)
            else:
                held[merged_id] += count
        old_ids = {old for held in members.values() for old in held if old} | released
        created = self._created(old_ids)
        votes = sorted(
            (-count, created.get(old, 0), pivot, old)
            for pivot, held in members.items()
            for old, count in held.items()
            if old in created
        )
        given: dict[int, str] = {}
        for _, _, pivot, old in votes:
            if pivot not in given and old not in given.values():
                given[pivot] = old
        for pivot in sorted(members):  # new ids in the order the clusters' first events came (SQL groups have none)
            if pivot not in given:
                given[pivot] = self._new_id(pivot)
        joined: dict[int, list[dict[str, Any]]] = {}
        for pivot, merged_id in given.items():
            if set(stored_ids[pivot]) == {merged_id}:
                continue
            # Only the events that join: the rest already hold the id.
            groups = [keys_of[pivot, old] for old in stored_ids[pivot] if old != merged_id]
            if all(keys is not None for keys in groups):
                keys = sorted(key for group in groups if group for key in group)
                joined[pivot] = dicts(self.db, any_of("SELECT * FROM extracted_events", "key", len(keys)), keys)
                self.db.executemany(
                    "UPDATE extracted_events SET merged_id = ? WHERE key = ?", [[merged_id, key] for key in keys]
                )
                continue
            joined[pivot] = dicts(
                self.db,
                "SELECT * FROM extracted_events WHERE pivot_key = ? AND merged_id IS DISTINCT FROM ?",
                [pivot, merged_id],
            )
            self.db.execute(
                "UPDATE extracted_events SET merged_id = ? WHERE pivot_key = ? AND merged_id IS DISTINCT FROM ?",
                [merged_id, pivot, merged_id],
            )
        for old in sorted(set(created) - set(given.values())):
            heirs = [(negative_count, pivot) for negative_count, _, pivot, voted in votes if voted == old]
            self.rows.retire(old, given[min(heirs)[1]] if heirs else None)
        for pivot, merged_id in given.items():
            kept = stored_ids[pivot][merged_id]  # its events that held the id before this change
            self.rows.refresh(merged_id, merged_id in created, joined.get(pivot, []), kept)

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

    # --- plumbing --------------------------------------------------------------------------------


def same_version(old: Candidate, new: Candidate, config: MergeConfig) -> bool:
    """Two versions of one report's event: the score of a cross-report match, ignoring the report."""
    return same_event(replace(old, report_id=f"{old.report_id}#old"), new, config)


def any_of(select: str, column: str, count: int, also: str = "") -> str:
    """`select` of the rows whose `column` equals any of `count` parameters (and that meet `also`), as
    one indexed equality look-up each (DuckDB scans the table for an `IN` list)."""
    return " UNION ALL ".join([f"{select} WHERE {column} = ?{also}"] * count)
