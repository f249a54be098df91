"""The evaluation tasks: how warlog predicts on a gold file's texts, how another system's prediction file
is read, and which scorer scores them (`evaluate`); the scalar scores of a result (`headline_metrics`).

The pipeline sees only each gold record's `id`, `text` and `published` (or `dct`). Metric definitions:
docs/evaluation.md.
"""

from __future__ import annotations

import importlib
import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import track

from warlog.evaluation import split
from warlog.ingest import parse_published
from warlog.records import Analysis, Report

Records = list[dict[str, Any]]
Predictions = dict[str, list[dict[str, Any]]]

stderr = Console(stderr=True)


@dataclass(frozen=True)
class Task:
    """One evaluation: how warlog predicts, how a prediction file is read, and how it is scored."""

    title: str  # the table's title and the command's help
    predict: Callable[[list[Report]], Predictions]
    read_predictions: Callable[[Path], Predictions]
    scorer: str  # module of warlog.evaluation whose score(gold, predictions) scores it

    def score(self, gold: Records, predictions: Predictions) -> dict[str, Any]:
        return importlib.import_module(f"warlog.evaluation.{self.scorer}").score(gold, predictions)


def evaluate(
    task_name: str,
    gold_path: Path,
    pred_path: Path | None = None,
    limit: int | None = None,
    half: str | None = None,
) -> dict:
    """Scores of warlog (or of `pred_path`) on a gold file, or on one half of it (`split`); `seconds` is
    the prediction time."""
    task = TASKS[task_name]
    gold = read_jsonl(gold_path)
    if half is not None:
        gold = split.select(gold, half)
    gold = gold[:limit] if limit is not None else gold
    started = time.perf_counter()
    if pred_path is None:
        predictions = task.predict([gold_report(record) for record in gold])
    else:
        predictions = task.read_predictions(pred_path)
    elapsed = time.perf_counter() - started
    result = task.score(gold, predictions)
    result["gold"] = str(gold_path)
    if half is not None:
        result["split"] = half
    result["system"] = str(pred_path) if pred_path else "warlog"
    result["seconds"] = round(elapsed, 2)
    return result


def read_jsonl(path: Path, limit: int | None = None) -> Records:
    records: Records = []
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            if limit is not None and len(records) >= limit:
                break
            if line.strip():
                records.append(json.loads(line))
    return records


def gold_report(record: dict[str, Any]) -> Report:
    """What the pipeline may see of a gold record: what a user's JSONL report carries (id, text, publication
    or creation date, the outlet's name), never the coded answers."""
    try:
        published = parse_published(record.get("published") or record.get("dct"))
    except ValueError:
        # A gold file's placeholder (UCDP's 1753-01-01 for 'not known') is no publication date; a user's
        # file with one is rejected by ingest, but scoring the text should not stop at it.
        published = None
    return Report(
        id=record["id"],
        text=record["text"],
        published=published,
        source=record.get("source"),
        title=record.get("title"),
    )


def _progress(items: Iterable[Any], total: int, label: str) -> Iterator[Any]:
    return track(items, total=total, description=label, console=stderr, disable=not stderr.is_terminal)


def predict_events(reports: list[Report]) -> Predictions:
    from warlog.export import event_record
    from warlog.pipeline import Pipeline

    predictions: Predictions = {}
    for analysis in _progress(Pipeline().run_many(reports), len(reports), "extracting"):
        predictions[analysis.report.id] = [event_record(event) for event in analysis.events]
    return predictions


def predict_places(reports: list[Report]) -> Predictions:
    from warlog import language, toponyms
    from warlog.export import place_record

    predictions: Predictions = {}
    analyses = language.annotate_many(Analysis(report) for report in reports)
    for analysis in _progress(analyses, len(reports), "places"):
        toponyms.annotate(analysis)
        predictions[analysis.report.id] = [place_record(mention) for mention in analysis.places]
    return predictions


def predict_dates(reports: list[Report]) -> Predictions:
    from warlog import timex
    from warlog.export import timex_record

    return {
        report.id: [timex_record(found) for found in timex.find_timexes(report.text, report.published)]
        for report in _progress(reports, len(reports), "dates")
    }


def predict_merges(reports: list[Report]) -> Predictions:
    from warlog.evaluation import merge

    return merge.predict(reports)


def read_merge_predictions(path: Path) -> Predictions:
    """`warlog export --format jsonl` output: merged events, each with its `report_ids`."""
    from warlog.evaluation import merge

    return merge.read_predictions(path)


def read_event_predictions(path: Path) -> Predictions:
    """`warlog extract --format jsonl` output: one event a line, grouped by `report_id`."""
    predictions: Predictions = defaultdict(list)
    for row in read_jsonl(path):
        predictions[row["report_id"]].append(row)
    return dict(predictions)


def report_list_reader(key: str) -> Callable[[Path], Predictions]:
    """Reader of `warlog places` / `warlog dates` output: one `{"id", key: [...]}` line per report."""

    def read(path: Path) -> Predictions:
        return {row["id"]: row[key] for row in read_jsonl(path)}

    return read


TASKS = {
    "events": Task("ACLED-coded events", predict_events, read_event_predictions, "events"),
    "fakes": Task("FA-KES articles against the crowd coders", predict_events, read_event_predictions, "fakes"),
    "news": Task("News-style texts, on the fields each record gives", predict_events, read_event_predictions, "news"),
    "places": Task("Place mentions (toponyms)", predict_places, report_list_reader("places"), "places"),
    "dates": Task("Temporal expressions (TIMEX3 DATE)", predict_dates, report_list_reader("dates"), "dates"),
    "merge": Task("Merging: documents sharing an event", predict_merges, read_merge_predictions, "merge"),
}


# Per-label detail, matrices and raw error lists are for --json and the report, not the table.
DETAIL_KEYS = frozenset({"labels", "confusion", "by_dataset", "gold", "system", "split"})


def headline_metrics(result: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, float | int | None]]:
    """Every scalar score of a (nested) result, named by its path: "single_event.event_type.macro_f1"."""
    for key, value in result.items():
        if key in DETAIL_KEYS:
            continue
        if isinstance(value, dict):
            yield from headline_metrics(value, f"{prefix}{key}.")
        elif value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
            yield f"{prefix}{key}", value
