from warlog.knowledge import actors


def names(text: str) -> list[tuple[str, int]]:
    return [(match.template, match.inter) for match in actors.find_actors(text)]


def test_words_for_groups_map_to_acled_templates_and_inter_codes():
    assert names("police") == [("Police Forces of {country}", 1)]
    assert names("unknown gunmen") == [("Unidentified Armed Group ({country})", 3)]
    assert names("Daesh") == [("Islamic State ({country})", 2)]
    assert names("protesters") == [("Protesters ({country})", 6)]
    assert names("rioters") == [("Rioters ({country})", 5)]
    assert names("villagers") == [("Civilians ({country})", 7)]


def test_acronyms_are_case_sensitive():
    assert names("it is") == []
    assert names("IS fighters")[0][1] == 2


def test_adjacent_words_name_one_group_after_the_most_specific():
    matches = actors.find_actors("Taliban militants attacked")
    assert len(matches) == 1
    assert matches[0].template == "Taliban" and matches[0].text == "Taliban militants"


def test_members_of_an_organisation_are_named_after_it():
    assert actors.organisation_name("Mungiki members") == "Mungiki"
    assert actors.organisation_name("KNLA") == "KNLA"


def test_words_referring_back_stand_for_the_group_named_last():
    text = "The next day the group seized the head of its own border police and two of the group's fighters."
    earlier = actors.find_actors("Hamas gunmen")[0]
    resolved = actors.refer_back(text, actors.find_actors(text), earlier)
    assert [(text[m.start : m.end], m.template) for m in resolved] == [
        ("the group", earlier.template),
        ("border police", earlier.template),
        ("fighters", earlier.template),
    ]
    assert {m.span for m in resolved} == {earlier.span}
    # With no group named before, the words keep their own reading.
    alone = actors.refer_back(text, actors.find_actors(text), None)
    assert [m.template for m in alone] == [m.template for m in actors.find_actors(text)]


def test_well_known_armed_groups_are_named_as_acled_names_them():
    assert names("RSF fighters") == [("Rapid Support Forces", 2)]
    assert names("Syrian Democratic Forces") == [("QSD: Syrian Democratic Forces", 2)]
    assert names("the Pakistani Taliban") == [("TTP: Tehreek-i-Taliban Pakistan", 2)]


def test_forces_led_or_backed_by_someone_are_no_state_army_and_coalitions_have_their_names():
    assert names("Kurdish-led forces") == [("Unidentified Armed Group ({country})", 3)]
    assert names("government-backed militias") == [("Militia (Pro-Government)", 3)]
    assert names("US-led coalition aircraft") == [("Global Coalition Against Daesh", 8)]
    assert names("Saudi-led coalition warplanes") == [("Operation Restoring Hope", 8)]


def test_a_group_named_as_what_someone_opposes_is_no_side():
    assert names("anti-government protesters") == [("Protesters ({country})", 6)]
    assert names("anti-riot police") == [("Police Forces of {country}", 1)]


def test_an_identity_groups_armed_men_are_its_militia_and_its_other_people_are_not():
    assert names("Garre militia") == [("Garre Ethnic Militia ({country})", 4)]
    assert names("Habar Gidir militiamen") == [("Habar Gidir Clan Militia ({country})", 4)]
    assert names("a Kikuyu man") == [("Civilians ({country})", 7)]


def test_a_group_that_owns_or_backs_something_is_no_side_of_its_own():
    assert names("the military-owned telecom tower") == []
    assert names("army-backed militias") == [("Militia (Pro-Government)", 3)]


def test_a_nationality_stays_with_state_forces_told_in_several_words():
    [match] = actors.find_actors("the Myanmar military troops attacked")
    assert (match.text, match.nationality) == ("Myanmar military troops", "Myanmar")
