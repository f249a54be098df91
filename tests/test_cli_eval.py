import json

from typer.testing import CliRunner

from event_factory import GOLD_EVENT
from warlog.cli.evaluation import eval_app

runner = CliRunner()


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def gold_file(tmp_path):
    rows = [
        {"id": f"r{n}", "text": "On 9 May 2020, clashes ...", "published": None, "events": [GOLD_EVENT]} for n in (1, 2)
    ]
    return write_jsonl(tmp_path / "gold.jsonl", rows)


def test_events_from_a_prediction_file_as_json(tmp_path):
    # r1 perfect; r2 predicted with the wrong sub-event type.
    pred = write_jsonl(
        tmp_path / "pred.jsonl",
        [
            GOLD_EVENT | {"report_id": "r1", "confidence": 0.9},
            GOLD_EVENT | {"report_id": "r2", "sub_event_type": "Attack"},
        ],
    )
    result = runner.invoke(eval_app, ["events", str(gold_file(tmp_path)), "--pred", str(pred), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["system"] == str(pred)
    assert scores["single_event"]["event_type"]["accuracy"] == 1.0
    assert scores["single_event"]["sub_event_type"]["accuracy"] == 0.5
    assert scores["single_event"]["fatalities_exact"] == 1.0


def test_limit_scores_a_subset_and_missing_reports_count_as_wrong(tmp_path):
    pred = write_jsonl(tmp_path / "pred.jsonl", [GOLD_EVENT | {"report_id": "r2"}])
    args = ["events", str(gold_file(tmp_path)), "--pred", str(pred), "--json"]
    assert json.loads(runner.invoke(eval_app, args).output)["single_event"]["date_exact"] == 0.5
    limited = json.loads(runner.invoke(eval_app, [*args, "--limit", "1"]).output)
    assert limited["reports"] == 1
    assert limited["single_event"]["date_exact"] == 0.0


def test_table_names_each_headline_metric(tmp_path):
    pred = write_jsonl(tmp_path / "pred.jsonl", [GOLD_EVENT | {"report_id": "r1"}])
    result = runner.invoke(eval_app, ["events", str(gold_file(tmp_path)), "--pred", str(pred)])
    assert result.exit_code == 0, result.output
    assert "single_event.sub_event_type.macro_f1" in result.output
    assert "confusion" not in result.output


def test_places_and_dates_commands_read_their_cli_output_formats(tmp_path):
    text = "Fighting in Aleppo on 8 January 1998."
    toponym = {"start": 12, "end": 18, "text": "Aleppo", "lat": 36.2, "lon": 37.16, "geonameid": "170063"}
    timex = {"start": 22, "end": 36, "text": "8 January 1998", "type": "DATE", "value": "1998-01-08"}
    gold = write_jsonl(tmp_path / "gold.jsonl", [{"id": "d1", "text": text, "toponyms": [toponym], "timexes": [timex]}])
    place = {"start": 12, "end": 18, "text": "Aleppo", "name": "Aleppo", "lat": 36.2, "lon": 37.16, "geonameid": 170063}
    places = write_jsonl(tmp_path / "places.jsonl", [{"id": "d1", "places": [place]}])
    dates = write_jsonl(tmp_path / "dates.jsonl", [{"id": "d1", "dates": [timex | {"value": "1998-01-09"}]}])
    place_scores = json.loads(runner.invoke(eval_app, ["places", str(gold), "--pred", str(places), "--json"]).output)
    assert place_scores["accuracy_161km"] == 1.0 and place_scores["geonameid_exact"] == 1.0
    date_scores = json.loads(runner.invoke(eval_app, ["dates", str(gold), "--pred", str(dates), "--json"]).output)
    assert date_scores["span_recall"] == 1.0 and date_scores["value_f1"] == 0.0


def test_split_scores_one_half_and_says_which(tmp_path):
    from warlog.evaluation.split import TUNE, split_of

    rows = [{"id": f"r{n}", "text": "...", "published": None, "events": [GOLD_EVENT]} for n in range(20)]
    gold = write_jsonl(tmp_path / "gold.jsonl", rows)
    pred = write_jsonl(tmp_path / "pred.jsonl", [GOLD_EVENT | {"report_id": row["id"]} for row in rows])
    result = runner.invoke(eval_app, ["events", str(gold), "--pred", str(pred), "--json", "--split", TUNE])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["split"] == TUNE
    assert scores["reports"] == sum(split_of(row["id"]) == TUNE for row in rows) < len(rows)
    refused = runner.invoke(eval_app, ["events", str(gold), "--pred", str(pred), "--split", "test"])
    assert refused.exit_code != 0


def test_news_scores_only_the_fields_a_record_gives(tmp_path):
    gold = write_jsonl(
        tmp_path / "gold.jsonl",
        [{"id": "s1", "text": "...", "published": None, "events": [{"country": "Syria"}]}],
    )
    pred = write_jsonl(tmp_path / "pred.jsonl", [{"report_id": "s1", "country": "Syria", "fatalities": 3}])
    result = runner.invoke(eval_app, ["news", str(gold), "--pred", str(pred), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["country"] == 1.0 and scores["fatalities_exact"] is None and scores["place_within_25km"] is None
