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

from warlog.events.demonstrations import DEMONSTRATION_FOLLOW_UP
from warlog.events.reading import HEADING_MAX_CHARS, SEPARATE_FRAMES, read_sentence
from warlog.events.roles import assign_roles
from warlog.events.rules import decide
from warlog.knowledge.actors import ActorMatch
from warlog.records import Analysis, EventMention


def annotate(analysis: Analysis) -> None:
    """Fill `analysis.mentions`: one mention per event a sentence tells (repeats included)."""
    readings = []
    last_named: ActorMatch | None = None
    for sentence in analysis.sentences:
        readings.append(read_sentence(analysis, sentence, last_named))
        last_named = next((a for a in reversed(readings[-1].actors) if a.named_group), last_named)
    mentions = []
    for index, reading in enumerate(readings):
        if not reading.triggers and not reading.actors and ":" not in reading.sentence.text[:HEADING_MAX_CHARS]:
            continue
        follow_up = readings[index + 1 : index + 1 + DEMONSTRATION_FOLLOW_UP]
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
                    role_spans=spans,
                )
            )
    analysis.mentions = mentions
