"""FA-KES articles/s of one batch run three ways: one process (`--workers 1`), `--workers 2` (local
processes) and Ray Data with 1 and 2 actors (`--engine ray`, a local two-CPU Ray); then the block-by-block
merge of the events.

    .venv/bin/python benchmarks/bench_scaling.py [--articles 300] [--repeats 2]

Each run is timed from the reports in memory to the last event out, worker start-up included (spawning
processes, loading the pipeline in each, starting Ray's actors), as a user's batch job pays it; Ray's own
start (`ray.init`) is timed apart. The machine's load average is recorded before every run: other
processes slow every system alike. Writes benchmarks/results/scaling.json, with the estimate of the wall
time of 1,000,000 articles on a 64-core Ray cluster from the measured per-core rate.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from inputs import load_texts, write_result  # noqa: E402

from warlog import batch_merge, parallel  # noqa: E402
from warlog.ingest import parse_published  # noqa: E402
from warlog.records import Extracted, Report  # noqa: E402

CLUSTER_CORES = 64
CLUSTER_ARTICLES = 1_000_000


def reports_of(records: list[dict]) -> list[Report]:
    return [Report(r["id"], r["text"], parse_published(r["published"])) for r in records]


def run_local(reports: list[Report], workers: int) -> int:
    return sum(len(item.events) for item in parallel.extract(reports, workers) if isinstance(item, Extracted))


def run_ray(reports: list[Report], workers: int) -> int:
    import ray.data

    from warlog import ray_runner

    rows = [{"id": r.id, "text": r.text, "published": r.published, "source": None, "url": None} for r in reports]
    dataset = ray.data.from_items(rows)
    return ray_runner.extract_dataset(dataset, workers=workers).count()


def timed(label: str, run, reports: list[Report], workers: int, repeats: int) -> dict:
    seconds, loads, events = [], [], 0
    for _ in range(repeats):
        loads.append(round(os.getloadavg()[0], 2))
        start = time.perf_counter()
        events = run(reports, workers)
        seconds.append(round(time.perf_counter() - start, 2))
    best = min(seconds)
    result = {
        "system": label,
        "workers": workers,
        "articles": len(reports),
        "events": events,
        "seconds": seconds,
        "articles_per_s_best": round(len(reports) / best, 2),
        "articles_per_s_median": round(len(reports) / statistics.median(seconds), 2),
        "load_average_before": loads,
    }
    print(result, flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    reports = reports_of(load_texts("fakes_articles", args.articles))
    parallel.warm_up()  # the single process's models load before its clock starts, as a worker's do

    # `--workers 1` is the single process itself (no pool is started for one worker).
    runs = [timed("single process", run_local, reports, 1, args.repeats)]
    runs += [timed("--workers", run_local, reports, 2, args.repeats)]

    import ray

    start = time.perf_counter()
    ray.init(num_cpus=2, include_dashboard=False, configure_logging=False, log_to_driver=False)
    ray.data.DataContext.get_current().enable_progress_bars = False
    ray_start = round(time.perf_counter() - start, 2)
    runs += [timed("ray", run_ray, reports, n, args.repeats) for n in (1, 2)]
    ray.shutdown()

    extracted = [item for item in parallel.extract(reports) if isinstance(item, Extracted)]
    events = [batch_merge.Extraction(e, n) for item in extracted for n, e in enumerate(item.events)]
    start = time.perf_counter()
    merged = batch_merge.merge(events)
    merge_seconds = time.perf_counter() - start

    per_core = max(run["articles_per_s_best"] for run in runs if run["workers"] == 1)
    ray_two = next(run for run in runs if run["system"] == "ray" and run["workers"] == 2)["articles_per_s_best"]
    events_per_article = len(events) / len(reports)
    merge_events_per_s = len(events) / merge_seconds
    extraction_hours = CLUSTER_ARTICLES / (CLUSTER_CORES * per_core) / 3600
    merge_hours = CLUSTER_ARTICLES * events_per_article / merge_events_per_s / 3600
    estimate = {
        "articles": CLUSTER_ARTICLES,
        "cores": CLUSTER_CORES,
        "per_core_articles_per_s": per_core,
        "ray_two_workers_articles_per_s": ray_two,
        "extraction_hours_at_per_core_rate": round(extraction_hours, 2),
        "events_per_article": round(events_per_article, 2),
        "merge_events_per_s_one_process": round(merge_events_per_s, 1),
        "merge_hours_one_process": round(merge_hours, 2),
    }
    print(estimate)
    path = write_result(
        "scaling",
        {
            "corpus": "fakes_articles",
            "ray_init_seconds": ray_start,
            "runs": runs,
            "merge": {"events": len(events), "merged": len(merged), "seconds": round(merge_seconds, 2)},
            "estimate_64_core_ray": estimate,
        },
    )
    print(f"written to {path}")


if __name__ == "__main__":
    main()
