import json
from datetime import date

from warlog.evaluation.tasks import gold_report, headline_metrics, read_event_predictions
from warlog.records import Report


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_headline_metrics_flatten_scalars_only():
    result = {"a": 1, "b": {"c": 0.5, "labels": {"x": 1}, "d": [1, 2]}, "e": None, "system": "warlog"}
    assert list(headline_metrics(result)) == [("a", 1), ("b.c", 0.5), ("e", None)]


def test_gold_report_sees_the_report_never_the_answers():
    report = gold_report({"id": "t1", "text": "Text.", "dct": "1998-01-08", "timexes": [{"value": "1998"}]})
    assert (report.id, report.text, report.published) == ("t1", "Text.", date(1998, 1, 8))
    assert report.source is None and report.title is None
    note = {"id": "n1", "text": "Text.", "published": None, "source": "Star (Kenya)", "events": [{"country": "Kenya"}]}
    assert gold_report(note) == Report(id="n1", text="Text.", published=None, source="Star (Kenya)")


def test_event_predictions_are_grouped_by_report(tmp_path):
    pred = write_jsonl(tmp_path / "pred.jsonl", [{"report_id": "a", "n": 1}, {"report_id": "b"}, {"report_id": "a"}])
    grouped = read_event_predictions(pred)
    assert [len(grouped["a"]), len(grouped["b"])] == [2, 1]


def test_a_placeholder_publication_date_is_read_as_unknown():
    # UCDP's headlines carry 1753-01-01 where the date is not known: the text is still scored.
    record = {"id": "ged-1", "text": "May 23rd 2016: Mosul, Nineveh province, Iraq", "published": "1753-01-01"}
    assert gold_report(record).published is None
