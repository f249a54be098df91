from datetime import date

from warlog.knowledge.actors import EXTERNAL, STATE, find_actors
from warlog.resolve import actors


def test_state_forces_get_the_country_and_its_era():
    assert actors.actor_name("Military Forces of {country}", 1, "Syria", date(2015, 11, 18)) == (
        "Military Forces of Syria (2000-)"
    )
    assert actors.actor_name("Police Forces of {country}", 1, "Kenya", date(2008, 1, 2)) == (
        "Police Forces of Kenya (2002-2013)"
    )


def test_no_era_where_none_is_known_and_no_country_where_none_is_known():
    assert (
        actors.actor_name("Police Forces of {country}", 1, "Atlantis", date(2020, 1, 1)) == "Police Forces of Atlantis"
    )
    assert actors.actor_name("Civilians ({country})", 7, None) == "Civilians"


def test_interaction_puts_the_lower_code_first_and_pairs_a_sole_actor_with_zero():
    assert actors.interaction(3, 7) == "37"
    assert actors.interaction(2, 1) == "12"
    assert actors.interaction(6, None) == "60"
    assert actors.interaction(None, None) is None


def test_a_nationality_before_state_forces_says_whose_forces_they_are():
    [match] = find_actors("Russian warplanes bombed the town")
    assert (match.text, match.nationality) == ("Russian warplanes", "Russia")
    on = date(2020, 5, 10)
    assert actors.resolve(match, "Syria", on) == actors.Actor("Military Forces of Russia (2000-)", EXTERNAL)
    assert actors.resolve(match, "Russia", on) == actors.Actor("Military Forces of Russia (2000-)", STATE)
    [troops] = find_actors("US troops raided a compound")
    assert actors.resolve(troops, "Afghanistan", on).name == "Military Forces of the United States (2017-)"


def test_words_before_a_force_that_are_no_nationality_leave_it_to_the_event_country():
    [match] = find_actors("Regional police arrested him")
    assert match.nationality is None and match.text == "police"
    assert actors.resolve(match, "Kenya", date(2020, 5, 10)).name.startswith("Police Forces of Kenya")


def test_forces_of_a_country_take_its_article_and_bracketed_names_do_not():
    on = date(2020, 5, 10)
    assert actors.actor_name("Military Forces of {country}", 1, "Democratic Republic of Congo", on).startswith(
        "Military Forces of the Democratic Republic of Congo"
    )
    assert actors.actor_name("Rioters ({country})", 5, "Democratic Republic of Congo", on) == (
        "Rioters (Democratic Republic of Congo)"
    )
