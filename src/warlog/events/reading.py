"""Reading a sentence: what the phrase lexicons find in it (triggers, context cues, actors), whether it
asserts each trigger's event happened (fears, plans, negations, tolls and generic statements do not), and
the trigger around which its sides are read (`events.roles`). The decision rules (`events.rules`) read
only the `SentenceReading` this builds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from warlog.events.roles import RECIPROCAL_FRAMES, assign_roles
from warlog.knowledge.actors import (
    MEMBERS_AFTER_NAME,
    MILITIA,
    PROTESTERS,
    RIOTERS,
    ActorMatch,
    find_actors,
    person_names,
    refer_back,
)
from warlog.language import capitalised_throughout
from warlog.lexicon import (
    LABEL_SEPARATOR,
    Hit,
    PhraseMatcher,
    read_table,
    reporting_verbs,
    spaced_alternation,
    word_alternation,
    word_class,
)
from warlog.records import Analysis, Entity, Sentence
from warlog.spans import Spans

# Words looked at before a trigger for HYPOTHETICAL / NEGATION cues: the verb group and its subject.
_CUE_WINDOW_CHARS = 40
NEGATION_WINDOW_CHARS = 25
_GENERIC_WINDOW_CHARS = 60
_TOLL_BEFORE_CHARS = 80
_MODAL_AFTER_NOUN_CHARS = 8  # "death toll could": the noun's own word between
_TOLL_AFTER_CHARS = 60
GENERIC_FACTOR = 0.3  # a habit or a series is told, not one event: kept only as a weak mention
CONTEXT_FACTOR = 0.6  # the wider conflict is named, not necessarily this event
HEADING_MAX_CHARS = 40
DEMONSTRATION_FRAMES = ("PROTEST", "RIOT", "MOB", "ARREST", "DESTROY", "INJURE")
ACT_WEIGHT = 0.6  # below: nouns that only name harm ("deaths"), not someone doing it

WEAPON_FRAMES = ("SUICIDE", "CHEMICAL", "AIR", "GRENADE", "SHELL", "IED")
VIOLENT_FRAMES = ("ATTACK", "KILL")
# Frames that report an event of their own even inside a sentence about another one.
SEPARATE_FRAMES = ("FLAG",)

# Frames that are acts of one side on another: the sides are read around them.
ROLE_FRAMES = ("CLASH", "ATTACK", "KILL", "ABDUCT", "SEXUAL", "ARREST", "LOOT", "DESTROY", "TAKEOVER", "RECAPTURE")
NAME_LABELS = frozenset({"ORG", "PERSON", "FAC", "GPE", "LOC"})  # capitalised triggers inside are names
BLOCKING_FRAME = "NONE"  # phrases that only keep a shorter trigger inside them from matching


@dataclass(frozen=True, slots=True)
class Trigger:
    hit: Hit
    weight: float
    asserted: float = 1.0  # 1: told as having happened; lower for habits and generic statements


@dataclass(slots=True)
class SentenceReading:
    """What the lexicons found in one sentence; the decision rules read only this."""

    sentence: Sentence
    triggers: list[Trigger]
    cues: dict[str, list[Hit]]
    actors: list[ActorMatch]
    agents: list[ActorMatch]
    patients: list[ActorMatch]

    def frame(self, name: str) -> Trigger | None:
        found = [trigger for trigger in self.triggers if trigger.hit.label == name]
        return max(found, key=lambda trigger: trigger.weight) if found else None

    def has_cue(self, name: str) -> bool:
        return bool(self.cues.get(name))


@cache
def _trigger_matcher() -> tuple[PhraseMatcher, dict[str, tuple[str, float]]]:
    entries = []
    labels = {}
    for index, row in enumerate(read_table("lexicon/triggers.tsv")):
        label = str(index)
        labels[label] = (row["frame"], float(row["weight"]))
        entries.append((row["phrase"], label, row["case"] == "s"))
    return PhraseMatcher(entries), labels


@cache
def _cue_matcher() -> PhraseMatcher:
    rows = read_table("lexicon/cues.tsv")
    return PhraseMatcher([(row["phrase"], row["cue"], row["case"] == "s") for row in rows])


def find_triggers(text: str, offset: int = 0) -> list[Trigger]:
    matcher, labels = _trigger_matcher()
    triggers = []
    for hit in matcher.finditer(text, offset):
        frame, weight = labels[hit.label.split(LABEL_SEPARATOR)[0]]  # a repeated phrase: its first row
        if frame == BLOCKING_FRAME:
            continue
        triggers.append(Trigger(Hit(hit.start, hit.end, hit.text, frame), weight))
    return triggers


def find_cues(text: str, offset: int = 0) -> dict[str, list[Hit]]:
    cues: dict[str, list[Hit]] = {}
    for hit in _cue_matcher().finditer(text, offset):
        for cue in hit.label.split(LABEL_SEPARATOR):
            cues.setdefault(cue, []).append(Hit(hit.start, hit.end, hit.text, cue))
    return cues


def cue_before(reading: SentenceReading, cue: str, position: int, window: int) -> bool:
    return any(position - window <= hit.end <= position for hit in reading.cues.get(cue, []))


def _asserted(reading: SentenceReading, trigger: Trigger) -> float:
    """How far the sentence asserts the trigger's event happened: 1 yes, lower for habits, 0 not."""
    start = trigger.hit.start
    if cue_before(reading, "HYPOTHETICAL", start, _CUE_WINDOW_CHARS):
        return 0.0
    if cue_before(reading, "NEGATION", start, NEGATION_WINDOW_CHARS):  # "no one was killed", "no fighting"
        return 0.0
    # A harm noun that is the subject of a modal ("the death toll could rise") tells of no new event.
    if trigger.weight < ACT_WEIGHT and any(
        0 <= hit.start - trigger.hit.end <= _MODAL_AFTER_NOUN_CHARS for hit in reading.cues.get("HYPOTHETICAL", [])
    ):
        return 0.0
    # A war's running toll ("280,000 have been killed since the conflict began") is no event.
    if any(
        start - _TOLL_BEFORE_CHARS <= hit.end and hit.start <= trigger.hit.end + _TOLL_AFTER_CHARS
        for hit in reading.cues.get("TOLL", [])
    ):
        return 0.0
    if cue_before(reading, "GENERIC", start, _GENERIC_WINDOW_CHARS):  # "many instances of IS killing"
        return GENERIC_FACTOR
    if cue_before(reading, "CONTEXT", start, _GENERIC_WINDOW_CHARS):  # "related to clashes between"
        return CONTEXT_FACTOR
    return 1.0


def read_sentence(analysis: Analysis, sentence: Sentence, last_named: ActorMatch | None = None) -> SentenceReading:
    """What the lexicons find in a sentence; `last_named` is the named group told last before it, the one
    "the group" refers to."""
    triggers = find_triggers(sentence.text, sentence.start)
    cues = find_cues(sentence.text, sentence.start)
    actors = _actors_in(analysis, sentence, last_named)
    reading = SentenceReading(sentence, [], cues, actors, [], [])
    names = [] if capitalised_throughout(sentence.text) else _name_spans(analysis, sentence)
    asserted = []
    for trigger in triggers:
        inside_a_longer_name = any(
            s <= trigger.hit.start < e and (e - s) > (trigger.hit.end - trigger.hit.start) for s, e in names
        )
        if trigger.hit.text[:1].isupper() and inside_a_longer_name:
            # A word inside a name ("Deir e-Zor is Being Silently Slaughtered"); a name that is only the
            # trigger word is NER reading a capitalised noun ("Warplanes struck ...") as a name.
            continue
        if trigger.hit.label == "FLAG" and not reading.has_cue("FLAG_DISPLAY"):
            continue
        factor = _asserted(reading, trigger)
        if factor > 0:
            asserted.append(Trigger(trigger.hit, trigger.weight, factor))
    reading.triggers = [
        trigger
        for trigger in _without_an_earlier_event(asserted, cues, sentence)
        if not _figure_of_speech(trigger) or any(actor.armed for actor in actors)
    ]
    main = _main_trigger(reading.triggers, sentence)
    if main is not None:
        reading.agents, reading.patients = assign_roles(sentence, main.hit, actors)
        if main.weight < ACT_WEIGHT and main.hit.label in VIOLENT_FRAMES:
            # A word that only names harm ("died", "the death toll") has no doer: who comes before it
            # suffered it or tells of it ("rescue workers said the death toll could rise").
            reading.agents, reading.patients = [], [*reading.agents, *reading.patients]
        if not reading.agents:
            reading.agents = _agents_of_a_later_act(sentence, main, asserted, actors, reading.patients)
        if any(actor.inter in (PROTESTERS, RIOTERS) for actor in reading.agents):
            # "... demanding the resignation of the government": what a crowd wants is no side.
            purposes = [hit.start for hit in cues.get("PURPOSE", []) if hit.start > main.hit.end]
            reading.patients = [a for a in reading.patients if not any(start < a.start for start in purposes)]
    return reading


def _figure_of_speech(trigger: Trigger) -> bool:
    """A takeover told in words that also speak of markets and polls ("took more ground", "gains against"):
    it is one only where an armed group is named ("the rupee made gains against the dollar" is none)."""
    words = trigger.hit.text.lower().split()
    return trigger.hit.label == "TAKEOVER" and any(word in word_class("figurative_takeover") for word in words)


_DURATION_BEFORE = re.compile(r"\bfor(?:\s+\w+)?\s+$", re.IGNORECASE)


def _without_an_earlier_event(triggers: list[Trigger], cues: dict[str, list[Hit]], sentence: Sentence) -> list[Trigger]:
    """The triggers of the sentence's own event: "19 were killed on Tuesday, hours after a chemical attack"
    tells a killing, "Hours after the blast, police arrested three men" an arrest; the event the `EARLIER`
    cue opens is an earlier one, coded from its own telling."""
    for cue in cues.get("EARLIER", []):
        if _DURATION_BEFORE.search(sentence.text, 0, cue.start - sentence.start):
            continue  # "blocked the road for several hours after ...": how long, not which event
        before = [trigger for trigger in triggers if trigger.hit.end <= cue.start]
        # "Two more bombs were found, hours after a fifth victim of Sunday's blast died": the deaths told are
        # the earlier event's, which the sentence is about.
        deaths_after = any(t.hit.label == "KILL" for t in triggers if t.hit.start >= cue.end)
        if before and (not deaths_after or any(t.hit.label == "KILL" for t in before)):
            return before
        comma = sentence.text.find(",", cue.end - sentence.start)
        after = [trigger for trigger in triggers if comma >= 0 and trigger.hit.start >= sentence.start + comma]
        if after:
            return after
    return triggers


def _agents_of_a_later_act(
    sentence: Sentence, main: Trigger, triggers: list[Trigger], actors: list[ActorMatch], patients: list[ActorMatch]
) -> list[ActorMatch]:
    """A harm told without its doer is often followed by the act that caused it: "two soldiers were
    killed when Al-Shabaab militants ambushed a convoy". The armed doer of that act is the event's."""
    for trigger in triggers:
        if trigger.hit.start <= main.hit.start or trigger.hit.label not in ROLE_FRAMES or trigger.weight < ACT_WEIGHT:
            continue
        agents, _patients = assign_roles(sentence, trigger.hit, actors)
        agents = [actor for actor in agents if actor.armed and actor not in patients]
        if agents:
            return agents
    return []


def _name_spans(analysis: Analysis, sentence: Sentence) -> list[tuple[int, int]]:
    return [(entity.start, entity.end) for entity in _entities_in(analysis, sentence) if entity.label in NAME_LABELS]


def _entities_in(analysis: Analysis, sentence: Sentence) -> Sequence[Entity]:
    """The sentence's entities, by bisection over the report's (a scan per sentence grows with the square
    of the report's length)."""
    return analysis.derived(_entity_index).starting_in(sentence.start, sentence.end)


def _entity_index(analysis: Analysis) -> Spans[Entity]:
    return Spans(analysis.entities)


def _people_named(analysis: Analysis) -> set[str]:
    return person_names(entity.text for entity in analysis.entities if entity.label == "PERSON")


def _actors_in(analysis: Analysis, sentence: Sentence, last_named: ActorMatch | None) -> list[ActorMatch]:
    """Groups named in the sentence, words referring back to one resolved ("the group", "its own
    police"); words inside a PERSON's name (a named man) are no group, but a group the dictionary knows
    by the whole name is one: the small model tags "Boko Haram" and "Al-Shabaab" PERSON."""
    persons = [entity for entity in _entities_in(analysis, sentence) if entity.label == "PERSON"]
    found = [
        actor
        for actor in find_actors(sentence.text, sentence.start)
        if not any(
            person.start <= actor.start < person.end and not (actor.named_group and actor.end >= person.end)
            for person in persons
        )
    ]
    found = sorted(found + _organisation_members(analysis, sentence, found), key=lambda actor: actor.start)
    found = [actor for actor in found if not _tells_of_it(actor, sentence)]
    return refer_back(sentence.text, found, last_named, sentence.start)


_SOURCE_HEADING = re.compile(r"\s*:(?!\d)")
_ACCORDING_TO = re.compile(r"\baccording to(?:\s+(?:the|local|state))?\s+$", re.IGNORECASE)
_COMMA_BEFORE = re.compile(r",\s*(?:the\s+|local\s+|state\s+)?$", re.IGNORECASE)
# What may follow a closing "police said": when it was said, then the sentence's end.
_SAID_TO_THE_END = r"(?:\s+(?:on\s+)?(?:[A-Z][a-z]+day|today|yesterday|late\s+\w+|earlier))?\s*[.!]?[\"”’]?\s*$"


def _tells_of_it(actor: ActorMatch, sentence: Sentence) -> bool:
    """The sentence's source, which tells of the event and does not act in it: the one a headline opens
    with before a colon ("Police: 2 dead, 3 hurt in shooting"), the one it is told "according to" ("a
    gunman opened fire, according to police"), or the one whose saying closes it ("..., police said
    Monday."; "Police said they shot the robbers" is the police's own act)."""
    before = sentence.text[: actor.start - sentence.start]
    after = sentence.text[actor.end - sentence.start :]
    if _ACCORDING_TO.search(before[-40:]):
        return True
    if _COMMA_BEFORE.search(before[-20:]) and _closing_saying().match(after):
        return True
    return not before.strip() and bool(_SOURCE_HEADING.match(sentence.text, actor.end - sentence.start))


@cache
def _closing_saying() -> re.Pattern[str]:
    return re.compile(rf"\s+(?:{word_alternation(reporting_verbs('source'))}){_SAID_TO_THE_END}")


def _organisation_members(analysis: Analysis, sentence: Sentence, known: list[ActorMatch]) -> list[ActorMatch]:
    """Members of a named organisation the dictionary lacks ("Mungiki members", "QSD fighters"): an armed
    group, named after the organisation."""
    text = analysis.report.text
    persons = analysis.derived(_people_named)  # once per report: a dictionary lookup per name
    members = []
    for entity in _entities_in(analysis, sentence):
        if entity.label != "ORG":
            continue
        if entity.text.strip() in persons:  # a person the model tagged ORG here: an actor is a group
            continue
        if any(actor.start <= entity.start < actor.end for actor in known):
            continue
        match = MEMBERS_AFTER_NAME.match(text, entity.end)
        if match:
            members.append(
                ActorMatch(entity.start, match.end(), text[entity.start : match.end()], entity.text, MILITIA)
            )
    return members


def _main_trigger(triggers: list[Trigger], sentence: Sentence) -> Trigger | None:
    """The trigger around which roles are read: the first act someone does to someone (attack,
    kill, abduct, arrest, ...), else the strongest trigger (a weapon, a protest)."""
    # Deaths told without a doer ("one person died") are no acts; their subject is a victim.
    acts = [t for t in triggers if t.hit.label in ROLE_FRAMES and t.weight >= ACT_WEIGHT]
    # "Fighting between the army and the RSF killed 20 civilians": the sides are the clash's.
    between = [
        t
        for t in acts
        if t.hit.label in RECIPROCAL_FRAMES and _sides_follow().match(sentence.text, t.hit.end - sentence.start)
    ]
    if between:
        return between[0]
    verbs = [trigger for trigger in acts if looks_like_verb(trigger.hit.text)]
    if verbs or acts:
        return (verbs or acts)[0]
    others = [trigger for trigger in triggers if trigger.hit.label != "FLAG"]
    if not others:
        return None
    return max(others, key=lambda trigger: (trigger.weight, -trigger.hit.start))


@cache
def _sides_follow() -> re.Pattern:
    """ "exchange of fire (took place) between": the two sides follow the trigger."""
    words = spaced_alternation(word_class("reciprocal_preposition"))
    return re.compile(rf"\s+(?:\w+\s+){{0,3}}(?:{words})\b", re.IGNORECASE)


def looks_like_verb(words: str) -> bool:
    """A past-tense or participle trigger ("attacked", "shot dead") rather than a noun ("raid")."""
    first = words.split()[0].lower()
    return first.endswith("ed") or first in word_class("irregular_verb")


@dataclass(frozen=True, slots=True)
class Decision:
    event_type: str
    sub_event_type: str
    trigger: Trigger
    confidence: float
