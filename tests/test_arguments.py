import pytest

from analysis_factory import make_analysis
from warlog import arguments, events
from warlog.records import Place, PlaceMention


def mention_of(text: str, entities=()):
    analysis = make_analysis(text, entities)
    events.annotate(analysis)
    arguments.annotate(analysis)
    return analysis.mentions[0]


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
    ],
)
def test_deaths_are_counted_conservatively(text, deaths):
    assert mention_of(text).fatalities == deaths


def test_peaceful_protests_over_a_killing_have_no_fatalities():
    assert mention_of("Residents protested over the killing of two students by police.").fatalities == 0


def test_the_fatality_span_covers_the_count():
    text = "Gunmen killed three farmers near the river."
    mention = mention_of(text)
    start, end = mention.fatality_span
    assert "three" in text[start:end]


def test_sides_come_from_word_order_and_voice():
    active = mention_of("Unknown gunmen attacked IS members in the town.")
    assert active.actor1_text == "Unknown gunmen"
    assert active.actor2_text == "IS members" or active.actor2_text == "IS"
    passive = mention_of("Three villagers were killed by soldiers.")
    assert passive.actor1_text == "soldiers"
    assert passive.actor2_text == "villagers"


def test_a_named_person_is_never_a_side():
    text = "Commander Abu Police was killed in the clash."
    mention = mention_of(text, [("Abu Police", "PERSON")])
    assert mention.actor1_text is None and mention.actor2_text is None


def test_a_named_organisation_before_the_trigger_is_the_agent_when_the_dictionary_knows_none():
    text = "The KNLA attacked a military convoy with mines."
    mention = mention_of(text, [("KNLA", "ORG")])
    assert mention.actor1_text == "KNLA"


def test_a_named_group_inside_a_side_stands_for_that_whole_side_never_a_fragment():
    text = "Four Islamic State fighters were killed when attackers stormed their post."
    mention = mention_of(text, [("Islamic", "NORP")])
    assert (mention.actor1_text, mention.actor2_text) == ("attackers", "Islamic State fighters")


@pytest.mark.parametrize(
    ("text", "deaths"),
    [
        ("Between 5 and 10 people were killed in the attack.", 5),
        ("Five or six soldiers were killed in the ambush.", 5),
        ("The airstrike killed 7 to 9 civilians.", 7),
        ("Bomb rockets kill 19 civilians in Aleppo AFP At least 19 civilians including five children died.", 19),
        ("Gunmen killed two soldiers; three civilians were also killed.", 5),
        ("Militiamen massacred villagers in the night.", 10),
    ],
)
def test_ranges_keep_the_lowest_figure_and_repeats_count_once(text, deaths):
    assert mention_of(text).fatalities == deaths


def _with_places(text: str, names: dict[str, str]):
    """An analysis whose place mentions are the given names (name → gazetteer kind), first occurrences."""
    analysis = make_analysis(text)
    for name, kind in names.items():
        start = text.index(name)
        place = Place(name, 0.0, 0.0, "XX", "Testland", kind=kind)
        analysis.places.append(PlaceMention(start, start + len(name), name, place, 0.9))
    analysis.places.sort(key=lambda mention: mention.start)
    return analysis


def _sides(text: str, names: dict[str, str]) -> set[str]:
    analysis = _with_places(text, names)
    starts = arguments.side_places(analysis)
    return {mention.text for mention in analysis.places if mention.start in starts}


@pytest.mark.parametrize(
    ("text", "names", "sides"),
    [
        (
            "Norway has repeatedly said the bombing of Gao was a crime.",
            {"Norway": "country", "Gao": "city"},
            {"Norway"},
        ),
        ("Ankara denied that shells hit Kilis.", {"Ankara": "city", "Kilis": "city"}, {"Ankara"}),
        ("Chile's foreign ministry condemned the raid on Mopti.", {"Chile": "country", "Mopti": "city"}, {"Chile"}),
        ("The Oslo-based group counted six dead in Gao.", {"Oslo": "city", "Gao": "city"}, {"Oslo"}),
        (
            "A truce brokered by Peru and Chile collapsed in Mopti.",
            {"Peru": "country", "Chile": "country", "Mopti": "city"},
            {"Peru", "Chile"},
        ),
        (
            "Peru and Chile agreed that Mopti was shelled.",
            {"Peru": "country", "Chile": "country", "Mopti": "city"},
            {"Peru", "Chile"},
        ),
        ("Norway launched air strikes near Gao.", {"Norway": "country", "Gao": "city"}, {"Norway"}),
        ("Heavy Norway air strikes on Gao killed two.", {"Norway": "country", "Gao": "city"}, {"Norway"}),
        # a country before its bombings with no target: where they were ("Iraq bombings kill 34")
        ("Norway bombings kill 34.", {"Norway": "country"}, set()),
        ("Oslo defended its Lima ally.", {"Oslo": "city", "Lima": "city"}, {"Oslo", "Lima"}),
        # a city before its shelling is where the shells fell ("arms" are a country's only)
        ("The Gao shelling killed two.", {"Gao": "city"}, set()),
        ("Norway has been arming rebels near Gao.", {"Norway": "country", "Gao": "city"}, {"Norway"}),
        ("Rebels keep calling on Norway to help Gao.", {"Norway": "country", "Gao": "city"}, {"Norway"}),
        ("Norway has been bombed, Gao has been shelled.", {"Norway": "country", "Gao": "city"}, set()),
        # a place after a locative cue is a place whatever follows; a city's "launched" may be a headline
        ("Troops in Norway said nothing about Gao.", {"Norway": "country", "Gao": "city"}, set()),
        ("Gao launched a festival as Mopti military airport was shelled.", {"Gao": "city", "Mopti": "city"}, set()),
    ],
)
def test_a_place_named_as_speaker_owner_or_doer_is_a_side_not_a_place(text, names, sides):
    assert _sides(text, names) == sides


def test_a_place_name_inside_a_named_group_names_the_group():
    assert _sides("Wagner fighters attacked the village.", {"Wagner": "city"}) == {"Wagner"}
    assert _sides("The Arakan Army attacked a post.", {"Arakan": "admin1"}) == {"Arakan"}
    assert _sides("Rebels attacked a post in Arakan.", {"Arakan": "admin1"}) == set()
