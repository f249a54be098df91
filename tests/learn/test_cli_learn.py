"""`warlog train` and `--model` on the command line, and the model reaching worker processes."""

from __future__ import annotations

import json

from learn_data import trained_model_path, write_coded  # noqa: F401 (a fixture)
from typer.testing import CliRunner

from conftest import no_time_budget
from warlog import parallel
from warlog.cli import app
from warlog.learn import combine
from warlog.records import Report

WIDE = {"COLUMNS": "500"}  # rich's error panel must not wrap the path it names
NEW = [
    Report("n1", "On 9 June 2021, protesters zorblatted shops in Nyeri, Kenya."),
    Report("n2", "On 9 June 2021, traders protested peacefully in Nyeri, Kenya."),
]


def test_train_writes_a_model_and_prints_the_cross_validated_scores(tmp_path):
    with no_time_budget():
        result = CliRunner().invoke(
            app, ["train", str(write_coded(tmp_path / "coded.jsonl")), "-o", str(tmp_path / "m.npz"), "--folds", "2"]
        )
    assert result.exit_code == 0, result.output
    assert "Model trained on 30 notes" in result.output and "rules+model" in result.output
    assert (tmp_path / "m.npz").stat().st_size > 0


def test_train_on_a_file_without_labels_names_it(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("event_date,event_type,country,notes\n2021-05-01,Protests,Kenya,Traders protested.\n")
    result = CliRunner().invoke(app, ["train", str(path), "-o", str(tmp_path / "m.npz")], env=WIDE)
    assert result.exit_code == 2
    assert f"{path}: no sub_event_type column" in result.output
    assert not (tmp_path / "m.npz").exists()


def test_extract_with_a_model_types_as_the_coders_did(trained_model_path, tmp_path):  # noqa: F811
    reports = tmp_path / "new.jsonl"
    reports.write_text("".join(json.dumps({"id": r.id, "text": r.text}) + "\n" for r in NEW), encoding="utf-8")
    runner = CliRunner()
    try:
        with no_time_budget():
            rules = runner.invoke(app, ["extract", str(reports), "-f", "jsonl"])
            learned = runner.invoke(app, ["extract", str(reports), "-f", "jsonl", "--model", str(trained_model_path)])
    finally:
        combine.use_model(None)
    assert rules.exit_code == 0 and learned.exit_code == 0, rules.output + learned.output
    rule_rows = [json.loads(line) for line in rules.stdout.splitlines()]
    rows = [json.loads(line) for line in learned.stdout.splitlines()]
    assert [row["sub_event_type"] for row in rule_rows] == ["Peaceful protest", "Peaceful protest"]
    assert [(row["event_type"], row["sub_event_type"]) for row in rows] == [
        ("Riots", "Violent demonstration"),
        ("Protests", "Peaceful protest"),
    ]
    assert rows[0]["actor1"] == "Rioters (Kenya)"  # the sides follow the type the model chose
    # Evidence still names the sentence; the confidence reflects the model's support as well as the rules'.
    typed = next(item for item in rows[0]["evidence"] if item["field"] == "event_type")
    assert NEW[0].text[typed["sentence_start"] : typed["sentence_end"]] == NEW[0].text
    assert rows[0]["confidence"] < rule_rows[0]["confidence"]


def test_a_file_that_is_no_model_is_a_usage_error_naming_it(tmp_path):
    bogus = tmp_path / "bogus.npz"
    bogus.write_text("no", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", "-", "--model", str(bogus)], input="Two killed.", env=WIDE)
    assert result.exit_code == 2
    assert f"{bogus}: not a warlog model file" in result.output


def test_worker_processes_use_the_model_of_the_process_that_starts_them(trained_model_path):  # noqa: F811
    combine.use_model(trained_model_path)
    try:
        with no_time_budget():
            here = list(parallel.extract(NEW, workers=1))
            workers = list(parallel.extract(NEW, workers=2))
    finally:
        combine.use_model(None)
    assert workers == here
    assert [item.events[0].sub_event_type for item in workers] == ["Violent demonstration", "Peaceful protest"]
