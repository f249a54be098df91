"""Start-up time of `warlog extract` on one short report, and warlog's memory at rest.

    .venv/bin/python benchmarks/bench_startup.py [--runs 5]

Start-up: wall time of `warlog extract NOTE.txt --format jsonl` as a fresh subprocess. The first run
is timed apart: after an install or a data change it builds and caches the gazetteer index (once).
The start-up figure is the median of the following runs, each a fresh process (the OS file cache
is warm, as on a laptop in use), with the peak memory of those processes. Memory at rest: the
resident memory of a process that has loaded the pipeline and extracted one report.
Writes benchmarks/results/startup.json.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from inputs import load_texts, write_result  # noqa: E402

WARLOG = Path(sys.executable).with_name("warlog")
AT_REST = """
from pathlib import Path
from warlog.pipeline import Pipeline
from warlog.records import Report
Pipeline().run(Report("one", {text!r}))
status = Path("/proc/self/status").read_text()
print(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))
"""


def timed_run(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one subprocess."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # 1: some report rejected, still a full run
        sys.exit(f"{' '.join(command)} failed: {process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    note = load_texts("acled_notes", 1)[0]["text"]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "note.txt"
        path.write_text(note, encoding="utf-8")
        command = [str(WARLOG), "extract", str(path), "--format", "jsonl"]
        first = timed_run(command)
        runs = [timed_run(command) for _ in range(args.runs)]
    at_rest_kb = subprocess.run(
        [sys.executable, "-c", AT_REST.format(text=note)], capture_output=True, text=True, check=True
    ).stdout.strip()
    result = {
        "report_characters": len(note),
        "extract_first_run_s": round(first[0], 3),
        "extract_median_s": round(statistics.median(seconds for seconds, _ in runs), 3),
        "extract_peak_rss_mb": round(max(peak for _, peak in runs), 1),
        "memory_at_rest_mb": round(int(at_rest_kb) / 1024, 1),
        "runs": args.runs,
    }
    for key, value in result.items():
        print(f"{key:22} {value}")
    write_result("startup", result)


if __name__ == "__main__":
    main()
