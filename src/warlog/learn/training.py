"""`warlog train`: fit the typing model on a team's coded notes.

The notes are read from an ACLED export CSV (`notes` is the text, `sub_event_type` the label) or from
warlog's gold JSONL (`text`, and `events` that agree on one sub-event type). The rules run over every
note first, because the model learns from their choice (`features`); then K folds give out-of-fold
probabilities, on which the combination (`model.Combination`) is tuned and the scores written in the file
are measured; last, the model is fitted on all the notes.

The folds hold whole collections where the notes name theirs (the JSONL's `dataset`, the CSV's
`country`): a model scored on notes of collections it read trusts itself too much on ones it never read
(on acled_dev, a threshold tuned on folds by report, 0.2, lost 0.08 sub-event macro-F1 on three unseen
collections). Notes of one collection only are split by report.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

from warlog.learn import combine
from warlog.learn.features import FeatureConfig, Features
from warlog.learn.model import Combination, TypingModel, combined
from warlog.learn.views import Decision, EventView
from warlog.records import Report
from warlog.taxonomy import taxonomy

# The model overrides the rules only where it gives another type at least even odds (0.5 .. 0.95): below
# that, on collections it never read, it re-typed notes into rare types and lost macro-F1.
THRESHOLDS = tuple(round(0.05 * step, 2) for step in range(10, 20))
# The rules' type stands at or above this confidence (the rules' confidences run 0.4 .. 0.9; 1.0: never).
RULES_SURE_AT = (0.65, 0.75, 0.85, 1.0)
COMBINATIONS = tuple(Combination(threshold, sure) for threshold in THRESHOLDS for sure in RULES_SURE_AT)
REGULARISATION = 10.0  # LogisticRegression's C
MIN_NOTES = 10

Progress = Callable[[Iterable[Any], int, str], Iterable[Any]]


class TrainingError(ValueError):
    """Coded data that cannot be trained on; the message names the file and the problem."""


@dataclass(frozen=True, slots=True)
class CodedNote:
    report: Report
    sub_event_type: str
    collection: str | None = None  # the collection or country the note belongs to, where the file tells


def read_coded(path: Path) -> list[CodedNote]:
    """The notes of an ACLED CSV or a gold JSONL file with their sub-event types."""
    if not path.is_file():
        raise TrainingError(f"{path}: no such file")
    notes = _read_csv(path) if path.suffix.lower() == ".csv" else _read_jsonl(path)
    if len(notes) < MIN_NOTES:
        raise TrainingError(f"{path}: {len(notes)} coded notes with text; training needs at least {MIN_NOTES}")
    if len({note.sub_event_type for note in notes}) < 2:
        raise TrainingError(f"{path}: every note has the same sub-event type; there is nothing to learn")
    return notes


def _read_csv(path: Path) -> list[CodedNote]:
    import csv

    from warlog.acled_csv import read_acled_csv

    with path.open(encoding="utf-8-sig", newline="") as stream:
        columns = csv.DictReader(stream).fieldnames or []
    missing = [column for column in ("notes", "sub_event_type") if column not in columns]
    if missing:
        raise TrainingError(f"{path}: no {' or '.join(missing)} column; an ACLED export has both")
    notes = []
    for item in read_acled_csv(path):
        if isinstance(item, tuple) and item[0].text.strip():
            report, event = item
            notes.append(CodedNote(report, event.sub_event_type, event.country))
    return notes


def _read_jsonl(path: Path) -> list[CodedNote]:
    from warlog.ingest import parse_published

    known = {sub for _, sub in taxonomy()}
    notes = []
    with path.open(encoding="utf-8") as stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise TrainingError(f"{path}:{number}: not JSON ({error.msg})") from error
            if not isinstance(record, dict) or "text" not in record or "events" not in record:
                raise TrainingError(f"{path}:{number}: a coded note needs 'text' and 'events' (../shared/data format)")
            subs = {event.get("sub_event_type") for event in record["events"] or []}
            if len(subs) != 1 or not record["text"] or not record["text"].strip():
                continue  # no label, or events of several types: the note's type is not one
            (sub,) = subs
            if sub not in known:
                raise TrainingError(f"{path}:{number}: sub-event type {sub!r} is not in ACLED's taxonomy")
            published = parse_published(record.get("published"))
            report = Report(str(record.get("id") or f"line-{number}"), record["text"], published, record.get("source"))
            notes.append(CodedNote(report, sub, record.get("dataset")))
    return notes


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class ViewRecorder:
    """An engine that keeps the rules' choice and records the view of every event coded."""

    def __init__(self) -> None:
        self.views: list[EventView] = []

    def decide(self, view: EventView, event_type: str) -> Decision:
        self.views.append(view)
        return Decision(event_type, view.sub_event_type or "", 1.0)


def rule_views(reports: Sequence[Report], progress: Progress) -> dict[str, list[EventView]]:
    """Each report's event view as the rules code it (the coding stage asks the model about a report
    telling one event only); a report the rules find no event in, or several, gets one view of its whole
    text with no rule choice."""
    from warlog.pipeline import Pipeline

    recorder = ViewRecorder()
    with combine.engine(recorder):
        for _ in progress(Pipeline().run_or_reject(reports), len(reports), "rules over the notes"):
            pass
    found: dict[str, list[EventView]] = {}
    for view in recorder.views:
        found.setdefault(view.report_id, []).append(view)
    return {report.id: found.get(report.id) or [EventView(report.id, report.text, None, 0.0)] for report in reports}


def scored_view(views: Sequence[EventView]) -> int:
    """The view of the event a scorer compares with the note's gold type: the most confident (first on ties)."""
    return max(range(len(views)), key=lambda position: (views[position].confidence, -position))


def fit(
    notes: Sequence[CodedNote],
    views: dict[str, list[EventView]],
    config: FeatureConfig,
    regularisation: float = REGULARISATION,
) -> tuple[Features, LogisticRegression]:
    """Features and a classifier over every event view of the notes, each labelled with its note's type."""
    labels = sorted({note.sub_event_type for note in notes})
    rows = [(view, note.sub_event_type) for note in notes for view in views[note.report.id]]
    features = Features.fit(config, labels, [view for view, _ in rows])
    classifier = LogisticRegression(C=regularisation, max_iter=1000, class_weight="balanced")
    classifier.fit(features.transform([view for view, _ in rows]), [label for _, label in rows])
    return features, classifier


def as_model(features: Features, classifier: LogisticRegression, combination: Combination, info: dict) -> TypingModel:
    """The fitted classifier's weights as a model (the labels are the classifier's classes, both sorted)."""
    assert tuple(classifier.classes_) == features.labels, "labels and classes are both the sorted training labels"
    coef, intercept = classifier.coef_, classifier.intercept_
    if len(features.labels) == 2:  # scikit-learn keeps one row for two classes: the second's log-odds
        coef = np.vstack([np.zeros_like(coef[0]), coef[0]])
        intercept = np.array([0.0, intercept[0]])
    return TypingModel(features, coef, intercept, combination, info)


def fold_of(key: str, folds: int) -> int:
    return hashlib.sha256(key.encode("utf-8")).digest()[1] % folds


def fold_key(notes: Sequence[CodedNote]) -> tuple[str, Callable[[CodedNote], str]]:
    """What the folds split by: the notes' collections where there are several and every note names
    its own, else the reports."""
    if None not in (collections := {note.collection for note in notes}) and len(collections) > 1:
        return "collection", lambda note: note.collection or ""
    return "report", lambda note: note.report.id


def cross_validate(
    notes: Sequence[CodedNote], views: dict[str, list[EventView]], config: FeatureConfig, folds: int, progress: Progress
) -> list[tuple[CodedNote, list[Decision], list[np.ndarray], TypingModel]]:
    """Per note: its rules' decisions and out-of-fold probabilities for each of its views."""
    results = []
    _, key = fold_key(notes)
    for fold in progress(range(folds), folds, "cross-validating"):
        train = [note for note in notes if fold_of(key(note), folds) != fold]
        test = [note for note in notes if fold_of(key(note), folds) == fold]
        if not test or len({note.sub_event_type for note in train}) < 2:
            continue
        model = as_model(*fit(train, views, config), Combination(), info={})
        for note in test:
            note_views = views[note.report.id]
            results.append((note, note_views, list(model.probabilities(note_views)), model))
    return results


def scores_at(results: list, combination: Combination) -> dict[str, dict[str, float]]:
    """Macro-F1 and accuracy of sub-event and event type on the scored event of each note: rules alone,
    model alone (its most probable type) and rules + model (`combined` by `combination`)."""
    parents = {sub: event_type for event_type, sub in taxonomy()}
    gold, predicted = [], {"rules": [], "model": [], "rules+model": []}
    for note, views, probabilities, model in results:
        gold.append(note.sub_event_type)
        position = scored_view(views)
        view = views[position]
        rules = view.sub_event_type or "(none)"
        predicted["rules"].append(rules)
        predicted["model"].append(model.labels[int(np.argmax(probabilities[position]))])
        decision = combined(model.labels, probabilities[position], view, parents.get(rules, ""), combination)
        predicted["rules+model"].append(decision.sub_event_type or "(none)")
    return {name: type_scores(gold, labels, parents) for name, labels in predicted.items()}


def type_scores(gold: list[str], predicted: list[str], parents: dict[str, str]) -> dict[str, float]:
    def macro(truth: list[str], guess: list[str]) -> float:
        labels = sorted((set(truth) | set(guess)) - {"(none)"})
        return round(float(f1_score(truth, guess, labels=labels, average="macro", zero_division=0)), 4)

    gold_types = [parents.get(label, "(none)") for label in gold]
    predicted_types = [parents.get(label, "(none)") for label in predicted]
    return {
        "sub_event_macro_f1": macro(gold, predicted),
        "sub_event_accuracy": round(float(np.mean([a == b for a, b in zip(gold, predicted, strict=True)])), 4),
        "event_type_macro_f1": macro(gold_types, predicted_types),
    }


def train(
    path: Path,
    folds: int,
    progress: Progress,
    config: FeatureConfig | None = None,
) -> TypingModel:
    """A model trained on the coded notes at `path` (the rules run over them first)."""
    notes = read_coded(path)
    views = rule_views([note.report for note in notes], progress)
    source = {"file": path.name, "sha256": file_digest(path)}
    return train_on(notes, views, folds, progress, config or FeatureConfig(), source)


def train_on(
    notes: Sequence[CodedNote],
    views: dict[str, list[EventView]],
    folds: int,
    progress: Progress,
    config: FeatureConfig,
    source: dict[str, str],
) -> TypingModel:
    """A model trained on `notes` given the rules' `views` of them: the combination and the scores from
    `folds`-fold cross-validation (none for 1: the rules' type always stands), the weights from all the
    notes. Of the combinations that score best, the one that trusts the model least is kept."""
    results = cross_validate(notes, views, config, folds, progress) if folds > 1 else []
    combination, scores = Combination(), {}
    if results:
        by_combination = {candidate: scores_at(results, candidate) for candidate in COMBINATIONS}
        combination = max(
            COMBINATIONS,
            key=lambda c: (by_combination[c]["rules+model"]["sub_event_macro_f1"], c.threshold, -c.rules_sure_at),
        )
        scores = by_combination[combination]
    features, classifier = fit(notes, views, config)
    info = {
        "training": source
        | {"notes": len(notes), "label_counts": dict(Counter(note.sub_event_type for note in notes).most_common())},
        "cross_validation": {"folds": folds, "by": fold_key(notes)[0], "notes": len(results), "scores": scores},
    }
    return as_model(features, classifier, combination, info)
