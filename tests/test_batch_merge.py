from __future__ import annotations

import json

from test_store import batch_groups, dense_reports
from warlog import batch_merge
from warlog.export import event_record, write_rows
from warlog.merge.candidates import candidate
from warlog.merge.clustering import clusters
from warlog.merge.scoring import MergeConfig
from warlog.store.database import Store

VARYING = ("event_id_cnty", "timestamp", "status", "corrections")  # ids follow arrival order in a store


def extractions(reports: dict[str, list]) -> list[batch_merge.Extraction]:
    return [
        batch_merge.Extraction(event, ordinal) for events in reports.values() for ordinal, event in enumerate(events)
    ]


def test_merging_by_components_equals_clustering_everything_at_once():
    for seed in (1, 2, 3):
        reports = dense_reports(40, seed)
        events = extractions(reports)
        items = [candidate(e.event, key, e.ordinal) for key, e in enumerate(events)]
        groups = batch_merge.components(items, MergeConfig())
        assert sorted(item.key for group in groups for item in group) == list(range(len(items)))
        found = {
            frozenset((item.report_id, item.rank[-1]) for item in cluster)
            for group in groups
            for cluster in clusters(group, MergeConfig())
        }
        assert found == batch_groups(reports)
        merged = batch_merge.merge(events)
        assert sorted(sorted(row["report_ids"]) for row in merged) == sorted(
            sorted({report for report, _ in group}) for group in batch_groups(reports)
        )


def test_ids_are_iso3_serials_in_canonical_order_whatever_the_input_order():
    reports = dense_reports(30, 4)
    events = extractions(reports)
    forward = batch_merge.merge(events)
    backward = batch_merge.merge(events[::-1])
    assert [row["event_id_cnty"] for row in forward] == [row["event_id_cnty"] for row in backward]
    assert [without(row, "timestamp") for row in forward] == [without(row, "timestamp") for row in backward]
    assert {row["event_id_cnty"][:3] for row in forward} >= {"SYR", "IRQ"}
    assert sorted(int(row["event_id_cnty"][3:]) for row in forward if row["event_id_cnty"].startswith("SYR")) == list(
        range(1, sum(row["event_id_cnty"].startswith("SYR") for row in forward) + 1)
    )


def test_merging_extracted_fakes_articles_gives_what_a_single_process_ingest_stores(fakes_extracted, tmp_path, capsys):
    """A few hundred real articles: the events `warlog extract -f jsonl` writes, merged afterwards,
    are the merged events `warlog ingest` stores, event for event (ids aside)."""
    with Store(tmp_path / "single.duckdb") as store:
        for item in fakes_extracted:
            store.add_report(item.report, item.events)
        stored = [without(row, *VARYING) for row in store.events()]
    events_file = tmp_path / "events.jsonl"
    with events_file.open("w", encoding="utf-8") as stream:
        write_rows((event_record(e) for item in fakes_extracted for e in item.events), "jsonl", stream)
    merged = [without(row, *VARYING) for row in batch_merge.merge(batch_merge.read_events(events_file))]
    assert len(stored) > 300 and any(row["source_count"] > 1 for row in stored)
    items = [candidate(e.event, key, e.ordinal) for key, e in enumerate(batch_merge.read_events(events_file))]
    dated = [item for item in items if item.day_start is not None]
    sizes = [len(group) for group in batch_merge.components(dated, MergeConfig())]
    # The work splits: six years of one country are not one block. (Aleppo's many reports on many days
    # chain into the largest group, about a tenth of the articles' events.)
    assert len(sizes) > 100 and max(sizes) < len(items) / 5
    assert sorted(merged, key=canonical) == sorted(stored, key=canonical)


def test_the_merge_command_writes_merged_rows_from_a_parquet_or_jsonl_table(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    reports = dense_reports(12, 5)
    events_file = tmp_path / "events.jsonl"
    with events_file.open("w", encoding="utf-8") as stream:
        write_rows((event_record(e) for events in reports.values() for e in events), "jsonl", stream)
    warlog = str(Path(sys.executable).parent / "warlog")
    result = subprocess.run([warlog, "merge", str(events_file), "-o", str(tmp_path / "m.parquet"), "-f", "parquet"],
                            capture_output=True, text=True, timeout=300)  # fmt: skip
    assert result.returncode == 0, result.stderr
    expected = batch_merge.merge(batch_merge.read_events(events_file))
    assert f"merged into {len(expected)}" in result.stderr
    import duckdb

    rows = duckdb.sql(f"SELECT event_id_cnty, report_ids, evidence FROM '{tmp_path / 'm.parquet'}'").fetchall()
    assert [(r[0], r[1]) for r in rows] == [(row["event_id_cnty"], row["report_ids"]) for row in expected]
    assert json.loads(rows[0][2]) == expected[0]["evidence"]
    result = subprocess.run([warlog, "merge", str(tmp_path / "nothing-here")], capture_output=True, text=True)
    assert result.returncode == 2 and "no Parquet or JSONL file of events" in " ".join(result.stderr.split())


def without(row: dict, *names: str) -> dict:
    return {name: value for name, value in row.items() if name not in names}


def canonical(row: dict) -> str:
    return json.dumps(row, sort_keys=True, default=str)
