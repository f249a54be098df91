"""Who did what to whom: the sides of an act, from word order and voice around its trigger."""

from __future__ import annotations

import re
from functools import cache

from warlog.knowledge.actors import CIVILIANS, ActorMatch
from warlog.lexicon import Hit, spaced_alternation, word_class
from warlog.records import Sentence
from warlog.resolve import death_counts


def _has_auxiliary(text: str, trigger: Hit, sentence_start: int) -> bool:
    """ "were killed", "was on Friday killed"; not "IS militants kill": a word in capitals in a sentence
    that is not all capitals is an acronym (the Islamic State), not the auxiliary."""
    local_start = trigger.start - sentence_start
    shouted = text.isupper()
    return any(
        word.lower() in word_class("passive_auxiliary") and (shouted or not word.isupper())
        for word in text[max(0, local_start - 30) : local_start].split()[-3:]
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
        partner = _with_partner().match(text, trigger.end - sentence.start)
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
        before = [actor for actor in before if not _preposition_object().search(text, 0, actor.start - sentence.start)]
    # The doer is the nearest armed group before the verb ("an armed gang comprising four men shot"),
    # else the nearest group.
    armed_before = [actor for actor in before if actor.armed]
    return (armed_before or before)[-1:], after[:2]


RECIPROCAL_FRAMES = ("CLASH", "AGREEMENT")  # done by two sides to each other: neither is the target
_BY_WINDOW_CHARS = 40  # "shooting in Ernani Satiro neighborhood by three armed men"


_PARTICIPLE_ADJUNCT = re.compile(r",\s*$")


@cache
def _with_partner() -> re.Pattern:
    """ "with" and an article after a reciprocal trigger: the group next is the other side."""
    partner, article = spaced_alternation(word_class("partner_preposition")), spaced_alternation(word_class("article"))
    return re.compile(rf"\s+(?:{partner})\s+(?:(?:{article})\s+)?", re.IGNORECASE)


@cache
def _preposition_object() -> re.Pattern:
    """A preposition and a determiner right before a group: the group is the preposition's object."""
    preposition = spaced_alternation(word_class("object_preposition"))
    determiner = spaced_alternation(word_class("object_determiner"))
    return re.compile(rf"\b(?:{preposition})\s+(?:(?:{determiner})\s+)?\S*\s*$", re.IGNORECASE)


def _coordinated(text: str, sentence_start: int, first: ActorMatch, second: ActorMatch) -> bool:
    """Two groups joined as one phrase: "troops and rebels", "the army, rebels"."""
    between = text[first.end - sentence_start : second.start - sentence_start].strip().lower()
    return between in word_class("coordination")


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
    return any(death_counts.parse_count(word) is not None for word in words_before)


# Acts told by verbs that need an object: with none after them, the group before them suffered them.
_OBJECT_ONLY_FRAMES = frozenset({"KILL", "INJURE", "ABDUCT", "ARREST"})
