"""Property-based fuzzing (Hypothesis) of POST /reports with the real pipeline: no body gives a 500,
a job never fails as a whole, and the store holds exactly the job's reports less its rejections.
Derandomized and few examples, as tests/test_fuzz.py."""

from __future__ import annotations

import duckdb
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from test_api import wait_for

from warlog.serve import ServeSettings, create_app
from warlog.serve.auth import create_token
from warlog.store.database import Store

words = st.sampled_from(
    ["Gunmen killed four people in Kabul.", "On 31 December 9999,", "in the year 9999", "((((((((((((((((((((((",
     "Protesters marched in Nairobi on Monday.", "\u202e", "Syria", "2,000", "\n"]
)  # fmt: skip
texts = st.lists(st.one_of(words, st.text(max_size=12)), min_size=1, max_size=12).map(" ".join)
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=8,
)
dates = st.one_of(st.dates().map(lambda day: day.isoformat()), st.sampled_from(["9999-12-31", "2015-11-25"]))
plausible_reports = st.fixed_dictionaries(
    {"text": texts},
    optional={"id": st.text(min_size=1, max_size=12), "published": dates, "source": st.text(max_size=12)},
)
hostile_reports = st.fixed_dictionaries(
    {"text": st.one_of(texts, json_values)},
    optional={
        "id": st.one_of(st.integers(), st.just("x" * 300)),
        "published": st.one_of(dates, st.sampled_from(["0001-01-01", "2015-02-30"]), json_values),
        "colour": st.text(max_size=5),
    },
)
batches = st.lists(st.one_of(plausible_reports, plausible_reports, plausible_reports, hostile_reports), max_size=3)
bodies = st.one_of(plausible_reports, st.fixed_dictionaries({"reports": batches}), hostile_reports, json_values)


@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(body=bodies)
def test_any_body_is_a_job_or_a_refusal_and_the_store_holds_what_was_accepted(tmp_path_factory, body):
    path = tmp_path_factory.mktemp("api-fuzz") / "store.duckdb"
    with Store(path) as store:
        token = create_token(store.db, "fuzzer")
    app = create_app(path, ServeSettings())  # the real pipeline
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.post("/reports", json=body, headers={"Authorization": f"Bearer {token}"})
        assert response.status_code in (202, 400, 413, 422), response.text
        event(f"status {response.status_code}")
        job = wait_for(client, response.json()["id"], seconds=60) if response.status_code == 202 else None
    with duckdb.connect(str(path), read_only=True) as connection:
        stored = {row[0] for row in connection.execute("SELECT id FROM reports").fetchall()}
    if job is None:
        assert "detail" in response.json() and stored == set()
        return
    assert job["status"] == "done" and job["error"] is None, job
    rejected = {rejection["report_id"] for rejection in job["rejections"]}
    assert all(rejection["reason"] for rejection in job["rejections"])
    assert stored == set(job["report_ids"]) - rejected
