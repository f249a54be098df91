import pytest

from warlog.resolve import death_counts


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", 12),
        ("four", 4),
        ("twenty-one", 21),
        ("dozens", 12),
        ("tens", 10),
        ("hundreds", 100),
        ("a dozen", 12),
        ("1,200", 1200),
        ("two hundred", 200),
        ("several", 3),
        ("many", 10),
    ],
)
def test_counts_are_read_as_acled_codes_them(text, value):
    assert death_counts.parse_count(text) == value


def test_words_that_are_no_count():
    assert death_counts.parse_count("soldiers") is None


def test_unnumbered_deaths():
    assert death_counts.unnumbered(large=False) == 3
    assert death_counts.unnumbered(large=True) == 10


@pytest.mark.parametrize("text", ["1000001", "3000000000", "9" * 5000, "²"])
def test_a_figure_beyond_any_events_deaths_is_no_count(text):
    assert death_counts.parse_count(text) is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a toll over a period
        (
            "More than 550 civilians have been killed in the last two months in Syria because of the attacks.",
            "cumulative",
        ),
        ("In the past two weeks more than 200 civilians have been killed in Aleppo by air raids.", "cumulative"),
        ("At least 545 people have been killed in the bombing campaign since Tuesday.", "cumulative"),
        ("Seven days of airstrikes across the province had left more than 75 civilians dead.", "cumulative"),
        ("A week of intense bombing killed 300 people in Aleppo.", "cumulative"),
        # a toll over a country's many places: many events'
        ("More than 100 terrorists were killed in army operations across the country.", "cumulative"),
        ("Syrian Army Kills over 80 Terrorists in Various Provinces.", "cumulative"),
        ("Over 300 civilians killed since start of west Mosul operation: UN", "cumulative"),
        ("Militants kill 48 over two days in Iraq", "cumulative"),
        # deaths that led to the event: its cause
        ("Riots have rocked Mitaboni following the killing of five guards in a gang attack.", "background"),
        ("People were rioting in response to the deaths of several people.", "background"),
        # deaths of an earlier event the report measures this one by
        ("The shelling was the deadliest since a chemical attack on Tuesday that killed 87 people.", "earlier"),
    ],
)
def test_a_toll_over_a_period_or_told_as_the_cause_is_marked_so(text, kind):
    [count] = death_counts.death_counts(text)
    assert getattr(count, kind)


@pytest.mark.parametrize(
    "text",
    [
        "More than 300000 people have been killed and millions forced to flee.",
        "More than 170000 people have been killed in Syrias civil war which pits Sunni rebels against Assad.",
        "The downing brought the toll for Russian soldiers killed in the Syrian conflict to 18.",
    ],
)
def test_a_wars_toll_is_no_count_at_all(text):
    assert death_counts.death_counts(text) == []


def test_a_conflict_of_the_incident_keeps_its_count():
    # "a land conflict" is what the killing was about, not the war's toll.
    text = "A Fulani man killed two Bariba farmers in a land conflict in the village."
    assert _values(text) == [2]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Islamic State has crushed the resistance, executing 23 men in the town.", 23),
        ("The militants crucified two men in Mayadin.", 2),
        ("Three men were crucified in the square.", 3),
    ],
)
def test_executions_and_crucifixions_count_their_dead(text, value):
    assert _values(text) == [value]


def test_the_events_own_toll_stands_beside_a_running_one():
    text = (
        "Air strikes on Douma killed 19 civilians on Tuesday, a monitor said, in a campaign that has killed "
        "hundreds in recent weeks."
    )
    assert [(count.value, count.cumulative) for count in death_counts.death_counts(text)] == [(19, False), (100, True)]


def _values(text: str) -> list[int]:
    return [count.value for count in death_counts.death_counts(text)]


def test_a_euphemism_for_killing_counts_only_with_a_number():
    assert _values("The army's units eliminated over 75 Nusra Front militants in Daraa.") == [75]
    assert _values("A total of 24 IS terrorists were eliminated near Raqqa.") == [24]
    assert _values("Over 50 terrorists were neutralized in the process.") == [50]
    assert _values("The plan would eliminate Syria's chemical weapons.") == []


def test_over_before_a_count_is_its_quantifier_not_a_cause():
    (count,) = death_counts.death_counts("Soldiers killed over 75 militants near Daraa.")
    assert (count.value, count.background) == (75, False)
    (count,) = death_counts.death_counts("Over 50 fighters were killed near Daraa.")
    assert (count.value, count.background) == (50, False)


def test_a_vague_amount_is_marked_as_such():
    (vague,) = death_counts.death_counts("Hundreds of civilians have been killed in the strikes.")
    (exact,) = death_counts.death_counts("Air strikes killed 18 civilians.")
    assert (vague.value, vague.vague) == (100, True)
    assert (exact.value, exact.vague) == (18, False)


def test_a_day_of_a_date_is_no_count():
    assert _values("Wed Dec 30 2015 Al-Nusra Front Commander Killed in Lattakia") == [1]
    assert _values("Four people were killed on 12 May 2016.") == [4]


def test_a_count_after_a_since_clause_is_this_events_own():
    [count] = death_counts.death_counts("Since the attack, five people have died of their wounds.")
    assert (count.value, count.earlier) == (5, False)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Some 42 Islamic State militants killed, injured in raids in northern Iraq", 3),
        ("Two people were killed or wounded in the attack.", 2),
        ("Dozens of civilians were killed and injured in the shelling.", 3),
    ],
)
def test_a_count_of_the_dead_and_the_injured_together_tells_no_number_of_dead(text, value):
    [count] = death_counts.death_counts(text)
    assert (count.value, count.numbered) == (value, False)


def test_a_casualty_counts_evidence_is_every_figure_it_came_from():
    text = "Four soldiers and 12 civilians killed, injured in the blast"
    [count] = death_counts.death_counts(text)
    assert text[count.start : count.end] == "Four soldiers and 12 civilians killed"


def test_deaths_and_injuries_counted_apart_keep_their_figure():
    assert _values("Four people were killed and 12 injured.") == [4]


def test_a_number_written_with_a_leading_zero_is_a_piece_of_a_date_or_code():
    assert death_counts.parse_count("016") is None
    assert _values("Get short URL 016 Tags civilian deaths coalition airstrikes") == [1]


def test_a_toll_raised_to_a_figure_after_naming_the_attack_it_counts():
    text = (
        "The monitor raised the death toll from airstrikes on a market in a northern opposition-held town "
        "in Syria the previous day to 61 as rescue workers searched the rubble."
    )
    assert 61 in _values(text)


def test_among_them_tells_a_part_of_the_figure_before_it():
    assert _values("At least 11 civilians among them three children were killed on Thursday.") == [11]
    assert _values("Ten children were among at least 48 people killed.") == [48]


def test_news_words_for_a_killing():
    assert _values("Gunmen gunned down two soldiers at a checkpoint.") == [2]
    assert _values("A man was gunned down in his driveway on Tuesday.") == [1]
    assert _values("Two other persons succumbed to their injuries in hospital.") == [2]


def test_shooting_news_counts():
    assert _values("Two men were fatally shot and a woman was wounded early Sunday.") == [2]
    assert _values("Four people were shot, one fatally, in a drive-by shooting.") == [1]
    assert _values("4 militiamen, 1 soldier and 1 policeman were killed.") == [6]


def test_the_lives_of_a_count():
    assert _values("Another strike hit a settlement, claiming the lives of seven people.") == [7]
    assert _values("Five lives were lost in the fire.") == [5]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("A 16 year old boy was killed by police.", 1),
        ("Riot breaks out at the vigil for a 16 - year - old shot dead by cops.", 1),
        ("Brooklyn mother of 12 killed in crossfire.", 1),
        ("A father of three was killed in the raid.", 1),
        ("The gunman's .38 caliber bullet killed him.", 1),
        ("16 people were killed.", 16),
        ("The victim, Frank Smith, 40, of Vancouver was gunned down at the party.", 1),
        ("The war lasted five decades, and some 2 million died.", 1),
        ("Two days of clashes killed 40 people.", 40),
        ("Gunmen killed 12, 5 of them children, in the village.", 12),
        ("Gunmen killed 12 soldiers and 5 civilians in the village.", 17),
        ("A man was abducted by four men and stabbed to death near a soccer field.", 1),
        ("Troops killed 15 IS militants and left 13 warehouses burnt.", 15),
        ("The attack killed at least 58 civilians and saw dozens suffering respiratory problems.", 58),
        ("Newly elected legislator Melitus Were was shot dead in Nairobi.", 1),
        ("Civilians were killed in the raid.", 3),
    ],
)
def test_numbers_that_measure_or_name_the_victim_or_the_doers_are_no_count(text, value):
    assert _values(text) == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("He was charged over the deaths of 12 people.", 12),
        ("The bomb led to the killing of one person and the injury of 40 others.", 1),
    ],
)
def test_a_count_after_of_counts(text, value):
    assert _values(text) == [value]


def test_a_killing_after_which_comes_no_of_is_no_cause():
    [count] = death_counts.death_counts("Police arrested a man after gunmen killed five guards.")
    assert (count.value, count.background) == (5, False)


@pytest.mark.parametrize(
    "text",
    ["A deadlocked jury failed to return a death sentence.", "He received death threats after the vote."],
)
def test_a_death_word_naming_something_else_tells_no_death(text):
    assert death_counts.death_counts(text) == []


def test_a_death_toll_counts_once():
    assert _values("The death toll from the blast rose to 12.") == [12]
