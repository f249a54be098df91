"""Place names that name a side, not a place: a country or city named as the one who speaks or acts
("The United States has said", "Turkey launched", "a deal brokered by Moscow"), the owner of a state body
("Turkey's foreign ministry"), the one behind a group ("US-led"). Such a name is no event place
(`resolve.places`, `coding`), and a named group is a side (`arguments`). The words are in
`lexicon/place_roles.tsv`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from warlog.knowledge.actors import find_actors
from warlog.records import Analysis, PlaceMention
from warlog.resolve.place_roles import role_pattern, role_phrases
from warlog.toponyms.lexicon import cues as place_cues

_LOCATIVE_WINDOW_CHARS = 40
_AGENT_WINDOW_CHARS = 20  # "calling on the "
_AGENT_REACH_CHARS = 200  # how far back an agent cue before a joined name is looked for (it ends at the name)


@dataclass(frozen=True, slots=True)
class _PlaceRoles:
    """Patterns, from `lexicon/place_roles.tsv`, of the words that make a place name a side."""

    speaks: re.Pattern  # after the name: "has said", "denied" (any place)
    acts: re.Pattern  # after the name: "launched", "has been waging" (a country only)
    arms: re.Pattern  # after the name: "air strikes on", "raids in" (a country only)
    owns: re.Pattern  # after the name: "'s foreign ministry", " officials"
    compound: re.Pattern  # after the name: "-based", "-led"
    agent: re.Pattern  # before the name: "by"
    base: re.Pattern  # before the name: "based in" (an organisation's home, though "in" is a locative)
    joined: re.Pattern  # between two names that share a role: "and", "or", "," ("Russia and the US")


@cache
def _place_roles() -> _PlaceRoles:
    phrases = role_phrases()
    auxiliaries = rf"(?:\s+(?:{phrases['auxiliary']}))*"
    unhyphenated = r"\b(?![-‑])"
    # "Russia has been waging": an ongoing act needs its auxiliary.
    ongoing = rf"(?:{phrases['progressive']})\s+(?:{phrases['ongoing']})"
    return _PlaceRoles(
        speaks=role_pattern("speaks", rf"{auxiliaries}\s+", unhyphenated),
        acts=re.compile(rf"{auxiliaries}\s+(?:(?:{phrases['acts']})|(?:{ongoing})){unhyphenated}", re.IGNORECASE),
        arms=re.compile(rf"\.?\s+(?:{phrases['arms']})\s+(?:{phrases['arms_target']})\b", re.IGNORECASE),
        owns=re.compile(
            rf"(?:['’]s)?\s+(?:{phrases['owns']}){unhyphenated}(?!\s+(?:{phrases['facility']})\b)", re.IGNORECASE
        ),
        compound=role_pattern("compound", "[-‑]", r"\b"),
        agent=role_pattern("agent", r"\b", r"\s+(?:the\s+)?$"),
        base=role_pattern("base", r"\b", r"\s+(?:the\s+)?$"),
        joined=re.compile(rf"^\s*(?:,\s*)?(?:{phrases['joined']}|,)\s+(?:the\s+)?$", re.IGNORECASE),
    )


def names_an_actor_abroad(place_mention: PlaceMention, text: str) -> bool:
    """ "Moscow defended its Damascus ally", "Turkey launched", "U.S. air strikes": a capital or country that
    speaks or strikes, often about or in another country; not a state body it owns ("Damascus ally")."""
    if place_mention.place is None or _locative(place_mention, text):
        return False
    roles = _place_roles()
    after = text[place_mention.end : place_mention.end + 60]
    if roles.speaks.match(after):
        return True
    return place_mention.place.kind == "country" and bool(roles.acts.match(after) or roles.arms.match(after))


def names_a_backer(place_mention: PlaceMention, text: str) -> bool:
    """ "Somalia-based group", "US-led coalition": the place says who is behind a group, not where it acts."""
    return bool(_place_roles().compound.match(text, place_mention.end))


def side_places(analysis: Analysis) -> frozenset[int]:
    """Starts of the place names that name a side, not a place: the speaker or doer ("Russia has said",
    "Turkey launched", "brokered by Moscow"), the owner of a state body ("Turkey's foreign ministry",
    "U.S. officials"), the one behind a group ("Britain-based", "US-led"), an organisation's home ("based
    in Britain"), a word of a named group's name ("Wagner fighters", "Arakan Army"). Else a name after a
    locative cue ("in", "near") is a place whatever follows it; names joined by "and" share the role."""
    text = analysis.report.text
    roles = _place_roles()
    named = [place for place in analysis.places if place.place is not None and not place.is_demonym]
    groups = [(group.start, group.end) for group in find_actors(text) if group.named_group]
    sides = {
        place.start
        for place in named
        if _names_a_side(place, text, roles) or any(_in_group_name(place, start, end, text) for start, end in groups)
    }
    for first, second in zip(named, named[1:], strict=False):
        if not roles.joined.match(text[first.end : second.start]) or _locative(first, text) or _locative(second, text):
            continue
        agent_from = max(0, second.start - _AGENT_REACH_CHARS)
        if second.start in sides and not roles.agent.search(text, agent_from, second.start):
            sides.add(first.start)  # "Russia and the US agreed"
        if first.start in sides and roles.agent.search(text[max(0, first.start - _AGENT_WINDOW_CHARS) : first.start]):
            sides.add(second.start)  # "brokered by Moscow and Washington"
    return frozenset(sides)


def _in_group_name(place: PlaceMention, start: int, end: int, text: str) -> bool:
    """The place is a word of the group's name spanning `start`-`end`: "Raqqa Revolutionary Brigade", and
    "Islamic State in Iraq and the Levant", whose "in" is the name's own, not a locative."""
    return start <= place.start and place.end <= end and (start < place.start or not _locative(place, text))


def _locative(place: PlaceMention, text: str) -> bool:
    return bool(place_cues().event_before.search(text[max(0, place.start - _LOCATIVE_WINDOW_CHARS) : place.start]))


def _names_a_side(place: PlaceMention, text: str, roles: _PlaceRoles) -> bool:
    if roles.base.search(text[max(0, place.start - _AGENT_WINDOW_CHARS) : place.start]):
        return True
    if _locative(place, text):
        return False
    assert place.place is not None
    after = text[place.end : place.end + 60]
    if roles.compound.match(after) or roles.owns.match(after) or roles.speaks.match(after):
        return True
    if place.place.kind == "country" and (roles.acts.match(after) or roles.arms.match(after)):
        return True
    return bool(roles.agent.search(text[max(0, place.start - _AGENT_WINDOW_CHARS) : place.start]))
