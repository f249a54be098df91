"""End to end: reports as they really come (issue 14's reproductions), through the CLI.

Each text is written for the project after a failure seen on real news: a war's running toll read as one
event's deaths, a capital that speaks taken for where the event happened, a dateline read as a group,
and a web page whose related-stories list became events of its own.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from test_cli_extract import run_warlog

REPORTS = {
    "running-toll": (
        "Activists said at least 70 fighters have been killed in Aleppo on Tuesday. The conflict, now in its "
        "fifth year, has killed more than 280000 people."
    ),
    "capital-defends": (
        "Syrian government air strikes killed 15 civilians in the rebel-held town of Douma on Tuesday, "
        "activists said. Moscow has defended its Damascus ally, saying the strikes targeted terrorists."
    ),
    # the same ambush told again by another source, with a vaguer figure: not more deaths
    "told-again": (
        "Syrian troops killed 32 rebels in an ambush in Daraa province on Sunday, a monitor said. The ambush was "
        "also reported by state television, which said tens of fighters had been killed."
    ),
    # ACLED's answer key inside a note ("Fatalities coded as ...") is the coder's, not the report's.
    "answer-key": (
        "On 9 May 2020, two police officers were killed when a roadside bomb hit their vehicle in Kandahar city. "
        "Fatalities coded as 7."
    ),
    "capital-defends-headline": "Moscow defends Damascus ally after air strikes kill 15 civilians",
    # a shooting dated first by the day the police spoke, then by its own day
    "said-monday": (
        "Four people, including the gunman, are dead after a shooting at a bar in Tulsa, police said Monday. "
        "The shooting happened around 2 a.m. Sunday."
    ),
    # the government a headline cites, closing it
    "cited-government": "Islamic State deputy likely killed in air strike: U.S.",
    "dateline": (
        "Sun 05 Jul 2015 22 dead in heavy U.S. raids on IS Syria stronghold. Six civilians including a child "
        "were among at least 22 people killed in U.S. air strikes on Raqa, the Islamic State group's de facto "
        "Syrian capital, on Saturday and Sunday, a monitor said."
    ),
}

PAGE = """<!DOCTYPE html>
<html><head><title>Air strikes kill 12 in Idlib market | Levant Daily</title></head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/syria">Syria</a></li>
<li><a href="/iraq">Iraq</a></li></ul></nav></header>
<main><article>
<h1>Air strikes kill 12 in Idlib market</h1>
<p>Air strikes hit a crowded market in the town of Maarat al-Numan in Idlib province on Monday, killing at
least 12 civilians, the Syrian Observatory for Human Rights said.</p>
<p>Rescue workers pulled bodies from the rubble as fires spread through the stalls. The Observatory said
warplanes struck the market twice in the morning.</p>
<aside class="related"><h3>Related stories</h3><ul>
<li><a href="/a">Car bomb kills 30 in Baghdad market</a></li>
<li><a href="/b">Rebels shell Aleppo, killing 5 children</a></li>
<li><a href="/c">Suicide bomber kills 9 at Kabul mosque</a></li>
</ul></aside>
</article></main>
<footer><p>Levant Daily. Contact us. Privacy policy.</p></footer>
</body></html>
"""


@pytest.fixture(scope="module")
def events(tmp_path_factory) -> dict[str, list[dict]]:
    folder = tmp_path_factory.mktemp("news")
    lines = [json.dumps({"id": name, "text": text, "published": "2015-07-07"}) for name, text in REPORTS.items()]
    (folder / "reports.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    found: dict[str, list[dict]] = {name: [] for name in REPORTS}
    done = run_warlog("extract", str(folder / "reports.jsonl"), "-f", "jsonl")
    assert done.returncode == 0, done.stderr
    for line in done.stdout.splitlines():
        event = json.loads(line)
        found[event["report_id"]].append(event)
    return found


def evidence(event: dict, field: str) -> str:
    return next(item["text"] for item in event["evidence"] if item["field"] == field)


def test_a_wars_running_toll_is_no_events_deaths(events):
    [event] = [e for e in events["running-toll"] if e["fatalities"]]
    assert event["fatalities"] == 70
    assert "70" in evidence(event, "fatalities")
    assert event["location"] == "Aleppo"


def test_deaths_told_again_by_another_source_are_not_added(events):
    [event] = [e for e in events["told-again"] if e["fatalities"]]
    assert event["fatalities"] == 32 and "32" in evidence(event, "fatalities")


def test_the_answer_key_inside_a_note_is_not_read(events):
    [event] = events["answer-key"]
    assert event["fatalities"] == 2


def test_a_capital_that_defends_its_ally_is_not_where_the_strikes_were(events):
    for name in ("capital-defends", "capital-defends-headline"):
        assert events[name], name
        assert all(e["country"] == "Syria" for e in events[name]), [(e["location"], e["country"]) for e in events[name]]
    [strike] = events["capital-defends"]
    assert strike["location"] == "Duma" and strike["fatalities"] == 15


def test_a_shooting_is_dated_by_its_own_day_not_by_the_day_the_police_spoke(events):
    # published Tuesday 7 July 2015: "Monday" is the 6th, "Sunday" the 5th
    [shooting] = events["said-monday"]
    assert shooting["event_date"] == "2015-07-05" and shooting["fatalities"] == 4
    assert shooting["actor2"].startswith("Civilians")


def test_the_government_a_headline_cites_is_not_where_it_happened(events):
    assert events["cited-government"]
    assert all(e["country"] != "United States" for e in events["cited-government"])


def test_a_dateline_is_no_group_and_the_raiders_nationality_no_place(events):
    found = events["dateline"]
    assert found
    for event in found:
        for side in ("actor1", "actor2"):
            assert "Jul" not in (event[side] or "") and "Sun" not in (event[side] or ""), event[side]
        assert event["country"] == "Syria", event["location"]
    lead = max(found, key=lambda e: e["confidence"])
    assert lead["location"] == "Ar Raqqah" and lead["fatalities"] == 22


def test_a_web_page_gives_its_incidents_events_only(tmp_path: Path):
    page = tmp_path / "idlib.html"
    page.write_text(PAGE, encoding="utf-8")
    done = run_warlog("extract", str(page), "--published", "2019-07-23", "-f", "jsonl")
    assert done.returncode == 0, done.stderr
    found = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(e["location"], e["sub_event_type"], e["fatalities"]) for e in found] == [
        ("Maarrat an Numan", "Air/drone strike", 12)
    ]
