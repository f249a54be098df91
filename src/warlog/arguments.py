"""Arguments of each event mention: the two sides and the deaths.

Sides come from the actor dictionary spans `events` placed around the trigger; where the dictionary
knows no group before the trigger, a named organisation or group (spaCy ORG/NORP) just before it is
taken. A named person is never a side, and neither is a place: a country or city named as the one who
speaks or acts ("The United States has said", "Turkey's foreign ministry", "a deal brokered by
Moscow") is a side, not where the event happened (`side_places`). Deaths are counts next to death
words ("four ... were killed", "killing four", "12 fatalities"); injuries alone count nothing, negated
deaths ("no one was killed") nothing, and counts inside "including ..." are not added twice. Values
follow `warlog.resolve.fatalities`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from warlog.lexicon import alternations, read_table
from warlog.records import Analysis, EventMention, PlaceMention
from warlog.resolve import fatalities
from warlog.resolve.actors import find_actors, person_names
from warlog.resolve.toponyms import cues as place_cues

_TOKEN = re.compile(r"\d+(?:,\d{3})*(?![\w-])|[\w’']+(?:-[\w’']+)*|[^\w\s]")
_ORG_WINDOW_CHARS = 60
# An organisation that observes or tells of the event is its source, not a side ("the OSCE SMM observed").
_REPORTING_VERB = re.compile(
    r"\W*(?:\w+\W+){0,2}?(?:observed|reported|recorded|documented|said|says|stated|confirmed|noted|counted)\b",
    re.IGNORECASE,
)
_SCAN_TOKENS = 14
_INJURY_WINDOW_TOKENS = 3
_YEARS = (1900, 2100)  # a number in this range next to a death word is a date, not a toll
# Around a count, the words that tell deaths as more than those already told ("three civilians were
# also killed"), unless told as part of them ("also 20 women among the dead").
_ADDED_WINDOW_CHARS = 30
_RANGE_WORDS = frozenset({"or", "to", "–"})  # "5 or 6", "5 to 7": two figures for the same deaths
_MASS_KILLING_WORDS = frozenset({"massacred", "slaughtered"})  # a large event even without a number
# Two place names joined as one phrase ("Russia and the US", "Moscow, Washington"): they share a role.
_JOINED = re.compile(r"^\s*(?:,\s*)?(?:and|or|,)\s+(?:the\s+)?$", re.IGNORECASE)
_LOCATIVE_WINDOW_CHARS = 40
_AGENT_WINDOW_CHARS = 20  # "calling on the "
_PROGRESSIVE = r"(?:is|was|are|were|been)"  # "Russia has been waging": an ongoing act needs its auxiliary
# Types whose deaths are never their own: a peaceful protest's deaths are its cause, strategic
# developments kill no one (a death makes them violence).
_PEACEFUL_SUB_TYPES = ("Peaceful protest", "Protest with intervention")


@dataclass(frozen=True, slots=True)
class DeathCount:
    start: int
    end: int
    value: int
    background: bool  # told as the cause of the event ("over the killing of"), not as its toll
    numbered: bool = True  # False: no number was given, the value is ACLED's default


@cache
def _death_words() -> dict[str, str]:
    """word → how a count attaches to it: `after` ("killed 3"), `before` ("3 dead"), or `both`."""
    return {row["word"]: row["attach"] for row in read_table("lexicon/deaths.tsv")}


@cache
def _scan_words() -> dict[str, str]:
    """Words that stop the search for a count, or that reset it ("including")."""
    return {row["word"]: row["role"] for row in read_table("lexicon/death_scan.tsv")}


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def _count_at(tokens: list[tuple[int, int, str]], index: int) -> tuple[int, int] | None:
    """(value, tokens used) of a count starting at `index` ("four", "twenty one", "a dozen", "12")."""
    for length in (3, 2, 1):
        if index + length > len(tokens):
            continue
        words = " ".join(token[2] for token in tokens[index : index + length])
        value = fatalities.parse_count(words)
        if value is not None and not _YEARS[0] <= value <= _YEARS[1]:
            following = tokens[index + length][2].lower() if index + length < len(tokens) else ""
            if following in {"of"} and length == 1 and words.lower() in {"a", "an"}:
                return None
            return value, length
    return None


def _counts_before(tokens, index) -> list[tuple[int, int, int]]:
    """Counts in the noun phrase list before a death word ("4 militiamen, 1 soldier and 1 policeman")."""
    stops = _scan_words()
    found: list[tuple[int, int, int]] = []
    listed = False  # a comma or "and" since the last count: the list goes on
    ranged = False  # "or", "to" since the last count: two figures for the same deaths
    position = index - 1
    while position >= 0 and index - position <= _SCAN_TOKENS:
        word = tokens[position][2].lower()
        role = stops.get(word)
        if role in ("stop", "injury", "part"):
            break
        if role == "reset":
            found, listed = [], False
            position -= 1
            continue
        count = _count_ending_at(tokens, position)
        if count is not None:
            start, value = count
            before = tokens[start - 1][2].lower() if start else ""
            if found and (ranged or (listed and before == "between")):  # "5 or 6", "between 5 and 10"
                _start, last_end, other = found.pop()
                found.append((tokens[start][0], last_end, fatalities.conservative([value, other])))
            elif found and not listed:
                break
            else:
                found.append((tokens[start][0], tokens[position][1], value))
            listed = ranged = False
            position = start - 1
            continue
        listed = listed or word in (",", "and")
        ranged = ranged or word in _RANGE_WORDS
        position -= 1
    return found


def _count_ending_at(tokens, position) -> tuple[int, int] | None:
    """(first token, value) of a count whose last token is at `position`."""
    for start in (position - 2, position - 1, position):
        if start >= 0:
            candidate = _count_at(tokens, start)
            if candidate and start + candidate[1] - 1 == position:
                return start, candidate[0]
    return None


def _counts_after(tokens, index) -> list[tuple[int, int, int]]:
    """Counts right after an active death verb ("killing four", "killed at least 12 soldiers and two
    civilians"): the first after quantifiers only, then only counts listed after it."""
    stops = _scan_words()
    found: list[tuple[int, int, int]] = []
    listed = ranged = False
    position = index + 1
    while position < len(tokens) and position - index <= _SCAN_TOKENS:
        word = tokens[position][2].lower()
        role = stops.get(word)
        if role in ("stop", "reset", "injury", "part"):
            break
        count = _count_at(tokens, position)
        if count and found and ranged:  # "killing 5 to 7 people": the lowest figure
            value, length = count
            first_start, _end, other = found.pop()
            found.append((first_start, tokens[position + length - 1][1], fatalities.conservative([value, other])))
            ranged = False
            position += length
            continue
        if count and found and listed and _attribution_follows(tokens, position + count[1], stops):
            break  # "killing two soldiers, a provincial official said": the source, not a victim
        if count and _injured_follow(tokens, position + count[1], stops):
            break  # "8 killed, 58 others injured": the count after the verb is of the wounded
        if count and (not found or listed):
            value, length = count
            found.append((tokens[position][0], tokens[position + length - 1][1], value))
            listed = False
            position += length
            continue
        ranged = bool(found) and word in _RANGE_WORDS
        if not found and role != "quantifier":
            break
        if found and (count or word.endswith(("ed", "ing"))):  # "a guard and burned two schools"
            break
        listed = listed or word in (",", "and")
        position += 1
    return found


def _updated_count(tokens, index) -> list[tuple[int, int, int]]:
    """The figure a toll is brought to ("the death toll from the strikes has risen to 82", "toll ... rises
    to 76"): the count right after the clause's `update_to` word; none when the sentence ends first."""
    stops = _scan_words()
    for position in range(index + 1, min(len(tokens), index + 1 + _SCAN_TOKENS)):
        word = tokens[position][2]
        if word in (".", ";"):
            return []
        if stops.get(word.lower()) == "update_to":
            count = _count_at(tokens, position + 1)
            if count is None:
                return []
            value, length = count
            return [(tokens[position + 1][0], tokens[position + length][1], value)]
    return []


def _injured_follow(tokens, position: int, stops: dict[str, str]) -> bool:
    """An injury word closing the noun phrase a count opens ("58 others injured", "12 people wounded")."""
    for token in tokens[position : position + _INJURY_WINDOW_TOKENS]:
        role = stops.get(token[2].lower())
        if role == "injury":
            return True
        if role is not None or token[2] in (",", "and") or not token[2].isalpha():
            return False
    return False


def _attribution_follows(tokens, position: int, stops: dict[str, str]) -> bool:
    """A reporting verb within a few words: the listed noun phrase is who told it."""
    return any(stops.get(token[2].lower()) == "attribution" for token in tokens[position : position + 4])


def death_counts(text: str, offset: int = 0) -> list[DeathCount]:
    """Deaths told in a sentence, each with its span; negated deaths are left out."""
    tokens = _tokens(text)
    words = _death_words()
    stops = _scan_words()
    counts: list[DeathCount] = []
    used: set[int] = set()
    for index, (start, end, token) in enumerate(tokens):
        attach = words.get(token.lower())
        if attach is None:
            continue
        window = [t[2].lower() for t in tokens[max(0, index - 4) : index]]
        if any(stops.get(word) == "negation" for word in window):
            continue
        background = any(stops.get(word) == "background" for word in window)
        found = []
        if attach == "update":
            found = _updated_count(tokens, index)
        if attach in ("after", "both"):
            found = _counts_after(tokens, index)
        if not found and attach in ("before", "both"):
            found = _counts_before(tokens, index)
        found = [item for item in found if item[0] not in used]
        if not found:
            value = _unnumbered(token.lower(), window)
            counts.append(DeathCount(start + offset, end + offset, value, background, numbered=False))
            continue
        for count_start, _count_end, _value in found:
            used.add(count_start)
        figures = [value for _s, _e, value in found]
        first = min(item[0] for item in found)
        last = max(item[1] for item in found)
        span_start, span_end = min(first, start), max(last, end)
        counts.append(DeathCount(span_start + offset, span_end + offset, sum(figures), background))
    return counts


def _unnumbered(word: str, window: list[str]) -> int:
    """Deaths told without a number: ACLED's large figure for a massacre, its small one for plural
    victims, one for a singular subject."""
    if word in _MASS_KILLING_WORDS:
        return fatalities.unnumbered(large=True)
    if any(w in ("were", "are", "have", "people", "civilians", "several") for w in window):
        return fatalities.unnumbered(large=False)
    return 1


def fill_fatalities(mention: EventMention) -> None:
    sentence = mention.sentence
    counts = death_counts(sentence.text, sentence.start)
    if mention.sub_event_type in _PEACEFUL_SUB_TYPES or mention.event_type == "Strategic developments":
        counts = []
    elif mention.event_type in ("Protests", "Riots"):
        counts = [count for count in counts if not count.background]
    numbered = [count for count in counts if count.numbered]
    counts = numbered or counts  # "Two officers were killed ... when they were killed": two
    if not counts:
        mention.fatalities = 0
        mention.fatality_span = None
        return
    mention.fatalities = _toll(counts, mention.sentence.text, mention.sentence.start)
    mention.fatality_span = (min(c.start for c in counts), max(c.end for c in counts))


def counted(mention: EventMention) -> bool:
    """Whether the mention's deaths were told with a number, not only with ACLED's default for a death
    told without one ("the commanders were killed")."""
    if mention.fatality_span is None:
        return False
    start, end = mention.fatality_span
    sentence = mention.sentence
    return any(c.numbered and start <= c.start < end for c in death_counts(sentence.text, sentence.start))


def _toll(counts: list[DeathCount], text: str, offset: int) -> int:
    """Deaths told twice in a sentence (a headline run into its lede) count once: the highest
    figure, plus only those told as more ("... were also killed")."""
    total = counts[0].value
    for count in counts[1:]:
        total = (
            total + count.value
            if _told_as_more(text, count.start - offset, count.end - offset)
            else max(total, count.value)
        )
    return total


def adds_deaths(mention: EventMention) -> bool:
    """Whether the mention tells its deaths as more than deaths told before ("another three were killed"),
    not as the same deaths told again nor as part of them ("also 20 women among the dead")."""
    if mention.fatality_span is None:
        return False
    start, end = mention.fatality_span
    offset = mention.sentence.start
    return _told_as_more(mention.sentence.text, start - offset, end - offset)


def _told_as_more(text: str, start: int, end: int) -> bool:
    """An `added` word of `death_scan.tsv` near the count ("also", "another"), and no `part` word after it."""
    words = _scan_words()
    before = [w.lower() for w in re.findall(r"[\w']+", text[max(0, start - _ADDED_WINDOW_CHARS) : end])]
    after = [w.lower() for w in re.findall(r"[\w']+", text[end : end + _ADDED_WINDOW_CHARS])]
    added = any(words.get(word) == "added" for word in before + after[:3])
    return added and not any(words.get(word) == "part" for word in after[:4])


def fill_actors(analysis: Analysis, mention: EventMention) -> None:
    spans = mention.actor_spans

    def text_of(role: str) -> str | None:
        for start, end, span_role in spans:
            if span_role == role:
                return analysis.report.text[start:end]
        return None

    if not any(role == "actor1" for _s, _e, role in spans):
        organisation = _organisation_before(analysis, mention, [(start, end) for start, end, _role in spans])
        if organisation is not None:
            spans.append((organisation[0], organisation[1], "actor1"))
    mention.actor1_text = text_of("actor1")
    mention.actor2_text = text_of("actor2")


def _organisation_before(
    analysis: Analysis, mention: EventMention, sides: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """A named group (ORG/NORP) just before the trigger, not a date NER took for one: the likely agent when
    the dictionary has none;
    inside a side already found, that whole side ("Taliban militants were killed when forces repulsed
    their attack": the Taliban attacked), never a fragment of its name ("Islamic" of "Islamic State"),
    and never a person the report names (the model tagged "Meshaal" ORG where it tags "Maher Meshaal"
    PERSON elsewhere): an actor is a group."""
    places = [(place.start, place.end) for place in analysis.places if place.place is not None]
    times = [(found.start, found.end) for found in analysis.timexes]
    persons = person_names(entity.text for entity in analysis.entities if entity.label == "PERSON")
    candidates = [
        entity
        for entity in analysis.entities
        if entity.label in ("ORG", "NORP")
        and entity.text.strip() not in persons
        and not any(start <= entity.start < end for start, end in places)  # "al-Bukamal" tagged ORG
        and not any(start < entity.end and entity.start < end for start, end in times)  # a dateline, "Sun 05 Jul"
        and mention.sentence.start <= entity.start
        and entity.end <= mention.trigger_start
        and mention.trigger_start - entity.end <= _ORG_WINDOW_CHARS
        and not _REPORTING_VERB.match(analysis.report.text, entity.end)
    ]
    if not candidates:
        return None
    nearest = max(candidates, key=lambda entity: entity.end)
    enclosing = [(start, end) for start, end in sides if start <= nearest.start and nearest.end <= end]
    return enclosing[0] if enclosing else (nearest.start, nearest.end)


def annotate(analysis: Analysis) -> None:
    for mention in analysis.mentions:
        fill_actors(analysis, mention)
        fill_fatalities(mention)


@dataclass(frozen=True, slots=True)
class _PlaceRoles:
    """Patterns, from `lexicon/place_roles.tsv`, of the words that make a place name a side."""

    speaks: re.Pattern  # after the name: "has said", "denied" (any place)
    acts: re.Pattern  # after the name: "launched", "has been waging" (a country only)
    arms: re.Pattern  # after the name: "air strikes on", "raids in" (a country only)
    owns: re.Pattern  # after the name: "'s foreign ministry", " officials"
    compound: re.Pattern  # after the name: "-based", "-led"
    agent: re.Pattern  # before the name: "by"


@cache
def _place_roles() -> _PlaceRoles:
    alternatives = alternations("lexicon/place_roles.tsv", "role")
    auxiliaries = rf"(?:\s+(?:{alternatives['auxiliary']}))*"
    return _PlaceRoles(
        speaks=re.compile(rf"{auxiliaries}\s+(?:{alternatives['speaks']})\b(?![-‑])", re.IGNORECASE),
        acts=re.compile(
            rf"{auxiliaries}\s+(?:(?:{alternatives['acts']})|(?:{_PROGRESSIVE}\s+(?:{alternatives['ongoing']})))\b(?![-‑])",
            re.IGNORECASE,
        ),
        arms=re.compile(rf"\.?\s+(?:{alternatives['arms']})\s+(?:{alternatives['arms_target']})\b", re.IGNORECASE),
        owns=re.compile(
            rf"(?:['’]s)?\s+(?:{alternatives['owns']})\b(?![-‑])(?!\s+(?:{alternatives['facility']})\b)",
            re.IGNORECASE,
        ),
        compound=re.compile(rf"[-‑](?:{alternatives['compound']})\b", re.IGNORECASE),
        agent=re.compile(rf"\b(?:{alternatives['agent']})\s+(?:the\s+)?$", re.IGNORECASE),
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
    "U.S. officials"), the one behind a group ("Britain-based", "US-led"), a word of a named group's name
    ("Wagner fighters", "Arakan Army"). A name after a locative cue ("in", "near") is a place whatever
    follows it; names joined by "and" share the role."""
    text = analysis.report.text
    roles = _place_roles()
    named = [place for place in analysis.places if place.place is not None and not place.is_demonym]
    groups = [(group.start, group.end) for group in find_actors(text) if group.named_group]
    sides = {
        place.start
        for place in named
        if _names_a_side(place, text, roles)
        or (any(start <= place.start and place.end <= end for start, end in groups) and not _locative(place, text))
    }
    for first, second in zip(named, named[1:], strict=False):
        if not _JOINED.match(text[first.end : second.start]) or _locative(first, text) or _locative(second, text):
            continue
        if second.start in sides and not roles.agent.search(text[: second.start]):
            sides.add(first.start)  # "Russia and the US agreed"
        if first.start in sides and roles.agent.search(text[max(0, first.start - _AGENT_WINDOW_CHARS) : first.start]):
            sides.add(second.start)  # "brokered by Moscow and Washington"
    return frozenset(sides)


def _locative(place: PlaceMention, text: str) -> bool:
    return bool(place_cues().event_before.search(text[max(0, place.start - _LOCATIVE_WINDOW_CHARS) : place.start]))


def _names_a_side(place: PlaceMention, text: str, roles: _PlaceRoles) -> bool:
    if _locative(place, text):
        return False
    assert place.place is not None
    after = text[place.end : place.end + 60]
    if roles.compound.match(after) or roles.owns.match(after) or roles.speaks.match(after):
        return True
    if place.place.kind == "country" and (roles.acts.match(after) or roles.arms.match(after)):
        return True
    return bool(roles.agent.search(text[max(0, place.start - _AGENT_WINDOW_CHARS) : place.start]))
