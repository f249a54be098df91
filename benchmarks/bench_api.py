"""Latency and throughput of the workbench API's list endpoint over a store of 100,000 events.

    .venv/bin/python benchmarks/bench_api.py [--events 100000] [--requests 400] [--load 2000 --concurrency 8]
        [--store duckdb|postgresql --postgres-url postgresql://USER:PASSWORD@HOST/DATABASE]

Fills a fresh store with synthetic merged events (written straight into the store's tables with one
SQL statement: extraction is not what is measured here; on PostgreSQL, made in DuckDB and copied with
COPY into a schema of its own, dropped afterwards), starts `warlog serve` on a free loopback port, then:
- latency: `--requests` sequential `GET /events` calls cycling through typical filter sets (none, an
  event type, a country and a year, a bounding box, text search, an actor, two sources or more, a
  deep page, the review queue, the least confident), p50/p95 overall and per filter set (goal: p95 <
  200 ms);
- throughput: `--load` requests of the default page from `--concurrency` clients at once (a bounded
  load, loopback only), requests per second.
Writes benchmarks/results/api.json (api_postgresql.json for a PostgreSQL store).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import duckdb
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from inputs import write_result  # noqa: E402

from warlog.serve.background import running_server  # noqa: E402
from warlog.store import schema  # noqa: E402
from warlog.store.database import Store  # noqa: E402

FILTER_SETS = {
    "none": {},
    "event_type": {"event_type": "Battles"},
    "country+year": {"country": "Syria", "start": "2019-01-01", "end": "2019-12-31"},
    "bbox": {"bbox": "35,32,42,37"},
    "text search": {"q": "market"},
    "actor": {"actor": "Islamic State"},
    "min_sources": {"min_sources": 2},
    "deep page": {"offset": 50_000},
    "review queue": {"status": "auto", "sort": "queue"},
    "least confident": {"max_confidence": 0.5, "sort": "confidence"},
}
# Synthetic events: a country box (lon, lat), an ISO3 code, and the event types ACLED uses.
FILL_SQL = """
WITH countries(n, country, code, iso3, lon, lat) AS (VALUES
    (0, 'Syria', 'SY', 'SYR', 36.0, 33.0), (1, 'Iraq', 'IQ', 'IRQ', 40.0, 31.0),
    (2, 'Yemen', 'YE', 'YEM', 43.0, 13.0), (3, 'Nigeria', 'NG', 'NGA', 4.0, 6.0),
    (4, 'Mali', 'ML', 'MLI', -8.0, 12.0), (5, 'Afghanistan', 'AF', 'AFG', 62.0, 31.0),
    (6, 'Kenya', 'KE', 'KEN', 35.0, -3.0), (7, 'Colombia', 'CO', 'COL', -76.0, 2.0)),
types(n, event_type, sub_event_type, disorder_type) AS (VALUES
    (0, 'Battles', 'Armed clash', 'Political violence'),
    (1, 'Explosions/Remote violence', 'Shelling/artillery/missile attack', 'Political violence'),
    (2, 'Explosions/Remote violence', 'Air/drone strike', 'Political violence'),
    (3, 'Violence against civilians', 'Attack', 'Political violence'),
    (4, 'Protests', 'Peaceful protest', 'Demonstrations'),
    (5, 'Riots', 'Violent demonstration', 'Demonstrations'),
    (6, 'Strategic developments', 'Arrests', 'Strategic developments'))
INSERT INTO merged_events (
    event_id_cnty, created, event_date, time_precision, disorder_type, event_type, sub_event_type,
    actor1, actor2, country, admin1, location, latitude, longitude, geo_precision, notes, fatalities,
    year, country_code, source, source_count, report_ids, confidence, evidence, timestamp)
SELECT c.iso3 || (i + 1), i, DATE '2015-01-01' + CAST(hash(i) % 3650 AS INTEGER), 1, t.disorder_type,
    t.event_type, t.sub_event_type,
    CASE i % 3 WHEN 0 THEN 'Islamic State (' || c.country || ')' ELSE 'Military Forces of ' || c.country END,
    'Civilians (' || c.country || ')', c.country, 'Region ' || (i % 20), 'Town ' || (i % 500),
    c.lat + (hash(i * 7) % 400) / 100.0, c.lon + (hash(i * 13) % 400) / 100.0, 1,
    CASE WHEN i % 10 = 0 THEN 'Shelling hit a market in town ' ELSE 'Clashes near town ' END || (i % 500),
    CAST(i % 7 AS INTEGER), 2015 + CAST(hash(i) % 3650 AS INTEGER) // 365, c.code, 'Synthetic source',
    1 + CAST(i % 4 = 0 AS INTEGER), ['r' || i], 0.3 + (hash(i * 17) % 70) / 100.0, '{}', 0
FROM range(?) AS r(i)
JOIN countries c ON c.n = i % 8
JOIN types t ON t.n = i % 7
"""


BENCH_SCHEMA = "warlog_bench_api"


@contextlib.contextmanager
def filled_store(events: int, backend: str, postgres_url: str | None) -> Iterator[Path | str]:
    """A store of `events` synthetic merged events: a DuckDB file, or a schema of its own in PostgreSQL."""
    if backend == "duckdb":
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bench.duckdb"
            with Store(path) as store:
                store.db.execute(FILL_SQL, [events])
            yield path
        return
    if not postgres_url:
        raise SystemExit("--store postgresql needs --postgres-url (or $WARLOG_TEST_POSTGRES_URL)")
    import psycopg

    with duckdb.connect() as made, psycopg.connect(postgres_url, autocommit=True) as admin:
        schema.create(made)
        made.execute(FILL_SQL, [events])
        admin.execute(f"DROP SCHEMA IF EXISTS {BENCH_SCHEMA} CASCADE")
        admin.execute(f"CREATE SCHEMA {BENCH_SCHEMA}")
        separator = "&" if "?" in postgres_url else "?"
        location = f"{postgres_url}{separator}options={quote(f'-csearch_path={BENCH_SCHEMA}')}"
        try:
            Store(location).close()  # the tables
            rows = made.execute("SELECT * FROM merged_events")
            columns = ", ".join(d[0] for d in rows.description)
            with admin.cursor() as cursor:
                cursor.execute(f"SET search_path = {BENCH_SCHEMA}")
                with cursor.copy(f"COPY merged_events ({columns}) FROM STDIN") as copy:
                    while batch := rows.fetchmany(10_000):
                        for row in batch:
                            copy.write_row(row)
                cursor.execute("ANALYZE merged_events")
            yield location
        finally:
            admin.execute(f"DROP SCHEMA IF EXISTS {BENCH_SCHEMA} CASCADE")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def millis(values: list[float]) -> dict[str, float]:
    return {"p50_ms": round(percentile(values, 0.5) * 1000, 1), "p95_ms": round(percentile(values, 0.95) * 1000, 1)}


def measure_latency(base: str, requests: int) -> dict:
    per_set: dict[str, list[float]] = {name: [] for name in FILTER_SETS}
    names = list(FILTER_SETS)
    with httpx.Client(base_url=base, timeout=30) as client:
        for name in names:  # warm each query shape once
            client.get("/events", params=FILTER_SETS[name]).raise_for_status()
        for number in range(requests):
            name = names[number % len(names)]
            started = time.perf_counter()
            response = client.get("/events", params=FILTER_SETS[name])
            per_set[name].append(time.perf_counter() - started)
            response.raise_for_status()
    every = [value for values in per_set.values() for value in values]
    return {"overall": millis(every), "by_filter": {name: millis(values) for name, values in per_set.items()}}


def measure_load(base: str, total: int, concurrency: int) -> dict:
    def worker(count: int) -> int:
        with httpx.Client(base_url=base, timeout=30) as client:
            for _ in range(count):
                client.get("/events").raise_for_status()
        return count

    shares = [total // concurrency + (1 if n < total % concurrency else 0) for n in range(concurrency)]
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        done = sum(pool.map(worker, shares))
    seconds = time.perf_counter() - started
    return {
        "requests": done,
        "concurrency": concurrency,
        "seconds": round(seconds, 2),
        "requests_per_s": round(done / seconds, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--load", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--store", choices=("duckdb", "postgresql"), default="duckdb")
    parser.add_argument("--postgres-url", default=os.environ.get("WARLOG_TEST_POSTGRES_URL"))
    args = parser.parse_args()
    with filled_store(args.events, args.store, args.postgres_url) as location, running_server(location) as base:
        total = httpx.get(f"{base}/events").json()["total"]
        assert total == args.events, f"the store holds {total} events, not {args.events}"
        latency = measure_latency(base, args.requests)
        load = measure_load(base, args.load, args.concurrency)
    result = {"store": args.store, "events": args.events, "page_size": 50, "latency": latency, "load": load}
    saved = write_result("api" if args.store == "duckdb" else f"api_{args.store}", result)
    print(
        f"GET /events over {args.events:,} events ({args.store}): p50 {latency['overall']['p50_ms']} ms, "
        f"p95 {latency['overall']['p95_ms']} ms; {load['requests_per_s']} requests/s "
        f"with {args.concurrency} concurrent clients ({saved})"
    )
    for name, values in latency["by_filter"].items():
        print(f"  {name:>14}: p50 {values['p50_ms']} ms, p95 {values['p95_ms']} ms")


if __name__ == "__main__":
    main()
