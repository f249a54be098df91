import pytest

from analysis_factory import make_analysis
from warlog import arguments, events, toponyms
from warlog.resolve import fatalities


def deaths_of(text: str) -> tuple[int, tuple[int, int] | None]:
    """The deaths of the first event mention `events` finds in `text`, and their span."""
    analysis = make_analysis(text)
    events.annotate(analysis)
    return fatalities.mention_deaths(analysis.mentions[0])


def test_the_lowest_figure_is_kept():
    assert fatalities.conservative([7, 5, 9]) == 5
    assert fatalities.conservative([]) == 0


@pytest.mark.parametrize(
    ("text", "deaths"),
    [
        ("On 9 May 2020, unknown gunmen attacked IS members, killing four of the group's fighters.", 4),
        ("Four IS members were killed in a gun battle on Wednesday.", 4),
        ("4 militiamen, 1 soldier, and 1 policeman were killed in an attack by Taliban militants.", 6),
        ("Gunmen killed five people, including two children, in the village.", 5),
        ("Soldiers killed at least twelve militants in the clash.", 12),
        ("Dozens of civilians were killed in the airstrike.", 12),
        ("Rebels shelled the town, wounding seven civilians.", 0),
        ("Gunmen attacked the village but no one was killed.", 0),
        ("A man was shot dead by gunmen in the market.", 1),
        ("On 2 March 2020, a shepherd was killed by Taliban militants.", 1),
        ("Police shot dead three youths in Dandora on 19 Sept 2018.", 3),
        ("Militants killed two soldiers and injured five others.", 2),
        ("A roadside bomb hit a convoy, killing two soldiers, a provincial official said.", 2),
        ("Gunmen killed two soldiers, a policeman and a teacher in the raid.", 4),
        ("Mortar fire on the old city: 6 people killed, 40 others wounded.", 6),
        ("Six people killed 40 others wounded as mortars hit the old city.", 6),
        # a part told "among" the whole: the whole
        ("Ten children were among at least 48 people killed when troops stormed the village.", 48),
        # a toll brought to a figure
        ("The death toll from the air strikes on the market has risen to 82, a monitor said.", 82),
        # ranges keep the lowest figure, repeats count once, deaths told as more are added
        ("Between 5 and 10 people were killed in the attack.", 5),
        ("Five or six soldiers were killed in the ambush.", 5),
        ("The airstrike killed 7 to 9 civilians.", 7),
        ("Bomb rockets kill 19 civilians in Aleppo AFP At least 19 civilians including five children died.", 19),
        ("Gunmen killed two soldiers; three civilians were also killed.", 5),
        ("Militiamen massacred villagers in the night.", 10),
        # the deaths of an earlier event the report measures this one by
        ("An air strike killed one woman, the first death in the town since a chemical attack that killed 87.", 1),
    ],
)
def test_deaths_are_counted_conservatively(text, deaths):
    assert deaths_of(text)[0] == deaths


def test_a_toll_over_a_period_counts_only_where_the_report_tells_no_events_own():
    text = "Air strikes on Douma killed 19 civilians on Tuesday. Air raids killed 550 civilians in the past two months."
    analysis = make_analysis(text)
    events.annotate(analysis)
    arguments.annotate(analysis)
    assert [mention.fatalities for mention in analysis.mentions] == [19, 0]
    alone = make_analysis("Gunmen have killed two people in Baringo in the past two weeks, the chief said.")
    events.annotate(alone)
    arguments.annotate(alone)
    assert [mention.fatalities for mention in alone.mentions] == [2]


def _mention_deaths(text: str) -> list[int]:
    analysis = make_analysis(text)
    toponyms.annotate(analysis)
    events.annotate(analysis)
    arguments.annotate(analysis)
    return [mention.fatalities for mention in analysis.mentions]


def test_a_toll_over_a_list_of_places_counts_only_where_the_report_tells_no_events_own():
    # ACLED codes an event a place: the headline's ten are the six in Aleppo and the four in Deir Ezzor.
    text = (
        "10 civilians killed in terrorist rocket attacks on Aleppo and Deir Ezzor. Rocket shells killed 6 "
        "civilians in Aleppo on Tuesday. Rocket shells killed four civilians in Deir Ezzor on Tuesday."
    )
    assert _mention_deaths(text) == [0, 6, 4]
    assert _mention_deaths("10 civilians were killed in rocket attacks on Aleppo and Deir Ezzor on Tuesday.") == [10]
    # One place, its neighbourhoods named after it: the event's own toll.
    assert _mention_deaths("Rocket shells killed 6 civilians in Aleppo on Tuesday. Shells hit Aleppo again.")[0] == 6


def test_peaceful_protests_over_a_killing_have_no_fatalities():
    assert deaths_of("Residents protested over the killing of two students by police.")[0] == 0


def test_the_fatality_span_covers_the_count():
    text = "Gunmen killed three farmers near the river."
    start, end = deaths_of(text)[1]
    assert "three" in text[start:end]


def _tally(text: str) -> fatalities.EventDeaths:
    """The deaths of an event told by every mention of `text`."""
    analysis = make_analysis(text)
    events.annotate(analysis)
    deaths = fatalities.EventDeaths()
    for mention in analysis.mentions:
        mention.fatalities, mention.fatality_span = fatalities.mention_deaths(mention)
        deaths.add(mention)
    return deaths


def test_an_event_counts_deaths_told_again_once_and_adds_deaths_told_as_more():
    assert _tally("Gunmen killed four soldiers in Gao. The four soldiers were killed at a checkpoint.").total == 4
    assert _tally("Gunmen killed four soldiers in Gao. Two civilians were also killed in the attack.").total == 6


def test_deaths_told_as_more_add_to_the_figure_before_them_not_to_the_total_they_break_down():
    text = (
        "Nine people were killed in clashes in Aleppo. Four civilians were killed in the shelling. "
        "Another five rebel fighters were killed in the clashes."
    )
    assert _tally(text).total == 9
    assert _tally("Two soldiers were killed in Gao. Another three soldiers were killed in Gao.").total == 5


def test_n_more_adds_to_the_figure_before_but_more_than_n_does_not():
    more = "A woman was killed by rocket shells in Gao. Later two more people were killed by rocket shells in Gao."
    assert _tally(more).total == 3
    more_than = "A woman was killed by rocket shells in Gao. Rocket shells killed more than 5 people in Gao."
    assert _tally(more_than).total == 5


def test_the_same_figure_told_again_with_also_is_the_same_deaths():
    restated = "Army kills over 60 IS terrorists in Deir Ezzor. The army also killed over 60 terrorists in Deir Ezzor."
    assert _tally(restated).total == 60
    one_more = "The army killed the commander in Qalamoun. Another commander was also killed in Qalamoun."
    assert _tally(one_more).total == 2


def test_another_before_the_wounded_adds_no_deaths():
    text = "Gunmen killed 26 civilians in Hass. The attack left 75 civilians dead and another 150 wounded in Hass."
    assert _tally(text).total == 75


def test_an_exact_figure_replaces_a_vague_amount_higher_or_lower():
    assert _tally("Scores of volunteers were killed in Gao. Fifteen volunteers were killed in Gao.").total == 15
    text = "A strike killed at least 18 civilians in Gao. Strikes have killed hundreds of civilians in Gao."
    assert _tally(text).total == 18


def test_a_sentence_with_a_figure_and_a_vague_amount_counts_the_figure():
    assert deaths_of("Eight civilians were killed in Gao, with dozens of dead among the soldiers.")[0] == 8


def test_another_inside_a_later_list_does_not_add_the_list_to_the_figure_before():
    text = (
        "Gunmen killed more than 50 people in an attack on two villages in Hama. The attack on two villages "
        "killed 15 civilians and 27 fighters with another 10 bodies yet to be identified."
    )
    assert _tally(text).total == 52


def test_a_number_replaces_the_default_for_deaths_told_without_one():
    deaths = _tally("The commanders were killed in the attack. Gunmen killed two commanders in Gao.")
    assert (deaths.total, deaths.numbered) == (2, True)


def test_a_peaceful_protest_or_a_strategic_development_has_no_deaths_of_its_own():
    deaths = fatalities.EventDeaths(total=4)
    assert fatalities.event_deaths("Protests", "Peaceful protest", deaths) == 0
    assert fatalities.event_deaths("Strategic developments", "Arrests", deaths) == 0
    assert fatalities.event_deaths("Protests", "Excessive force against protesters", deaths) == 4
    assert fatalities.event_deaths("Battles", "Armed clash", deaths) == 4
