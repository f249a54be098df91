"""Merging a table of extracted events after a parallel extraction (`warlog merge EVENTS -o MERGED`).

Extraction runs in parallel (`--workers`, Ray); merging runs afterwards over the extracted events, and
gives the merged events a single-process `warlog ingest` of the same reports gives (ids aside):

1. Each event is filed under the store's blocking keys (`merge.stored_keys`: its country and week, the
   unplaced events' pool, its admin1) and looks up only the blocks it can reach (`merge.nearby_keys`),
   so the events scored against each event are those of a few weeks of one country: the cost grows with
   the events in a block, not with the corpus.
2. The pairs of dated events that score at least the threshold (`merge.same_event`) link them; linked
   events form components (union-find), and each component is clustered on its own (`merge.clusters`).
   Pivot clustering only ever looks at pairs that reach the threshold, so clustering the components
   apart gives what clustering everything at once gives: the store's merged events.
3. Undated events rank after every dated one; they are clustered country by country against the
   dated clusters' pivots (`merged_clusters`), and every cluster is combined (`merge.combine`).

Ids are the store's form (ISO3 and a per-country serial), given in the clusters' canonical order (their
pivot's rank), so they do not depend on how the work was split; a store gives them in arrival order.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any

from warlog.export import ACLED_COLUMNS
from warlog.merge.blocking import nearby_keys, stored_keys
from warlog.merge.candidates import Candidate, candidate
from warlog.merge.clustering import clusters
from warlog.merge.combining import Member, combine, fatalities_reported
from warlog.merge.scoring import MergeConfig, same_event
from warlog.records import Event, Evidence
from warlog.store.rows import iso3, merged_values

EVENT_FIELDS = tuple(f.name for f in fields(Event) if f.name != "evidence")
EVIDENCE_FIELDS = tuple(f.name for f in fields(Evidence))


@dataclass(slots=True)
class Extraction:
    """One extracted event as the merge needs it: the event, its position in its report."""

    event: Event
    ordinal: int


def merge(events: Sequence[Extraction], config: MergeConfig | None = None) -> list[dict[str, Any]]:
    """Merged-event rows (ACLED's columns in export order, then provenance) of the extracted events, in
    the canonical order of their clusters."""
    config = config or MergeConfig()
    items = [candidate(extraction.event, key, extraction.ordinal) for key, extraction in enumerate(events)]
    groups = merged_clusters(items, config)
    serials: dict[str, int] = {}
    rows = []
    for group in groups:
        members = [_member(events[item.key]) for item in group]
        values = merged_values(combine(members), {})
        prefix = iso3(values["country_code"])
        serials[prefix] = serials.get(prefix, 0) + 1
        values["evidence"] = json.loads(values["evidence"])  # a row as the store lists it: JSON decoded
        values["event_date"] = values["event_date"].isoformat() if values["event_date"] else None
        row = {"event_id_cnty": f"{prefix}{serials[prefix]}"} | values
        rows.append({column: row.get(column) for column in ACLED_COLUMNS} | row)
    return rows


def merged_clusters(items: Sequence[Candidate], config: MergeConfig) -> list[list[Candidate]]:
    """`merge.clusters(items)`, computed a component at a time (pivot first, ordered by their pivot's rank).

    Dated events are clustered by the components of their links. Undated events rank after every dated
    event, so they never change a dated event's cluster: they join a pivot of their own country
    (`may_merge`) or become one, and are clustered country by country with that country's pivots,
    instead of linking every event of an admin1 into one component across the years."""
    dated = [item for item in items if item.day_start is not None]
    found = [cluster for component in components(dated, config) for cluster in clusters(component, config)]
    by_pivot = {cluster[0].key: cluster for cluster in found}
    pivots_by_block: dict[str | None, list[Candidate]] = {}
    for cluster in found:
        pivots_by_block.setdefault(cluster[0].block, []).append(cluster[0])
    undated_by_block: dict[str | None, list[Candidate]] = {}
    for item in items:
        if item.day_start is None:
            undated_by_block.setdefault(item.block, []).append(item)
    for block, undated in undated_by_block.items():
        for cluster in clusters(pivots_by_block.get(block, []) + undated, config):
            if cluster[0].key in by_pivot:
                by_pivot[cluster[0].key].extend(cluster[1:])
            else:
                found.append(cluster)
    return sorted(found, key=lambda cluster: cluster[0].rank)


def components(items: Sequence[Candidate], config: MergeConfig) -> list[list[Candidate]]:
    """The events linked by pairs that reach the merge threshold, each group in input order; an event
    no other reaches is a group of its own."""
    filed: dict[tuple[str, str], list[int]] = {}
    for position, item in enumerate(items):
        for look_up in stored_keys(item):
            filed.setdefault(look_up, []).append(position)
    parent = list(range(len(items)))

    def root(position: int) -> int:
        while parent[position] != position:
            parent[position] = parent[parent[position]]
            position = parent[position]
        return position

    for position, item in enumerate(items):
        for look_up in nearby_keys(item, config.max_day_gap):
            for other in filed.get(look_up, ()):
                if root(other) != root(position) and same_event(item, items[other], config):
                    parent[root(other)] = root(position)
    groups: dict[int, list[Candidate]] = {}
    for position, item in enumerate(items):
        groups.setdefault(root(position), []).append(item)
    return list(groups.values())


def _member(extraction: Extraction) -> Member:
    event = extraction.event
    return Member(event, event.source, fatalities_reported(event), extraction.ordinal)


# --- reading extracted events: Parquet from `--engine ray`, JSONL from `warlog extract -f jsonl` -------


def read_events(path: Path) -> list[Extraction]:
    """The events of an events table (a Parquet or JSONL file, or a folder of them); rejection rows are
    skipped. Without an `ordinal` column an event's position among its report's rows is its ordinal."""
    import duckdb

    files = _files(path)
    reader = "read_parquet" if files[0].suffix.lower() == ".parquet" else "read_json_auto"
    with duckdb.connect() as db:
        cursor = db.execute(f"SELECT * FROM {reader}(?)", [[str(file) for file in files]])
        names = [column[0] for column in cursor.description]
        rows = [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
    positions: dict[str, int] = {}
    found = []
    for row in rows:
        if row.get("rejection"):
            continue
        ordinal = row.get("ordinal")
        if ordinal is None:
            ordinal = positions.get(row["report_id"], 0)
            positions[row["report_id"]] = ordinal + 1
        found.append(Extraction(_event(row), ordinal))
    return found


def _files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    files = sorted(p for p in path.rglob("*") if p.suffix.lower() in (".parquet", ".jsonl", ".ndjson"))
    if not files:
        raise ValueError(f"{path}: no Parquet or JSONL file of events")
    kinds = {file.suffix.lower() == ".parquet" for file in files}
    if len(kinds) > 1:
        raise ValueError(f"{path}: holds both Parquet and JSONL files; merge one kind")
    return files


def _event(row: dict[str, Any]) -> Event:
    values = {name: row.get(name) for name in EVENT_FIELDS}
    if isinstance(values["event_date"], str):
        values["event_date"] = date.fromisoformat(values["event_date"])
    evidence = row.get("evidence") or []
    if isinstance(evidence, str):
        evidence = json.loads(evidence)
    values["evidence"] = [Evidence(**{name: item[name] for name in EVIDENCE_FIELDS}) for item in evidence]
    return Event(**values)


def write_parquet(rows: Iterable[dict[str, Any]], path: Path) -> int:
    """Merged rows to a Parquet file through DuckDB (no pyarrow needed); returns how many."""
    import duckdb

    rows = list(_parquet_rows(rows))
    if not rows:
        raise ValueError("no merged event to write")
    names = list(rows[0])
    with duckdb.connect() as db:
        db.execute(f"CREATE TABLE merged ({', '.join(f'{name} {_sql_type(name)}' for name in names)})")
        db.executemany(f"INSERT INTO merged VALUES ({', '.join('?' * len(names))})", [list(r.values()) for r in rows])
        db.execute(f"COPY merged TO '{_quoted(path)}' (FORMAT parquet)")
    return len(rows)


def _parquet_rows(rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for row in rows:
        yield row | {"evidence": json.dumps(row["evidence"], ensure_ascii=False)}


def _sql_type(name: str) -> str:
    from warlog.batch import column_types

    types = column_types() | {"source_count": "INTEGER", "report_ids": "VARCHAR[]", "confidence": "DOUBLE"}
    return types.get(name, "VARCHAR")


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")
