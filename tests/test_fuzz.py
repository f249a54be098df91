"""Property-based fuzzing (Hypothesis) of ingest, the pipeline and the store: whatever the input, no
exception escapes, each input gives events or a rejection that names it, and the store holds exactly the
reports that were accepted. Derandomized (the same examples on every run) and few examples, so the suite
stays fast and a failure reproduces; the API's side is tests/serve/test_api_fuzz.py."""

from __future__ import annotations

import json
from datetime import date

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from warlog.cli import app
from warlog.ingest import read_inputs
from warlog.pipeline import Pipeline
from warlog.records import Analysis, Rejection, Report
from warlog.taxonomy import sub_event_types

# Words the rules react to, beside arbitrary text: triggers, counts, places, dates (some at the calendar's
# ends), brackets and controls.
VOCABULARY = (
    "Gunmen killed four people in Kabul", "an air strike on al-Bukamal", "protesters marched in Nairobi",
    "On 31 December 9999,", "in the year 9999", "on 1 January 0001", "last week", "the next day", "on Monday",
    "2,000", "twenty-one", "((((((((((((((((((((((((", "))))", "[[{{", ".", ",", "\n", "\u202e", "\ufeff",
    "Islamic State", "the army", "Syria", "Deir ez-Zor town of", "near the border with", "including",
)  # fmt: skip
texts = st.lists(st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=15)), max_size=30).map(" ".join)
published_values = st.one_of(
    st.none(),
    st.dates().map(date.isoformat),
    st.sampled_from(["9999-12-31", "0001-01-01", "2015-02-30", "yesterday", "", "2015-11-25T10:00:00Z"]),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.lists(st.integers(), max_size=2),
)
# Field values as JSON text (a 5000-digit number is past what Python's int() converts).
HOSTILE_VALUES = {
    "id": ["9" * 5000, "-12", "1e400", "null", "[]", '{"a": 1}', json.dumps("x" * 1000), json.dumps("\ud800")],
    "text": ["null", "12", '"   "', json.dumps("a\x00b"), json.dumps("\ud800 lone"), '["a"]'],
}
PLACEHOLDER = "@@hostile@@"
FUZZ = settings(
    max_examples=8,
    deadline=None,  # a first example may load the language model
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)


@st.composite
def jsonl_lines(draw) -> list[str]:
    """A JSONL batch: records (some with fields of the wrong type or value), and lines that are no record."""
    lines = []
    for number in range(draw(st.integers(min_value=1, max_value=5))):
        kind = draw(st.sampled_from(["record", "record", "record", "hostile record", "not json", "deep"]))
        if kind == "not json":
            lines.append(draw(st.text(max_size=40).filter(lambda line: line.strip() and not {"\n", "\r"} & set(line))))
            continue
        if kind == "deep":
            lines.append("[" * 5000 + "]" * 5000)
            continue
        # Texts and ids differ line by line, so that no two lines are the same report.
        record = {"id": f"fuzz-{number}", "text": f"Report {number}. " + draw(texts)}
        hostile = draw(st.sampled_from(sorted(HOSTILE_VALUES))) if kind == "hostile record" else None
        if hostile is not None:
            record[hostile] = PLACEHOLDER
        if draw(st.booleans()):
            record["published"] = draw(published_values)
        if draw(st.booleans()):
            record["source"] = draw(st.one_of(st.text(max_size=20), st.integers()))
        line = json.dumps(record, ensure_ascii=draw(st.booleans()))
        if hostile is not None:
            line = line.replace(json.dumps(PLACEHOLDER), draw(st.sampled_from(HOSTILE_VALUES[hostile])))
        lines.append(line)
    return lines


@FUZZ
@given(lines=jsonl_lines())
def test_ingest_stores_each_accepted_report_and_names_each_rejected_one(tmp_path_factory, lines):
    folder = tmp_path_factory.mktemp("fuzz")
    batch, db = folder / "batch.jsonl", folder / "store.duckdb"
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    result = CliRunner().invoke(app, ["ingest", str(batch), "--db", str(db)], catch_exceptions=True)
    assert result.exit_code in (0, 3), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    with duckdb.connect(str(db), read_only=True) as connection:
        stored = {row[0] for row in connection.execute("SELECT id FROM reports").fetchall()}
        rejected = connection.execute("SELECT report_id, origin, reason FROM rejections").fetchall()
    assert len(stored) + len(rejected) == len(lines)  # every line once: stored, or rejected
    assert all(origin.startswith(f"{batch}:") and reason for _id, origin, reason in rejected)
    assert (result.exit_code == 3) == bool(rejected)
    read = list(read_inputs(str(batch)))
    accepted = {item.id for item in read if isinstance(item, Report)}
    assert stored <= accepted and not stored & {report_id for report_id, _o, _r in rejected}


@FUZZ
@given(
    reports=st.lists(
        st.builds(
            Report,
            id=st.text(min_size=1, max_size=10),
            text=st.one_of(texts, st.text(min_size=1, max_size=300)),
            published=st.one_of(st.none(), st.dates()),  # the calendar's ends included: date.min to date.max
        ),
        min_size=1,
        max_size=4,
    )
)
def test_the_pipeline_gives_each_report_events_or_a_named_rejection(reports):
    results = list(Pipeline().run_or_reject(reports))
    assert len(results) == len(reports)
    known = {(event_type, sub) for event_type, subs in sub_event_types().items() for sub in subs}
    for report, result in zip(reports, results, strict=True):
        if isinstance(result, Rejection):
            assert result.report_id == report.id and "extraction failed" not in result.reason, result.reason
            continue
        assert isinstance(result, Analysis) and result.report is report
        for event in result.events:
            assert (event.event_type, event.sub_event_type) in known and event.fatalities >= 0
            assert event.report_id == report.id
