"""Demonstrations: whether a sentence tells one, and its ACLED form (peaceful protest, protest with
intervention, excessive force against protesters, violent demonstration, mob violence)."""

from __future__ import annotations

import re
from functools import cache

from warlog import taxonomy
from warlog.events.reading import (
    ACT_WEIGHT,
    DEMONSTRATION_FRAMES,
    NEGATION_WINDOW_CHARS,
    VIOLENT_FRAMES,
    WEAPON_FRAMES,
    Decision,
    SentenceReading,
    Trigger,
    cue_before,
)
from warlog.knowledge.actors import CIVILIANS, PROTESTERS, RIOTERS, STATE
from warlog.lexicon import Hit, word_alternation, word_class

# Sentences after a demonstration's trigger whose cues still describe that demonstration.
DEMONSTRATION_FOLLOW_UP = 2


FROM_AFAR = ("SHELL", "AIR")  # weapon frames of forces that strike from a distance
FROM_AFAR_WEIGHT = 0.8  # words that name such a weapon; not "strike" (a general strike) or "explosions"


def demonstration(reading: SentenceReading, follow_up: list[SentenceReading]) -> Decision | None:
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
    # Armed men shelling a gathering or striking it from the air ("rebels shell Assad election rally") attack
    # it from afar: the event is their weapon's, the crowd its target. Bombs thrown at a rival's rally are
    # the rivals' violence, a riot.
    if (
        armed
        and protest is not None
        and any(
            t.hit.label in FROM_AFAR and t.weight >= FROM_AFAR_WEIGHT and t.hit.start < protest.hit.start
            for t in reading.triggers
        )
    ):
        return None
    # People acting together for a stated demand ("workers blocked the road, denouncing unpaid wages"):
    # a demonstration, unless the sentence tells of violence done to someone.
    crowd = CIVILIANS in inters or reading.has_cue("CROWD")
    violent = any(
        t.hit.label in (*VIOLENT_FRAMES, "CLASH", *WEAPON_FRAMES)
        and t.weight >= ACT_WEIGHT
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
        candidates = [Trigger(Hit(hit.start, hit.end, hit.text, "PROTEST"), ACT_WEIGHT)]
    trigger = max(candidates, key=lambda t: t.weight)
    # A later sentence tells the demonstration's course only if it names its crowd or the forces facing it.
    context = [reading, *(part for part in follow_up if _continues_demonstration(part))]

    def cue(name: str) -> bool:
        return any(_describes_demonstration(part, hit) for part in context for hit in part.cues.get(name, []))

    confidence = 0.55 + 0.4 * trigger.weight
    demonstrating = protest is not None or PROTESTERS in inters
    if mob is not None and not demonstrating:
        return Decision(taxonomy.RIOTS, taxonomy.MOB_VIOLENCE, mob, confidence)
    rioting = any(  # "unrest" alone tells no one's violence
        _describes_demonstration(part, t.hit)
        for part in context
        for t in part.triggers
        if t.hit.label == "RIOT" and t.weight >= ACT_WEIGHT
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
            return Decision(taxonomy.RIOTS, taxonomy.MOB_VIOLENCE, trigger, confidence)
        return Decision(taxonomy.RIOTS, taxonomy.VIOLENT_DEMONSTRATION, trigger, confidence)
    forces_present = any(actor.inter == STATE for part in context for actor in part.actors)
    if forces_present and _lethal_force(context):
        return Decision(taxonomy.PROTESTS, taxonomy.EXCESSIVE_FORCE_AGAINST_PROTESTERS, trigger, confidence)
    arrested = any(
        _describes_demonstration(part, trigger.hit)
        for part in context
        for trigger in part.triggers
        if trigger.hit.label == "ARREST"
    )
    if cue("INTERVENTION") or arrested:
        return Decision(taxonomy.PROTESTS, taxonomy.PROTEST_WITH_INTERVENTION, trigger, confidence)
    return Decision(taxonomy.PROTESTS, taxonomy.PEACEFUL_PROTEST, trigger, confidence)


def _crowd_turns_violent(context: list[SentenceReading]) -> bool:
    """Demonstrators (or the crowd) are the ones who attack, kill, wound or destroy."""
    crowd = (PROTESTERS, RIOTERS, CIVILIANS)
    harmful = ("ATTACK", "KILL", "INJURE", "DESTROY", "LOOT")
    for part in context:
        if not part.agents or not all(actor.inter in crowd for actor in part.agents):
            continue
        acts = [t for t in part.triggers if t.hit.label in harmful and t.weight >= ACT_WEIGHT]
        if any(_describes_demonstration(part, act.hit) for act in acts):
            return True
    return False


def _continues_demonstration(reading: SentenceReading) -> bool:
    """A later sentence tells the demonstration's course if it names its crowd or the forces facing
    it, or tells no other event ("Rocks thrown, tear gas used.")."""
    inters = {actor.inter for actor in reading.actors}
    if inters & {STATE, RIOTERS, PROTESTERS, CIVILIANS} or reading.has_cue("CROWD"):
        return True
    return not any(t.weight >= ACT_WEIGHT for t in reading.triggers if t.hit.label not in DEMONSTRATION_FRAMES)


def _describes_demonstration(reading: SentenceReading, cue: Hit) -> bool:
    """Whether a cue tells what happened at the demonstration, not what it was about or what did not
    happen ("demanding the release of detained students", "no report of violence")."""
    if cue_before(reading, "NEGATION", cue.start, NEGATION_WINDOW_CHARS):
        return False
    if cue_before(reading, "BACKGROUND", cue.start, 30):
        return False
    text = reading.sentence.text
    local = cue.start - reading.sentence.start
    preceding = text[:local].split()[-1:]
    if cue.text.endswith("ed") and preceding and preceding[0].lower() in word_class("determiner"):
        return False  # "a detained activist" names a person, not what happened
    boundaries = [match.end() for match in _clause_boundary().finditer(text, 0, local)]
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


@cache
def _clause_boundary() -> re.Pattern[str]:
    """Where a new clause starts: a demonstration's purpose ("demanding ...") stops at these."""
    return re.compile(rf";|\b(?:{word_alternation(word_class('clause_boundary'))})\b|,\s+(?=\w+ing\b)")
