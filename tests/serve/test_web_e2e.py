"""The workbench in a real headless browser: Debian's chromium driven by Playwright, against
`warlog serve` over a store ingested from the bundled sample with `warlog ingest`.

Needs `apt-get install chromium` and the `playwright` Python package (never `playwright install`:
the browser is the system's). Skipped, saying so, when either is missing.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import httpx
import pytest

from event_factory import make_event, make_report
from warlog.export import ACLED_COLUMNS
from warlog.serve.background import running_server
from warlog.store.database import Store

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "samples" / "reports.jsonl"
# The README's picture is refreshed only on request, so that a test run leaves the checkout as it was.
SCREENSHOT = os.environ.get("WARLOG_SCREENSHOT")
CHROMIUM = os.environ.get("WARLOG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WARLOG = [str(Path(sys.executable).with_name("warlog"))]
# A report whose text carries markup that would run if the page ever parsed report text as HTML.
HOSTILE_TEXT = (
    "Warplanes struck the vegetable market in Maarat al-Numan in Idlib province on Thursday, killing 7 "
    "civilians, rescue workers said. <script>window.__pwned = 'script'</script>"
    "<img src=x onerror=\"window.__pwned = 'img'\">"
)

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
if not Path(CHROMIUM).exists():
    pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)


def warlog(*args: str) -> str:
    done = subprocess.run([*WARLOG, *args], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store = tmp_path_factory.mktemp("workbench") / "store.duckdb"
    warlog("ingest", str(SAMPLE), "--db", str(store))
    token = warlog("token", "create", "--name", "e2e-analyst", "--db", str(store)).strip()
    with running_server(store) as base:
        yield {"base": base, "token": token}


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory):
    profile = tmp_path_factory.mktemp("chromium-profile")  # a fresh profile: no state between runs
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1500, "height": 950},
            accept_downloads=True,
        )
        yield context
        context.close()


@contextmanager
def loaded_page(browser_context, base: str):
    """The workbench page at `base`, ready; fails if the page raised an error meanwhile."""
    page = browser_context.new_page()
    page.set_default_timeout(90_000)  # a loaded 2-core CI machine parses and renders slowly
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base + "/")
    page.wait_for_selector("body[data-ready=true]", state="attached", timeout=30_000)
    yield page
    page.close()
    assert errors == [], f"the page raised: {errors}"


@pytest.fixture
def page(browser_context, server):
    with loaded_page(browser_context, server["base"]) as opened:
        yield opened


def api(server, path: str, **params) -> dict:
    response = httpx.get(server["base"] + path, params=params, timeout=30)
    response.raise_for_status()
    return response.json()


def table_types(page) -> list[str]:
    return page.locator("#event-table tbody tr td[data-col=event_type]").all_inner_texts()


def wait_for_job(server, job_id: str) -> dict:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        job = api(server, f"/jobs/{job_id}")
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} did not finish")


def show_battles(page) -> list[str]:
    """Filter the page to battles; the ids of the events listed."""
    page.check("input[name=event_type][value='Battles']")
    page.click("#filter-form button[type=submit]")
    # The unfiltered table is already there: wait until the filtered one has replaced it.
    page.wait_for_function(
        """() => {
            const rows = [...document.querySelectorAll('#event-table tbody tr')];
            return rows.length >= 1
                && rows.every(row => row.querySelector('td[data-col=event_type]')?.textContent.includes('Battles'));
        }"""
    )
    return page.eval_on_selector_all("#event-table tbody tr", "rows => rows.map(row => row.dataset.id)")


def open_event(page, event_id: str) -> None:
    page.click(f"#event-table tbody tr[data-id='{event_id}']")
    page.wait_for_selector(f"#drawer:not([hidden]) #drawer-title:has-text('{event_id}')")
    page.wait_for_selector("#drawer .evidence-sentence")


def test_the_sample_shows_on_map_timeline_and_table(page, server):
    total = api(server, "/events")["total"]
    assert total >= 3
    assert page.locator("#event-table tbody tr").count() == total
    assert page.locator(".event-marker, .event-cluster").count() >= 1
    assert page.locator("#timeline .week-bar rect").count() >= 3
    assert page.locator("#map svg path").count() > 100  # country outlines, with no tile server


def test_filter_by_type(page, server):
    battles = api(server, "/events", event_type="Battles")["total"]
    assert battles >= 1  # the al-Bukamal gun battle
    assert len(show_battles(page)) == battles
    assert set(table_types(page)) == {"Battles"}
    bars = page.locator("#timeline .week-bar rect")
    assert {bars.nth(n).get_attribute("data-type") for n in range(bars.count())} == {"Battles"}


def test_an_event_shows_its_highlighted_evidence(page, server):
    battle = show_battles(page)[0]
    open_event(page, battle)
    spans = [item["text"] for item in api(server, f"/events/{battle}")["evidence"]]
    marks = page.locator("#drawer .evidence-sentence mark").all_inner_texts()
    assert marks, "no highlighted span in the evidence"
    assert all(any(mark.strip() in span for span in spans) for mark in marks)
    assert page.locator("#drawer .reports details").count() == len(api(server, f"/events/{battle}")["reports"])
    page.locator("#drawer .reports details").first.click()
    # The picture for the README: every sample event on the map, the battle's evidence in the drawer.
    page.click("#filter-form button[type=reset]")
    page.wait_for_function("() => document.querySelectorAll('#event-table tbody tr').length > 1")
    page.wait_for_timeout(500)  # the map's fly-to animation
    picture = page.screenshot(path=SCREENSHOT)
    assert picture.startswith(b"\x89PNG")


def test_a_correction_is_kept_after_re_ingesting(page, server):
    page.fill("#token-input", server["token"])
    page.press("#token-input", "Enter")
    battle = show_battles(page)[0]
    open_event(page, battle)
    page.click("#review-edit")
    page.fill("#correction-form input[name=fatalities]", "5")
    page.fill("#correction-form input[name=note]", "a third source counts five")
    page.click("#correction-form button[type=submit]")
    page.wait_for_selector("#drawer tr.corrected[data-field=fatalities]")
    assert page.inner_text("#drawer tr[data-field=fatalities] .field-value") == "5"
    assert "e2e-analyst" in page.inner_text("#drawer .audit")

    # A new version of one of the battle's reports: extracted again and merged again.
    report_id = api(server, f"/events/{battle}")["report_ids"][0]
    line = next(line for line in SAMPLE.read_text().splitlines() if json.loads(line)["id"] == report_id)
    report = json.loads(line)
    report["text"] += " A medic confirmed the deaths."
    response = httpx.post(
        server["base"] + "/reports",
        json=report,
        headers={"Authorization": f"Bearer {server['token']}"},
        timeout=30,
    )
    assert response.status_code == 202, response.text
    job = wait_for_job(server, response.json()["id"])
    assert job["status"] == "done" and battle in job["event_ids"], job

    page.reload()
    page.wait_for_selector("body[data-ready=true]", state="attached")
    show_battles(page)
    open_event(page, battle)
    assert page.inner_text("#drawer tr[data-field=fatalities] .field-value") == "5"
    assert page.locator("#drawer tr.corrected[data-field=fatalities]").count() == 1
    assert "A medic confirmed" in " ".join(page.locator("#drawer .report-text").all_text_contents())


def test_export_csv(page, server):
    with page.expect_download() as download_info:
        page.click("#export-csv")
    path = download_info.value.path()
    rows = list(csv.reader(io.StringIO(Path(path).read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == ACLED_COLUMNS
    assert len(rows) - 1 == api(server, "/events")["total"]


def test_a_report_with_a_script_tag_displays_as_text(page, server):
    page.fill("#token-input", server["token"])
    page.press("#token-input", "Enter")
    page.fill("#paste-form textarea[name=text]", HOSTILE_TEXT)
    page.fill("#paste-form input[name=published]", "2016-03-26")
    page.fill("#paste-form input[name=source]", "<b>Idlib Media</b>")
    page.click("#paste-form button[type=submit]")
    page.wait_for_selector("#paste-result .pasted-events li", timeout=60_000)
    page.wait_for_selector("#drawer:not([hidden]) .report-text", state="attached")
    texts = page.locator("#drawer .report-text").all_text_contents()
    assert any("<script>window.__pwned = 'script'</script>" in text for text in texts)
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("#drawer script, #drawer img, #drawer b").count() == 0


# --- the review queue, corrections through the form, and a store holding an impossible date ---------


def sign_in(page, server) -> None:
    page.fill("#token-input", server["token"])
    page.press("#token-input", "Enter")


def listed_ids(page) -> list[str]:
    return page.eval_on_selector_all("#event-table tbody tr", "rows => rows.map(row => row.dataset.id)")


def focused_id(page) -> str | None:
    return page.evaluate("() => document.activeElement?.dataset?.id ?? null")


def status_of(server, event_id: str) -> str:
    return api(server, f"/events/{event_id}")["status"]


def test_walk_the_review_queue_with_the_keyboard_and_in_bulk(page, server):
    sign_in(page, server)
    queue = [event["event_id_cnty"] for event in api(server, "/events", status="auto", sort="queue")["events"]]
    assert len(queue) >= 4, "the sample should leave at least four unreviewed events"
    page.click("#open-queue")
    page.wait_for_function("(first) => document.activeElement?.dataset?.id === first", arg=queue[0])
    assert listed_ids(page) == queue  # unreviewed, least confident first

    page.keyboard.press("a")  # accept the focused event: it leaves the queue, the next one takes its place
    page.wait_for_function("(gone) => !document.querySelector(`#event-table tr[data-id='${gone}']`)", arg=queue[0])
    assert status_of(server, queue[0]) == "accepted"
    page.wait_for_function("(next) => document.activeElement?.dataset?.id === next", arg=queue[1])
    page.keyboard.press("j")
    assert focused_id(page) == queue[2]
    page.keyboard.press("r")
    page.wait_for_function("(gone) => !document.querySelector(`#event-table tr[data-id='${gone}']`)", arg=queue[2])
    assert status_of(server, queue[2]) == "rejected"

    # Select the two events left at the top with x, then accept both at once.
    page.locator(f"#event-table tr[data-id='{queue[1]}']").focus()
    page.keyboard.press("x")
    page.keyboard.press("j")
    page.keyboard.press("x")
    assert page.inner_text("#bulk-accept") == "Accept 2 selected"
    page.click("#bulk-accept")
    page.wait_for_function("(gone) => !document.querySelector(`#event-table tr[data-id='${gone}']`)", arg=queue[3])
    assert [status_of(server, event_id) for event_id in (queue[1], queue[3])] == ["accepted", "accepted"]
    audit = api(server, f"/events/{queue[3]}")["audit"]
    assert [(entry["who"], entry["action"]) for entry in audit] == [("e2e-analyst", "accept")]


def syrian_event(server) -> dict:
    events = api(server, "/events", country="Syria", sort="oldest")["events"]
    return next(event for event in events if event["location"])


def test_a_refused_correction_says_why_beside_the_field(page, server):
    sign_in(page, server)
    event = syrian_event(server)
    open_event(page, event["event_id_cnty"])
    page.click("#review-edit")
    page.select_option("#correction-form select[name=country]", "Iraq")  # the town stays in Syria
    page.click("#correction-form button[type=submit]")
    problem = page.locator("#correction-form .field-problem[data-field=country]")
    problem.wait_for()
    assert f"no place named '{event['location']}' in Iraq" in problem.inner_text()
    assert api(server, f"/events/{event['event_id_cnty']}")["country"] == "Syria"


def test_correct_through_the_form_and_the_export_changes(page, server):
    sign_in(page, server)
    event = syrian_event(server)
    open_event(page, event["event_id_cnty"])
    page.click("#review-edit")
    # The form offers the taxonomy: a new event type brings its own sub-event types.
    page.select_option("#correction-form select[name=event_type]", "Strategic developments")
    page.select_option("#correction-form select[name=sub_event_type]", "Looting/property destruction")
    page.fill("#correction-form input[name=location]", "Hajin")
    page.fill("#correction-form input[name=note]", "the market was looted, not fought over")
    page.click("#correction-form button[type=submit]")
    page.wait_for_selector("#drawer tr.corrected[data-field=sub_event_type]")
    assert page.inner_text("#drawer tr[data-field=disorder_type] .field-value") == "Strategic developments"

    with page.expect_download() as download_info:
        page.click("#export-csv")
    rows = csv.DictReader(io.StringIO(Path(download_info.value.path()).read_text(encoding="utf-8")))
    row = next(row for row in rows if row["event_id_cnty"] == event["event_id_cnty"])
    assert (row["event_type"], row["sub_event_type"], row["location"]) == (
        "Strategic developments",
        "Looting/property destruction",
        "Hajin",
    )
    assert round(float(row["latitude"]), 1) == 34.7  # Hajin's place, resolved again by the server


@pytest.fixture(scope="module")
def far_future_server(tmp_path_factory):
    """A store holding an event dated 9999-12-31, written straight into the table (as a bug or an
    older version might have left it), beside an ordinary one."""
    store = tmp_path_factory.mktemp("far-future") / "store.duckdb"
    with Store(store) as opened:
        opened.add_report(make_report("r1"), [make_event("r1")])
        opened.add_report(make_report("r2"), [make_event("r2", event_date=date(2020, 6, 9), location="Hajin")])
        opened.db.execute(
            "UPDATE merged_events SET event_date = DATE '9999-12-31', year = 9999 WHERE report_ids = ['r2']"
        )
    with running_server(store) as base:
        yield base


def test_a_store_with_an_event_dated_9999_still_renders(browser_context, far_future_server):
    with loaded_page(browser_context, far_future_server) as page:
        assert page.locator("#event-table tbody tr").count() == 2
        assert "9999-12-31" in page.inner_text("#event-table")
        assert "1 dated outside 1900-01-01" in page.text_content("#timeline-title")
        bars = page.locator("#timeline .week-bar").count()
        assert 1 <= bars <= 400
