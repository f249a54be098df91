import pytest

from analysis_factory import make_analysis
from warlog import events


def kinds(text: str, entities=()) -> list[tuple[str, str]]:
    analysis = make_analysis(text, entities)
    events.annotate(analysis)
    return [(m.event_type, m.sub_event_type) for m in analysis.mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Soldiers clashed with Taliban fighters near the village.", ("Battles", "Armed clash")),
        ("Gunmen attacked an army checkpoint, killing three soldiers.", ("Battles", "Armed clash")),
        ("Warplanes carried out airstrikes on the town.", ("Explosions/Remote violence", "Air/drone strike")),
        (
            "Rebels shelled the district with mortars.",
            ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ),
        (
            "A roadside bomb exploded near a bus, wounding two passengers.",
            ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ),
        ("A suicide bomber blew himself up at a checkpoint.", ("Explosions/Remote violence", "Suicide bomb")),
        ("Unknown men threw a grenade into a bar.", ("Explosions/Remote violence", "Grenade")),
        ("Chlorine gas was used in an attack on the town.", ("Explosions/Remote violence", "Chemical weapon")),
        (
            "Gunmen kidnapped two farmers on their way to the market.",
            ("Violence against civilians", "Abduction/forced disappearance"),
        ),
        ("Militiamen raped three women in the camp.", ("Violence against civilians", "Sexual violence")),
        ("Gunmen shot dead a shopkeeper in the market.", ("Violence against civilians", "Attack")),
        ("Teachers marched to the ministry demanding unpaid salaries.", ("Protests", "Peaceful protest")),
        ("Police fired tear gas to disperse the protesters.", ("Protests", "Protest with intervention")),
        (
            "Police opened fire on demonstrators, killing two of them.",
            ("Protests", "Excessive force against protesters"),
        ),
        ("Protesters threw stones at police and burned tyres.", ("Riots", "Violent demonstration")),
        ("A mob lynched a suspected thief in the market.", ("Riots", "Mob violence")),
        ("Police arrested five opposition leaders in the capital.", ("Strategic developments", "Arrests")),
        ("The two sides signed a ceasefire agreement.", ("Strategic developments", "Agreement")),
        ("Militants looted shops in the town.", ("Strategic developments", "Looting/property destruction")),
        ("The army shot down a drone over the base.", ("Strategic developments", "Disrupted weapons use")),
        ("Police defused a bomb planted outside the church.", ("Strategic developments", "Disrupted weapons use")),
        (
            "The militia established a new base in the village.",
            ("Strategic developments", "Headquarters or base established"),
        ),
        ("Government troops were deployed to the border town.", ("Strategic developments", "Change to group/activity")),
    ],
)
def test_the_main_event_of_a_sentence_gets_its_codebook_type(text, expected):
    assert kinds(text)[0] == expected


def test_a_non_state_group_arresting_someone_abducts():
    assert kinds("Al-Shabaab militants arrested two elders in the village.")[0] == (
        "Violence against civilians",
        "Abduction/forced disappearance",
    )


def test_a_raised_flag_is_a_strategic_development_beside_the_attack_in_the_same_sentence():
    found = kinds(
        "The next day, the flag of the revolution was raised above a school and unknown gunmen "
        "attacked IS members, killing four of the group's fighters."
    )
    assert ("Strategic developments", "Other") in found
    assert ("Battles", "Armed clash") in found
    assert not any(event_type == "Protests" for event_type, _ in found)


def test_feared_or_planned_events_are_no_mentions():
    assert kinds("They fear that the rebels might attack the town in the future.") == []
    assert kinds("Residents are worried that they will be killed.") == []


def test_a_generic_statement_is_a_low_confidence_mention():
    analysis = make_analysis("There have been many instances of IS killing its own members.")
    events.annotate(analysis)
    assert all(mention.confidence < 0.3 for mention in analysis.mentions)


def test_a_protest_about_past_arrests_is_peaceful():
    assert kinds("Students staged a protest demanding the release of activists detained by police.")[0] == (
        "Protests",
        "Peaceful protest",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Islamist rebels bombarded a campaign rally in support of the president in Daraa, killing 21 people.",
            ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ),
        (
            "Rebels shelled a pro-government rally in Daraa on Thursday.",
            ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ),
        (
            "Residents protested in Douma on Friday against rebel shelling of the town.",
            ("Protests", "Peaceful protest"),
        ),
        (
            "Opposition supporters held a rally on the day of the general strike called by rebels.",
            ("Protests", "Peaceful protest"),
        ),
    ],
)
def test_a_gathering_armed_men_shell_is_the_target_of_their_weapon(text, expected):
    assert kinds(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "At least 19 people were killed near the capital on Tuesday, hours after a chemical attack killed dozens.",
            ("Violence against civilians", "Attack"),
        ),
        ("Hours after the blast, police arrested three men in Kabul.", ("Strategic developments", "Arrests")),
        ("Police arrested three men two days after a bomb attack on a market.", ("Strategic developments", "Arrests")),
        # the deaths told are the earlier event's: the sentence is about it
        (
            "Two more bombs were found in the town on Monday, hours after a fifth victim of the blast died.",
            ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ),
        # how long, not which event
        (
            "Herdsmen blocked the road for several hours after a lorry hit their cattle, demanding compensation.",
            ("Protests", "Peaceful protest"),
        ),
    ],
)
def test_an_earlier_event_the_sentence_measures_its_own_by_is_not_its_event(text, expected):
    assert kinds(text)[0] == expected


def test_riot_police_alone_do_not_make_a_riot():
    assert kinds("Riot police were deployed around the parliament.")[0] != ("Riots", "Violent demonstration")


def test_the_mafias_mob_is_no_crowd():
    analysis = make_analysis("Vincent Gigante, the mob boss, was arrested in New York on Monday.")
    events.annotate(analysis)
    assert [m.trigger for m in analysis.mentions] == ["arrested"]
    assert kinds("A mob lynched a thief in Nairobi on Monday.") == [("Riots", "Mob violence")]


def test_no_one_killed_is_no_killing():
    assert kinds("No one was killed.") == []


def test_trigger_span_points_at_the_words():
    analysis = make_analysis("On Monday, rebels shelled the town.")
    events.annotate(analysis)
    mention = analysis.mentions[0]
    assert analysis.report.text[mention.trigger_start : mention.trigger_end] == "shelled"


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("Gunmen kill 12 villagers in northern Nigeria", ("Violence against civilians", "Attack")),
        ("Troops repel Boko Haram attack on Maiduguri", ("Battles", "Armed clash")),
        ("Protesters torch police station in Lagos", ("Riots", "Violent demonstration")),
        ("Security forces kill 3 protesters in Khartoum", ("Protests", "Excessive force against protesters")),
        ("Rebels seize town of Bunagana", ("Battles", "Non-state actor overtakes territory")),
        ("Army retakes Palmyra from Islamic State", ("Battles", "Government regains territory")),
        ("Bandits abduct 30 students in Kaduna", ("Violence against civilians", "Abduction/forced disappearance")),
    ],
)
def test_headlines_in_the_present_tense(headline, expected):
    assert max_kind(headline) == expected


def max_kind(text: str, entities=()) -> tuple[str, str]:
    analysis = make_analysis(text, entities)
    events.annotate(analysis)
    best = max(analysis.mentions, key=lambda mention: mention.confidence)
    return best.event_type, best.sub_event_type


def test_members_of_a_named_organisation_are_an_armed_side():
    text = "Police shot dead seven Mungiki members during a raid."
    assert kinds(text, [("Mungiki", "ORG")])[0] == ("Battles", "Armed clash")
    assert kinds(text)[0] == ("Violence against civilians", "Attack")


def test_a_capitalised_trigger_that_ner_calls_a_name_is_still_a_trigger():
    # spaCy's small model tags a sentence-initial "Warplanes" as an organisation.
    analysis = make_analysis("Warplanes struck a market in Idlib, killing 12 civilians.", [("Warplanes", "ORG")])
    events.annotate(analysis)
    best = max(analysis.mentions, key=lambda mention: mention.confidence)
    assert (best.event_type, best.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")


@pytest.mark.parametrize(
    ("text", "entities", "expected"),
    [
        # spaCy's small model reads capitalised headline words as names: "Turkish Army Kills" an organisation
        (
            "Turkish Army Kills 5 PKK Members In Northern Iraq",
            [("Turkish Army Kills", "ORG")],
            ("Battles", "Armed clash"),
        ),
        (
            "ISIL Kills over 50 in Central Syria Attack",
            [("ISIL Kills", "PERSON")],
            ("Violence against civilians", "Attack"),
        ),
        ("MILITANTS KILL FIVE SOLDIERS IN KIDAL", [("MILITANTS KILL", "ORG")], ("Battles", "Armed clash")),
    ],
)
def test_a_headline_in_title_case_or_capitals_keeps_its_triggers(text, entities, expected):
    assert max_kind(text, entities) == expected


def test_a_trigger_word_inside_a_name_in_running_text_is_no_trigger():
    text = "The campaign Raqqa Is Being Slaughtered Silently said on Monday that it had new members."
    assert kinds(text, [("Raqqa Is Being Slaughtered Silently", "ORG")]) == []


@pytest.mark.parametrize(
    ("text", "agent", "target"),
    [
        ("Gunmen opened fire on a police post, killing two officers.", "Gunmen", "police"),
        ("A roadside bomb exploded next to a military convoy, killing two soldiers.", None, "soldiers"),
        ("Militants stormed the village, killing four soldiers.", "Militants", "soldiers"),
    ],
)
def test_a_killing_adjunct_is_done_by_the_clause_subject_not_a_group_behind_a_preposition(text, agent, target):
    analysis = make_analysis(text)
    events.annotate(analysis)
    spans = {role: text[start:end] for start, end, role in reversed(analysis.mentions[0].role_spans)}
    assert spans.get("actor1") == agent
    assert spans.get("actor2") == target


def sides(text: str, entities=()) -> dict[str, str]:
    analysis = make_analysis(text, list(entities))
    events.annotate(analysis)
    return {role: text[start:end] for start, end, role in reversed(analysis.mentions[0].role_spans)}


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        ("Police: 2 dead, 3 hurt in shooting at Houston party", None),
        ("Police shot dead two robbers in Houston on Saturday.", "Police"),
    ],
)
def test_the_source_a_headline_opens_with_before_a_colon_is_no_side(text, doer):
    assert sides(text).get("actor1") == doer


def test_a_group_the_dictionary_knows_is_a_side_even_when_ner_calls_its_name_a_person():
    text = "Boko Haram fighters attacked the village, killing 30 people."
    assert sides(text, [("Boko Haram", "PERSON")])["actor1"] == "Boko Haram fighters"
    # A group word inside a man's name is still no side.
    assert "actor1" not in sides("Commander Abu Police attacked the village.", [("Abu Police", "PERSON")])


@pytest.mark.parametrize(
    ("text", "agent"),
    [
        ("Two soldiers were killed when Al-Shabaab militants ambushed their convoy.", "Al-Shabaab militants"),
        ("Four policemen died after gunmen attacked their checkpoint.", "gunmen"),
        # The later act's doer must be armed: villagers fleeing do not kill.
        ("Two soldiers were killed as villagers fled the area.", None),
    ],
)
def test_a_harm_told_without_its_doer_takes_the_armed_doer_of_the_act_that_caused_it(text, agent):
    assert sides(text).get("actor1") == agent


def test_a_clash_between_two_sides_gives_the_sides_and_its_victims_make_no_mob():
    text = "Fighting between the army and rebels killed 20 civilians in the town."
    assert sides(text) == {"actor1": "army", "actor2": "rebels"}
    assert max_kind(text) == ("Battles", "Armed clash")
    assert max_kind("A clash between police and traders left two people dead.") == ("Riots", "Mob violence")


def test_civilians_killed_by_a_strike_as_they_fled_fighting_are_no_mob():
    text = "A Russian airstrike killed at least 38 civilians as they tried to cross the river to escape fighting."
    assert max_kind(text) == ("Explosions/Remote violence", "Air/drone strike")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Journalist shot dead in Culiacan", ("Violence against civilians", "Attack")),
        ("Teachers strike over unpaid salaries in Lagos", ("Protests", "Peaceful protest")),
        (
            "A strike over the weekend killed three militants near Marib.",
            ("Explosions/Remote violence", "Air/drone strike"),
        ),
    ],
)
def test_more_headlines(text, expected):
    assert max_kind(text) == expected


def test_a_headline_victim_before_an_object_taking_verb_is_no_doer():
    assert sides("Journalist shot dead in Culiacan") == {"actor2": "Journalist"}
    assert sides("Militants attacked in Kunduz, killing three.").get("actor1") == "Militants"


@pytest.mark.parametrize(
    "text",
    [
        "More than 280,000 people have been killed since the conflict erupted in March 2011.",
        "The six-year war has killed more than 320,000 people.",
        "Since the war erupted in 2011 at least 280000 people have been killed.",
    ],
)
def test_a_wars_running_toll_is_no_event(text):
    analysis = make_analysis(text)
    events.annotate(analysis)
    assert analysis.mentions == []


def test_an_event_beside_a_toll_word_far_away_stays():
    analysis = make_analysis("Airstrikes killed 12 civilians in the town of Ariha on Monday, medics said.")
    events.annotate(analysis)
    assert analysis.mentions


def test_a_harm_noun_that_is_a_modals_subject_is_no_event():
    analysis = make_analysis("Rescue workers said the death toll could rise.")
    events.annotate(analysis)
    assert analysis.mentions == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Soldiers clashed with rebels near the town.", {"actor1": "Soldiers", "actor2": "rebels"}),
        ("Two soldiers were wounded during clashes with rebels.", {"actor1": "rebels", "actor2": "soldiers"}),
        ("An exchange of fire took place between police and Maoists.", {"actor1": "police", "actor2": "Maoists"}),
    ],
)
def test_the_sides_of_a_clash_with_someone(text, expected):
    assert sides(text) == expected


def test_what_a_crowd_demands_is_no_side():
    text = "Rioters set fire to a bus, demanding the resignation of the government."
    assert sides(text) == {"actor1": "Rioters"}
    assert sides("Protesters clashed with police over the killing of a student.") == {
        "actor1": "Protesters",
        "actor2": "police",
    }


def test_police_intervening_in_the_next_sentence_make_a_protest_with_intervention():
    text = "Workers staged a sit-in to demand their jobs back. Police intervened and moved the protesters out."
    assert max_kind(text) == ("Protests", "Protest with intervention")
