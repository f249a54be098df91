import pytest

from analysis_factory import make_analysis
from warlog.records import Place, PlaceMention
from warlog.resolve import place_sides


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
    starts = place_sides.side_places(analysis)
    return {mention.text for mention in analysis.places if mention.start in starts}


@pytest.mark.parametrize(
    ("text", "names", "sides"),
    [
        # A headline's present tense: the country that shells is a side.
        ("Russia shells an ancient city near Kafranbel.", {"Russia": "country", "Kafranbel": "city"}, {"Russia"}),
        (
            "Norway has repeatedly said the bombing of Gao was a crime.",
            {"Norway": "country", "Gao": "city"},
            {"Norway"},
        ),
        ("Ankara denied that shells hit Kilis.", {"Ankara": "city", "Kilis": "city"}, {"Ankara"}),
        ("Chile's foreign ministry condemned the raid on Mopti.", {"Chile": "country", "Mopti": "city"}, {"Chile"}),
        ("The Oslo-based group counted six dead in Gao.", {"Oslo": "city", "Gao": "city"}, {"Oslo"}),
        # an organisation's home, though "in" stands before it
        ("The group based in Oslo counted six dead in Gao.", {"Oslo": "city", "Gao": "city"}, {"Oslo"}),
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
    # The "in" of a group's name is the name's own, not a locative.
    named = "The Islamic State in Iraq and the Levant executed 19 men in Raqqa."
    assert _sides(named, {"Iraq": "country", "Raqqa": "city"}) == {"Iraq"}
