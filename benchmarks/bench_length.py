"""Seconds per report against its length: does any stage grow faster than the text?

    WARLOG_TIME_BUDGET=0 .venv/bin/python benchmarks/bench_length.py [--lengths 1000,10000,...] [--repeats N]

Reports are the seed article (../shared/seed) repeated and cut to each length (1,000 to 500,000
characters), plus two hostile ones of 200,000 characters: nested brackets ("((((...))))") and one
sentence (the seed's sentence punctuation and line breaks made commas, repeated). Each report runs through
the whole pipeline once to warm up the process (models, gazetteer), then is timed in CPU seconds (the
machine is shared; CPU time is what a loaded machine does not inflate much), per stage and in all, taking
the least of `--repeats` runs. The growth exponent is the slope of log(seconds) on log(characters) over
the seed reports of 10,000 characters and more (below that a report's fixed costs dominate). The time
budget must be off (WARLOG_TIME_BUDGET=0): this measures what the budget would cut short.
Writes benchmarks/results/length.json.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from inputs import shared_data, write_result  # noqa: E402

from warlog import language  # noqa: E402
from warlog.pipeline import STAGES, WARM_UP, Pipeline  # noqa: E402
from warlog.records import Analysis, Report  # noqa: E402

SEED = "seed/albukamal_2015-11-25.txt"
PUBLISHED = date(2015, 11, 25)
LENGTHS = (1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000)
HOSTILE_CHARS = 200_000
FIT_FROM_CHARS = 10_000


def seed_text() -> str:
    path = shared_data().parent / SEED
    if not path.exists():
        sys.exit(f"{path} not found: put ../shared beside the repository or set WARLOG_SHARED")
    return path.read_text(encoding="utf-8")


def repeated(seed: str, chars: int) -> str:
    """The seed repeated (paragraph-separated) and cut at the last whitespace before `chars`."""
    text = "\n\n".join([seed] * (chars // len(seed) + 1))[:chars]
    return text[: text.rstrip().rfind(" ")] if len(text) == chars and " " in text else text


def one_sentence(seed: str, chars: int) -> str:
    flat = re.sub(r"\s*[.!?\n]+\s*", ", ", seed)
    return repeated(flat, chars - 1).replace("\n\n", ", ") + "."


def nested_brackets(chars: int) -> str:
    return "(" * (chars // 2) + ")" * (chars // 2)


def timed(text: str, repeats: int) -> dict:
    """Least CPU seconds of `repeats` runs, in all and per stage, and what was found."""
    best: dict | None = None
    for _ in range(repeats):
        analysis = Analysis(Report("bench", text, PUBLISHED))
        stages = {}
        started = time.process_time()
        next(language.annotate_many([analysis]))
        stages["language"] = time.process_time() - started
        for stage in STAGES:
            stage_started = time.process_time()
            stage.annotate(analysis)
            stages[stage.name.rsplit(".", 1)[-1]] = time.process_time() - stage_started
        total = time.process_time() - started
        if best is None or total < best["seconds"]:
            best = {
                "chars": len(text),
                "seconds": round(total, 3),
                "stages": {name: round(seconds, 3) for name, seconds in stages.items()},
                "events": len(analysis.events),
                "mentions": len(analysis.mentions),
            }
    assert best is not None
    return best


def growth_exponent(rows: list[dict]) -> float:
    """Least-squares slope of log(seconds) on log(chars)."""
    points = [(math.log(row["chars"]), math.log(row["seconds"])) for row in rows if row["seconds"] > 0]
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    covariance = sum((x - mean_x) * (y - mean_y) for x, y in points)
    return covariance / sum((x - mean_x) ** 2 for x, _ in points)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lengths", default=",".join(str(n) for n in LENGTHS), help="comma-separated characters")
    parser.add_argument("--repeats", type=int, default=1, help="runs per report; the least time is kept")
    parser.add_argument("--no-hostile", action="store_true", help="skip the brackets and one-sentence reports")
    args = parser.parse_args()
    if os.environ.get("WARLOG_TIME_BUDGET") != "0":
        sys.exit("set WARLOG_TIME_BUDGET=0: the benchmark measures what the time budget would cut short")
    Pipeline().run(WARM_UP)
    seed = seed_text()
    rows = []
    for chars in (int(n) for n in args.lengths.split(",")):
        row = timed(repeated(seed, chars), args.repeats) | {"input": "seed repeated"}
        rows.append(row)
        print(f"seed repeated  {row['chars']:>9,} chars  {row['seconds']:8.2f} s  {row['stages']}", flush=True)
    hostile = []
    if not args.no_hostile:
        for name, text in (
            ("nested brackets", nested_brackets(HOSTILE_CHARS)),
            ("one sentence", one_sentence(seed, HOSTILE_CHARS)),
        ):
            row = timed(text, args.repeats) | {"input": name}
            hostile.append(row)
            print(f"{name:<14} {row['chars']:>9,} chars  {row['seconds']:8.2f} s  {row['stages']}", flush=True)
    fitted = [row for row in rows if row["chars"] >= FIT_FROM_CHARS]
    exponent = round(growth_exponent(fitted), 3) if len(fitted) >= 2 else None
    print(f"growth exponent (seed, >= {FIT_FROM_CHARS:,} chars): {exponent}")
    result = {
        "unit": "CPU seconds per report (least of repeats), budget off",
        "load_average": os.getloadavg(),
        "repeats": args.repeats,
        "seed_repeated": rows,
        "hostile": hostile,
        "growth_exponent": exponent,
        "fitted_from_chars": FIT_FROM_CHARS,
    }
    print(f"wrote {write_result('length', result)}")


if __name__ == "__main__":
    main()
