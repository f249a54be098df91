"""Event mentions: which ACLED event, if any, each sentence tells.

A sentence is read once by three phrase lexicons (triggers, context cues, actors). Trigger phrases name
frames (CLASH, AIR, ABDUCT, PROTEST, ...); who did what to whom and the context cues then decide the
ACLED event_type / sub_event_type as the codebook defines them (`ACLED_CODING.md`):
- demonstrations first: protest, protest met with force, lethal force, violent demonstration, mob;
- an exchange between two armed sides is a battle, and weapons used inside it belong to it;
- otherwise a remote weapon (air, artillery, explosive, suicide, grenade, chemical) is remote violence,
  unless it was stopped (disrupted weapons use);
- deliberate harm to unarmed people is violence against civilians; non-state "arrests" are abductions;
- the rest are strategic developments (arrests, agreements, looting, bases, territory, activity, other).
Mentions of events that did not happen (fears, plans, negations) or generic statements are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from warlog.lexicon import LABEL_SEPARATOR, Hit, PhraseMatcher, read_table
from warlog.records import Analysis, EventMention, Sentence
from warlog.resolve import fatalities
from warlog.resolve.actors import (
    CIVILIANS,
    IDENTITY_MILITIA,
    MEMBERS_AFTER_NAME,
    MILITIA,
    PROTESTERS,
    RIOTERS,
    STATE,
    ActorMatch,
    find_actors,
    person_names,
    refer_back,
)

# Words looked at before a trigger for HYPOTHETICAL / NEGATION cues: the verb group and its subject.
_CUE_WINDOW_CHARS = 40
_NEGATION_WINDOW_CHARS = 25
_GENERIC_WINDOW_CHARS = 60
_TOLL_BEFORE_CHARS = 80
_MODAL_AFTER_NOUN_CHARS = 8  # "death toll could": the noun's own word between
_TOLL_AFTER_CHARS = 60
GENERIC_FACTOR = 0.3  # a habit or a series is told, not one event: kept only as a weak mention
CONTEXT_FACTOR = 0.6  # the wider conflict is named, not necessarily this event
# Where a new clause starts: a demonstration's purpose ("demanding ...") stops at these.
_CLAUSE_BOUNDARY = re.compile(r";|\b(?:but|when|before|until|while|as)\b|,\s+(?=\w+ing\b)")
_IRREGULAR_VERBS = frozenset(
    {"shot", "fought", "beat", "beaten", "stole", "stolen", "slain", "gunned", "open", "opened"}
)
_HEADING_MAX_CHARS = 40
# ACLED's event types of demonstrations (a crowd's events: coded per place and day, placed where it gathered).
DEMONSTRATION_TYPES = ("Protests", "Riots")
_DEMONSTRATION_FRAMES = ("PROTEST", "RIOT", "MOB", "ARREST", "DESTROY", "INJURE")
_FORCEFUL_TAKEOVERS = ("overr", "captur", "seiz", "storm")  # taking a place by force: a battle
_BY_WINDOW_CHARS = 40  # "shooting in Ernani Satiro neighborhood by three armed men"
_ACT_WEIGHT = 0.6  # below: nouns that only name harm ("deaths"), not someone doing it
_DETERMINERS = frozenset({"a", "an", "the", "of", "his", "her", "their", "its"})
# Sentences after a demonstration's trigger whose cues still describe that demonstration.
_DEMONSTRATION_FOLLOW_UP = 2

WEAPON_FRAMES = ("SUICIDE", "CHEMICAL", "AIR", "GRENADE", "SHELL", "IED")
WEAPON_SUB_TYPES = {
    "SUICIDE": "Suicide bomb",
    "CHEMICAL": "Chemical weapon",
    "AIR": "Air/drone strike",
    "GRENADE": "Grenade",
    "SHELL": "Shelling/artillery/missile attack",
    "IED": "Remote explosive/landmine/IED",
}
STRATEGIC_SUB_TYPES = {
    "ARREST": "Arrests",
    "AGREEMENT": "Agreement",
    "TAKEOVER": "Non-violent transfer of territory",
    "TRANSFER": "Non-violent transfer of territory",
    "HQ": "Headquarters or base established",
    "DISRUPT": "Disrupted weapons use",
    "LOOT": "Looting/property destruction",
    "DESTROY": "Looting/property destruction",
    "CHANGE": "Change to group/activity",
    "FLAG": "Other",
    "AIR_SHOTS": "Other",
    "OTHER": "Other",
}
VIOLENT_FRAMES = ("ATTACK", "KILL")
# What a raid told as a noun achieved when nobody was harmed: its event ("seized arms in a raid").
RAID_OUTCOMES = ("ARREST", "DISRUPT", "DESTROY", "LOOT")
# Frames that report an event of their own even inside a sentence about another one.
SEPARATE_FRAMES = ("FLAG",)

# Frames that are acts of one side on another: the sides are read around them.
ROLE_FRAMES = ("CLASH", "ATTACK", "KILL", "ABDUCT", "SEXUAL", "ARREST", "LOOT", "DESTROY", "TAKEOVER", "RECAPTURE")
NAME_LABELS = frozenset({"ORG", "PERSON", "FAC", "GPE", "LOC"})  # capitalised triggers inside are names
RECIPROCAL_FRAMES = ("CLASH", "AGREEMENT")  # done by two sides to each other: neither is the target
BLOCKING_FRAME = "NONE"  # phrases that only keep a shorter trigger inside them from matching
PASSIVE_AUXILIARIES = ("was", "were", "been", "being", "is", "are", "be", "got")


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


def _cue_before(reading: SentenceReading, cue: str, position: int, window: int) -> bool:
    return any(position - window <= hit.end <= position for hit in reading.cues.get(cue, []))


def _asserted(reading: SentenceReading, trigger: Trigger) -> float:
    """How far the sentence asserts the trigger's event happened: 1 yes, lower for habits, 0 not."""
    start = trigger.hit.start
    if _cue_before(reading, "HYPOTHETICAL", start, _CUE_WINDOW_CHARS):
        return 0.0
    if _cue_before(reading, "NEGATION", start, _NEGATION_WINDOW_CHARS):  # "no one was killed", "no fighting"
        return 0.0
    # A harm noun that is the subject of a modal ("the death toll could rise") tells of no new event.
    if trigger.weight < _ACT_WEIGHT and any(
        0 <= hit.start - trigger.hit.end <= _MODAL_AFTER_NOUN_CHARS for hit in reading.cues.get("HYPOTHETICAL", [])
    ):
        return 0.0
    # A war's running toll ("280,000 have been killed since the conflict began") is no event.
    if any(
        start - _TOLL_BEFORE_CHARS <= hit.end and hit.start <= trigger.hit.end + _TOLL_AFTER_CHARS
        for hit in reading.cues.get("TOLL", [])
    ):
        return 0.0
    if _cue_before(reading, "GENERIC", start, _GENERIC_WINDOW_CHARS):  # "many instances of IS killing"
        return GENERIC_FACTOR
    if _cue_before(reading, "CONTEXT", start, _GENERIC_WINDOW_CHARS):  # "related to clashes between"
        return CONTEXT_FACTOR
    return 1.0


def _has_auxiliary(text: str, trigger: Hit, sentence_start: int) -> bool:
    """ "were killed", "was on Friday killed"."""
    local_start = trigger.start - sentence_start
    return any(
        word in PASSIVE_AUXILIARIES for word in text[max(0, local_start - 30) : local_start].lower().split()[-3:]
    )


def _is_passive(text: str, trigger: Hit, sentence_start: int) -> bool:
    """Passive voice: an auxiliary before the verb, or "by" soon after it ("killed in Somalia by")."""
    local_end = trigger.end - sentence_start
    after = text[local_end : local_end + _BY_WINDOW_CHARS].lower()
    return _has_auxiliary(text, trigger, sentence_start) or " by " in f"{after} "


def assign_roles(
    sentence: Sentence, trigger: Hit, actors: list[ActorMatch]
) -> tuple[list[ActorMatch], list[ActorMatch]]:
    """Who did it (agents) and to whom (patients), from word order around the trigger.

    Active voice: the group named before the trigger (an armed one first) acts on the one after it.
    Passive ("were killed by"): the subject suffered it and the group after "by" did it.
    """
    text = sentence.text
    before = [actor for actor in actors if actor.end <= trigger.start]
    after = [actor for actor in actors if actor.start >= trigger.end]
    if trigger.label in RECIPROCAL_FRAMES:
        # Both sides do it together: "troops and rebels exchanged fire", "clashes between X and Y".
        if len(before) >= 2 and not after and _coordinated(text, sentence.start, before[-2], before[-1]):
            return before[-2:-1], before[-1:]
        opening = text[trigger.end - sentence.start : after[0].start - sentence.start].lower() if after else ""
        coordinated = len(after) >= 2 and _coordinated(text, sentence.start, after[0], after[1])
        # "clashes between rival gangs left four people dead": the dead are no side unless joined to one.
        paired = coordinated or ("between" in opening and len(after) >= 2 and after[1].inter != CIVILIANS)
        if not before and len(after) >= 2 and paired:
            return after[:1], after[1:2]
        partner = _WITH.match(text, trigger.end - sentence.start)
        if before and after and partner and after[0].start - sentence.start == partner.end():
            # "X clashed with Y"; "X were wounded in clashes with Y": then Y did it to X.
            if _has_auxiliary(text, trigger, sentence.start):
                return after[:1], before[-1:]
            return before[-1:], after[:1]
    headline_passive = before and not after and _counted(text, before[-1], trigger, sentence)
    if headline_passive or _is_passive(text, trigger, sentence.start):
        by_agents = [
            actor
            for actor in after
            if " by " in f" {text[trigger.end - sentence.start : actor.start - sentence.start]} "
        ]
        if by_agents or headline_passive or _has_auxiliary(text, trigger, sentence.start):
            return by_agents, before
        # "killed a thief by burning him": "by" told the manner, the sentence is active
    # An adjunct ", killing two soldiers" has the main clause's subject for doer, never a group named as
    # the object of a preposition before it ("gunmen fired on a police post, killing ...": not the police).
    if _PARTICIPLE_ADJUNCT.search(text, 0, trigger.start - sentence.start) and trigger.text.lower().endswith("ing"):
        before = [actor for actor in before if not _PREPOSITION_OBJECT.search(text, 0, actor.start - sentence.start)]
    # The doer is the nearest armed group before the verb ("an armed gang comprising four men shot"),
    # else the nearest group.
    armed_before = [actor for actor in before if actor.armed]
    return (armed_before or before)[-1:], after[:2]


_PARTICIPLE_ADJUNCT = re.compile(r",\s*$")
_PREPOSITION_OBJECT = re.compile(
    r"\b(?:on|at|near|next\s+to|against|into|toward|towards|targeting|outside|inside)\s+(?:(?:an?|the|their|its)\s+)?\S*\s*$",
    re.IGNORECASE,
)


def _coordinated(text: str, sentence_start: int, first: ActorMatch, second: ActorMatch) -> bool:
    """Two groups joined as one phrase: "troops and rebels", "the army, rebels"."""
    between = text[first.end - sentence_start : second.start - sentence_start].strip().lower()
    return between in ("and", ",", "&", "and the", "and a", "and an", "against")


def _counted(text: str, actor: ActorMatch, trigger: Hit, sentence: Sentence) -> bool:
    """A group right before a participle is its object told headline-style ("Two police killed",
    "Journalist shot dead in Culiacan"), not the agent ("Three gunmen killed an imam" has words after
    the verb). Verbs that also stand without an object ("attacked", "clashed") need a count before the
    group to be read so."""
    if text[actor.end - sentence.start : trigger.start - sentence.start].strip():
        return False
    if text[trigger.end - sentence.start :].strip(" .").split()[:1] not in ([], ["in"], ["at"], ["on"], ["while"]):
        return False
    if trigger.label in _OBJECT_ONLY_FRAMES:
        return True
    words_before = text[max(0, actor.start - sentence.start - 24) : actor.start - sentence.start].split()[-2:]
    return any(fatalities.parse_count(word) is not None for word in words_before)


# Acts told by verbs that need an object: with none after them, the group before them suffered them.
_OBJECT_ONLY_FRAMES = frozenset({"KILL", "INJURE", "ABDUCT", "ARREST"})


def read_sentence(analysis: Analysis, sentence: Sentence, last_named: ActorMatch | None = None) -> SentenceReading:
    """What the lexicons find in a sentence; `last_named` is the named group told last before it, the one
    "the group" refers to."""
    triggers = find_triggers(sentence.text, sentence.start)
    cues = find_cues(sentence.text, sentence.start)
    actors = _actors_in(analysis, sentence, last_named)
    reading = SentenceReading(sentence, [], cues, actors, [], [])
    names = _name_spans(analysis, sentence)
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
    reading.triggers = asserted
    main = _main_trigger(asserted, sentence)
    if main is not None:
        reading.agents, reading.patients = assign_roles(sentence, main.hit, actors)
        if main.weight < _ACT_WEIGHT and main.hit.label in VIOLENT_FRAMES:
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


def _agents_of_a_later_act(
    sentence: Sentence, main: Trigger, triggers: list[Trigger], actors: list[ActorMatch], patients: list[ActorMatch]
) -> list[ActorMatch]:
    """A harm told without its doer is often followed by the act that caused it: "two soldiers were
    killed when Al-Shabaab militants ambushed a convoy". The armed doer of that act is the event's."""
    for trigger in triggers:
        if trigger.hit.start <= main.hit.start or trigger.hit.label not in ROLE_FRAMES or trigger.weight < _ACT_WEIGHT:
            continue
        agents, _patients = assign_roles(sentence, trigger.hit, actors)
        agents = [actor for actor in agents if actor.armed and actor not in patients]
        if agents:
            return agents
    return []


def _name_spans(analysis: Analysis, sentence: Sentence) -> list[tuple[int, int]]:
    return [
        (entity.start, entity.end)
        for entity in analysis.entities
        if entity.label in NAME_LABELS and sentence.start <= entity.start < sentence.end
    ]


def _actors_in(analysis: Analysis, sentence: Sentence, last_named: ActorMatch | None) -> list[ActorMatch]:
    """Groups named in the sentence, words referring back to one resolved ("the group", "its own
    police"); words inside a PERSON's name (a named man) are no group, but a group the dictionary knows
    by the whole name is one: the small model tags "Boko Haram" and "Al-Shabaab" PERSON."""
    persons = [
        entity
        for entity in analysis.entities
        if entity.label == "PERSON" and sentence.start <= entity.start < sentence.end
    ]
    found = [
        actor
        for actor in find_actors(sentence.text, sentence.start)
        if not any(
            person.start <= actor.start < person.end and not (actor.named_group and actor.end >= person.end)
            for person in persons
        )
    ]
    found = sorted(found + _organisation_members(analysis, sentence, found), key=lambda actor: actor.start)
    return refer_back(sentence.text, found, last_named, sentence.start)


def _organisation_members(analysis: Analysis, sentence: Sentence, known: list[ActorMatch]) -> list[ActorMatch]:
    """Members of a named organisation the dictionary lacks ("Mungiki members", "QSD fighters"): an armed
    group, named after the organisation."""
    text = analysis.report.text
    persons = person_names(entity.text for entity in analysis.entities if entity.label == "PERSON")
    members = []
    for entity in analysis.entities:
        if entity.label != "ORG" or not sentence.start <= entity.start < sentence.end:
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
    acts = [t for t in triggers if t.hit.label in ROLE_FRAMES and t.weight >= _ACT_WEIGHT]
    # "Fighting between the army and the RSF killed 20 civilians": the sides are the clash's.
    between = [
        t
        for t in acts
        if t.hit.label in RECIPROCAL_FRAMES and _BETWEEN.match(sentence.text, t.hit.end - sentence.start)
    ]
    if between:
        return between[0]
    verbs = [trigger for trigger in acts if _looks_like_verb(trigger.hit.text)]
    if verbs or acts:
        return (verbs or acts)[0]
    others = [trigger for trigger in triggers if trigger.hit.label != "FLAG"]
    if not others:
        return None
    return max(others, key=lambda trigger: (trigger.weight, -trigger.hit.start))


_BETWEEN = re.compile(r"\s+(?:\w+\s+){0,3}between\b", re.IGNORECASE)  # "exchange of fire (took place) between"


_WITH = re.compile(r"\s+with\s+(?:the\s+|an?\s+)?", re.IGNORECASE)


def _looks_like_verb(words: str) -> bool:
    """A past-tense or participle trigger ("attacked", "shot dead") rather than a noun ("raid")."""
    first = words.split()[0].lower()
    return first.endswith("ed") or first in _IRREGULAR_VERBS


@dataclass(frozen=True, slots=True)
class Decision:
    event_type: str
    sub_event_type: str
    trigger: Trigger
    confidence: float


def _demonstration(reading: SentenceReading, follow_up: list[SentenceReading]) -> Decision | None:
    inters = {actor.inter for actor in reading.actors}
    protest = reading.frame("PROTEST")
    riot = reading.frame("RIOT")
    mob = reading.frame("MOB")
    strong = [t for t in (protest, riot, mob) if t is not None and t.weight >= 0.8]
    # Several weak words together ("gathered ... to demand", "blocked the road demanding") are one.
    if sum(t.weight for t in reading.triggers if t.hit.label == "PROTEST") >= 1.0 and protest is not None:
        strong.append(protest)
    crowd_named = inters & {PROTESTERS, RIOTERS}
    # A weak word for a demonstration ("to demand") is one when force or violence surrounds it.
    nearby = [reading, *follow_up[:1]]
    # Armed men making demands are no demonstration, whatever they throw.
    armed = any(actor.armed and actor.inter != STATE for actor in reading.actors)
    forced = (
        protest is not None
        and not armed
        and any(p.has_cue("INTERVENTION") or p.has_cue("RIOT_VIOLENCE") for p in nearby)
    )
    # People acting together for a stated demand ("workers blocked the road, denouncing unpaid wages"):
    # a demonstration, unless the sentence tells of violence done to someone.
    crowd = CIVILIANS in inters or reading.has_cue("CROWD")
    violent = any(
        t.hit.label in (*VIOLENT_FRAMES, "CLASH", *WEAPON_FRAMES)
        and t.weight >= _ACT_WEIGHT
        and _describes_demonstration(reading, t.hit)  # not what the crowd demands justice for
        for t in reading.triggers
    )
    demanding = protest is not None and crowd and reading.has_cue("PURPOSE") and not violent and not armed
    # Tear gas or water cannon used on a crowd ("Police teargas opposition supporters"): it had gathered.
    gathered = reading.has_cue("CROWD") or crowd_named
    dispersal = reading.cues.get("CROWD_CONTROL", []) if gathered and not armed else []
    if not strong and not forced and not demanding and not dispersal and not (crowd_named and reading.triggers):
        return None
    candidates = [t for t in (protest, riot, mob) if t is not None] or reading.triggers
    if not candidates:
        hit = dispersal[0]
        candidates = [Trigger(Hit(hit.start, hit.end, hit.text, "PROTEST"), _ACT_WEIGHT)]
    trigger = max(candidates, key=lambda t: t.weight)
    # A later sentence tells the demonstration's course only if it names its crowd or the forces facing it.
    context = [reading, *(part for part in follow_up if _continues_demonstration(part))]

    def cue(name: str) -> bool:
        return any(_describes_demonstration(part, hit) for part in context for hit in part.cues.get(name, []))

    confidence = 0.55 + 0.4 * trigger.weight
    demonstrating = protest is not None or PROTESTERS in inters
    if mob is not None and not demonstrating:
        return Decision("Riots", "Mob violence", mob, confidence)
    rioting = any(  # "unrest" alone tells no one's violence
        _describes_demonstration(part, t.hit)
        for part in context
        for t in part.triggers
        if t.hit.label == "RIOT" and t.weight >= _ACT_WEIGHT
    )
    if rioting or cue("RIOT_VIOLENCE") or RIOTERS in inters or _crowd_turns_violent(context):
        # The crowd harming people outside a demonstration is a mob; police firing on a crowd that
        # throws stones is met force, the crowd's own violence is a violent demonstration.
        forces_act = any(actor.inter == STATE for actor in reading.agents)
        harms_people = not forces_act and any(
            _describes_demonstration(reading, t.hit)  # not "over the killing of a colleague"
            for t in reading.triggers
            if t.hit.label in (*VIOLENT_FRAMES, "INJURE")
        )
        if not demonstrating and harms_people:
            return Decision("Riots", "Mob violence", trigger, confidence)
        return Decision("Riots", "Violent demonstration", trigger, confidence)
    forces_present = any(actor.inter == STATE for part in context for actor in part.actors)
    if forces_present and _lethal_force(context):
        return Decision("Protests", "Excessive force against protesters", trigger, confidence)
    arrested = any(
        _describes_demonstration(part, trigger.hit)
        for part in context
        for trigger in part.triggers
        if trigger.hit.label == "ARREST"
    )
    if cue("INTERVENTION") or arrested:
        return Decision("Protests", "Protest with intervention", trigger, confidence)
    return Decision("Protests", "Peaceful protest", trigger, confidence)


def _crowd_turns_violent(context: list[SentenceReading]) -> bool:
    """Demonstrators (or the crowd) are the ones who attack, kill, wound or destroy."""
    crowd = (PROTESTERS, RIOTERS, CIVILIANS)
    harmful = ("ATTACK", "KILL", "INJURE", "DESTROY", "LOOT")
    for part in context:
        if not part.agents or not all(actor.inter in crowd for actor in part.agents):
            continue
        acts = [t for t in part.triggers if t.hit.label in harmful and t.weight >= _ACT_WEIGHT]
        if any(_describes_demonstration(part, act.hit) for act in acts):
            return True
    return False


def _continues_demonstration(reading: SentenceReading) -> bool:
    """A later sentence tells the demonstration's course if it names its crowd or the forces facing
    it, or tells no other event ("Rocks thrown, tear gas used.")."""
    inters = {actor.inter for actor in reading.actors}
    if inters & {STATE, RIOTERS, PROTESTERS, CIVILIANS} or reading.has_cue("CROWD"):
        return True
    return not any(t.weight >= _ACT_WEIGHT for t in reading.triggers if t.hit.label not in _DEMONSTRATION_FRAMES)


def _describes_demonstration(reading: SentenceReading, cue: Hit) -> bool:
    """Whether a cue tells what happened at the demonstration, not what it was about or what did not
    happen ("demanding the release of detained students", "no report of violence")."""
    if _cue_before(reading, "NEGATION", cue.start, _NEGATION_WINDOW_CHARS):
        return False
    if _cue_before(reading, "BACKGROUND", cue.start, 30):
        return False
    text = reading.sentence.text
    local = cue.start - reading.sentence.start
    preceding = text[:local].split()[-1:]
    if cue.text.endswith("ed") and preceding and preceding[0].lower() in _DETERMINERS:
        return False  # "a detained activist" names a person, not what happened
    boundaries = [match.end() for match in _CLAUSE_BOUNDARY.finditer(text, 0, local)]
    clause_start = reading.sentence.start + (boundaries[-1] if boundaries else -1)
    return not any(
        clause_start < hit.end <= cue.start and not _names_its_subject(reading, hit)
        for hit in reading.cues.get("PURPOSE", [])
    )


def _names_its_subject(reading: SentenceReading, purpose: Hit) -> bool:
    """A participle right after the crowd ("Students protesting fee increases set fire to ...") says
    who they are; the sentence's own verb, told after it, is what they did."""
    if not purpose.text.endswith("ing"):
        return False
    crowd_ends = [hit.end for hit in reading.cues.get("CROWD", [])] + [actor.end for actor in reading.actors]
    text = reading.sentence.text
    return any(
        end <= purpose.start and not text[end - reading.sentence.start : purpose.start - reading.sentence.start].strip()
        for end in crowd_ends
    )


def _lethal_force(context: list[SentenceReading]) -> bool:
    """Lethal weapons used on demonstrators: a LETHAL cue telling the demonstration's course."""
    return any(_describes_demonstration(part, hit) for part in context for hit in part.cues.get("LETHAL", []))


def _battle(reading: SentenceReading) -> Decision | None:
    clash = reading.frame("CLASH")
    takeover = reading.frame("TAKEOVER") or reading.frame("RECAPTURE")
    violent = clash or reading.frame("ATTACK") or reading.frame("KILL")
    agent_inters = {actor.inter for actor in reading.agents}
    # Retaking a place, or taking it by force, is fighting for it.
    forced = takeover is not None and takeover.hit.text.lower().startswith(_FORCEFUL_TAKEOVERS)
    if takeover is not None and (violent is not None or forced or reading.frame("RECAPTURE")):
        non_state_agent = any(actor.armed and actor.inter != STATE for actor in reading.agents)
        if STATE in agent_inters or (reading.frame("RECAPTURE") and not non_state_agent):
            return Decision("Battles", "Government regains territory", takeover, 0.75)
        return Decision("Battles", "Non-state actor overtakes territory", takeover, 0.75)
    if clash is not None and clash.weight >= 0.8:
        # A battle needs two organised armed sides: unarmed people fighting each other or the police
        # (villagers, supporters, traders) are a mob.
        # Communities, clans and tribes fighting are identity militias in battle, not a mob.
        # Only the forces are armed and the other side is a crowd ("a clash erupted between police and
        # shopkeepers"): the crowd's side is a mob facing the forces.
        non_state_armed = any(actor.armed and actor.inter != STATE for actor in reading.actors)
        # Those a killing after the clash hit are its victims, not its sides: "fighting between the army
        # and the RSF killed 20 civilians".
        killing = next((t for t in reading.triggers if t.hit.label == "KILL" and t.hit.start > clash.hit.end), None)
        sides = [a for a in reading.agents + reading.patients if killing is None or a.start < killing.hit.start]
        named = [a for a in reading.actors if killing is None or a.start < killing.hit.start]
        unarmed = any(actor.inter == CIVILIANS for actor in sides or named) or reading.has_cue("CROWD")
        guns = reading.has_cue("FIREARM") or re.search(r"\barmed\b", reading.sentence.text, re.IGNORECASE)
        if unarmed and not non_state_armed and not guns and not reading.has_cue("IDENTITY"):
            return Decision("Riots", "Mob violence", clash, 0.5 + 0.3 * clash.weight)
        return Decision("Battles", "Armed clash", clash, 0.6 + 0.35 * clash.weight)
    return None


def _armed_exchange(reading: SentenceReading) -> Decision | None:
    """An attack or killing where both sides are armed (or the target is an armed post): a battle."""
    act = reading.frame("ATTACK") or reading.frame("KILL") or reading.frame("CLASH")
    if act is None:
        return None
    if reading.agents and all(actor.inter == CIVILIANS for actor in reading.agents):
        return None  # unarmed people attacking: a mob, not a battle
    # The first group after the verb is its object ("attacked a police convoy, including a bus").
    patients_armed = [actor for actor in reading.patients[:1] if _armed_target(actor)]
    patients_civilian = [actor for actor in reading.patients[:1] if not _armed_target(actor)]
    # An armed word inside the doer's own name ("militia fighters burned ...") is no target.
    target_cues = [
        hit
        for hit in reading.cues.get("ARMED_TARGET", [])
        if not any(actor.start <= hit.start < actor.end for actor in reading.agents)
    ]
    armed_target = bool(target_cues) and not patients_civilian
    agent_armed = any(actor.armed for actor in reading.agents)
    if (patients_armed and not patients_civilian) or armed_target:
        confidence = 0.5 + 0.3 * act.weight + (0.1 if agent_armed else 0.0)
        return Decision("Battles", "Armed clash", act, confidence)
    if not reading.patients and agent_armed and reading.frame("CLASH"):
        return Decision("Battles", "Armed clash", act, 0.5 + 0.3 * act.weight)
    return None


def _armed_target(actor: ActorMatch) -> bool:
    """Whether a target is an armed side. An ethnic or communal name as a target ("killed 17 members
    of the Fulani community") names civilians of that group unless it is called a militia."""
    if actor.inter == IDENTITY_MILITIA:
        return "milit" in actor.text.lower()
    return actor.armed


def _remote_violence(reading: SentenceReading) -> Decision | None:
    weapons = [reading.frame(frame) for frame in WEAPON_FRAMES]
    used = [t for t in weapons if t is not None and t.weight >= 0.6]
    if not used:
        return None
    # Priority follows WEAPON_FRAMES: a suicide car bomb is a suicide bomb, an air-dropped bomb an air strike.
    # A weak weapon word ("aircraft", "explosions") yields to a weapon named outright ("a roadside bomb").
    weapon = next(t for t in weapons if t is not None and t.weight >= 0.6)
    if weapon.weight < 0.8:
        stronger = [t for t in used if t.weight > weapon.weight]
        weapon = stronger[0] if stronger else weapon
    harmed = reading.frame("KILL") or reading.frame("INJURE")
    disrupted = reading.frame("DISRUPT")
    found = reading.has_cue("DISCOVERY") and weapon.hit.label != "AIR"  # air strikes are not found lying about
    if harmed is None and (disrupted is not None or found):
        return Decision("Strategic developments", "Disrupted weapons use", disrupted or weapon, 0.7)
    civilian_target = any(not _armed_target(actor) for actor in reading.patients[:1])
    if weapon.hit.label in ("SHELL", "IED", "GRENADE") and reading.has_cue("DIRECT_FIRE") and not civilian_target:
        return Decision("Battles", "Armed clash", weapon, 0.5 + 0.3 * weapon.weight)  # weapons of a fight
    sub_type = WEAPON_SUB_TYPES[weapon.hit.label]
    return Decision("Explosions/Remote violence", sub_type, weapon, 0.55 + 0.4 * weapon.weight)


def _against_civilians(reading: SentenceReading) -> Decision | None:
    sexual = reading.frame("SEXUAL")
    if sexual is not None:
        return Decision("Violence against civilians", "Sexual violence", sexual, 0.9)
    abduct = reading.frame("ABDUCT")
    killed = reading.frame("KILL")
    if abduct is not None:
        if killed is not None:
            return Decision("Violence against civilians", "Attack", killed, 0.8)
        return Decision("Violence against civilians", "Abduction/forced disappearance", abduct, 0.85)
    arrest = reading.frame("ARREST")
    non_state_agent = [actor for actor in reading.agents if actor.armed and actor.inter != STATE]
    if arrest is not None and non_state_agent:
        return Decision("Violence against civilians", "Abduction/forced disappearance", arrest, 0.75)
    act = reading.frame("ATTACK") or killed
    harm_verbs = [
        t for t in reading.triggers if t.hit.label in (*VIOLENT_FRAMES, "INJURE") and _looks_like_verb(t.hit.text)
    ]
    strategic = next((reading.frame(frame) for frame in RAID_OUTCOMES if reading.frame(frame)), None)
    harmed = killed is not None or reading.frame("INJURE") is not None
    if strategic is not None and act is not None and not harm_verbs and not harmed:
        return None  # "detained 40 suspects in dawn raids": a raid told as a noun is how it was done
    if act is None:
        injured = reading.frame("INJURE")
        if injured is None or not reading.patients:
            return None
        act = injured
    agents = reading.agents
    crowd_doer = all(actor.inter in (CIVILIANS, RIOTERS) for actor in agents) if agents else _crowd_before(reading, act)
    if crowd_doer and not reading.has_cue("FIREARM"):  # people without guns acting violently: a mob
        return Decision("Riots", "Mob violence", act, 0.5 + 0.4 * act.weight)
    return Decision("Violence against civilians", "Attack", act, 0.45 + 0.4 * act.weight)


def _crowd_before(reading: SentenceReading, act: Trigger) -> bool:
    """An unnamed crowd is the subject of the act ("a group beat and injured a man")."""
    return any(hit.end <= act.hit.start for hit in reading.cues.get("CROWD", []))


def _strategic(reading: SentenceReading) -> Decision | None:
    candidates = [
        trigger
        for trigger in reading.triggers
        if trigger.hit.label in STRATEGIC_SUB_TYPES and trigger.hit.label not in SEPARATE_FRAMES
    ]
    if not candidates:
        return None
    # Order of STRATEGIC_SUB_TYPES breaks ties: "arrested for looting" is an arrest.
    order = list(STRATEGIC_SUB_TYPES)
    best = max(candidates, key=lambda t: (t.weight, -order.index(t.hit.label)))
    armed_agent = any(actor.armed for actor in reading.agents)
    crowd = any(actor.inter == CIVILIANS for actor in reading.agents) or reading.has_cue("CROWD")
    if best.hit.label in ("DESTROY", "LOOT") and crowd and not armed_agent:
        return Decision("Riots", "Mob violence", best, 0.5 + 0.3 * best.weight)  # unorganised people wrecking
    captured = best.hit.label == "ARREST" and best.hit.text.lower().startswith("captur")
    if captured and any(_armed_target(actor) for actor in reading.patients):  # fighters taken in combat
        return Decision("Battles", "Armed clash", best, 0.6)
    # Strategic developments often follow the violence a report is about ("police later arrested ..."),
    # so they rank below it.
    confidence = 0.25 + 0.45 * best.weight
    return Decision("Strategic developments", STRATEGIC_SUB_TYPES[best.hit.label], best, confidence)


@cache
def _headings() -> dict[str, tuple[str, str]]:
    return {row["heading"]: (row["event_type"], row["sub_event_type"]) for row in read_table("lexicon/headings.tsv")}


def _heading(reading: SentenceReading) -> Decision | None:
    """A codebook category named as the sentence's heading ("Movement of forces: ...")."""
    text = reading.sentence.text
    colon = text.find(":", 0, _HEADING_MAX_CHARS)
    if colon < 0:
        return None
    found = _headings().get(text[:colon].strip().lower())
    if found is None:
        return None
    violent = [t for t in reading.triggers if t.hit.label in (*WEAPON_FRAMES, "KILL", "CLASH") and t.weight >= 0.8]
    if violent and found[1] == "Looting/property destruction":  # "... bombed a telecom tower": a bombing
        return None
    start = reading.sentence.start
    hit = Hit(start, start + colon, text[:colon], "HEADING")
    return Decision(*found, Trigger(hit, 1.0), 0.95)


def decide(reading: SentenceReading, follow_up: list[SentenceReading]) -> list[Decision]:
    """The ACLED events a sentence tells: its main event, plus any told apart from it (a flag)."""
    decisions = []
    flag = reading.frame("FLAG")
    main = (
        _heading(reading)
        or _demonstration(reading, follow_up)
        or _battle(reading)
        or _remote_violence(reading)
        or _armed_exchange(reading)
        or _against_civilians(reading)
        or _strategic(reading)
    )
    if main is not None:
        decisions.append(main)
    if flag is not None and (main is None or main.event_type != "Protests"):
        decisions.append(Decision("Strategic developments", "Other", flag, 0.4 + 0.4 * flag.weight))
    return decisions


def annotate(analysis: Analysis) -> None:
    """Fill `analysis.mentions`: one mention per event a sentence tells (repeats included)."""
    readings = []
    last_named: ActorMatch | None = None
    for sentence in analysis.sentences:
        readings.append(read_sentence(analysis, sentence, last_named))
        last_named = next((a for a in reversed(readings[-1].actors) if a.named_group), last_named)
    mentions = []
    for index, reading in enumerate(readings):
        if not reading.triggers and not reading.actors and ":" not in reading.sentence.text[:_HEADING_MAX_CHARS]:
            continue
        follow_up = readings[index + 1 : index + 1 + _DEMONSTRATION_FOLLOW_UP]
        for decision in decide(reading, follow_up):
            hit = decision.trigger.hit
            if hit.label in SEPARATE_FRAMES:  # "youths raised the flag": only a doer
                agents, patients = assign_roles(reading.sentence, hit, reading.actors)[0], []
            else:
                agents, patients = reading.agents, reading.patients
            spans = [(*actor.span, "actor1") for actor in agents]
            spans += [(*actor.span, "actor2") for actor in patients]
            mentions.append(
                EventMention(
                    sentence=reading.sentence,
                    trigger_start=hit.start,
                    trigger_end=hit.end,
                    trigger=hit.text,
                    event_type=decision.event_type,
                    sub_event_type=decision.sub_event_type,
                    confidence=round(min(decision.confidence, 1.0) * decision.trigger.asserted, 3),
                    actor_spans=spans,
                )
            )
    analysis.mentions = mentions
