"""The workbench API over a real DuckDB store filled with hand-made events (no language model)."""

from __future__ import annotations

import csv
import io
import json
import time
from datetime import date

import duckdb
import pytest
from fastapi.testclient import TestClient

from event_factory import make_event, make_report
from warlog import language
from warlog.export import ACLED_COLUMNS
from warlog.records import Analysis, Evidence, Report
from warlog.serve import ServeSettings, create_app
from warlog.serve.auth import create_token
from warlog.store.database import Store

SCRIPT = "<script>alert('x')</script>"
# Sentence 0 of the Bukamal reports: "4" and "al-Bukamal" are the evidence spans.
BUKAMAL_TEXT = "Gunmen killed 4 IS fighters in al-Bukamal on Tuesday. Residents fled."
XSS_TEXT = f"Protesters marched in Nakuru {SCRIPT} against fees. <img src=x onerror=alert(1)>"


def bukamal_event(report_id: str, **changes):
    evidence = [
        Evidence("fatalities", 0, 53, 14, 15, "4"),
        Evidence("location", 0, 53, 31, 41, "al-Bukamal"),
    ]
    return make_event(report_id, evidence=evidence, **changes)


def nakuru_event(report_id: str):
    return make_event(
        report_id,
        event_date=date(2020, 6, 9),
        disorder_type="Demonstrations",
        event_type="Protests",
        sub_event_type="Peaceful protest",
        actor1="Protesters (Kenya)",
        actor2=None,
        inter1=6,
        inter2=None,
        interaction="60",
        iso=404,
        country="Kenya",
        admin1="Nakuru",
        admin2="Nakuru Town East",
        location="Nakuru",
        latitude=-0.2833,
        longitude=36.0667,
        fatalities=0,
        notes=f"Traders protested {SCRIPT} in Nakuru.",
        evidence=[Evidence("location", 0, len(XSS_TEXT), 22, 28, "Nakuru")],
        country_code="KE",
    )


def fiji_event(report_id: str):
    """East of the antimeridian's other side: for bounding boxes that cross it."""
    return make_event(
        report_id,
        event_date=date(2021, 3, 3),
        event_type="Riots",
        sub_event_type="Mob violence",
        country="Fiji",
        admin1="Western",
        admin2=None,
        location="Lautoka",
        latitude=-17.6,
        longitude=177.45,
        actor1="Rioters (Fiji)",
        actor2=None,
        fatalities=0,
        evidence=[],
        country_code="FJ",
    )


class StubPipeline:
    """Stands in for the language pipeline: a Bukamal clash for any report mentioning Bukamal."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def run(self, report: Report) -> Analysis:
        self.calls.append(report.id)
        if "crash" in report.text:
            raise RuntimeError("the extractor broke")
        events = [bukamal_event(report.id)] if "Bukamal" in report.text else []
        return Analysis(report, language=language.identify(report.text), events=events)


@pytest.fixture
def store_path(new_store_location):
    """The sample store, on DuckDB and on PostgreSQL."""
    path = new_store_location("api")
    with Store(path) as store:
        store.add_report(make_report("r1", "Monitor", BUKAMAL_TEXT), [bukamal_event("r1")])
        store.add_report(make_report("r2", "Agency", BUKAMAL_TEXT + " Again."), [bukamal_event("r2", fatalities=6)])
        xss = Report("r3", XSS_TEXT, date(2020, 6, 12), f"Local {SCRIPT}", "javascript:alert(1)")
        store.add_report(xss, [nakuru_event("r3")])
        store.add_report(make_report("r4", "Fiji Times", "Riot in Lautoka."), [fiji_event("r4")])
    return path


@pytest.fixture
def token(store_path):
    with Store(store_path) as store:
        return create_token(store.db, "alice")


@pytest.fixture
def pipeline():
    return StubPipeline()


def client_for(store_path, pipeline=None, **settings) -> TestClient:
    return TestClient(create_app(store_path, ServeSettings(**settings), pipeline), raise_server_exceptions=False)


@pytest.fixture
def client(store_path, pipeline, token):
    with client_for(store_path, pipeline) as opened:
        yield opened


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def event_id(client: TestClient, **params) -> str:
    events = client.get("/events", params=params).json()["events"]
    assert len(events) == 1, events
    return events[0]["event_id_cnty"]


def wait_for(client: TestClient, job_id: str, seconds: float = 4.0) -> dict:
    """The job once done or failed; `seconds` is generous for the stub pipeline, the real one needs more."""
    for _ in range(int(seconds / 0.02)):
        job = client.get(f"/jobs/{job_id}").json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.02)
    raise AssertionError(f"job {job_id} did not finish")


# --- reading ----------------------------------------------------------------------------------------


def test_events_are_listed_newest_first_with_merged_sources(client):
    page = client.get("/events").json()
    assert page["total"] == 3
    assert [e["country"] for e in page["events"]] == ["Fiji", "Kenya", "Syria"]
    syria = page["events"][2]
    assert syria["source_count"] == 2
    assert syria["fatalities"] == 4  # ACLED's rule: the lowest figure


@pytest.mark.parametrize(
    ("params", "countries"),
    [
        ({"event_type": "Battles"}, ["Syria"]),
        ({"event_type": ["Battles", "Protests"]}, ["Kenya", "Syria"]),
        ({"sub_event_type": "Peaceful protest"}, ["Kenya"]),
        ({"country": "SYR"}, ["Syria"]),
        ({"country": "kenya"}, ["Kenya"]),
        ({"admin1": "Deir ez-Zor"}, ["Syria"]),
        ({"start": "2020-01-01", "end": "2020-12-31"}, ["Kenya"]),
        ({"bbox": "35,30,45,40"}, ["Syria"]),
        ({"bbox": "170,-30,-170,0"}, ["Fiji"]),  # crosses the antimeridian
        ({"actor": "islamic state"}, ["Syria"]),
        ({"q": "traders protested"}, ["Kenya"]),
        ({"min_sources": 2}, ["Syria"]),
    ],
)
def test_filters_narrow_the_list(client, params, countries):
    events = client.get("/events", params=params).json()["events"]
    assert sorted(e["country"] for e in events) == countries


def test_pagination(client):
    first = client.get("/events", params={"limit": 2, "offset": 0}).json()
    second = client.get("/events", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == second["total"] == 3
    assert len(first["events"]) == 2 and len(second["events"]) == 1
    assert {e["event_id_cnty"] for e in first["events"]}.isdisjoint(e["event_id_cnty"] for e in second["events"])


@pytest.mark.parametrize(
    ("params", "complaint"),
    [
        ({"bbox": "1,2,3"}, "four numbers"),
        ({"bbox": "0,50,10,40"}, "south before north"),
        ({"start": "2021-01-01", "end": "2020-01-01"}, "start must not come after end"),
        ({"start": "yesterday"}, "date"),
        ({"min_sources": 0}, "greater than or equal to 1"),
        ({"limit": 100_000}, "less than or equal to 500"),
    ],
)
def test_bad_filters_say_what_is_wrong(client, params, complaint):
    response = client.get("/events", params=params)
    assert response.status_code == 422
    assert complaint in json.dumps(response.json())


def test_points_weekly_and_facets(client):
    points = client.get("/events/points").json()
    assert points["total"] == 3 and not points["truncated"]
    assert {tuple(p[1:]) for p in points["points"]} >= {(34.4534, 40.9363, "Battles")}
    weeks = client.get("/events/weekly", params={"event_type": "Battles"}).json()["weeks"]
    # 17 November 2015 was a Tuesday; ACLED's week runs from Saturday the 14th.
    assert weeks == [{"week": "2015-11-14", "counts": {"Battles": 1}}]
    facets = client.get("/facets").json()
    assert facets["countries"] == ["Fiji", "Kenya", "Syria"]
    assert facets["event_types"]["Protests"] == ["Peaceful protest"]


def test_event_detail_has_evidence_sentences_reports_and_members(client):
    detail = client.get(f"/events/{event_id(client, country='Syria')}").json()
    assert detail["report_ids"] == ["r1", "r2"]
    assert [r["source"] for r in detail["reports"]] == ["Monitor", "Agency"]
    fatalities = [e for e in detail["evidence"] if e["field"] == "fatalities"]
    assert {e["report_id"] for e in fatalities} == {"r1", "r2"}
    item = fatalities[0]
    assert item["sentence"] == "Gunmen killed 4 IS fighters in al-Bukamal on Tuesday."
    assert item["sentence"][item["start"] - item["sentence_start"] : item["end"] - item["sentence_start"]] == "4"
    assert sorted(m["fatalities"] for m in detail["members"]) == [4, 6]
    assert "lowest" in detail["notes"]


def test_unknown_event_is_404(client):
    response = client.get("/events/SYR999999")
    assert response.status_code == 404
    assert "SYR999999" in response.json()["detail"]


def test_report_text_with_markup_is_returned_as_data(client):
    detail = client.get(f"/events/{event_id(client, country='Kenya')}").json()
    assert detail["reports"][0]["text"] == XSS_TEXT
    assert SCRIPT in detail["notes"]
    assert detail["evidence"][0]["sentence"] == XSS_TEXT
    page = client.get("/")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"


# --- extraction jobs --------------------------------------------------------------------------------


def test_writes_need_a_valid_token(client):
    report = {"text": "Clashes in al-Bukamal.", "published": "2015-11-20"}
    assert client.post("/reports", json=report).status_code == 401
    refused = client.post("/reports", json=report, headers=auth("wl_not-a-token"))
    assert refused.status_code == 401 and refused.json()["detail"] == "unknown API token"
    assert client.patch("/events/SYR1", json={"action": "accept"}).status_code == 401


def test_posted_report_is_extracted_in_the_background(client, token, pipeline):
    report = {"id": "new-1", "text": "More fighting in al-Bukamal.", "published": "2015-11-18", "source": "Wire"}
    response = client.post("/reports", json=report, headers=auth(token))
    assert response.status_code == 202
    job = wait_for(client, response.json()["id"])
    assert job["status"] == "done" and job["report_ids"] == ["new-1"]
    assert len(job["event_ids"]) == 1
    merged = client.get(f"/events/{job['event_ids'][0]}").json()
    assert "new-1" in merged["report_ids"]  # merged with the stored clash
    assert pipeline.calls == ["new-1"]


def test_a_publication_date_out_of_range_rejects_its_report_not_the_batch(client, token, pipeline):
    batch = {
        "reports": [
            {"id": "far", "text": "Clashes yesterday in Bukamal.", "published": "9999-12-31"},
            {"id": "good", "text": "Bukamal clash.", "published": "2015-11-25"},
        ]
    }
    job = wait_for(client, client.post("/reports", json=batch, headers=auth(token)).json()["id"])
    assert job["status"] == "done" and len(job["event_ids"]) == 1
    assert [r["report_id"] for r in job["rejections"]] == ["far"]
    assert "outside the dates warlog accepts" in job["rejections"][0]["reason"]
    assert pipeline.calls == ["good"]


def test_a_lone_surrogate_in_a_posted_source_is_refused_not_a_failed_store_write(client, token, pipeline):
    # The reproduction: a lone surrogate in `source` failed the store write. Escaped JSON text is
    # valid JSON, but no store or export can encode it as UTF-8.
    body = '{"id": "surrogate", "text": "Bukamal clash.", "source": "Reuters \\ud800"}'
    response = client.post("/reports", content=body, headers={**auth(token), "Content-Type": "application/json"})
    assert response.status_code in (400, 422) and "surrogate" not in client.get("/events").text
    assert pipeline.calls == []


def test_a_report_in_another_language_is_named_in_the_job_and_stored_without_events(client, token, pipeline):
    arabic = "قتل ثلاثة مدنيين في قندهار يوم الاثنين على يد مسلحين مجهولين."
    batch = {"reports": [{"id": "arabic", "text": arabic}, {"id": "good", "text": "Bukamal clash."}]}
    job = wait_for(client, client.post("/reports", json=batch, headers=auth(token)).json()["id"])
    assert job["status"] == "done" and len(job["event_ids"]) == 1 and job["rejections"] == []
    reason = "written in Arabic (ar); warlog reads English only, so no events were extracted"
    assert job["not_read"] == [{"report_id": "arabic", "language": "ar", "reason": reason}]


def test_a_batch_reports_failures_per_report(client, token, pipeline):
    batch = {"reports": [{"id": "ok", "text": "Bukamal clash."}, {"id": "bad", "text": "crash"}]}
    job = wait_for(client, client.post("/reports", json=batch, headers=auth(token)).json()["id"])
    assert job["status"] == "done"
    assert [r["report_id"] for r in job["rejections"]] == ["bad"]
    assert "the extractor broke" not in json.dumps(job)  # no internals leak to the client


def test_reposting_a_stored_report_extracts_nothing(client, token, pipeline):
    report = {"id": "r1", "text": BUKAMAL_TEXT, "published": "2015-11-25", "source": "Monitor"}
    job = wait_for(client, client.post("/reports", json=report, headers=auth(token)).json()["id"])
    assert job["status"] == "done" and len(job["event_ids"]) == 1
    assert pipeline.calls == []


@pytest.mark.parametrize(
    ("body", "complaint"),
    [
        ({"text": "   "}, "text is empty"),
        ({"text": "a\x00b"}, "NUL"),
        ({"text": "ok", "published": "2015-02-30"}, "published"),
        ({"text": "ok", "colour": "red"}, "colour"),
        ({"reports": []}, "at least 1"),
    ],
)
def test_bad_reports_are_refused_with_the_reason(client, token, body, complaint):
    response = client.post("/reports", json=body, headers=auth(token))
    assert response.status_code == 422
    assert complaint in json.dumps(response.json())


def test_oversized_requests_are_refused(store_path, token):
    with client_for(store_path, StubPipeline(), max_request_bytes=1000, max_batch_reports=2) as small:
        big = small.post("/reports", json={"text": "x" * 2000}, headers=auth(token))
        assert big.status_code == 413
        many = {"reports": [{"text": f"report {n}"} for n in range(3)]}
        too_many = small.post("/reports", json=many, headers=auth(token))
        assert too_many.status_code == 413 and "limit is 2" in too_many.json()["detail"]


def test_unknown_job_is_404(client):
    assert client.get("/jobs/nope").status_code == 404


# --- review -----------------------------------------------------------------------------------------


def test_accept_is_logged_with_who_and_when(client, token):
    syria = event_id(client, country="Syria")
    detail = client.patch(f"/events/{syria}", json={"action": "accept", "note": "checked"}, headers=auth(token))
    assert detail.status_code == 200
    assert detail.json()["status"] == "accepted"
    [entry] = detail.json()["audit"]
    assert entry["who"] == "alice" and entry["action"] == "accept" and entry["note"] == "checked"
    assert entry["at"].startswith(str(date.today().year))


def test_corrections_change_the_event_and_survive_re_extraction(client, token):
    syria = event_id(client, country="Syria")
    fields = {"fatalities": 5, "location": "Hajin", "event_date": "2015-11-18"}
    corrected = client.patch(f"/events/{syria}", json={"action": "correct", "fields": fields}, headers=auth(token))
    assert corrected.status_code == 200
    detail = corrected.json()
    assert (detail["fatalities"], detail["location"], detail["event_date"], detail["year"]) == (
        5,
        "Hajin",
        "2015-11-18",
        2015,
    )
    assert detail["status"] == "corrected"
    assert detail["audit"][0]["changes"]["fatalities"] == {"before": 4, "after": 5}
    # The place was resolved again: Hajin's coordinates, in the same province.
    assert (round(detail["latitude"], 1), round(detail["longitude"], 1)) == (34.7, 40.8)
    assert detail["admin1"] == "Deir ez-Zor" and detail["geo_precision"] == 1
    assert "latitude" in detail["audit"][0]["changes"]

    # A new version of one of its reports: the event is recomputed from its reports, corrections kept.
    report = {"id": "r2", "text": BUKAMAL_TEXT + " Updated.", "published": "2015-11-25", "source": "Agency"}
    job = wait_for(client, client.post("/reports", json=report, headers=auth(token)).json()["id"])
    assert job["status"] == "done" and job["event_ids"] == [syria]
    after = client.get(f"/events/{syria}").json()
    assert (after["fatalities"], after["location"], after["event_date"]) == (5, "Hajin", "2015-11-18")
    assert (after["latitude"], after["longitude"]) == (detail["latitude"], detail["longitude"])
    assert {name: after["corrections"][name] for name in fields} == fields
    exported = client.get("/export", params={"format": "acled-csv", "country": "Syria"}).text
    row = next(csv.DictReader(io.StringIO(exported)))
    assert (row["fatalities"], row["location"], row["latitude"]) == ("5", "Hajin", str(detail["latitude"]))


def correct(client: TestClient, token: str, of: str, **fields) -> dict:
    """Correct the one event of country `of`; the response's JSON (an event, or what was refused)."""
    target = event_id(client, country=of)
    response = client.patch(f"/events/{target}", json={"action": "correct", "fields": fields}, headers=auth(token))
    assert response.status_code in (200, 422), response.text
    return response.json()


def test_a_sub_event_type_must_belong_to_its_event_type(client, token):
    refused = correct(client, token, "Syria", event_type="Foo", sub_event_type="Peaceful protest")
    assert refused["detail"][0]["loc"] == ["body", "fields", "event_type"]
    assert "'Foo' is not an ACLED event type; one of: Battles," in refused["detail"][0]["msg"]
    refused = correct(client, token, "Syria", sub_event_type="Peaceful protest")  # Battles stays
    assert "not a sub-event type of Battles; one of: Armed clash," in refused["detail"][0]["msg"]


def test_a_new_type_brings_its_disorder_type_in_the_codebooks_spelling(client, token):
    event = correct(client, token, "Syria", event_type="protests", sub_event_type="peaceful PROTEST")
    assert (event["event_type"], event["sub_event_type"], event["disorder_type"]) == (
        "Protests",
        "Peaceful protest",
        "Demonstrations",
    )
    refused = correct(client, token, "Kenya", disorder_type="Political violence")
    assert "Protests / Peaceful protest is coded 'Demonstrations'" in refused["detail"][0]["msg"]


def test_interaction_and_civilian_targeting_follow_the_inter_codes(client, token):
    attack = {"event_type": "Violence against civilians", "sub_event_type": "Attack"}
    event = correct(client, token, "Syria", actor2="Civilians (Syria)", inter2=7, **attack)
    assert (event["interaction"], event["civilian_targeting"]) == ("27", "Civilian targeting")
    event = correct(client, token, "Syria", actor2=None)
    assert (event["inter2"], event["interaction"], event["civilian_targeting"]) == (None, "20", None)
    refused = correct(client, token, "Syria", inter2=3)
    assert "no actor2 to give a code to" in refused["detail"][0]["msg"]
    refused = correct(client, token, "Syria", interaction="12")
    assert "interaction follows from inter1 and inter2" in json.dumps(refused)


def test_a_new_country_moves_the_place_or_is_refused(client, token):
    # Iraq with Syria's town: refused, naming what to correct.
    refused = correct(client, token, "Syria", country="Iraq")
    assert refused["detail"][0]["loc"][-1] == "country"
    assert "no place named 'Al Bukamal' in Iraq" in refused["detail"][0]["msg"]
    # Iraq with an Iraqi town: iso, coordinates and admin names follow.
    event = correct(client, token, "Syria", country="Iraq", location="Al-Qaim")
    assert (event["country"], event["iso"], event["admin1"], event["region"]) == ("Iraq", 368, "Anbar", "Middle East")
    assert event["event_id_cnty"].startswith("SYR")  # the id stays; the country moved
    assert round(event["longitude"]) == 41
    assert client.get("/events", params={"country": "Iraq"}).json()["total"] == 1


def test_admin1_must_be_a_division_of_the_country(client, token):
    refused = correct(client, token, "Syria", admin1="Anbar")
    assert "'Anbar' is not a first-level division of Syria" in refused["detail"][0]["msg"]
    refused = correct(client, token, "Syria", admin1="Aleppo")  # Al Bukamal is not in Aleppo province
    assert "no place named 'Al Bukamal' in Aleppo, Syria" in refused["detail"][0]["msg"]


def test_given_coordinates_are_taken_for_a_place_the_gazetteer_lacks(client, token):
    event = correct(client, token, "Syria", location="Tal Hamam farm", latitude=34.5, longitude=40.9)
    assert (event["location"], event["latitude"], event["longitude"]) == ("Tal Hamam farm", 34.5, 40.9)
    refused = correct(client, token, "Syria", latitude=34.5)
    assert "give latitude and longitude together" in refused["detail"][0]["msg"]


def test_rejected_events_leave_the_list_but_stay_findable(client, token):
    kenya = event_id(client, country="Kenya")
    client.patch(f"/events/{kenya}", json={"action": "reject"}, headers=auth(token)).raise_for_status()
    assert client.get("/events", params={"country": "Kenya"}).json()["total"] == 0
    assert client.get("/events", params={"country": "Kenya", "include_rejected": True}).json()["total"] == 1
    assert client.get(f"/events/{kenya}").json()["status"] == "rejected"


@pytest.mark.parametrize(
    ("body", "complaint"),
    [
        ({"action": "correct", "fields": {"event_id_cnty": "X"}}, "cannot correct event_id_cnty"),
        ({"action": "correct", "fields": {"fatalities": -1}}, "greater than or equal to 0"),
        ({"action": "correct", "fields": {"fatalities": "many"}}, "valid integer"),
        ({"action": "correct", "fields": {"fatalities": "5"}}, "valid integer"),
        ({"action": "correct", "fields": {"fatalities": 10**30}}, "less than or equal to 1000000"),
        ({"action": "correct", "fields": {"fatalities": 2.5}}, "valid integer"),
        ({"action": "correct", "fields": {"fatalities": True}}, "valid integer"),
        ({"action": "correct", "fields": {"geo_precision": 7}}, "less than or equal to 3"),
        ({"action": "correct", "fields": {"inter1": 9}}, "less than or equal to 8"),
        ({"action": "correct", "fields": {"latitude": 91.0}}, "less than or equal to 90"),
        ({"action": "correct", "fields": {"latitude": "34.5"}}, "valid number"),
        ({"action": "correct", "fields": {"event_date": "2015-13-01"}}, "valid date"),
        ({"action": "correct", "fields": {"event_date": 1447804800}}, "YYYY-MM-DD"),
        ({"action": "correct", "fields": {"event_date": "9999-12-31"}}, "outside the dates warlog accepts"),
        ({"action": "correct", "fields": {"event_date": "1066-10-14"}}, "outside the dates warlog accepts"),
        ({"action": "correct", "fields": {"actor1": "x" * 301}}, "at most 300 characters"),
        ({"action": "correct", "fields": {"actor1": "a\ud800b"}}, "unicode string"),
        ({"action": "correct", "fields": {"notes": "a\x07b"}}, "control characters"),
        ({"action": "correct", "fields": {"event_type": "'; DROP TABLE merged_events; --"}}, "not an ACLED event"),
        ({"action": "correct", "fields": {"civilian_targeting": "yes"}}, "Civilian targeting"),
        ({"action": "correct", "fields": {"country": "Atlantis"}}, "not a country in the gazetteer"),
        ({"action": "correct", "fields": {}}, "at least one field"),
        ({"action": "correct", "fields": []}, "valid dictionary"),
        ({"action": "accept", "fields": {"fatalities": 1}}, "takes no 'fields'"),
        ({"action": "approve"}, "action"),
        ({"action": "accept", "note": 5}, "valid string"),
    ],
)
def test_bad_reviews_are_refused_with_the_reason(client, token, body, complaint):
    syria = event_id(client, country="Syria")
    # Sent as escaped JSON text: a lone surrogate is valid JSON but cannot be encoded as UTF-8.
    headers = {**auth(token), "Content-Type": "application/json"}
    response = client.patch(f"/events/{syria}", content=json.dumps(body), headers=headers)
    assert response.status_code == 422
    assert complaint in json.dumps(response.json())
    assert client.get(f"/events/{syria}").json()["audit"] == []


# --- the review queue -------------------------------------------------------------------------------


def listed(client: TestClient, **params) -> list[str]:
    return [event["country"] for event in client.get("/events", params=params).json()["events"]]


def test_the_queue_lists_unreviewed_events_first_least_confident_first(client, token):
    confidence = {e["country"]: e["confidence"] for e in client.get("/events").json()["events"]}
    by_confidence = sorted(confidence, key=lambda country: confidence[country])
    assert listed(client, sort="queue") == by_confidence
    least = by_confidence[0]
    client.patch(f"/events/{event_id(client, country=least)}", json={"action": "accept"}, headers=auth(token))
    assert listed(client, sort="queue") == [*by_confidence[1:], least]  # reviewed ones go last
    assert listed(client, sort="confidence") == by_confidence
    assert listed(client, sort="sources")[0] == "Syria"
    assert listed(client, sort="oldest") == ["Syria", "Kenya", "Fiji"]


def test_the_queue_filters_by_status_reviewer_and_confidence(client, token, store_path):
    with Store(store_path) as store:
        bob = create_token(store.db, "bob")
    client.patch(f"/events/{event_id(client, country='Syria')}", json={"action": "accept"}, headers=auth(token))
    client.patch(f"/events/{event_id(client, country='Kenya')}", json={"action": "reject"}, headers=auth(bob))
    assert listed(client, status="auto") == ["Fiji"]
    assert sorted(listed(client, status=["accepted", "rejected"])) == ["Kenya", "Syria"]
    assert listed(client, reviewer="alice") == ["Syria"]
    assert listed(client, reviewer="bob", include_rejected=True) == ["Kenya"]
    every = client.get("/events", params={"include_rejected": True}).json()["events"]
    confidence = {event["country"]: event["confidence"] for event in every}
    for bound in sorted(set(confidence.values())):
        at_most = sorted(country for country, value in confidence.items() if value <= bound)
        at_least = sorted(country for country, value in confidence.items() if value >= bound)
        assert sorted(listed(client, include_rejected=True, max_confidence=bound)) == at_most
        assert sorted(listed(client, include_rejected=True, min_confidence=bound)) == at_least


@pytest.mark.parametrize(
    ("params", "complaint"),
    [
        ({"status": "pending"}, "'auto', 'accepted', 'corrected' or 'rejected'"),
        ({"sort": "random"}, "'newest', 'oldest', 'queue', 'confidence' or 'sources'"),
        ({"min_confidence": 2}, "less than or equal to 1"),
        ({"colour": "red"}, "Extra inputs are not permitted"),
    ],
)
def test_unknown_sorts_statuses_and_parameters_are_refused(client, params, complaint):
    response = client.get("/events", params=params)
    assert response.status_code == 422 and complaint in response.text


def test_bulk_review_applies_to_every_event_or_none(client, token):
    ids = [event_id(client, country=country) for country in ("Syria", "Kenya", "Fiji")]
    accepted = client.post(
        "/reviews", json={"event_ids": ids[:2], "action": "accept", "note": "batch"}, headers=auth(token)
    )
    assert accepted.status_code == 200
    assert [(e["event_id_cnty"], e["status"]) for e in accepted.json()["events"]] == [
        (ids[0], "accepted"),
        (ids[1], "accepted"),
    ]
    assert client.get(f"/events/{ids[1]}").json()["audit"][0]["note"] == "batch"
    # One unknown id, or one event the correction does not fit: nothing is changed.
    unknown = client.post("/reviews", json={"event_ids": [ids[2], "XXX99"], "action": "reject"}, headers=auth(token))
    assert unknown.status_code == 404 and "XXX99" in unknown.json()["detail"]
    misfit = {"event_ids": ids, "action": "correct", "fields": {"sub_event_type": "Armed clash"}}
    refused = client.post("/reviews", json=misfit, headers=auth(token))
    assert refused.status_code == 422 and f"{ids[1]}: 'Armed clash' is not a sub-event type of Protests" in refused.text
    assert client.get(f"/events/{ids[2]}").json()["status"] == "auto"
    assert client.post("/reviews", json={"event_ids": ids, "action": "reject"}).status_code == 401


def test_review_of_unknown_event_is_404(client, token):
    assert client.patch("/events/SYR999", json={"action": "accept"}, headers=auth(token)).status_code == 404


# --- export -----------------------------------------------------------------------------------------


def test_acled_csv_export_has_acled_columns_and_honours_filters(client):
    response = client.get("/export", params={"format": "acled-csv", "event_type": "Battles"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(response.text)))
    assert tuple(rows[0]) == ACLED_COLUMNS
    assert len(rows) == 2 and rows[1][ACLED_COLUMNS.index("event_type")] == "Battles"


def test_geojson_export_keeps_markup_as_data(client):
    collection = client.get("/export", params={"format": "geojson", "country": "KE"}).json()
    [feature] = collection["features"]
    assert feature["geometry"]["coordinates"] == [36.0667, -0.2833]
    assert SCRIPT in feature["properties"]["notes"]


def test_parquet_export(client, tmp_path):
    response = client.get("/export", params={"format": "parquet"})
    assert response.status_code == 200
    path = tmp_path / "events.parquet"
    path.write_bytes(response.content)
    countries = duckdb.sql(f"SELECT country FROM read_parquet('{path}') ORDER BY country").fetchall()
    assert countries == [("Fiji",), ("Kenya",), ("Syria",)]


def test_parquet_export_after_a_write_on_the_same_thread(client, token, tmp_path):
    # A token look-up left an unfinished result on the request thread's connection, and every
    # Parquet export on that thread then sent an empty 200 ("connection has an unfinished result").
    report = {"id": "new-1", "text": "More fighting in al-Bukamal.", "published": "2015-11-18"}
    wait_for(client, client.post("/reports", json=report, headers=auth(token)).json()["id"])
    client.app.state.catalog.token_owner(token)
    for attempt in range(3):
        response = client.get("/export", params={"format": "parquet"})
        assert response.status_code == 200
        path = tmp_path / f"events-{attempt}.parquet"
        path.write_bytes(response.content)
        assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{path}')").fetchall() == [(3,)]


def test_unknown_export_format_is_refused(client):
    response = client.get("/export", params={"format": "xlsx"})
    assert response.status_code == 422 and "acled-csv" in response.json()["detail"][0]["msg"]


# --- configuration and hardening --------------------------------------------------------------------


def test_reads_close_when_the_server_listens_beyond_loopback():
    assert ServeSettings().for_host("0.0.0.0").read_open is False
    assert ServeSettings().for_host("192.168.1.5").read_open is False
    assert ServeSettings().for_host("example.org").read_open is False
    assert ServeSettings().for_host("127.0.0.1").read_open is True
    assert ServeSettings().for_host("::1").read_open is True
    assert ServeSettings().for_host("localhost").read_open is True
    assert ServeSettings(read_open=True).for_host("0.0.0.0").read_open is True


def test_reads_can_be_closed(store_path, token):
    with client_for(store_path, read_open=False) as closed:
        assert closed.get("/events").status_code == 401
        assert closed.get("/export").status_code == 401
        assert closed.get("/events", headers=auth(token)).json()["total"] == 3


def test_cors_is_closed_by_default_and_opened_by_configuration(store_path):
    origin = {"Origin": "https://elsewhere.example"}
    with client_for(store_path) as default:
        assert "access-control-allow-origin" not in default.get("/events", headers=origin).headers
    with client_for(store_path, cors_origins=["https://elsewhere.example"]) as opened:
        allowed = opened.get("/events", headers=origin).headers
        assert allowed["access-control-allow-origin"] == "https://elsewhere.example"


SECURITY_HEADERS = ("content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy")


def test_internal_errors_show_no_traceback_and_keep_the_security_headers(client, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("secret internals at /home/someone")

    monkeypatch.setattr(client.app.state.catalog, "facets", broken)
    response = client.get("/facets")
    assert response.status_code == 500
    assert response.json() == {"detail": "internal server error"}
    assert all(name in response.headers for name in SECURITY_HEADERS)


@pytest.mark.parametrize(
    ("body", "status", "complaint"),
    [
        ("[" * 100_000 + "]" * 100_000, 400, "nested too deeply"),
        ('{"action": "correct", "fields": {"fatalities": ' + "9" * 5000 + "}}", 400, "too many digits"),
        (b'{"action": "accept", "note": "\xff\xfe"}', 400, "not UTF-8"),
        ("hello", 422, "JSON decode error"),
        ("", 422, "Field required"),
        ("[1, 2]", 422, "valid dictionary"),
        ("null", 422, "valid dictionary"),
        ('{"action": "correct", "fields": {"latitude": NaN}}', 422, "finite number"),
        ('{"action": "correct", "fields": {"latitude": 1e999}}', 422, "finite number"),
    ],
)
def test_no_body_gets_a_server_error(client, token, body, status, complaint):
    headers = {**auth(token), "Content-Type": "application/json"}
    review = client.patch(f"/events/{event_id(client, country='Syria')}", content=body, headers=headers)
    assert review.status_code == status and complaint in review.text
    extraction = client.post("/reports", content=body, headers=headers)
    assert extraction.status_code in (400, 422), extraction.text


def test_a_9_mb_body_is_a_413_naming_the_default_limit(client, token):
    body = json.dumps({"text": "Gunmen killed four people in Kabul. " * 250_000})  # 9 MB, issue 19's reproduction
    response = client.post("/reports", content=body, headers={**auth(token), "Content-Type": "application/json"})
    assert response.status_code == 413
    assert "over the limit of 8,388,608 bytes" in response.json()["detail"]


def test_a_chunked_body_over_the_limit_is_a_413_with_the_security_headers(store_path, token):
    def chunks():
        for _ in range(5):
            yield b"x" * 400

    with client_for(store_path, StubPipeline(), max_request_bytes=1000) as small:
        response = small.post("/reports", content=chunks(), headers={**auth(token), "Content-Type": "application/json"})
        assert response.status_code == 413
        assert "over the limit of 1,000 bytes" in response.json()["detail"]
        assert all(name in response.headers for name in SECURITY_HEADERS)


def test_token_guessing_is_locked_out(store_path, token):
    with client_for(store_path, StubPipeline(), auth_failures_allowed=5, auth_lockout_s=60) as guarded:
        statuses = [guarded.patch("/events/SYR1", json={"action": "accept"}, headers=auth(f"wl_guess{n}")).status_code
                    for n in range(300)]  # fmt: skip
        assert statuses[:5] == [401] * 5 and set(statuses[5:]) == {429}
        locked = guarded.patch("/events/SYR1", json={"action": "accept"}, headers=auth(token))
        assert locked.status_code == 429  # a right guess during the lockout tells nothing
        assert 0 < int(locked.headers["retry-after"]) <= 60 and "try again in" in locked.json()["detail"]
        assert guarded.get("/events").status_code == 200  # open reads need no token


def test_docs_and_page_are_served_without_a_cdn(client):
    docs = client.get("/docs").text
    assert "docs-assets/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    schema = client.get("/openapi.json").json()
    assert {"/reports", "/jobs/{job_id}", "/events", "/events/{event_id}", "/export"} <= set(schema["paths"])
    page = client.get("/").text
    assert "http://" not in page and "https://" not in page
    assert client.get("/config").json()["tile_url"] is None


# --- what the page offers: vocabulary, place choices, the offline map's names -----------------------


def test_vocabulary_offers_the_taxonomy_the_inter_codes_and_the_date_range(client):
    vocabulary = client.get("/vocabulary").json()
    assert vocabulary["event_types"]["Riots"] == ["Violent demonstration", "Mob violence"]
    assert {"event_type": "Protests", "sub_event_type": "Peaceful protest", "disorder_type": "Demonstrations"} in (
        vocabulary["disorder_types"]
    )
    assert vocabulary["inter_codes"]["7"] == "Civilians"
    assert "Syria" in vocabulary["countries"] and "Democratic Republic of Congo" in vocabulary["countries"]
    assert vocabulary["first_date"] == "1900-01-01" and vocabulary["last_date"] > date.today().isoformat()


def test_place_choices_for_a_location_name(client):
    [hajin] = client.get("/places", params={"name": "Hajin", "country": "Syria"}).json()
    assert (hajin["admin1"], hajin["kind"]) == ("Deir ez-Zor", "city")
    assert [p["country"] for p in client.get("/places", params={"name": "Hajin"}).json()][:1] == ["Syria"]
    assert client.get("/places", params={"name": "Hajin", "country": "Atlantis"}).json() == []


def test_the_offline_map_names_fewer_towns_when_zoomed_out(client):
    syria = client.get("/basemap/places", params={"bbox": "35,32,42,37", "zoom": 7}).json()["places"]
    names = [name for name, *_ in syria]
    assert "Aleppo" in names and len(names) > 50
    world = client.get("/basemap/places", params={"bbox": "-180,-85,180,85", "zoom": 12}).json()["places"]
    assert 0 < len(world) < 150 and min(population for *_, population in world) >= 1_000_000
    assert client.get("/basemap/places", params={"bbox": "1,2,3", "zoom": 3}).status_code == 422


# --- tokens and roles -----------------------------------------------------------------------------------


@pytest.fixture
def tokens(store_path):
    with Store(store_path) as store:
        return {role: create_token(store.db, f"{role}-user", role) for role in ("read", "review", "admin")}


def test_each_role_allows_what_the_one_before_it_does(store_path, tokens):
    with client_for(store_path, StubPipeline(), read_open=False) as closed:
        listing = closed.get("/events", headers=auth(tokens["read"]))
        assert listing.status_code == 200
        target = listing.json()["events"][0]["event_id_cnty"]
        refused = closed.patch(f"/events/{target}", json={"action": "accept"}, headers=auth(tokens["read"]))
        assert refused.status_code == 403
        assert refused.json()["detail"] == "this needs the review role; read-user's token has the read role"
        assert (
            closed.patch(f"/events/{target}", json={"action": "accept"}, headers=auth(tokens["review"])).status_code
            == 200
        )
        assert closed.get("/admin/tokens", headers=auth(tokens["review"])).status_code == 403
        assert closed.get("/admin/tokens", headers=auth(tokens["admin"])).status_code == 200
        assert (
            closed.patch(f"/events/{target}", json={"action": "reject"}, headers=auth(tokens["admin"])).status_code
            == 200
        )


def test_tokens_are_made_listed_and_revoked_while_the_server_runs(client, tokens):
    admin = auth(tokens["admin"])
    made = client.post("/admin/tokens", json={"name": "bob", "role": "review"}, headers=admin)
    assert made.status_code == 201
    bob = made.json()
    assert bob["token"].startswith("wl_") and len(bob["id"]) == 12
    listed = {item["id"]: item for item in client.get("/admin/tokens", headers=admin).json()}
    assert listed[bob["id"]]["name"] == "bob" and listed[bob["id"]]["revoked"] is None
    assert all("token" not in item for item in listed.values())  # only hashes are kept
    target = event_id(client, country="Kenya")
    assert client.patch(f"/events/{target}", json={"action": "accept"}, headers=auth(bob["token"])).status_code == 200
    revoked = client.delete(f"/admin/tokens/{bob['id']}", headers=admin)
    assert revoked.status_code == 200 and revoked.json()["revoked"] is not None
    assert client.patch(f"/events/{target}", json={"action": "reject"}, headers=auth(bob["token"])).status_code == 401
    assert client.delete("/admin/tokens/0123456789ab", headers=admin).status_code == 404
    assert client.post("/admin/tokens", json={"name": "eve", "role": "root"}, headers=admin).status_code == 422


def test_every_write_is_in_a_log_with_who_and_when(client, tokens):
    admin = auth(tokens["admin"])
    bob = client.post("/admin/tokens", json={"name": "bob", "role": "review"}, headers=admin).json()
    client.delete(f"/admin/tokens/{bob['id']}", headers=admin)
    job = client.post("/reports", json={"id": "w1", "text": "Clash in al-Bukamal."}, headers=auth(tokens["review"]))
    wait_for(client, job.json()["id"])
    entries = client.get("/admin/audit", headers=admin).json()
    assert [(e["who"], e["action"], e["subject"]) for e in entries[:3]] == [
        ("review-user", "reports.post", job.json()["id"]),
        ("admin-user", "token.revoke", bob["id"]),
        ("admin-user", "token.create", bob["id"]),
    ]
    assert entries[0]["detail"] == {"report_ids": ["w1"]} and entries[0]["at"].startswith(str(date.today().year))
    target = event_id(client, country="Kenya")
    client.patch(f"/events/{target}", json={"action": "accept"}, headers=auth(tokens["review"]))
    [review] = client.get(f"/events/{target}").json()["audit"]
    assert review["who"] == "review-user"


# --- a living dataset: changes since, deletions, text inter labels ----------------------------------------


def test_changes_since_a_moment_and_the_deleted_events(client, token, store_path):
    assert client.get("/events", params={"since": "2999-01-01T00:00:00"}).json()["total"] == 0
    assert client.get("/events", params={"since": "2000-01-01T00:00:00"}).json()["total"] == 3
    assert client.get("/events/deleted").json() == []
    kenya = event_id(client, country="Kenya")
    client.patch(f"/events/{kenya}", json={"action": "reject"}, headers=auth(token)).raise_for_status()
    [gone] = client.get("/events/deleted").json()
    assert (gone["event_id_cnty"], gone["reason"], gone["replaced_by"]) == (kenya, "rejected", None)
    assert client.get("/events/deleted", params={"since": "2999-01-01T00:00:00"}).json() == []


def test_export_with_text_inter_labels(client):
    exported = client.get("/export", params={"format": "acled-csv", "country": "Kenya", "inter_labels": True}).text
    row = next(csv.DictReader(io.StringIO(exported)))
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("Protesters", "", "Protesters only")


# --- redaction ----------------------------------------------------------------------------------------

NAMED_TEXT = "Gunmen shot dead farmer John Mwangi in Kapsabet on Monday, his brother Peter Kiprono said."


def test_a_redacting_server_masks_peoples_names_in_lists_details_and_exports(tmp_path):
    path = tmp_path / "named.duckdb"
    evidence = [Evidence("actor2", 0, len(NAMED_TEXT), 17, 40, "farmer John Mwangi")]
    with Store(path) as store:
        event = make_event("named", notes=NAMED_TEXT, evidence=evidence, location="Kapsabet")
        store.add_report(make_report("named", "Star", NAMED_TEXT), [event])
    for redact, shown in ((False, True), (True, False)):
        with client_for(path, redact_persons=redact, read_open=True) as client:
            detail = client.get(f"/events/{event_id(client)}").json()
            exported = client.get("/export", params={"format": "acled-csv"}).text
            assert ("Mwangi" in json.dumps(detail)) is shown and ("Mwangi" in exported) is shown
            assert "Kapsabet" in json.dumps(detail) and "Kapsabet" in exported
            parquet = client.get("/export", params={"format": "parquet"})
            assert parquet.status_code == 200
            (tmp_path / "events.parquet").write_bytes(parquet.content)
            stored = duckdb.sql(f"SELECT notes, evidence FROM read_parquet('{tmp_path / 'events.parquet'}')").fetchall()
            assert ("Mwangi" in json.dumps(stored)) is shown and "Kapsabet" in json.dumps(stored)
            # A search for a masked name finds nothing, and counts, maps and exports nothing either.
            searched = {"q": "Mwangi"}
            assert client.get("/events", params=searched).json()["total"] == (1 if shown else 0)
            assert client.get("/events", params={"actor": "Mwangi"}).json()["total"] == 0  # no actor is a person
            assert ("Mwangi" in client.get("/export", params={"format": "acled-csv", **searched}).text) is shown
            assert client.get("/events", params={"q": "Kapsabet"}).json()["total"] == 1
            assert (client.get("/events/points", params=searched).json()["total"] == 1) is shown
            if redact:
                assert "[person]" in detail["reports"][0]["text"] and "[person]" in json.dumps(detail["evidence"])
                assert "[person]" in json.dumps(stored)
