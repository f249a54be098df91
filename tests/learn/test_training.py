from __future__ import annotations

import json

import pytest
from learn_data import coded_records, write_coded

from warlog.learn.features import FeatureConfig
from warlog.learn.model import Combination
from warlog.learn.training import CodedNote, TrainingError, as_model, fit, fold_key, read_coded, scored_view
from warlog.learn.views import EventView
from warlog.records import Report


def test_gold_jsonl_gives_each_note_with_its_one_type(tmp_path):
    records = coded_records()
    records[0]["events"].append({"event_type": "Battles", "sub_event_type": "Armed clash"})  # two types: no label
    records[1]["text"] = "  "  # no text
    records[2]["dataset"] = "Kenya 2021"
    path = tmp_path / "coded.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    notes = read_coded(path)
    assert len(notes) == len(records) - 2
    assert notes[0] == CodedNote(Report("z1", records[2]["text"]), "Violent demonstration", "Kenya 2021")
    assert notes[1].collection is None


def test_an_acled_csv_without_notes_is_refused_naming_the_file(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("event_date,event_type,sub_event_type,country\n2021-05-01,Protests,Peaceful protest,Kenya\n")
    with pytest.raises(TrainingError, match="export.csv: no notes column"):
        read_coded(path)


def test_an_acled_csv_gives_its_notes(tmp_path):
    path = tmp_path / "export.csv"
    lines = ["event_id_cnty,event_date,event_type,sub_event_type,country,notes"]
    for record in coded_records():
        event = record["events"][0]
        lines.append(
            f'{record["id"]},2021-05-01,{event["event_type"]},{event["sub_event_type"]},Kenya,"{record["text"]}"'
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    notes = read_coded(path)
    assert len(notes) == 30
    assert notes[0].report.text == coded_records()[0]["text"] and notes[0].sub_event_type == "Peaceful protest"
    assert notes[0].collection == "Kenya"


def test_the_folds_hold_whole_collections_where_every_note_names_one():
    def note(number: int, collection: str | None) -> CodedNote:
        return CodedNote(Report(f"r{number}", "text"), "Armed clash", collection)

    named = [note(1, "Kenya"), note(2, "Benin"), note(3, "Kenya")]
    by, key = fold_key(named)
    assert by == "collection" and [key(n) for n in named] == ["Kenya", "Benin", "Kenya"]
    assert fold_key([*named, note(4, None)])[0] == "report"  # a note of no known collection
    by, key = fold_key([note(1, "Kenya"), note(2, "Kenya")])
    assert by == "report" and key(note(2, "Kenya")) == "r2"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json\n", "coded.jsonl:1: not JSON"),
        ('{"id": "a", "text": "x"}\n', "coded.jsonl:1: a coded note needs 'text' and 'events'"),
        ('{"id": "a", "text": "x", "events": [{"sub_event_type": "Picnic"}]}\n', "'Picnic' is not in ACLED"),
        ('{"id": "a", "text": "x", "events": [{"sub_event_type": "Armed clash"}]}\n', "1 coded notes with text"),
    ],
)
def test_coded_data_that_cannot_be_trained_on_is_refused_naming_the_file(tmp_path, content, problem):
    path = tmp_path / "coded.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TrainingError, match=problem):
        read_coded(path)


def test_one_type_only_is_nothing_to_learn(tmp_path):
    records = [record for record in coded_records() if record["id"].startswith("p")] * 2
    path = tmp_path / "coded.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    with pytest.raises(TrainingError, match="every note has the same sub-event type"):
        read_coded(path)
    with pytest.raises(TrainingError, match="absent.jsonl: no such file"):
        read_coded(tmp_path / "absent.jsonl")


def test_the_scored_view_is_the_most_confident_first_on_ties():
    views = [EventView("r", "a", "Armed clash", 0.5), EventView("r", "b", "Attack", 0.8)]
    views.append(EventView("r", "c", None, 0.8))
    assert scored_view(views) == 1


def test_two_labels_give_a_model_of_two_rows_agreeing_with_the_classifier(tmp_path):
    notes = [note for note in read_coded(write_coded(tmp_path / "coded.jsonl")) if note.report.id[0] in "pc"]
    views = {note.report.id: [EventView(note.report.id, note.report.text, None, 0.0)] for note in notes}
    features, classifier = fit(notes, views, FeatureConfig(min_df=1))
    model = as_model(features, classifier, Combination(), {})
    rows = [view for note_views in views.values() for view in note_views]
    assert model.coef.shape[0] == 2
    assert abs(model.probabilities(rows) - classifier.predict_proba(features.transform(rows))).max() < 1e-6
