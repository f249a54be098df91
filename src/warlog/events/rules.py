"""The ACLED event_type / sub_event_type a sentence tells, as the codebook defines them (`ACLED_CODING.md`):
the page an ACLED expert reviews. Each rule reads only a `SentenceReading` (`events.reading`):
- a codebook category named as the sentence's heading ("Movement of forces: ...");
- demonstrations first (`events.demonstrations`): protest, protest met with force, lethal force,
  violent demonstration, mob;
- an exchange between two armed sides is a battle, and weapons used inside it belong to it;
- otherwise a remote weapon (air, artillery, explosive, suicide, grenade, chemical) is remote violence,
  unless it was stopped (disrupted weapons use);
- deliberate harm to unarmed people is violence against civilians; non-state "arrests" are abductions;
- the rest are strategic developments (arrests, agreements, looting, bases, territory, activity, other).
"""

from __future__ import annotations

import re
from functools import cache

from warlog import taxonomy
from warlog.events.demonstrations import demonstration
from warlog.events.reading import (
    HEADING_MAX_CHARS,
    SEPARATE_FRAMES,
    VIOLENT_FRAMES,
    WEAPON_FRAMES,
    Decision,
    SentenceReading,
    Trigger,
    looks_like_verb,
)
from warlog.knowledge.actors import CIVILIANS, IDENTITY_MILITIA, RIOTERS, STATE, ActorMatch
from warlog.lexicon import Hit, read_table, word_alternation, word_class
from warlog.records import Analysis, EventMention
from warlog.taxonomy import DEMONSTRATION_TYPES, VIOLENT_TYPES

WEAPON_SUB_TYPES = {
    "SUICIDE": taxonomy.SUICIDE_BOMB,
    "CHEMICAL": taxonomy.CHEMICAL_WEAPON,
    "AIR": taxonomy.AIR_DRONE_STRIKE,
    "GRENADE": taxonomy.GRENADE,
    "SHELL": taxonomy.SHELLING_ARTILLERY_MISSILE_ATTACK,
    "IED": taxonomy.REMOTE_EXPLOSIVE_LANDMINE_IED,
}
STRATEGIC_SUB_TYPES = {
    "ARREST": taxonomy.ARRESTS,
    "AGREEMENT": taxonomy.AGREEMENT,
    "TAKEOVER": taxonomy.NON_VIOLENT_TRANSFER_OF_TERRITORY,
    "TRANSFER": taxonomy.NON_VIOLENT_TRANSFER_OF_TERRITORY,
    "HQ": taxonomy.HEADQUARTERS_OR_BASE_ESTABLISHED,
    "DISRUPT": taxonomy.DISRUPTED_WEAPONS_USE,
    "LOOT": taxonomy.LOOTING_PROPERTY_DESTRUCTION,
    "DESTROY": taxonomy.LOOTING_PROPERTY_DESTRUCTION,
    "CHANGE": taxonomy.CHANGE_TO_GROUP_ACTIVITY,
    "FLAG": taxonomy.OTHER,
    "AIR_SHOTS": taxonomy.OTHER,
    "OTHER": taxonomy.OTHER,
}
# What a raid told as a noun achieved when nobody was harmed: its event ("seized arms in a raid").
RAID_OUTCOMES = ("ARREST", "DISRUPT", "DESTROY", "LOOT")


def _battle(reading: SentenceReading) -> Decision | None:
    clash = reading.frame("CLASH")
    takeover = reading.frame("TAKEOVER") or reading.frame("RECAPTURE")
    violent = clash or reading.frame("ATTACK") or reading.frame("KILL")
    agent_inters = {actor.inter for actor in reading.agents}
    # Retaking a place, or taking it by force, is fighting for it.
    forced = takeover is not None and any(
        word.startswith(word_class("forceful_takeover")) for word in takeover.hit.text.lower().split()
    )
    if takeover is not None and (violent is not None or forced or reading.frame("RECAPTURE")):
        non_state_agent = any(actor.armed and actor.inter != STATE for actor in reading.agents)
        if STATE in agent_inters or (reading.frame("RECAPTURE") and not non_state_agent):
            return Decision(taxonomy.BATTLES, taxonomy.GOVERNMENT_REGAINS_TERRITORY, takeover, 0.75)
        return Decision(taxonomy.BATTLES, taxonomy.NON_STATE_ACTOR_OVERTAKES_TERRITORY, takeover, 0.75)
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
        # A mob has no warplanes or artillery: "an airstrike killed 38 civilians fleeing the fighting"
        # is the strike (remote violence), the fighting only where its victims were.
        remote = any(trigger.hit.label in WEAPON_FRAMES for trigger in reading.triggers)
        if unarmed and remote:
            return None
        if unarmed and not non_state_armed and not guns and not reading.has_cue("IDENTITY"):
            return Decision(taxonomy.RIOTS, taxonomy.MOB_VIOLENCE, clash, 0.5 + 0.3 * clash.weight)
        return Decision(taxonomy.BATTLES, taxonomy.ARMED_CLASH, clash, 0.6 + 0.35 * clash.weight)
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
        return Decision(taxonomy.BATTLES, taxonomy.ARMED_CLASH, act, confidence)
    if not reading.patients and agent_armed and reading.frame("CLASH"):
        return Decision(taxonomy.BATTLES, taxonomy.ARMED_CLASH, act, 0.5 + 0.3 * act.weight)
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
        return Decision(taxonomy.STRATEGIC_DEVELOPMENTS, taxonomy.DISRUPTED_WEAPONS_USE, disrupted or weapon, 0.7)
    civilian_target = any(not _armed_target(actor) for actor in reading.patients[:1])
    if weapon.hit.label in ("SHELL", "IED", "GRENADE") and reading.has_cue("DIRECT_FIRE") and not civilian_target:
        return Decision(taxonomy.BATTLES, taxonomy.ARMED_CLASH, weapon, 0.5 + 0.3 * weapon.weight)  # weapons of a fight
    sub_type = WEAPON_SUB_TYPES[weapon.hit.label]
    return Decision(taxonomy.EXPLOSIONS_REMOTE_VIOLENCE, sub_type, weapon, 0.55 + 0.4 * weapon.weight)


def _against_civilians(reading: SentenceReading) -> Decision | None:
    sexual = reading.frame("SEXUAL")
    if sexual is not None:
        return Decision(taxonomy.VIOLENCE_AGAINST_CIVILIANS, taxonomy.SEXUAL_VIOLENCE, sexual, 0.9)
    abduct = reading.frame("ABDUCT")
    killed = reading.frame("KILL")
    if abduct is not None:
        if killed is not None:
            return Decision(taxonomy.VIOLENCE_AGAINST_CIVILIANS, taxonomy.ATTACK, killed, 0.8)
        return Decision(taxonomy.VIOLENCE_AGAINST_CIVILIANS, taxonomy.ABDUCTION_FORCED_DISAPPEARANCE, abduct, 0.85)
    arrest = reading.frame("ARREST")
    non_state_agent = [actor for actor in reading.agents if actor.armed and actor.inter != STATE]
    if arrest is not None and non_state_agent:
        return Decision(taxonomy.VIOLENCE_AGAINST_CIVILIANS, taxonomy.ABDUCTION_FORCED_DISAPPEARANCE, arrest, 0.75)
    act = reading.frame("ATTACK") or killed
    harm_verbs = [
        t for t in reading.triggers if t.hit.label in (*VIOLENT_FRAMES, "INJURE") and looks_like_verb(t.hit.text)
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
        return Decision(taxonomy.RIOTS, taxonomy.MOB_VIOLENCE, act, 0.5 + 0.4 * act.weight)
    return Decision(taxonomy.VIOLENCE_AGAINST_CIVILIANS, taxonomy.ATTACK, act, 0.45 + 0.4 * act.weight)


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
    if best.hit.label in ("DESTROY", "LOOT") and crowd and not armed_agent:  # unorganised people wrecking
        return Decision(taxonomy.RIOTS, taxonomy.MOB_VIOLENCE, best, 0.5 + 0.3 * best.weight)
    captured = best.hit.label == "ARREST" and best.hit.text.lower().startswith("captur")
    if captured and any(_armed_target(actor) for actor in reading.patients):  # fighters taken in combat
        return Decision(taxonomy.BATTLES, taxonomy.ARMED_CLASH, best, 0.6)
    # Strategic developments often follow the violence a report is about ("police later arrested ..."),
    # so they rank below it.
    confidence = 0.25 + 0.45 * best.weight
    return Decision(taxonomy.STRATEGIC_DEVELOPMENTS, STRATEGIC_SUB_TYPES[best.hit.label], best, confidence)


@cache
def _headings() -> dict[str, tuple[str, str]]:
    return {row["heading"]: (row["event_type"], row["sub_event_type"]) for row in read_table("lexicon/headings.tsv")}


def _heading(reading: SentenceReading) -> Decision | None:
    """A codebook category named as the sentence's heading ("Movement of forces: ...")."""
    text = reading.sentence.text
    colon = text.find(":", 0, HEADING_MAX_CHARS)
    if colon < 0:
        return None
    found = _headings().get(text[:colon].strip().lower())
    if found is None:
        return None
    violent = [t for t in reading.triggers if t.hit.label in (*WEAPON_FRAMES, "KILL", "CLASH") and t.weight >= 0.8]
    if violent and found[1] == taxonomy.LOOTING_PROPERTY_DESTRUCTION:  # "... bombed a telecom tower": a bombing
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
        or demonstration(reading, follow_up)
        or _battle(reading)
        or _remote_violence(reading)
        or _armed_exchange(reading)
        or _against_civilians(reading)
        or _strategic(reading)
    )
    if main is not None:
        decisions.append(main)
    if flag is not None and (main is None or main.event_type != taxonomy.PROTESTS):
        decisions.append(Decision(taxonomy.STRATEGIC_DEVELOPMENTS, taxonomy.OTHER, flag, 0.4 + 0.4 * flag.weight))
    return decisions


# The type of an event told by several mentions (ACLED_CODING.md: one event per place per day), and a
# mention's type once its sides are known: `coding` applies these.
FIRST_MENTION_BONUS = 0.1
# A battle mention this sure (told with a clash word) keeps the explosions of that day inside it.
EXPLICIT_BATTLE_CONFIDENCE = 0.8
# Within a demonstration, the most violent form wins.
DEMONSTRATION_ORDER = (
    taxonomy.PEACEFUL_PROTEST,
    taxonomy.PROTEST_WITH_INTERVENTION,
    taxonomy.EXCESSIVE_FORCE_AGAINST_PROTESTERS,
    taxonomy.MOB_VIOLENCE,
    taxonomy.VIOLENT_DEMONSTRATION,
)
WEAPON_SPECIFICITY = (
    taxonomy.SUICIDE_BOMB,
    taxonomy.CHEMICAL_WEAPON,
    taxonomy.AIR_DRONE_STRIKE,
    taxonomy.GRENADE,
    taxonomy.SHELLING_ARTILLERY_MISSILE_ATTACK,
    taxonomy.REMOTE_EXPLOSIVE_LANDMINE_IED,
)


def merge_family(event_type: str, sub_event_type: str) -> str:
    """Mentions of one family on one day at one place are one event."""
    if event_type in VIOLENT_TYPES:
        return "violence"
    if event_type in DEMONSTRATION_TYPES:
        return "demonstration"
    return sub_event_type


def event_type_of(mentions: list[EventMention], family: str) -> tuple[str, str]:
    """The type of the event that `mentions` tell, from those of its own `merge_family` (a continuing
    toll told with it only adds deaths)."""
    mentions = [m for m in mentions if merge_family(m.event_type, m.sub_event_type) == family]
    if family == "demonstration":
        best = max(mentions, key=lambda mention: DEMONSTRATION_ORDER.index(mention.sub_event_type))
        return best.event_type, best.sub_event_type
    if family == "violence":
        battles = [m for m in mentions if m.event_type == taxonomy.BATTLES]
        explicit = [m for m in battles if m.confidence >= EXPLICIT_BATTLE_CONFIDENCE]
        if explicit:
            best = max(explicit, key=lambda mention: mention.confidence)
            return best.event_type, best.sub_event_type
    # The report tells the event first, then its background: the first mention is favoured.
    best = max(mentions, key=lambda m: m.confidence + (FIRST_MENTION_BONUS if m is mentions[0] else 0.0))
    if best.event_type == taxonomy.EXPLOSIONS_REMOTE_VIOLENCE:
        # A later, more specific word for the weapon ("a blast ... a suicide bomber") names it.
        weapons = [m.sub_event_type for m in mentions if m.event_type == best.event_type]
        return best.event_type, min(weapons, key=WEAPON_SPECIFICITY.index)
    return best.event_type, best.sub_event_type


def coded_type(mention: EventMention, analysis: Analysis) -> tuple[str, str]:
    """The mention's type as ACLED codes it once its sides are known (`arguments`): a non-state group's
    detention is an arrest where the report says the group rules the place."""
    if _detained_by_ruling_group(analysis, mention):
        return taxonomy.STRATEGIC_DEVELOPMENTS, taxonomy.ARRESTS
    return mention.event_type, mention.sub_event_type


def _detained_by_ruling_group(analysis: Analysis, mention: EventMention) -> bool:
    """A non-state group's detention counts as an arrest where the report says the group rules the
    place (an authority exercising control), else it stays an abduction."""
    if mention.sub_event_type != taxonomy.ABDUCTION_FORCED_DISAPPEARANCE or not _detention().match(mention.trigger):
        return False
    text = analysis.report.text
    # Once per group the report names, not per detention: each answer is a search of the whole report.
    known = analysis.derived(_groups_in_control)
    for start, end, role in mention.actor_spans:
        if role == "actor1":
            actor_text = text[start:end]
            if actor_text not in known:
                known[actor_text] = _authority_controls(text, actor_text)
            if known[actor_text]:
                return True
    return False


def _groups_in_control(analysis: Analysis) -> dict[str, bool]:
    """Group name -> whether the report says it rules a place, filled as `_detained_by_ruling_group` asks."""
    return {}


@cache
def _detention() -> re.Pattern[str]:
    """A trigger telling a detention ("detained", "rounded up", "taken into custody")."""
    return re.compile(rf"^({word_alternation(word_class('detention'))})", re.IGNORECASE)


@cache
def _control_words() -> str:
    return "|".join(re.escape(row["phrase"]) for row in read_table("lexicon/cues.tsv") if row["cue"] == "CONTROL")


def _authority_controls(text: str, actor_text: str) -> bool:
    """Whether the report says the group rules or controls a place ("Islamic State rule", "IS-held",
    "under IS control")."""
    name, words = re.escape(actor_text), _control_words()
    pattern = rf"{name}[\s-]+(?:{words})\b|(?:{words})\s+by\s+(?:the\s+)?{name}\b|under\s+(?:the\s+)?{name}\b"
    return re.search(pattern, text, re.IGNORECASE) is not None
