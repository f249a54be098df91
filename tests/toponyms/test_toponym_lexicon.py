import pytest

from warlog.knowledge.gazetteer import gazetteer
from warlog.toponyms.lexicon import country_word_votes, cues, source_countries


def test_words_said_of_one_country_count_in_the_plural():
    assert country_word_votes("Kikuyus and Luos clashed over grazing land.")["KE"] > 1


def test_the_outlet_a_source_names_gives_its_home_country():
    index = gazetteer()
    assert source_countries("Star (Kenya)", index) == {"KE"}
    assert source_countries("The Irrawaddy", index) == {"MM"}
    assert source_countries("AFP; Pajhwok", index) == {"AF"}
    assert source_countries("Reuters", index) == set()


def test_an_outlet_named_in_two_scripts_is_known_by_either_name():
    index = gazetteer()
    assert source_countries("SMART News Agency - وكالة سمارت للأنباء", index) == {"SY"}
    assert source_countries("شبكة حلب نيوز - Halab News Network", index) == {"SY"}
    assert source_countries("المركز الصحفي السوري-Syrian Press Centre", index) == {"SY"}
    assert source_countries("SMART_News_Agency", index) == {"SY"}
    # a channel's name without spaces or with its initials or language after it
    assert source_countries("ShaamNetwork S.N.N", index) == {"SY"}
    assert source_countries("Qasioun News Agency EN", index) == {"SY"}
    assert source_countries("SANA", index) == {"SY"}  # a name that is only initials keeps them
    # A hyphen inside a name is no separator: France-Presse is no France.
    assert source_countries("Agence France-Presse", index) == set()


def test_a_wire_agency_named_for_its_home_country_gives_none():
    """Agence France Presse reports from every country: its name's France is no vote for the report's."""
    index = gazetteer()
    assert source_countries("Agence France Presse", index) == set()
    assert source_countries("Agence France Presse;BBC Monitoring Middle East", index) == set()


@pytest.mark.parametrize(
    ("source", "home"),
    [
        ("مكتب اعزاز الإعلامي-Azaz media centre", {"SY"}),
        ("Coordinating Kafar Batna Media Center", {"SY"}),
        ("Hadi who is a citizen journalist in Damascus Suburbs", {"SY"}),
        ("Daraya Popular Council", {"SY"}),  # the first name beside the outlet's words is its town
        ("Nairobi News", {"KE"}),
        ("JFO HQ press centre", set()),  # an acronym is no town
        ("Voice of the Revolution", set()),
        # a big place by a name it is widely known by; a small town's other name is often another word
        ("Halab Today TV", {"SY"}),
        ("Hiru News", set()),  # a Sri Lankan channel: GeoNames calls Hill, in the United States, "Hiru"
        ("Jug Media", set()),
    ],
)
def test_a_local_outlet_named_for_its_town_is_from_the_towns_country(source, home):
    assert source_countries(source, gazetteer()) == home


def test_each_outlet_of_a_source_list_gives_its_country():
    assert source_countries("An-Nahar; Al Ghad (Jordan)", gazetteer()) == {"LB", "JO"}


def test_who_holds_a_place_may_stand_between_a_cue_and_its_name():
    event_before = cues().event_before
    assert event_before.search("strikes on rebel-held ")
    assert event_before.search("in the government-controlled northern ")
    assert not event_before.search("the rebel-held ")  # no cue: who holds it says nothing of an event there


def test_the_areas_or_parts_of_a_place_are_in_it():
    event_before = cues().event_before
    assert event_before.search("Air strikes kill 12 in rebel-held areas of ")
    assert event_before.search("fighting in parts of ")
    assert not event_before.search("the areas of ")
