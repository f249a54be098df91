"""The learned typing engine (`warlog train`, `--model`) on ACLED's notes and on news.

Scores: acled_dev split two ways, trained on one part and scored on the other, untouched part — at
random (the hash of the id: tune half for training, held-out half for scoring) and by collection
(trained on the ACLED_global_2020, Bangladesh and Myanmar collections, scored on Kenya, Benin and
Afghanistan). On the scored part: rules alone and rules + model (the stacked model, which sees the
rules' choice, combined as its own cross-validation on the training part chose: folds by collection,
as `warlog train` makes them where the notes name their collection). Each note with one gold event is
scored on the event the rules' output is scored on (`warlog eval events`: its most confident event).

Speed: training time on every note of acled_dev (the rules' pass over the notes apart; 5 folds by
collection, then the fit on all notes, as `warlog train` does), model size, and the model's prediction
speed (one event at a time, as the coding stage asks it) against spaCy's parse of the same notes on one
core. News: `warlog eval fakes --split held-out` and the seed article, rules alone and rules + model
(the model trained on all of acled_dev, kept outside the repository).

    .venv/bin/warlog extract ../shared/data/events/acled_dev.jsonl -f jsonl -o acled_rules.jsonl   # the rules, once
    .venv/bin/python benchmarks/bench_learn.py --rules acled_rules.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from inputs import RESULTS, shared_data, write_result
from platformdirs import user_cache_path

from warlog.evaluation.report import provenance
from warlog.evaluation.split import HELD_OUT, TUNE, split_of
from warlog.learn.features import FeatureConfig
from warlog.learn.model import combined
from warlog.learn.training import CodedNote, train_on, type_scores
from warlog.learn.views import EventView
from warlog.records import Report
from warlog.taxonomy import taxonomy

TRAINED_ON = ("ACLED_global_2020", "ACLED_Bangladesh_2022_2024", "ACLED_Myanmar_2021_ERV")
FOLDS = 5  # for the combination, on the training part only (by collection: 3 or 4 folds hold notes)
SPEED_NOTES = 2000
MODEL_PATH = user_cache_path("warlog") / "bench_learn_acled_dev.npz"  # trained on ACLED: never in the repository


def quiet(items, total, label):
    return items


def gold_records() -> list[dict]:
    path = shared_data() / "events" / "acled_dev.jsonl"
    if not path.exists():
        sys.exit(f"{path} not found: put ../shared beside the repository or set WARLOG_SHARED")
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def views_from_extraction(records: list[dict], path: Path) -> tuple[dict[str, list[EventView]], dict[str, dict]]:
    """The rules' views rebuilt from `warlog extract -f jsonl` output as the coding stage makes them: a
    report with one event is seen whole, with the rules' type, their confidence before the lead's bonus and
    the deaths they count; a report with none or several is not shown to the model (one view with no rule choice for
    training, as `training.rule_views` gives). Also each report's scored event (the most confident)."""
    texts = {record["id"]: record["text"] for record in records}
    rows: dict[str, list[dict]] = {}
    for line in path.open(encoding="utf-8"):
        row = json.loads(line)
        rows.setdefault(row["report_id"], []).append(row)
    views, scored = {}, {}
    for report_id, text in texts.items():
        events = rows.get(report_id, [])
        best = max(events, key=lambda event: event["confidence"], default=None)  # the first on ties
        scored[report_id] = best
        if len(events) == 1:
            confidence = round(best["confidence"] - 0.1, 3)
            views[report_id] = [EventView(report_id, text, best["sub_event_type"], confidence, best["fatalities"])]
        else:
            views[report_id] = [EventView(report_id, text, None, 0.0)]
    return views, scored


def coded_notes(records: list[dict]) -> list[CodedNote]:
    notes = []
    for record in records:
        types = {event["sub_event_type"] for event in record["events"]}
        if len(types) == 1:
            notes.append(CodedNote(Report(record["id"], record["text"]), types.pop(), record["dataset"]))
    return notes


def score_part(model, test: list[dict], views, scored) -> dict:
    parents = {sub: event_type for event_type, sub in taxonomy()}
    gold, predicted = [], {"rules": [], "rules+model": []}
    for record in test:
        event = scored[record["id"]]
        rules = event["sub_event_type"] if event else "(none)"
        view = views[record["id"]][0]
        gold.append(record["events"][0]["sub_event_type"])
        predicted["rules"].append(rules)
        if view.sub_event_type is None:  # no event, or several: the model is not asked
            predicted["rules+model"].append(rules)
            continue
        probabilities = model.probabilities([view])[0]
        decision = combined(model.labels, probabilities, view, parents.get(rules, ""), model.combination)
        predicted["rules+model"].append(decision.sub_event_type)
    return {name: type_scores(gold, labels, parents) for name, labels in predicted.items()}


def split_scores(name: str, train: list[dict], test: list[dict], views, scored) -> dict:
    started = time.perf_counter()
    notes = coded_notes(train)
    model = train_on(notes, views, FOLDS, quiet, FeatureConfig(), {"file": f"acled_dev ({name})"})
    scored_records = [record for record in test if len(record["events"]) == 1]
    result = {
        "trained_on_notes": len(notes),
        "scored_notes": len(scored_records),
        "combination": model.combination.to_json(),
        "cross_validation_on_training_part": model.info["cross_validation"]["scores"],
        "scores": score_part(model, scored_records, views, scored),
        "seconds": round(time.perf_counter() - started, 1),
    }
    print(name, json.dumps(result["scores"]), flush=True)
    return result


def speed(records: list[dict], views) -> dict:
    notes = coded_notes(records)
    started = time.perf_counter()
    model = train_on(notes, views, FOLDS, quiet, FeatureConfig(), {"file": "acled_dev.jsonl"})
    seconds = time.perf_counter() - started
    MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    model.save(MODEL_PATH)
    sample = [views[record["id"]][0] for record in records[:SPEED_NOTES]]
    started = time.perf_counter()
    for view in sample:
        model.probabilities([view])
    model_rate = len(sample) / (time.perf_counter() - started)

    import spacy

    from warlog.language import MODEL

    nlp = spacy.load(MODEL)  # every component, as FINDINGS.md's parse figure
    texts = [record["text"] for record in records[:SPEED_NOTES]]
    list(nlp.pipe(texts[:50]))
    started = time.perf_counter()
    list(nlp.pipe(texts, batch_size=32))
    parse_rate = len(texts) / (time.perf_counter() - started)
    return {
        "training_notes": len(notes),
        "training_seconds": round(seconds, 1),
        "training_cpu": "one process; the machine is shared, so wall time is an upper bound",
        "combination": model.combination.to_json(),
        "model_bytes": MODEL_PATH.stat().st_size,
        "features": int(model.coef.shape[1]),
        "prediction_events_per_s": round(model_rate, 1),
        "spacy_parse_notes_per_s": round(parse_rate, 1),
        "prediction_vs_parse": round(model_rate / parse_rate, 1),
    }


def news(model_path: Path) -> dict:
    warlog = str(Path(sys.executable).parent / "warlog")
    fakes = shared_data() / "events" / "fakes.jsonl"
    command = [warlog, "eval", "fakes", str(fakes), "--split", HELD_OUT, "--json", "--model", str(model_path)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    fakes_scores = json.loads(done.stdout)
    seed = shared_data().parent / "seed" / "albukamal_2015-11-25.txt"
    seed_types = {}
    for name, extra in (("rules", []), ("rules+model", ["--model", str(model_path)])):
        args = [warlog, "extract", str(seed), "--published", "2015-11-25", "-f", "jsonl", *extra]
        rows = [json.loads(line) for line in subprocess.run(args, capture_output=True, text=True).stdout.splitlines()]
        seed_types[name] = [[row["event_type"], row["sub_event_type"], row["fatalities"]] for row in rows]
    return {
        "fakes_held_out": {name: _fakes_headline(scores) for name, scores in fakes_scores.items()},
        "seed": seed_types,
    }


def _fakes_headline(scores: dict) -> dict:
    return {key: value for key, value in scores.items() if isinstance(value, int | float) and key != "seconds"}


PARTS = ("random", "collection", "speed", "news")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rules", type=Path, required=True, help="`warlog extract -f jsonl` output on acled_dev")
    parser.add_argument(
        "--parts", default=",".join(PARTS), help=f"which of {', '.join(PARTS)} to run (news needs speed's model)"
    )
    args = parser.parse_args()
    parts = args.parts.split(",")
    os.environ.setdefault("WARLOG_TIME_BUDGET", "0")
    records = gold_records()
    views, scored = views_from_extraction(records, args.rules)
    if "random" in parts:
        tune = [r for r in records if split_of(r["id"]) == TUNE]
        held_out = [r for r in records if split_of(r["id"]) == HELD_OUT]
        save({"random_split": split_scores("random", tune, held_out, views, scored)})
    if "collection" in parts:
        trained_on = [r for r in records if r["dataset"] in TRAINED_ON]
        others = [r for r in records if r["dataset"] not in TRAINED_ON]
        by_collection = split_scores("by collection", trained_on, others, views, scored)
        save({"collection_split": by_collection | {"trained_on": TRAINED_ON}})
    if "speed" in parts:
        save({"speed": speed(records, views)})
    if "news" in parts:
        save({"news": news(MODEL_PATH)})


def save(part: dict) -> None:
    """Add one part's figures to results/learn.json (the parts may run as separate processes): each part
    keeps the commit and time it was measured at; the file's own stamp is its latest write's."""
    path = RESULTS / "learn.json"
    stamp = provenance()
    saved = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    saved = {name: figures for name, figures in saved.items() if name not in stamp}
    stamped = {
        name: {"measured_at": stamp["measured_at"], "commit": stamp["commit"]} | figures
        for name, figures in part.items()
    }
    print(json.dumps(part), write_result("learn", saved | stamped), flush=True)


if __name__ == "__main__":
    main()
