"""Ingest rate as the store grows: reports stored and merged per second, window by window.

    .venv/bin/python benchmarks/bench_ingest_rate.py [--sizes 0 10000 50000 100000] [--window 300]
                                                      [--real 40] [--ten-years] [--sources 10000] [--step 1000]
                                                      [--bulk-sources 1000 10000]

Pre-extracted events go straight to `Store.add_report`, so what is timed is storing and merging, the part
whose cost could grow with the store; extraction costs the same per report whatever the store holds.
1. Store size: a store already holding N synthetic events (`bench_merge.preload`: 10 countries, clustered
   as `warlog.merge.clustering.clusters` would, written in bulk), then `--window` new synthetic 3-event reports
   added one by one, then `--real` FA-KES articles (extracted once by the pipeline before the clock,
   their real events stored one report at a time); reports/s and CPU ms a report at each N. The events
   span as many days as keeps their density at 19 events a country-week whatever N (a store grows by
   covering more time), so N alone changes; with `--ten-years` they span 2015-2024 whatever N, so a
   larger store is also a denser one and each new event has more neighbours to be scored against.
2. One event told by many sources: `--sources` short reports of the same air strike (same town, day and
   type, each from its own outlet), added one by one; reports/s in each window of `--step` reports as the
   merged event grows. With `--bulk-sources N ...`, the event is first written with N sources in bulk,
   and `--window` more reports of it are timed (N = 10,000 without 10,000 timed reports first). The
   issue's reproduction (10,000 short reports, one merged event reaching 3,192 sources)
   fell from 1,325 to 217 reports a minute.
Both must stay flat. Beside reports/s (wall clock), the CPU time per report (`time.process_time`, every
thread of the process), which other processes on a shared machine disturb far less.
Writes benchmarks/results/ingest_rate.json (or --out NAME).
"""

from __future__ import annotations

import argparse
import copy
import os
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_merge import DAYS, preload, preload_events, synthetic_event  # noqa: E402
from inputs import load_texts, write_result  # noqa: E402

from warlog.records import Event, Evidence, Report  # noqa: E402
from warlog.store.database import Store  # noqa: E402

# bench_merge's 100,000 events over its ten years: 27 a day over 10 countries, 19 a country-week.
EVENTS_PER_DAY = 100_000 / DAYS
STRIKE_NOTES = "Government warplanes struck the market in Saraqib, killing {} civilians, residents said."


def strike_event(report_id: str, number: int) -> Event:
    """One telling of the same strike: the figures and confidence vary a little between outlets."""
    notes = STRIKE_NOTES.format(4 + number % 3)
    return Event(
        report_id=report_id,
        event_date=date(2016, 3, 14),
        time_precision=1,
        disorder_type="Political violence",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        actor1="Military Forces of Syria (2000-)",
        assoc_actor_1=None,
        inter1=1,
        actor2="Civilians (Syria)",
        assoc_actor_2=None,
        inter2=7,
        interaction="17",
        civilian_targeting="Civilian targeting",
        iso=760,
        country="Syria",
        admin1="Idlib",
        admin2="Idlib",
        admin3=None,
        location="Saraqib",
        latitude=35.8624,
        longitude=36.8007,
        geo_precision=1,
        source=f"Outlet {number}",
        notes=notes,
        fatalities=4 + number % 3,
        evidence=[Evidence("location", 0, len(notes), 43, 50, "Saraqib")],
        confidence=0.6 + (number % 5) / 20,
        country_code="SY",
    )


def extracted_reports(count: int) -> list[tuple[Report, list[Event]]]:
    """The first `count` FA-KES articles with the events the pipeline extracts from them."""
    from warlog.ingest import parse_published
    from warlog.pipeline import Pipeline

    pipeline = Pipeline()
    reports = [
        Report(id=record["id"], text=record["text"], published=parse_published(record["published"]))
        for record in load_texts("fakes_articles", count)
    ]
    return [(analysis.report, analysis.events) for analysis in pipeline.run_many(reports)]


def timed(store: Store, reports: list[tuple[Report, list[Event]]]) -> tuple[float, float]:
    """Reports/s and CPU ms a report of adding `reports` one by one."""
    started, cpu = time.perf_counter(), time.process_time()
    for report, events in reports:
        store.add_report(report, copy.deepcopy(events))
    count = max(len(reports), 1)
    return count / (time.perf_counter() - started), 1000 * (time.process_time() - cpu) / count


def bench_store_size(
    sizes: list[int], window: int, real: list[tuple[Report, list[Event]]], ten_years: bool
) -> list[dict]:
    points = []
    for size in sizes:
        days = DAYS if ten_years else max(1, round(max(size, 3 * window) / EVENTS_PER_DAY))
        rng = random.Random(size)
        synthetic = []
        for number in range(window):
            report_id = f"new-{number:05d}"
            report = Report(id=report_id, text=f"synthetic report {number}", source=f"source {number % 40}")
            synthetic.append((report, [synthetic_event(rng, report_id, days) for _ in range(3)]))
        with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "bench.duckdb") as store:
            if size:  # (preload writes at least one event)
                preload(store, size, rng, days)
                store.db.execute("CHECKPOINT")  # the bulk load written out, as a store at rest would be
            rate, cpu_ms = timed(store, synthetic)
            real_rate, real_cpu_ms = timed(store, real)
        point = {
            "stored_events": size,
            "days": days,
            "reports_per_second": round(rate, 1),
            "cpu_ms_per_report": round(cpu_ms, 1),
        }
        if real:
            point |= {"real_reports_per_second": round(real_rate, 1), "real_cpu_ms_per_report": round(real_cpu_ms, 1)}
        points.append(point)
        print(
            f"{size:>7} stored events over {days} days: {rate:.1f} reports/s, {cpu_ms:.1f} ms CPU a report"
            + (f"; FA-KES articles {real_rate:.1f}/s, {real_cpu_ms:.1f} ms CPU" if real else "")
            + f" (load {os.getloadavg()[0]:.1f})",
            flush=True,
        )
    return points


def bench_one_event(sources: int, step: int) -> list[dict]:
    points = []
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "bench.duckdb") as store:
        started, cpu = time.perf_counter(), time.process_time()
        for number in range(sources):
            report_id = f"strike-{number:05d}"
            text = f"{STRIKE_NOTES.format(4 + number % 3)} ({number})"
            store.add_report(Report(report_id, text, source=f"Outlet {number}"), [strike_event(report_id, number)])
            if (number + 1) % step == 0:
                rate = step / (time.perf_counter() - started)
                cpu_ms = 1000 * (time.process_time() - cpu) / step
                merged, most = store.db.execute("SELECT count(*), max(source_count) FROM merged_events").fetchone()
                points.append(
                    {
                        "reports": number + 1,
                        "largest_source_count": most,
                        "reports_per_second": round(rate, 1),
                        "cpu_ms_per_report": round(cpu_ms, 1),
                    }
                )
                print(
                    f"{number + 1:>6} reports ({merged} merged, largest {most} sources): {rate:.1f} reports/s,"
                    f" {cpu_ms:.1f} ms CPU a report",
                    flush=True,
                )
                started, cpu = time.perf_counter(), time.process_time()
    return points


def bench_one_event_bulk(sizes: list[int], window: int) -> list[dict]:
    """The one event already told by N sources (written in bulk), then `window` more reports of it timed."""
    points = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "bench.duckdb") as store:
            preload_events(store, [strike_event(f"strike-{number:05d}", number) for number in range(size)])
            store.db.execute("CHECKPOINT")
            tellings = [
                (Report(f"strike-{number:05d}", f"{STRIKE_NOTES.format(4 + number % 3)} ({number})",
                        source=f"Outlet {number}"), [strike_event(f"strike-{number:05d}", number)])
                for number in range(size, size + window + 1)
            ]  # fmt: skip
            timed(store, tellings[:1])  # the first joins an event without a stored summary: recomputed once
            rate, cpu_ms = timed(store, tellings[1:])
            merged, most = store.db.execute("SELECT count(*), max(source_count) FROM merged_events").fetchone()
        points.append(
            {
                "sources_before": size,
                "largest_source_count": most,
                "reports_per_second": round(rate, 1),
                "cpu_ms_per_report": round(cpu_ms, 1),
            }
        )
        print(
            f"{size:>6} sources stored, then {window} more ({merged} merged, largest {most} sources):"
            f" {rate:.1f} reports/s, {cpu_ms:.1f} ms CPU a report (load {os.getloadavg()[0]:.1f})",
            flush=True,
        )
    return points


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[0, 10_000, 50_000, 100_000])
    parser.add_argument("--window", type=int, default=300, help="new reports timed at each store size")
    parser.add_argument("--real", type=int, default=40, help="FA-KES articles also timed at each store size")
    parser.add_argument("--ten-years", action="store_true", help="events over ten years whatever the store size")
    parser.add_argument("--out", default="ingest_rate", help="result name under benchmarks/results")
    parser.add_argument("--sources", type=int, default=10_000, help="reports of the one event")
    parser.add_argument("--step", type=int, default=1000, help="reports per timed window of the one event")
    parser.add_argument(
        "--bulk-sources", type=int, nargs="*", default=[], help="the one event first told by N sources written in bulk"
    )
    args = parser.parse_args()
    real = extracted_reports(args.real) if args.sizes and args.real else []
    result = {
        "store_size": bench_store_size(args.sizes, args.window, real, args.ten_years) if args.sizes else [],
        "one_event": bench_one_event(args.sources, args.step) if args.sources else [],
        "one_event_bulk": bench_one_event_bulk(args.bulk_sources, args.window),
        "window": args.window,
        "real_reports": len(real),
        "events_over": "2015-2024" if args.ten_years else f"{EVENTS_PER_DAY:.1f} a day",
        "load_average": os.getloadavg(),
    }
    print(f"written to {write_result(args.out, result)}")


if __name__ == "__main__":
    main()
