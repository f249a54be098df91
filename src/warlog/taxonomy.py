"""ACLED's vocabulary, read from `data/lexicon/taxonomy.tsv` and ACLED_CODING.md: the event types with
their sub-event and disorder types, the actor type (inter) codes, and the rules that derive one column
from others (disorder type, civilian targeting; the interaction code is `resolve.actors.interaction`).
Extraction (`warlog.coding`) and review corrections (`warlog.serve.corrections`) both code through it,
so they cannot disagree."""

from __future__ import annotations

from functools import cache

from warlog.knowledge import actors
from warlog.lexicon import read_table

MAX_FATALITIES = 1_000_000  # one event's deaths: far above any ACLED has coded, within the store's INTEGER
# ACLED's names, spelled here once; tests/test_taxonomy.py checks them against taxonomy.tsv.
# Event types.
BATTLES = "Battles"
EXPLOSIONS_REMOTE_VIOLENCE = "Explosions/Remote violence"
VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC_DEVELOPMENTS = "Strategic developments"
# Sub-event types.
ARMED_CLASH = "Armed clash"
GOVERNMENT_REGAINS_TERRITORY = "Government regains territory"
NON_STATE_ACTOR_OVERTAKES_TERRITORY = "Non-state actor overtakes territory"
CHEMICAL_WEAPON = "Chemical weapon"
AIR_DRONE_STRIKE = "Air/drone strike"
SUICIDE_BOMB = "Suicide bomb"
SHELLING_ARTILLERY_MISSILE_ATTACK = "Shelling/artillery/missile attack"
REMOTE_EXPLOSIVE_LANDMINE_IED = "Remote explosive/landmine/IED"
GRENADE = "Grenade"
SEXUAL_VIOLENCE = "Sexual violence"
ATTACK = "Attack"
ABDUCTION_FORCED_DISAPPEARANCE = "Abduction/forced disappearance"
PEACEFUL_PROTEST = "Peaceful protest"
PROTEST_WITH_INTERVENTION = "Protest with intervention"
EXCESSIVE_FORCE_AGAINST_PROTESTERS = "Excessive force against protesters"
VIOLENT_DEMONSTRATION = "Violent demonstration"
MOB_VIOLENCE = "Mob violence"
AGREEMENT = "Agreement"
ARRESTS = "Arrests"
CHANGE_TO_GROUP_ACTIVITY = "Change to group/activity"
DISRUPTED_WEAPONS_USE = "Disrupted weapons use"
HEADQUARTERS_OR_BASE_ESTABLISHED = "Headquarters or base established"
LOOTING_PROPERTY_DESTRUCTION = "Looting/property destruction"
NON_VIOLENT_TRANSFER_OF_TERRITORY = "Non-violent transfer of territory"
OTHER = "Other"
VIOLENT_TYPES = (BATTLES, EXPLOSIONS_REMOTE_VIOLENCE, VIOLENCE_AGAINST_CIVILIANS)
# ACLED's event types of demonstrations (a crowd's events: coded per place and day, placed where it gathered).
DEMONSTRATION_TYPES = (PROTESTS, RIOTS)
INTER_LABELS = {
    actors.STATE: "State forces",
    actors.REBELS: "Rebel groups",
    actors.MILITIA: "Political militias",
    actors.IDENTITY_MILITIA: "Identity militias",
    actors.RIOTERS: "Rioters",
    actors.PROTESTERS: "Protesters",
    actors.CIVILIANS: "Civilians",
    actors.EXTERNAL: "External/other forces",
}


@cache
def taxonomy() -> dict[tuple[str, str], str]:
    """(event type, sub-event type) -> disorder type, in the codebook's order."""
    return {
        (row["event_type"], row["sub_event_type"]): row["disorder_type"] for row in read_table("lexicon/taxonomy.tsv")
    }


@cache
def sub_event_types() -> dict[str, tuple[str, ...]]:
    """Event type -> its sub-event types, in the codebook's order."""
    found: dict[str, list[str]] = {}
    for event_type, sub_event_type in taxonomy():
        found.setdefault(event_type, []).append(sub_event_type)
    return {event_type: tuple(subs) for event_type, subs in found.items()}


def disorder_type(event_type: str, sub_event_type: str) -> str:
    return taxonomy()[(event_type, sub_event_type)]


def civilian_targeting(event_type: str, inter2: int | None) -> str | None:
    """ACLED's flag on political violence whose target is civilians."""
    return "Civilian targeting" if inter2 == actors.CIVILIANS and event_type in VIOLENT_TYPES else None
