"""The results page: every evaluation of `catalogue.EVALUATIONS`, the benchmarks, charts and anchors.

    warlog eval report --page docs/results.md --results benchmarks/results --readme README.md

Runs `warlog eval` on every gold file (scores saved as JSON in the results folder), reads the
benchmark results written there by benchmarks/ (rerun with --benchmarks: the scripts beside the results
folder), draws the charts into an `img` folder beside the page and writes the page; the README's headline
table (between its `results:begin`/`results:end` markers) is refreshed too when a README is named. It
writes nowhere else: the repository's paths are given by whoever regenerates it. Each table and figure
names the data it was measured on, the date and the commit. Needs matplotlib (the `report` extra).
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from warlog.evaluation.catalogue import ANCHORS, EVALUATIONS
from warlog.evaluation.charts import confusion_chart, merge_chart, place_error_chart, throughput_chart
from warlog.evaluation.events import BY_DATASET_FIELDS
from warlog.evaluation.tables import headline_table, stamp, table
from warlog.evaluation.tasks import evaluate, headline_metrics

README_BEGIN, README_END = "<!-- results:begin -->", "<!-- results:end -->"
CEILING_FIELDS = ("date_exact", "place_within_25km", "country")


@dataclass(frozen=True)
class ReportPaths:
    """Where the report reads and writes: the page (its charts go in `img/` beside it), the folder of
    saved scores and benchmark results, the README whose headline table is refreshed (or None), and
    the gold data."""

    page: Path
    results: Path
    data: Path
    readme: Path | None = None

    @property
    def images(self) -> Path:
        return self.page.parent / "img"


def provenance() -> dict[str, str]:
    """When, on what code and on what machine a measurement was taken."""
    commit = _git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = _git("status", "--porcelain", "--untracked-files=no", "--", "src")
    return {
        "measured_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit + ("+uncommitted" if dirty else ""),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()}",
        "cpu": _cpu_model(),
        "python": platform.python_version(),
    }


def _cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    lines = cpuinfo.read_text().splitlines() if cpuinfo.exists() else []
    models = [line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")]
    return models[0] if models else platform.processor() or "unknown"


def _git(*args: str) -> str:
    # The commit of the code measured: the checkout this package is imported from, if it is one.
    done = subprocess.run(["git", *args], cwd=Path(__file__).parent, capture_output=True, text=True, check=False)
    return done.stdout.strip() if done.returncode == 0 else ""


def run_evaluations(paths: ReportPaths, limit: int | None, reuse: bool) -> dict[str, dict[str, Any]]:
    """Scores of every evaluation, run now (or read back with `reuse`), saved in `paths.results`."""
    paths.results.mkdir(parents=True, exist_ok=True)
    results = {}
    for evaluation in EVALUATIONS:
        path = paths.results / f"eval_{evaluation.name}.json"
        gold = paths.data / evaluation.gold
        if reuse and path.exists():
            results[evaluation.name] = json.loads(path.read_text(encoding="utf-8"))
            continue
        if not gold.exists():
            print(f"skipped {evaluation.name}: {gold} not found", file=sys.stderr)
            continue
        print(f"evaluating {evaluation.task} on {gold.name} ...", file=sys.stderr, flush=True)
        result = evaluate(evaluation.task, gold, limit=limit, half=evaluation.split) | provenance()
        result["limit"] = limit
        path.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        results[evaluation.name] = result
    return results


def run_benchmarks(scripts: Path) -> None:
    for script in ("bench_throughput.py", "bench_startup.py"):
        subprocess.run([sys.executable, str(scripts / script)], check=True)


def read_benchmark(results: Path, name: str) -> dict[str, Any] | None:
    path = results / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def events_section(result: dict[str, Any]) -> str:
    single, multi = result["single_event"], result["multi_event"]
    rows = [
        [name, single[key]["accuracy"], single[key]["macro_f1"], single[key]["weighted_f1"]]
        for name, key in (("event type", "event_type"), ("sub-event type", "sub_event_type"))
    ]
    ceiling = single.get("ceilings", {})
    fields = [
        ["event date exact", single["date_exact"], ceiling.get("date_exact")],
        ["event date exact, notes naming the year", single.get("date_exact_year_knowable"), ""],
        ["place within 25 km", single["place_within_25km"], ceiling.get("place_within_25km")],
        ["place within 161 km", single["place_within_161km"], ""],
        ["country", single["country"], ceiling.get("country")],
        ["fatalities exact", single["fatalities_exact"], ""],
        [f"fatalities exact where someone was killed ({single['killed_reports']:,} reports)",
         single["fatalities_exact_killed"], ""],
        ["actor1 (half the gold name's words)", single["actor1"], ""],
        ["interaction code", single["interaction"], ""],
    ]  # fmt: skip
    by_dataset = [
        [
            name,
            scores["reports"],
            *(scores[field] for field in BY_DATASET_FIELDS),
            *(scores.get("ceilings", {}).get(field) for field in CEILING_FIELDS),
        ]
        for name, scores in result.get("by_dataset", {}).items()
    ]
    labels = sorted(single["sub_event_type"]["labels"].items(), key=lambda item: -item[1]["support"])
    per_label = [[label, s["support"], s["precision"], s["recall"], s["f1"]] for label, s in labels]
    return (
        f"Single-event reports: {single['reports']:,} (with a prediction: {single['predicted']:,}); "
        f"several-event reports: {multi['reports']:,}. {stamp(result)}.\n\n"
        + table(["classification", "accuracy", "macro-F1", "weighted F1"], rows)
        + "\n"
        + table(["field (single-event reports)", "score", "ceiling"], fields)
        + "\nThe ceiling is the share of notes whose own words make the answer knowable at all "
        "(`warlog.evaluation.reach`): the year named or a publication date; some capitalised name with a "
        "reading in the packaged gazetteer within 25 km of the gold point; some name, nationality, word said "
        "of few countries or the outlet pointing to the gold country. No choice among the names can do "
        "better; the rest needs a gazetteer of villages (none is packaged for offline use) or facts the "
        "note does not state.\n\n"
        + "\n"
        + table(
            ["several-event reports", "value"],
            [
                ["mean absolute error of the event count", multi["event_count_mae"]],
                ["share with the exact event count", multi["event_count_exact"]],
            ],
        )  # fmt: skip
        + "\nBy source collection (single-event reports). Collections differ in what their notes state: only 6% "
        "of the Kenya 2004–2019 notes give a year, and none has a publication date, so their event dates "
        "cannot be read from the text alone.\n\n"
        + table(
            [
                "collection",
                "reports",
                *(field.replace("_", " ") for field in BY_DATASET_FIELDS),
                *(f"{field.replace('_', ' ')} ceiling" for field in CEILING_FIELDS),
            ],
            by_dataset,
        )
        + "\n<details><summary>Sub-event types, one by one</summary>\n\n"
        + table(["sub-event type", "gold reports", "precision", "recall", "F1"], per_label)
        + "\n</details>\n"
    )


def generic_section(result: dict[str, Any]) -> str:
    rows = [[name, value] for name, value in headline_metrics(result) if name not in ("limit",)]
    return f"{stamp(result)}.\n\n" + table(["metric", "value"], rows)


def speed_section(speed: dict[str, Any] | None, startup: dict[str, Any] | None) -> str:
    if not speed:
        return "Not measured yet: run `python benchmarks/bench_throughput.py`.\n"
    rows = [
        [run["corpus"], run["system"], run["processes"], run["reports"], f"{run['reports_per_s']:.1f}",
         run["chars_per_s"], f"{run['peak_rss_mb']:.0f}"]
        for run in speed["runs"]
    ]  # fmt: skip
    text = (
        f"{speed['machine']} ({speed.get('cpu', '')}), Python {speed['python']}; measured {speed['measured_at']} "
        f"on commit `{speed['commit']}` by `benchmarks/bench_throughput.py`. Peak memory is per process "
        "(per worker when several run). Other jobs may share the machine: compare the systems measured side by side "
        "in one run, not one run with another.\n\n"
        + table(["texts", "system", "processes", "reports", "reports/s", "characters/s", "peak MB"], rows)
        + "\n"
        + table(
            ["system", "texts", "processes", "speed × spaCy full parse"],
            [[r["system"], r["corpus"], r["processes"], f"{r['speed_vs_spacy_parse']:.2f}"] for r in speed["ratios"]],
        )
    )
    if startup:
        text += (
            f"\nStart-up (`benchmarks/bench_startup.py`, measured {startup['measured_at']} on commit "
            f"`{startup['commit']}`): `warlog extract` on one {startup['report_characters']}-character note, as a "
            f"fresh process, takes {startup['extract_median_s']:.2f} s (median of {startup['runs']}), peaking at "
            f"{startup['extract_peak_rss_mb']:.0f} MB; the very first run after an install or a data change, which "
            f"builds the gazetteer index once, took {startup['extract_first_run_s']:.1f} s. A process that has loaded "
            f"the pipeline and extracted one report holds {startup['memory_at_rest_mb']:.0f} MB.\n"
        )
    return text


def render(results: dict[str, dict[str, Any]], paths: ReportPaths) -> str:
    """The results page; its charts are saved in `paths.images`."""
    speed, startup = read_benchmark(paths.results, "throughput"), read_benchmark(paths.results, "startup")
    now = provenance()
    parts = [
        "# Results\n",
        f"Regenerated by `warlog eval report` on {now['measured_at']}, commit `{now['commit']}`, "
        f"{now['machine']}. Metric definitions: [evaluation.md](evaluation.md). Gold data: `../shared/data` "
        "(not part of this repository); warlog saw only each record's id, text and publication date.\n",
        "## Headline\n",
        headline_table(results, speed),
        "\n" + ANCHORS,
    ]
    by_name = {evaluation.name: evaluation for evaluation in EVALUATIONS}
    if "acled_dev" in results:
        parts += [
            "\n## Events: ACLED notes\n",
            events_section(results["acled_dev"]),
            "\n" + confusion_chart(results["acled_dev"], paths.images),
        ]
    place_chart = place_error_chart(results, paths.images)
    if place_chart:
        parts.append("\n" + place_chart)
    for name in ("fakes", "fakes_held_out", "syrian_archive", "ucdp_headlines", "lgl", "geovirus", "timebank",
                 "ecbplus_merge", "fakes_merge"):  # fmt: skip
        if name in results:
            evaluation = by_name[name]
            half = f" --split {evaluation.split}" if evaluation.split else ""
            parts += [f"\n## {evaluation.about} (`warlog eval {evaluation.task} {evaluation.gold}{half}`)\n",
                      generic_section(results[name])]  # fmt: skip
    merge_trade_off = merge_chart(results, paths.images)
    if merge_trade_off:
        parts.append("\n" + merge_trade_off)
    parts += ["\n## Speed\n", speed_section(speed, startup)]
    if speed:
        parts.append("\n" + throughput_chart(speed, paths.images))
    return "\n".join(parts)


def update_readme(results: dict[str, dict[str, Any]], paths: ReportPaths) -> bool:
    """Replace the headline table between the README's markers; False when it has none."""
    readme = paths.readme
    text = readme.read_text(encoding="utf-8")
    if README_BEGIN not in text or README_END not in text:
        return False
    head, rest = text.split(README_BEGIN, 1)
    _, tail = rest.split(README_END, 1)
    now = provenance()
    page = Path(os.path.relpath(paths.page, readme.parent)).as_posix()
    stamp_line = (
        f"\nFrom [{page}]({page}) (regenerated {now['measured_at']}, commit `{now['commit']}`), "
        "where each number has its data, date and commit, and the references [1]–[4] are given.\n\n"
    )
    body = stamp_line + headline_table(results, read_benchmark(paths.results, "throughput"))
    readme.write_text(head + README_BEGIN + "\n" + body + README_END + tail, encoding="utf-8")
    return True


def generate(paths: ReportPaths, limit: int | None = None, reuse: bool = False, benchmarks: bool = False) -> Path:
    """Write the results page (and the README's headline table) where `paths` says; return the page."""
    if benchmarks:
        run_benchmarks(paths.results.parent)
    results = run_evaluations(paths, limit, reuse)
    paths.page.parent.mkdir(parents=True, exist_ok=True)
    paths.page.write_text(render(results, paths), encoding="utf-8")
    if paths.readme is not None and not update_readme(results, paths):
        print(f"{paths.readme} has no {README_BEGIN} marker: headline table not copied there", file=sys.stderr)
    return paths.page
