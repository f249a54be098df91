import json
from datetime import date
from pathlib import Path

import pytest

from analysis_factory import make_analysis
from warlog import arguments, coding, events, timex
from warlog.pipeline import Pipeline
from warlog.records import Evidence, Location, Place, PlaceMention, Report, ResolvedDate

BUKAMAL = Place("Al Bukamal", 34.4534, 40.9363, "SY", "Syria", "Deir ez-Zor", "Al Mayadin", 171451)
QALAMOUN = Place("Qalamoun", 33.9, 36.6, "SY", "Syria", "Rif Dimashq", None, 1)


@pytest.fixture
def resolved(monkeypatch):
    """Dates and places resolved from words the test sentences use, so that coding is tested alone."""
    days = {"Monday": date(2015, 11, 16), "Tuesday": date(2015, 11, 17), "Wednesday": date(2015, 11, 18)}

    def said(mention, word):
        sentence = mention.sentence
        start = sentence.start + sentence.text.lower().index(word.lower())
        return Evidence("", sentence.start, sentence.end, start, start + len(word), word)

    def event_date(analysis, mention):
        for word, day in days.items():
            if word in mention.sentence.text:
                return ResolvedDate(day, 1, 0.9, said(mention, word))
        return ResolvedDate(None, 1, 0.0)

    def event_place(analysis, mention, candidates=None, country_places=None):
        for place in (BUKAMAL, QALAMOUN):
            word = place.name.split()[-1]
            if word.lower() in mention.sentence.text.lower():
                return Location(place, place.name, 1, 0.9, said(mention, word))
        return Location(None, None, None, 0.0)

    monkeypatch.setattr(coding.dates, "resolve_event_date", event_date)
    monkeypatch.setattr(coding.places, "resolve_event_place", event_place)


def code(text: str, entities=()):
    analysis = make_analysis(text, entities)
    events.annotate(analysis)
    arguments.annotate(analysis)
    coding.annotate(analysis)
    return analysis.events


def test_an_event_told_twice_is_one_event_with_its_deaths_counted_once(resolved):
    found = code(
        "On Wednesday unknown gunmen attacked IS members in Bukamal, killing four of the group's fighters. "
        "On Wednesday, four IS members were killed in a gun battle in Bukamal."
    )
    battles = [event for event in found if event.event_type == "Battles"]
    assert len(battles) == 1
    battle = battles[0]
    assert battle.sub_event_type == "Armed clash"
    assert battle.fatalities == 4
    assert battle.actor2 == "Islamic State (Syria)"
    assert battle.interaction == "23"
    assert battle.country == "Syria" and battle.iso == 760
    assert {evidence.field for evidence in battle.evidence} >= {"event_type", "actor1", "fatalities"}


def test_the_sides_of_the_act_an_event_is_coded_as_come_first(resolved):
    # The police shooting that ended the attack joins it; the gunman is still its actor1.
    [attack] = code(
        "Nine people were killed when a gunman opened fire outside a bar in Bukamal on Sunday. "
        "Police officers shot the gunman dead within 30 seconds."
    )
    assert attack.sub_event_type == "Attack"
    assert attack.actor1.startswith("Unidentified Armed Group") and attack.actor2.startswith("Civilians")


def test_explosions_inside_a_battle_belong_to_it(resolved):
    found = code(
        "On Tuesday rebels clashed with soldiers in Bukamal. On Tuesday, mortar shells fell on Bukamal, "
        "killing two soldiers."
    )
    assert [(event.event_type, event.fatalities) for event in found] == [("Battles", 2)]


def test_events_on_different_days_stay_apart(resolved):
    found = code(
        "On Monday rebels clashed with soldiers in Bukamal. On Wednesday rebels clashed with soldiers in Bukamal."
    )
    assert len(found) == 2


def test_a_group_ruling_the_town_arrests_rather_than_abducts(resolved):
    text = (
        "Under Islamic State rule, life in Bukamal is hard. "
        "On Monday the Islamic State arrested the head of the Hisbeh in Bukamal."
    )
    assert [(e.event_type, e.sub_event_type) for e in code(text)] == [("Strategic developments", "Arrests")]
    elsewhere = "On Monday Islamic State fighters arrested two teachers in Bukamal."
    assert code(elsewhere)[0].sub_event_type == "Abduction/forced disappearance"


def test_a_raised_flag_is_no_protest(resolved):
    found = code("On Tuesday, youths raised the flag of the revolution above a school in Bukamal.")
    assert [(e.event_type, e.sub_event_type, e.disorder_type) for e in found] == [
        ("Strategic developments", "Other", "Strategic developments")
    ]


def test_civilians_as_the_target_make_civilian_targeting(resolved):
    event = code("On Monday gunmen shot dead three villagers in Bukamal.")[0]
    assert event.event_type == "Violence against civilians"
    assert event.actor1 == "Unidentified Armed Group (Syria)"
    assert event.actor2 == "Civilians (Syria)"
    assert event.civilian_targeting == "Civilian targeting"
    assert event.interaction == "37"
    assert event.fatalities == 3


def test_protests_are_coded_with_protesters_and_no_deaths(resolved):
    event = code("On Monday residents of Bukamal protested over the killing of two students.")[0]
    assert (event.event_type, event.actor1, event.fatalities, event.interaction) == (
        "Protests",
        "Protesters (Syria)",
        0,
        "60",
    )


def test_hypothetical_events_are_not_coded(resolved):
    assert code("They fear that the rebels might attack Qalamoun in the future.") == []


def test_notes_summarise_the_trigger_sentence(resolved):
    event = code("On Monday gunmen   shot dead three villagers in Bukamal.")[0]
    assert event.notes == "On Monday gunmen shot dead three villagers in Bukamal."


def test_the_seed_article_yields_its_events_once_each(shared):
    text = (shared / "seed" / "albukamal_2015-11-25.txt").read_text(encoding="utf-8")
    found = Pipeline().run(Report("seed", text, date(2015, 11, 25))).events
    battles = [event for event in found if event.event_type == "Battles"]
    assert [(b.sub_event_type, b.fatalities, b.event_date) for b in battles] == [("Armed clash", 4, date(2015, 11, 18))]
    assert "Islamic State" in battles[0].actor2
    detentions = [e for e in found if e.event_date == date(2015, 11, 16) and "Islamic State" in (e.actor1 or "")]
    assert [e.sub_event_type for e in detentions] == ["Arrests"]
    flags = [e for e in found if e.event_date == date(2015, 11, 17)]
    assert [(e.event_type, e.sub_event_type) for e in flags] == [("Strategic developments", "Other")]
    assert not any(event.event_type == "Protests" for event in found)


def test_a_sentence_without_its_own_day_or_place_goes_on_with_the_event_before(resolved):
    found = code("On Monday gunmen attacked soldiers in Bukamal. Two soldiers were killed in the fighting.")
    assert [(event.event_type, event.fatalities) for event in found] == [("Battles", 2)]


SARAQIB = Place("Saraqib", 35.86, 36.80, "SY", "Syria", "Idlib", None, 163806, kind="city")
IDLIB_PROVINCE = Place("Idlib", 35.75, 36.63, "SY", "Syria", "Idlib", None, 169388, kind="admin1")
NAYRAB = Place("Nayrab", 35.83, 36.75, "SY", "Syria", "Idlib", None, 1, kind="city")
LEBANON = Place("Lebanon", 33.83, 35.83, "LB", "Lebanon", None, None, 272103, kind="country")
NABATIEH = Place("Nabatieh", 33.38, 35.48, "LB", "Lebanon", "Nabatieh", None, 268064, kind="city")
JORDAN = Place("Jordan", 31.0, 36.0, "JO", "Jordan", None, None, 248816, kind="country")


def code_with_places(text: str, named: list[tuple[str, Place]], with_dates: bool = False):
    """Coding with the real place (and date) resolution over hand-placed place mentions."""
    analysis = make_analysis(text)
    for name, place in named:
        start = text.index(name)
        analysis.places.append(PlaceMention(start, start + len(name), name, place, 0.9))
    analysis.places.sort(key=lambda mention: mention.start)
    if with_dates:
        timex.annotate(analysis)
    events.annotate(analysis)
    arguments.annotate(analysis)
    coding.annotate(analysis)
    return analysis.events


def test_a_country_named_as_speaker_is_not_where_the_event_happened():
    found = code_with_places(
        "Gunmen shot dead two farmers in Nayrab. Jordan has said the killings were a crime.",
        [("Nayrab", NAYRAB), ("Jordan", JORDAN)],
    )
    assert {event.country for event in found} == {"Syria"}


def test_a_town_described_by_its_province_is_the_setting_not_the_province():
    found = code_with_places(
        "Anger grew in Saraqib, a market town in the south of Idlib province. Gunmen killed two men on Tuesday.",
        [("Saraqib", SARAQIB), ("Idlib", IDLIB_PROVINCE)],
    )
    assert [(event.location, event.geo_precision) for event in found] == [("Saraqib", 1)]


def test_the_town_refers_back_to_the_town_named_last():
    found = code_with_places(
        "On Monday rebels shelled Saraqib. On Monday the army retook Idlib province. "
        "On Tuesday a car bomb exploded in the town, killing five.",
        [("Saraqib", SARAQIB), ("Idlib", IDLIB_PROVINCE)],
        with_dates=True,
    )
    bombing = next(event for event in found if event.sub_event_type == "Remote explosive/landmine/IED")
    assert bombing.location == "Saraqib"


def test_an_event_told_at_country_level_is_folded_into_its_town():
    found = code_with_places(
        "Shelling in Lebanon killed nine people. Artillery shells fell on Nabatieh, killing nine civilians.",
        [("Lebanon", LEBANON), ("Nabatieh", NABATIEH)],
    )
    assert [(event.location, event.fatalities) for event in found] == [("Nabatieh", 9)]


def test_the_same_event_told_again_at_a_town_is_placed_at_the_town():
    # "The attack" tells it again: one event, placed at the town it happened in (geo_precision 1), not
    # only near the town the report names most, as an event known only at its country is.
    found = code_with_places(
        "A chemical attack in northwestern Lebanon killed dozens of civilians on Tuesday. "
        "The attack on the town of Nabatieh killed at least 58 civilians.",
        [("Lebanon", LEBANON), ("Nabatieh", NABATIEH)],
    )
    assert [(event.location, event.geo_precision) for event in found] == [("Nabatieh", 1)]


def test_an_event_told_at_country_level_is_not_set_in_a_province_named_in_passing():
    south = Place("South", 33.27, 35.37, "LB", "Lebanon", "South", None, 0, kind="admin1")
    found = code_with_places(
        "Shelling in Lebanon killed nine people. The army said rebels hold much of South province.",
        [("Lebanon", LEBANON), ("South", south)],
    )
    assert [(event.location, event.fatalities) for event in found] == [("Lebanon", 9)]


def test_history_recalled_weeks_before_the_lead_event_is_not_coded():
    found = code_with_places(
        "Gunmen killed two farmers near Nayrab on 3 May 2020. In March 2018, rebels shelled Saraqib, "
        "killing 40 people.",
        [("Nayrab", NAYRAB), ("Saraqib", SARAQIB)],
        with_dates=True,
    )
    assert [(event.event_date, event.fatalities) for event in found] == [(date(2020, 5, 3), 2)]


def test_a_groups_own_police_and_the_group_are_that_group(resolved):
    found = code(
        "Islamic State fighters control Bukamal. On Monday the group detained the head of its own police in Bukamal."
    )
    detention = next(event for event in found if event.event_date == date(2015, 11, 16))
    assert detention.actor1 == "Islamic State (Syria)"
    assert "Police Forces" not in (detention.actor2 or "")


def test_the_bundled_sample_is_placed_in_the_town_and_its_own_police_is_the_group():
    sample = Path(__file__).resolve().parents[1] / "samples" / "reports.jsonl"
    record = json.loads(sample.read_text(encoding="utf-8").splitlines()[0])
    report = Report(record["id"], record["text"], date.fromisoformat(record["published"]))
    found = Pipeline().run(report).events
    assert {(event.location, event.geo_precision) for event in found} == {("Albu Kamal", 1)}
    detention = next(event for event in found if event.event_date == date(2015, 11, 16))
    assert detention.actor1 == "Islamic State (Syria)"
    assert not any("Police Forces" in (event.actor1 or "") + (event.actor2 or "") for event in found)


def test_deaths_told_again_without_a_number_are_the_numbered_ones(resolved):
    found = code(
        "On Monday soldiers killed two rebel commanders in a clash in Qalamoun. "
        "The commanders were killed during heavy fighting in Qalamoun."
    )
    assert [(event.event_type, event.fatalities) for event in found] == [("Battles", 2)]
    reversed_order = code(
        "On Monday rebel commanders were killed in a clash with soldiers in Qalamoun. "
        "Soldiers killed two rebel commanders in the fighting in Qalamoun."
    )
    assert [event.fatalities for event in reversed_order] == [2]


def test_a_sentence_dated_by_an_earlier_year_is_history_not_the_setting():
    found = code_with_places(
        "On 3 May 2020 a chemical attack in Lebanon killed 30 people. Doctors in Nabatieh treated the "
        "wounded. Militants had used the same gas in Saraqib last year.",
        [("Lebanon", LEBANON), ("Nabatieh", NABATIEH), ("Saraqib", SARAQIB)],
        with_dates=True,
    )
    assert [(event.location, event.fatalities) for event in found] == [("Nabatieh", 30)]


def test_an_event_day_outside_the_accepted_dates_is_stored_undated_with_the_words_read():
    # A report published 9999-12-31 (made directly, past ingest's check) saying "yesterday" must not
    # give an event on 9999-12-30.
    report = Report("far", "Gunmen killed three civilians in Marib yesterday.", date(9999, 12, 31))
    (event,) = Pipeline().run(report).events
    assert event.event_date is None
    assert [(item.field, item.text) for item in event.evidence if item.field.startswith("event_date")] == [
        ("event_date_ignored", "yesterday")
    ]


@pytest.mark.parametrize(
    ("text", "published"),
    [
        # A year or month near the calendar's end: the month after it is past year 9999.
        (
            "On 31 December 9999, gunmen killed four people in Kabul. In the year 9998 police killed two in Herat.",
            date(9999, 12, 31),
        ),
        (
            "In the year 9999 gunmen killed four people in Kabul. In December 9999, police arrested two in Herat.",
            date(9999, 12, 30),
        ),
        # Near its start: a month before the lead event is before year 1.
        (
            "On 3 January 0001, gunmen killed four people in Kabul. The next day, police arrested two in Herat.",
            date(1, 1, 5),
        ),
    ],
)
def test_a_date_at_the_calendars_ends_is_coded_not_a_rejection(text, published):
    (result,) = Pipeline().run_or_reject([Report("calendar-end", text, published)])
    assert not hasattr(result, "reason"), result
    assert {event.location for event in result.events} == {"Kabul", "Herat"}


def test_whether_a_group_rules_the_place_is_searched_once_per_group_not_per_detention(resolved, monkeypatch):
    from warlog.events import rules

    searched = []
    controls = rules._authority_controls
    monkeypatch.setattr(rules, "_authority_controls", lambda text, name: searched.append(name) or controls(text, name))
    days = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
    text = "Under Islamic State rule, life in Bukamal is hard. " + " ".join(
        f"On {day} the Islamic State arrested {count} teachers in Bukamal." for count, day in enumerate(days, 2)
    )
    found = code(text)
    assert {e.sub_event_type for e in found} == {"Arrests"}
    assert len(searched) == len(set(searched)) >= 1  # a search of the whole report for each detention: quadratic


def test_a_report_opening_with_a_counted_deadly_incident_ranks_it_first(resolved):
    found = code(
        "On Tuesday more than 120 people have been killed in Bukamal, activists said. "
        "On Monday warplanes dropped barrel bombs on Qalamoun."
    )
    lead = max(found, key=lambda event: event.confidence)
    assert (lead.location, lead.fatalities) == ("Al Bukamal", 120)
    assert all(event.confidence < lead.confidence for event in found if event is not lead)


def test_the_lead_is_the_first_incident_whose_deaths_are_counted(resolved):
    analysis = make_analysis(
        "On Monday air strikes on Qalamoun killed civilians, activists said. "
        "On Tuesday more than 120 people were killed in attacks on Bukamal."
    )
    events.annotate(analysis)
    arguments.annotate(analysis)
    coding.annotate(analysis)
    told = {mention.sentence.start: mention.confidence for mention in analysis.mentions}
    unnumbered, counted = analysis.events
    assert counted.fatalities == 120
    assert counted.confidence == round(told[max(told)] + coding.LEAD_BONUS, 3)
    assert unnumbered.confidence == min(round(told[0], 3), 1 - coding.LEAD_BONUS)


def test_what_a_report_tells_after_its_opening_ranks_below_its_counted_incident(resolved):
    found = code(
        "On Monday air strikes on Qalamoun killed civilians, activists said. "
        "On Tuesday more than 120 people have been killed in Bukamal, activists said. "
        "On Wednesday warplanes dropped barrel bombs on Qalamoun."
    )
    opening, counted, later = found
    assert counted.fatalities == 120
    assert counted.confidence > later.confidence


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a rounded opening toll, dated by the report, and the exact figure with the event's own day: one event
        (
            "Dozens of civilians have been killed by air strikes on Manbij in Aleppo province. "
            "At least 73 civilians were killed in the air strikes on Manbij on Tuesday, monitors said.",
            [(73, date(2016, 7, 19))],
        ),
        # a figure the vague amount cannot stand for is another event's
        (
            "Hundreds of civilians have been killed by air strikes on Manbij in Aleppo province. "
            "At least 17 civilians were killed in the air strikes on Manbij on Tuesday, monitors said.",
            [(100, date(2016, 7, 21)), (17, date(2016, 7, 19))],
        ),
    ],
)
def test_a_rounded_opening_toll_is_the_exact_figure_told_later(text, expected):
    found = Pipeline().run(Report("rounded", text, date(2016, 7, 21))).events
    assert [(event.fatalities, event.event_date) for event in found] == expected


def test_a_headline_gives_the_toll_its_text_leaves_vague():
    text = (
        "A car bomb exploded near a mosque in the town of Azaz on Saturday, killing and wounding dozens of "
        "people, activists said. The town lies near the Turkish border."
    )
    headlined = Report("azaz", text, date(2017, 4, 4), title="Car bomb kills 12 in Syria's Azaz")
    [event] = Pipeline().run(headlined).events
    assert (event.fatalities, event.location, event.event_date) == (12, "Izaz", date(2017, 4, 1))


def test_the_event_a_headline_tells_leads_the_report():
    text = (
        "On Monday, shelling killed 58 people in Harasta, a monitor said. On Tuesday, warplanes struck the town "
        "of Douma, killing at least 19 civilians, among them six children."
    )
    title = "Air strikes kill 19 near Syrian capital"
    found = Pipeline().run(Report("douma", text, date(2017, 4, 4), title=title)).events
    assert len(found) == 2  # the headline's event is the text's, not one more
    lead = max(found, key=lambda event: event.confidence)
    assert (lead.fatalities, lead.location, lead.event_date) == (19, "Duma", date(2017, 4, 4))


def test_a_headline_the_text_does_not_tell_is_an_event_of_its_own():
    text = "Hundreds of people protested in Gao on Monday against rising fuel prices, witnesses said."
    title = "Gunmen kill three soldiers near Kidal"
    found = Pipeline().run(Report("kidal", text, date(2020, 5, 6), title=title)).events
    assert [(event.event_type, event.fatalities, event.location) for event in found] == [
        ("Battles", 3, "Kidal"),
        ("Protests", 0, "Gao"),
    ]


def test_a_headline_is_its_text_event_told_again_not_one_more():
    text = (
        "A suicide bomber killed four people in a hospital in Qardaha on Sunday, a monitor said. The attack came "
        "as troops were reported to have executed 48 people earlier this week in a northern village."
    )
    title = "Suicide bomber kills 4 in Assad clan's hometown"
    found = Pipeline().run(Report("qardaha", text, date(2015, 2, 23), title=title)).events
    [bombing] = [event for event in found if event.sub_event_type == "Suicide bomb"]
    assert (bombing.fatalities, bombing.event_date) == (4, date(2015, 2, 22))
    assert bombing.confidence == max(event.confidence for event in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the toll told first, dated by the report, then with the event's own day: one event, on its day
        (
            "Police: 2 dead, 3 hurt in shooting at Houston party. HOUSTON (AP) - Two people were killed and three "
            "wounded when a gunman opened fire at a house party late Saturday, police said.",
            [(2, date(2013, 3, 9))],
        ),
        # another figure is another event's
        (
            "Police: 2 dead, 3 hurt in shooting at Houston party. HOUSTON (AP) - Five people were killed when a "
            "gunman opened fire at a bar in Houston late Saturday, police said.",
            [(2, date(2013, 3, 11)), (5, date(2013, 3, 9))],
        ),
    ],
)
def test_an_opening_toll_dated_by_the_report_is_the_same_toll_told_with_its_day(text, expected):
    found = Pipeline().run(Report("houston", text, date(2013, 3, 11))).events
    assert [(event.fatalities, event.event_date) for event in found] == expected
