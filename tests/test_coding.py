from datetime import date

import pytest

from analysis_factory import make_analysis
from warlog import arguments, coding, events
from warlog.pipeline import Pipeline
from warlog.records import Evidence, Location, Place, Report, ResolvedDate

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

    def event_place(analysis, mention):
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
