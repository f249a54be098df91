from analysis_factory import make_analysis
from warlog import arguments, events


def mention_of(text: str, entities=()):
    analysis = make_analysis(text, entities)
    events.annotate(analysis)
    arguments.annotate(analysis)
    return analysis.mentions[0]


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
