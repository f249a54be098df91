from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, datetime

import pytest

pa = pytest.importorskip("pyarrow", reason="the batch function's tables need pyarrow: pip install 'warlog[ray]'")
pd = pytest.importorskip("pandas", reason="the batch function's frames need pandas: pip install 'warlog[ray]'")

from conftest import no_time_budget  # noqa: E402
from warlog import batch, parallel  # noqa: E402
from warlog.export import ACLED_COLUMNS, event_record  # noqa: E402
from warlog.pipeline import Stage  # noqa: E402
from warlog.records import Extracted  # noqa: E402


def report_rows(reports) -> list[dict]:
    return [
        {"id": r.id, "text": r.text, "published": r.published, "source": r.source, "url": r.url, "title": r.title}
        for r in reports
    ]


def expected_rows(extracted: list[Extracted]) -> list[dict]:
    """What the single process extracts, as the batch function's rows."""
    rows = []
    for item in extracted:
        for ordinal, event in enumerate(item.events):
            row = event_record(event) | {"ordinal": ordinal}
            row["event_date"] = event.event_date
            rows.append(row)
    return rows


def comparable(row: dict) -> dict:
    found = {name: row[name] for name in ("report_id", "ordinal", *ACLED_COLUMNS, "confidence", "country_code")}
    return found | {"evidence": json.loads(row["evidence"]) if isinstance(row["evidence"], str) else row["evidence"]}


def test_an_arrow_batch_gives_the_single_process_events_in_order(fakes_reports, fakes_extracted):
    with no_time_budget():
        table = batch.extract_batch(pa.Table.from_pylist(report_rows(fakes_reports[:12])))
    assert table.schema == batch.arrow_schema()
    assert table.column_names == list(batch.COLUMNS)
    rows = table.to_pylist()
    expected = expected_rows(fakes_extracted[:12])
    assert len(rows) == len(expected) > 12
    assert [comparable(row) for row in rows] == [comparable(row) for row in expected]
    assert all(row["rejection"] is None for row in rows)
    assert json.loads(rows[0]["evidence"])[0].keys() >= {"field", "sentence_start", "text"}


def test_a_pandas_batch_gives_a_pandas_batch_with_the_same_rows(fakes_reports):
    reports = report_rows(fakes_reports[:4])
    frame = batch.extract_batch(pd.DataFrame(reports))
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == list(batch.COLUMNS)
    assert str(frame["fatalities"].dtype).startswith("int32")  # integers with gaps stay integers
    table = batch.extract_batch(pa.Table.from_pylist(reports))
    assert pa.Table.from_pandas(frame, preserve_index=False).to_pylist() == table.to_pylist()


def test_spark_shaped_calls_map_an_iterator_of_frames_and_declare_every_column(fakes_reports):
    frames = [pd.DataFrame(report_rows(fakes_reports[:2])), pd.DataFrame(report_rows(fakes_reports[2:3]))]
    out = list(batch.extract_frames(iter(frames)))
    assert len(out) == 2 and all(list(frame.columns) == list(batch.COLUMNS) for frame in out)
    assert set(out[1]["report_id"]) == {fakes_reports[2].id}
    schema = batch.spark_schema()
    assert schema.startswith("`report_id` string, `ordinal` int, `event_id_cnty` string, `event_date` date")
    assert "`latitude` double" in schema and "`timestamp` bigint" in schema and schema.endswith("`origin` string")
    assert schema.count("`") == 2 * len(batch.COLUMNS)


def test_bad_reports_come_back_as_rejection_rows_and_the_batch_goes_on(fakes_reports, monkeypatch):
    good = report_rows(fakes_reports[:1])[0]
    failing = good | {"id": "stage-fails", "text": good["text"] + " Once more."}
    rows = [
        {"id": "empty", "text": "  ", "published": "2017-01-01"},
        {"id": "impossible", "text": "Two killed.", "published": "2017-02-30"},
        {"id": None, "text": None, "published": None},
        failing,
        good,
    ]
    stages = parallel.pipeline().stages

    def fail_on_one(analysis):
        if analysis.report.id == "stage-fails":
            raise RuntimeError("a bug")
        stages[2].annotate(analysis)

    monkeypatch.setattr(parallel.pipeline(), "stages", (*stages[:2], Stage(fail_on_one), *stages[3:]))
    out = batch.extract_batch(pa.Table.from_pylist(rows)).to_pylist()
    rejected = [(row["report_id"], row["rejection"]) for row in out if row["rejection"]]
    assert rejected[0] == ("empty", "missing or empty 'text'")
    assert rejected[1][0] == "impossible" and "impossible publication date" in rejected[1][1]
    assert rejected[2] == ("?", "missing or empty 'text'")
    assert rejected[3][0] == "stage-fails" and "RuntimeError: a bug" in rejected[3][1]
    assert len(rejected) == 4
    events = [row for row in out if not row["rejection"]]
    assert events and {row["report_id"] for row in events} == {good["id"]}
    assert all(row["event_type"] is None for row in out if row["rejection"])


ARABIC = "قتل ثلاثة مدنيين في قندهار يوم الاثنين على يد مسلحين مجهولين."


def test_a_report_in_another_language_is_a_row_naming_it_and_the_rest_are_extracted():
    rows = batch.extract_rows(
        [
            {"id": "arabic", "text": ARABIC, "origin": "reports.jsonl"},
            {"id": "english", "text": "Police fired tear gas at protesters in Nairobi on Monday."},
        ]
    )
    arabic, *english = rows
    assert arabic["report_id"] == "arabic" and arabic["language"] == "ar" and arabic["origin"] == "reports.jsonl"
    assert arabic["rejection"] == "written in Arabic (ar); warlog reads English only, so no events were extracted"
    assert english and all(
        r["report_id"] == "english" and r["language"] == "en" and not r.get("rejection") for r in english
    )


@pytest.mark.parametrize(
    "published",
    [date(2017, 4, 5), datetime(2017, 4, 5, 13, 30), "2017-04-05", pd.Timestamp("2017-04-05")],
    ids=["date", "datetime", "string", "timestamp"],
)
def test_publication_dates_are_read_as_a_table_holds_them(published):
    row = {"id": "a", "text": "Gunmen killed two people in Aleppo on Monday.", "published": published}
    out = batch.extract_rows([row])
    assert out and out[0]["event_date"] == "2017-04-03"


def test_missing_values_in_a_frame_are_missing_not_text():
    frame = pd.DataFrame([{"id": "a", "text": "Gunmen killed two people in Aleppo on Monday.", "published": None}])
    frame["source"] = float("nan")
    out = batch.extract_batch(frame)
    assert out["source"].isna().all() and out["event_date"].isna().all()


def test_jsonl_lines_become_reports_or_rejection_rows():
    lines = pa.table(
        {
            "text": ['{"id": "a", "text": "Two killed.", "published": "2017-04-05"}', '{"id": "b", "text": '],
            "path": ["in.jsonl", "in.jsonl"],
        }
    )
    rows = batch.reports_from_lines(lines).to_pylist()
    assert rows[0] | {} == {
        "id": "a", "text": "Two killed.", "published": date(2017, 4, 5), "source": None, "url": None, "title": None,
        "rejection": None, "origin": "in.jsonl",
    }  # fmt: skip
    assert rows[1]["rejection"].startswith("malformed JSON") and rows[1]["id"].startswith("line-")
    out = batch.extract_rows(rows[1:])
    assert out == [{"report_id": rows[1]["id"], "rejection": rows[1]["rejection"], "origin": "in.jsonl"}]


def test_the_schema_names_every_event_field():
    from warlog.records import Event

    assert set(asdict(Event("r", None, 1, "", "", "", *[None] * 19, "", 0)).keys()) - {"evidence"} <= set(batch.COLUMNS)
