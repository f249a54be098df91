"""Ingest speed with merging on: FA-KES through the whole pipeline, and merging against a large store.

    .venv/bin/python benchmarks/bench_merge.py [--fakes 804] [--sizes 10000 100000] [--new 200]

1. FA-KES: every article through `Pipeline` and `Store.add_report` into a fresh store; reports/s of the
   whole ingest, and the share of it spent storing and merging.
2. Scaling: a store already holding N synthetic events (10 countries, 2015-2024, about ACLED's density
   in a busy conflict; loaded in bulk, clustered exactly as `warlog.merge.clustering.clusters` would), then `--new`
   synthetic reports of 3 events each added one by one; milliseconds per new report at each N. A tenth
   of the events are unplaced (no coordinates), looked for in every country by event type and week.
   Merging looks only at events within a few weeks (of the same country, or of a compatible type for an
   unplaced event), so the time per report must stay flat as N grows (not grow with N, which would
   make ingesting quadratic).
Writes benchmarks/results/merge_speed.json.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from inputs import load_texts, write_result  # noqa: E402

from warlog.merge.blocking import area_key, type_week_key, week_key  # noqa: E402
from warlog.merge.candidates import candidate  # noqa: E402
from warlog.merge.clustering import clusters  # noqa: E402
from warlog.merge.scoring import MergeConfig  # noqa: E402
from warlog.records import Event, Report  # noqa: E402
from warlog.store.database import Store  # noqa: E402
from warlog.store.rows import iso3  # noqa: E402
from warlog.store.schema import EVENT_COLUMNS  # noqa: E402

# country code, ISO numeric, name, (south, west, north, east)
COUNTRIES = [
    ("SY", 760, "Syria", (32.5, 36.0, 37.0, 42.0)), ("IQ", 368, "Iraq", (30.0, 39.0, 37.0, 48.0)),
    ("YE", 887, "Yemen", (12.8, 42.6, 18.0, 53.0)), ("AF", 4, "Afghanistan", (29.5, 61.0, 38.0, 71.0)),
    ("SO", 706, "Somalia", (-1.5, 41.0, 11.5, 51.0)), ("NG", 566, "Nigeria", (4.5, 3.0, 13.5, 14.5)),
    ("ML", 466, "Mali", (11.0, -11.0, 24.0, 4.0)), ("UA", 804, "Ukraine", (45.5, 23.0, 52.0, 40.0)),
    ("MM", 104, "Myanmar", (10.0, 92.5, 28.0, 101.0)), ("CD", 180, "DR Congo", (-13.0, 12.5, 5.0, 31.0)),
]  # fmt: skip
SUB_TYPES = [
    ("Battles", "Armed clash"), ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Air/drone strike"), ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Violence against civilians", "Attack"), ("Protests", "Peaceful protest"),
]  # fmt: skip
ACTORS = ["Military Forces", "Islamic State", "Unidentified Armed Group", "Rebel Group", "Civilians", "Protesters"]
FIRST_DAY, DAYS = date(2015, 1, 1), 3650
# Events the geoparser could not place (no coordinates): looked for across countries, by type and week.
UNPLACED_SHARE = 0.1
# Notes of six words from this vocabulary: reports of unrelated events share few words (identical notes
# would make every pair agree on wording and let unplaced events match anything of their type and day).
VOCABULARY = [f"word{number}" for number in range(300)]


def synthetic_event(rng: random.Random, report_id: str, days: int = DAYS) -> Event:
    """An event on one of the first `days` days from FIRST_DAY."""
    code, iso, country, (south, west, north, east) = rng.choice(COUNTRIES)
    event_type, sub_event_type = rng.choice(SUB_TYPES)
    placed = rng.random() >= UNPLACED_SHARE
    return Event(
        report_id=report_id,
        event_date=FIRST_DAY + timedelta(days=rng.randrange(days)),
        time_precision=rng.choice([1, 1, 1, 1, 2, 3]),
        disorder_type="Political violence",
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor1=f"{rng.choice(ACTORS)} ({country})",
        assoc_actor_1=None,
        inter1=None,
        actor2=f"{rng.choice(ACTORS)} ({country})",
        assoc_actor_2=None,
        inter2=None,
        interaction=None,
        civilian_targeting=None,
        iso=iso,
        country=country,
        admin1=None,
        admin2=None,
        admin3=None,
        location=None,
        latitude=round(rng.uniform(south, north), 4) if placed else None,
        longitude=round(rng.uniform(west, east), 4) if placed else None,
        geo_precision=rng.choice([1, 1, 2, 3]) if placed else None,
        source=f"source {rng.randrange(40)}",
        notes=" ".join(rng.sample(VOCABULARY, 6)),
        fatalities=rng.randrange(5),
        confidence=rng.choice([0.4, 0.5, 0.6, 0.7, 0.8]),
        country_code=code,
    )


def preload(store: Store, count: int, rng: random.Random, days: int = DAYS) -> None:
    """`count` events over `days` days already stored and merged, written in bulk (as if ingested one by one)."""
    preload_events(store, [synthetic_event(rng, f"old-{number // 3:06d}", days) for number in range(count)])


def preload_events(store: Store, events: list[Event]) -> None:
    """`events` already stored and merged, written in bulk (as if ingested one by one); the merged events
    have no stored summary, so the first report that joins one recomputes it from all its events."""
    items = [candidate(event, key=-1 - number, ordinal=number % 3) for number, event in enumerate(events)]
    serials: dict[str, int] = {}
    assigned: dict[int, tuple[int, str]] = {}
    for group in clusters(items, store.config):
        pivot = group[0]
        prefix = iso3(events[-1 - pivot.key].country_code)
        serials[prefix] = serials.get(prefix, 0) + 1
        for item in group:
            assigned[item.key] = (pivot.key, f"{prefix}{serials[prefix]}")
    with tempfile.NamedTemporaryFile("w", suffix=".csv", newline="", delete=False) as stream:
        writer = csv.writer(stream)
        writer.writerow(["key", "ordinal", "merged_id", "pivot_key", "block", "week", "area", "type_week",
                         "day_start", "day_end", "fatalities_reported", "evidence", *EVENT_COLUMNS])  # fmt: skip
        for item, event in zip(items, events, strict=True):
            pivot_key, merged_id = assigned[item.key]
            fields = [getattr(event, name) for name in EVENT_COLUMNS]
            keys = [week_key(item), area_key(item), type_week_key(item)]
            writer.writerow([item.key, item.rank[-1], merged_id, pivot_key, item.block, *keys, item.day_start,
                             item.day_end, True, "[]", *fields])  # fmt: skip
    db = store.db
    db.execute(f"INSERT INTO extracted_events BY NAME SELECT * FROM read_csv('{stream.name}', all_varchar=true)")
    Path(stream.name).unlink()
    # One merged row per cluster, its fields from the pivot (the store recomputes any it touches).
    db.execute(
        "INSERT INTO merged_events BY NAME SELECT merged_id AS event_id_cnty, -min(key) AS created,"
        " arg_max(event_date, key = pivot_key) AS event_date, arg_max(event_type, key = pivot_key) AS event_type,"
        " arg_max(sub_event_type, key = pivot_key) AS sub_event_type, arg_max(country, key = pivot_key) AS country,"
        " arg_max(country_code, key = pivot_key) AS country_code, arg_max(latitude, key = pivot_key) AS latitude,"
        " arg_max(longitude, key = pivot_key) AS longitude, min(fatalities) AS fatalities, '' AS notes,"
        " count(DISTINCT source) AS source_count, list(DISTINCT report_id) AS report_ids, 0.5 AS confidence,"
        " '{}' AS evidence, 0 AS timestamp FROM extracted_events GROUP BY merged_id"
    )
    db.executemany("INSERT INTO id_serials VALUES (?, ?)", list(serials.items()))


def time_new_reports(store: Store, count: int, rng: random.Random) -> float:
    """Milliseconds per report for `count` new 3-event reports, each stored and merged."""
    started = time.perf_counter()
    for number in range(count):
        report_id = f"new-{number:05d}"
        report = Report(id=report_id, text=f"synthetic report {number}", source=f"source {number % 40}")
        store.add_report(report, [synthetic_event(rng, report_id) for _ in range(3)])
    return 1000 * (time.perf_counter() - started) / count


def bench_scaling(sizes: list[int], new: int) -> list[dict]:
    points = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "bench.duckdb", MergeConfig()) as store:
            rng = random.Random(size)
            started = time.perf_counter()
            preload(store, size, rng)
            loaded = time.perf_counter() - started
            ms = time_new_reports(store, new, rng)
            merged = store.db.execute("SELECT count(*) FROM merged_events").fetchone()[0]
        points.append({"stored_events": size, "merged_events": merged, "ms_per_new_report": round(ms, 2)})
        print(f"{size:>7} stored events: {ms:.1f} ms per new 3-event report (bulk load {loaded:.0f} s)", flush=True)
    return points


def bench_fakes(limit: int) -> dict:
    from warlog.ingest import parse_published
    from warlog.pipeline import Pipeline

    reports = [
        Report(id=r["id"], text=r["text"], published=parse_published(r["published"]), source=None)
        for r in load_texts("fakes_articles", limit)
    ]
    pipeline = Pipeline()
    next(pipeline.run_many(reports[:4]))  # models loaded and warm before the clock starts
    storing = 0.0
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "fakes.duckdb") as store:
        started = time.perf_counter()
        for analysis in pipeline.run_many(reports):
            before = time.perf_counter()
            store.add_report(analysis.report, analysis.events)
            storing += time.perf_counter() - before
        elapsed = time.perf_counter() - started
        events, merged = store.db.execute(
            "SELECT (SELECT count(*) FROM extracted_events), (SELECT count(*) FROM merged_events)"
        ).fetchone()
    result = {
        "reports": len(reports),
        "reports_per_second": round(len(reports) / elapsed, 2),
        "store_and_merge_share": round(storing / elapsed, 3),
        "store_and_merge_ms_per_report": round(1000 * storing / len(reports), 2),
        "extracted_events": events,
        "merged_events": merged,
    }
    print(f"FA-KES: {result}", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fakes", type=int, default=804, help="FA-KES articles to ingest (0: skip)")
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000], help="events already stored")
    parser.add_argument("--new", type=int, default=200, help="new reports timed at each size")
    args = parser.parse_args()
    result: dict = {"scaling": bench_scaling(args.sizes, args.new), "new_reports_timed": args.new}
    if args.fakes:
        result["fakes"] = bench_fakes(args.fakes)
    print(f"written to {write_result('merge_speed', result)}")


if __name__ == "__main__":
    main()
