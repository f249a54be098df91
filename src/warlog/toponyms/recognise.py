"""Recognition: the spans of a text that name places (NER entities and capitalised runs), kept when the
gazetteer knows them and the evidence suffices (a place label, a cue, an administrative word, a hierarchy,
a self-evident name); demonyms name countries."""

from __future__ import annotations

import re

from warlog.knowledge.actors import group_names
from warlog.knowledge.gazetteer import Gazetteer, gazetteer
from warlog.knowledge.spelling import fold
from warlog.records import Entity
from warlog.spans import Spans
from warlog.toponyms import possessives
from warlog.toponyms.hierarchy import THE_BEFORE, holder_after, in_location_parenthesis, split_at_of
from warlog.toponyms.layout import after_title, in_heading, is_dateline, opens_sentence
from warlog.toponyms.lexicon import common_nouns, country_word_names, cues, not_names, sponsor_words
from warlog.toponyms.mention import Mention
from warlog.toponyms.names import (
    ARTICLE,
    CONNECTOR,
    ENDS_IN_CONNECTOR,
    NAME_RUN,
    cued_in_list,
    split_in_title_case,
)

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

MAX_NAME_WORDS = 6

# Kinds a reader takes for a place whatever the context; towns only when large.
SELF_EVIDENT_KINDS = frozenset({"country", "admin1", "region"})
# Alone, only a country's possessive loses its apostrophe ("Syrias"; not "the Falcons").
_COUNTRY = frozenset({"country"})

SELF_EVIDENT_POPULATION = 100_000

# Words split at spaces and hyphens; names are tried over several words, so "Deir ez-Zor" and
# "Al-Bukamel" are still whole, and "Egypt-US relations" yields Egypt and US.
_WORD = re.compile(r"[^\s\-‑]+")

_LONE_ARTICLE = re.compile(rf"{ARTICLE}", re.IGNORECASE)

_ARTICLE_OPENING = re.compile(rf"{ARTICLE}[-‑]")  # "al-Bukamal" starts lower-case

_COMPOUND_GOES_ON = re.compile(r"[-‑](\w+)")

_NAME_WITH_INITIAL = re.compile(r"\b[A-Z][a-z]+ [A-Z]\. ([A-Z][a-z]+)\b")  # "Tyrise M. Bell": Bell is a person

_CONNECTOR_AFTER = re.compile(rf" {CONNECTOR}")

_SPACED_DASH = re.compile(r"\s[-‑–—]|[-‑–—]\s")

_INNER_POSSESSIVE = re.compile(r"['’]s\s")
_CONTRACTION = re.compile(r"['’](?:ll|re|ve|d|m|t)$")


def recognise(text: str, entities: list[Entity], index: Gazetteer) -> list[Mention]:
    found: list[Mention] = []
    doubtful: list[Mention] = []
    taken = bytearray(len(text) + 1)
    # Indexed by offset: scanned for each candidate name, a long report's time grew with its square.
    # A caption's "Aleppo Russian warplanes" gives no person "Aleppo Russian": the demonym is that of the
    # arms after it (but "Monica French said" is a person).
    persons = [
        e
        for e in entities
        if e.label == "PERSON"
        and not (index.demonym(e.text.split()[-1]) and cues().arms_after.match(text[e.end : e.end + 40]))
    ]
    person_spans = Spans([(e.start, e.end) for e in persons], bounds=lambda span: span)
    entity_spans = Spans(enumerate(entities), bounds=lambda pair: (pair[1].start, pair[1].end))
    # Names the report gives people ("Henry Farrin" → "Farrin"): alone, without a cue, they are people.
    # (One-word PERSON spans are left out: the small model tags many towns so, "a Gainesville resident".)
    person_names = {fold(part) for e in persons if " " in e.text for part in (e.text, e.text.split()[-1])} | {
        fold(match.group(1)) for match in _NAME_WITH_INITIAL.finditer(text)
    }
    lone_persons = {(e.start, e.end) for e in persons if " " not in e.text.strip()}
    taken_for_person: list[Mention] = []

    def accept(mention: Mention) -> None:
        found.append(mention)
        taken[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)

    def consider(start: int, end: int, label: str | None) -> None:
        for mention in _names_in(text, start, end, label, index):
            if any(taken[mention.start : mention.end]) or _opens_a_compound(mention, text, index):
                continue
            # A name inside a person's name, given to a person elsewhere, or after a title is a person's,
            # unless a cue says otherwise ("a Gainesville resident" is no person).
            lone_division = (mention.start, mention.end) in lone_persons and _names_a_division(
                mention.candidates, index
            )
            if not (mention.cue_before or mention.admin_after or mention.resident_after or lone_division) and (
                person_spans.encloses(mention.start, mention.end)
                or fold(mention.text) in person_names
                or after_title(text, mention.start)
            ):
                if (mention.start, mention.end) in lone_persons:
                    taken_for_person.append(mention)  # a place if the report clearly names it so elsewhere
                continue
            if _accept(mention, text, start, end, index):
                if _division_of_a_town(mention, text, end):  # the span is the division's whole name
                    mention.end += len(_division_word_after(text, mention))
                    mention.text = text[mention.start : mention.end]
                accept(mention)
            elif not mention.demonym and mention.label != "NORP" and _leads(mention, text, start, end):
                doubtful.append(mention)

    runs = [
        part
        for run in NAME_RUN.finditer(text)
        for title_run in split_in_title_case(text, run.start(), run.end())
        for split_run in possessives.split_at_possessive(text, *title_run, index, SELF_EVIDENT_KINDS)
        for part in split_at_of(text, *split_run, index)
    ]
    # A longer gazetteer name that NER split ("Baja" + "California", "Port" + "Spain city") is read whole,
    # before the pieces are.
    for run_start, run_end in runs:
        for mention in _names_in(text, run_start, run_end, None, index):
            overlapping = [e for _position, e in sorted(entity_spans.overlapping(mention.start, mention.end))]
            if (
                " " in mention.text
                and overlapping
                and not any(e.start <= mention.start and mention.end <= e.end for e in overlapping)
                and all(e.label != "PERSON" for e in overlapping)
            ):
                labels = [e.label for e in overlapping if e.label in PLACE_LABELS]
                consider(mention.start, mention.end, labels[0] if labels else None)
    for entity in sorted(entities, key=lambda e: (e.start, -e.end)):
        if entity.label in PLACE_LABELS | {"NORP", "ORG"}:
            start, end, _name = _trim(entity.start, entity.end, text)
            consider(start, end, entity.label)
    for run_start, run_end in runs:
        consider(run_start, run_end, None)
    # One sense per discourse: a name the report uses as a place elsewhere is a place here too, also
    # at a sentence start or as the jurisdiction that opens an organisation's name ("Gainesville
    # Police"). Only exact names: transliterated guesses need their own evidence.
    places_named = {
        fold(m.text)
        for m in found
        if not m.demonym and (m.label in ("GPE", "LOC") or m.cue_before or m.admin_after or m.resident_after)
    }
    cued_names = {fold(m.text) for m in found if m.cue_before or m.resident_after or m.admin_after}
    doubtful.extend(m for m in taken_for_person if fold(m.text) in cued_names)
    for mention in sorted(doubtful, key=lambda m: m.start):
        if (
            fold(mention.text) in places_named
            and any(quality == 1.0 for _, quality in mention.candidates)
            and not any(taken[mention.start : mention.end])
        ):
            accept(mention)
    # A name followed by a place that holds it ("Bara in the countryside of Idleb", "Sirwah (Marib)")
    # is a place too.
    found.sort(key=lambda m: m.start)
    starts = {m.start: m for m in found}
    for mention in sorted(doubtful, key=lambda m: m.start):
        if any(taken[mention.start : mention.end]):
            continue
        holder = holder_after(text, mention.end, starts)
        parent = starts[holder[0]] if holder else None
        if parent is not None and any(
            index.contains(outer, entry) for outer, _ in parent.candidates for entry, _ in mention.candidates
        ):
            accept(mention)
    # ... and a division named as holding a place ("in Pipri, Kaushambi (UP)": Kaushambi district).
    divisions = {
        m.start: m
        for m in doubtful
        if not any(taken[m.start : m.end])
        and any(q == 1.0 and index.kind(e) in ("admin1", "admin2") for e, q in m.candidates)
    }
    for mention in sorted(found, key=lambda m: m.start) if divisions else ():
        holder = holder_after(text, mention.end, {m.start: m for m in found} | divisions)
        if holder and holder[0] in divisions and not any(taken[holder[0] : divisions[holder[0]].end]):
            accept(divisions[holder[0]])
    found.sort(key=lambda m: m.start)
    return found


def _opens_a_compound(mention: Mention, text: str, index: Gazetteer) -> bool:
    """ "Sud" in "Sud-Kivu": the first part of a hyphenated place name names no place of its own (the
    whole name is found instead); "Mogadishu-Hodan", "California-based" do. A demonym names no place
    when it says who leads or backs ("Saudi-led"), as it does in "Iraqi-Syrian border"."""
    compound = _COMPOUND_GOES_ON.match(text, mention.end)
    if not compound:
        return False
    if mention.demonym:  # "American-based" says where a group is from: a place, as LGL tags it
        return compound.group(1).lower() in sponsor_words() - {"based"}
    return any(quality == 1.0 for _, quality in index.candidates(text[mention.start : compound.end()]))


def names_a_sponsor(mention: Mention, text: str) -> bool:
    """ "US-led coalition", "the Britain-based Observatory": the name says who leads, backs or hosts a group
    (a place still, as LGL tags "American-based", but not one where the group acts)."""
    compound = _COMPOUND_GOES_ON.match(text, mention.end)
    return compound is not None and compound.group(1).lower() in sponsor_words()


def _accept(mention: Mention, text: str, start: int, end: int, index: Gazetteer) -> bool:
    """Whether a gazetteer name found in an entity (label) or a capitalised run (no label) is a place."""
    label = mention.label
    if mention.demonym:
        return label != "ORG"
    if label == "NORP":
        return False
    if fold(mention.text) in country_word_names() and not (mention.cue_before or mention.admin_after):
        return False  # "Masai youths", "Taliban": a people or a group, not its namesake town
    if fold(mention.text) in common_nouns() and (not mention.cue_before or THE_BEFORE.search(text, 0, mention.start)):
        return False  # "Police officers said", "in the Area": the noun, not Police in Poland
    exact = any(quality == 1.0 for _, quality in mention.candidates)
    cued = mention.movement_before or mention.cue_before or mention.admin_after or (exact and mention.resident_after)
    if not _stands_alone(mention, text, start, end):
        # Part of a longer name: a place when an administrative word follows it ("Kabul province"),
        # or when it is a well-known jurisdiction opening the name ("Ohio Supreme Court").
        divisions = any(index.kind(entry) != "city" for entry, _ in mention.candidates)
        # "San Luis de Canete" is not San Luis: a connector says the name goes on.
        continued = bool(_CONNECTOR_AFTER.match(text, mention.end))
        if _is_syllable(mention.text):
            return False
        return (mention.admin_after and (divisions or _division_of_a_town(mention, text, end)) and label != "ORG") or (
            exact and mention.start == start and not continued and _is_evident(mention, index)
        )
    if not exact:
        # A transliteration-robust match needs a cue, whatever NER says ("in", "Al-Bukamel residents").
        return mention.movement_before or mention.resident_after
    if label in ("ORG", "FAC") and mention.cue_before:
        return True  # "in al-Bukamal", though NER says organisation; "talking to Hamas" is not enough
    if label in PLACE_LABELS - {"FAC"} or (cued and label is None):
        return True
    if label in ("ORG", "FAC"):
        # An organisation or building named like a town ("Lincoln", "Toyota") is not the town; one
        # named like a country or a division is ("U.S.").
        return any(q == 1.0 and index.kind(e) in SELF_EVIDENT_KINDS for e, q in mention.candidates)
    return _is_evident(mention, index) and not (label is None and opens_sentence(text, mention))


def _is_syllable(name: str) -> bool:
    """ "Pa", "Ri": a short capitalised word inside a longer name ("Za Bu Thi Ri", "Pa Laung") is a syllable
    of that name, not the division abbreviated so (acronyms, "US Army", are written in capitals)."""
    return len(name) <= 2 and not name.isupper()  # three letters may be a town: "Van Governor's Office"


def _division_of_a_town(mention: Mention, text: str, end: int) -> bool:
    """ "Marsabit County", tagged a place, where the gazetteer knows only the town: the division named
    after its town, which stands for it as ACLED codes a division named alone (its capital)."""
    return (
        mention.label in PLACE_LABELS - {"FAC"}
        and all(gazetteer().kind(entry) == "city" for entry, _ in mention.candidates)
        and bool(_division_word_after(text, mention))
        and mention.end + len(_division_word_after(text, mention)) >= end
    )


def _division_word_after(text: str, mention: Mention) -> str:
    """The division word right after a mention ("County"), with the space before it ("" when none)."""
    found = cues().division_after.match(text[mention.end : mention.end + 20])
    return found.group() if found else ""


def _stands_alone(mention: Mention, text: str, start: int, end: int) -> bool:
    """The mention is the whole span, or one item of a comma-separated list inside it."""
    before = text[start : mention.start].rstrip()
    after = text[mention.end : end].lstrip()
    # Only function words ("A Winona man"), directions ("North Texas") or a list's comma before it.
    if before and not before.endswith(",") and not all(word.lower() in not_names() for word in before.split()):
        return False
    # A headline's source after it ("in Syrias Raqqa Local reports") is no part of the name.
    return (
        not after or after.startswith(",") or bool(cues().attribution_after.match(text[mention.end : mention.end + 30]))
    )


def _leads(mention: Mention, text: str, start: int, end: int) -> bool:
    """The mention stands alone or opens the longer name ("Gainesville Police"), unlike "United Russia"."""
    return mention.start == start or _stands_alone(mention, text, start, end)


def _trim(start: int, end: int, text: str) -> tuple[int, int, str]:
    """Drop a leading "the" and trailing possessive/punctuation from an entity span."""
    span = text[start:end]
    if span.lower().startswith("the "):
        start += 4
    while end > start and text[end - 1] in ".,;:'’\")":
        end -= 1
    if text[start:end].endswith(("'s", "’s")):
        end -= 2
    return start, end, text[start:end]


def _names_in(text: str, start: int, end: int, label: str | None, index: Gazetteer) -> list[Mention]:
    """The longest gazetteer names inside text[start:end], left to right (whole span first)."""
    words = [(m.start() + start, m.end() + start) for m in _WORD.finditer(text[start:end])]
    mentions, position = [], 0
    excluded = not_names()
    while position < len(words):
        for size in range(min(MAX_NAME_WORDS, len(words) - position), 0, -1):
            span_start, span_end = words[position][0], words[position + size - 1][1]
            while span_end > span_start and text[span_end - 1] in ".,;:'’\")":
                if text[span_start:span_end].count(".") >= 2 and text[span_end - 1] == ".":
                    break  # "U.S." keeps its final dot
                span_end -= 1
            if text[span_end - 2 : span_end] in ("'s", "’s"):
                span_end -= 2
            elif (
                (span_start, span_end) == (start, end)
                and possessives.lost_apostrophe(text[span_start:span_end], index, _COUNTRY)
                and possessives.POSSESSED_AFTER.match(text, span_end)
                and not THE_BEFORE.search(text, max(0, span_start - 5), span_start)
            ):
                # "Syrias opposition", or a run cut after "Syrias"; not "the Americas", "Aleutian Islands",
                # "Turkeys and chickens"
                span_end -= 1
            name = text[span_start:span_end]
            if _CONTRACTION.search(name) or name.startswith(("The ", "THE ")):
                continue  # "I'll", "We're"; "The Raqqa Brigade" is tried from "Raqqa"
            if _SPACED_DASH.search(name) or ENDS_IN_CONNECTOR.search(name):
                continue  # "Daraa - Nawa": two names, a governorate and its town, never one; "Syria of"
            if not name or name.lower() in excluded or _LONE_ARTICLE.fullmatch(name):
                continue
            if name.lower() in group_names():  # "jets bombed Hamas positions": the group, not Hamm (Germany)
                continue
            if not (name[0].isupper() or _starts_arabic(name) or _ARTICLE_OPENING.match(name)):
                continue
            admin_after = bool(cues().admin_after.match(text[span_end : span_end + 30]))
            demonym = index.demonym(name)
            if demonym and admin_after and _names_a_division(index.candidates(name), index):
                demonym = None  # "Somali region", "Afar region": a division named after its people
            candidates = [] if demonym else index.candidates(name)
            if _INNER_POSSESSIVE.search(name):
                # "Baghdad's Shi'ite" is Baghdad and a word it qualifies, not a name spelt like it; only a
                # name so spelt ("Martha's Vineyard") holds a possessive.
                candidates = [(e, q) for e, q in candidates if q == 1.0]
            if _is_acronym(name):
                # Acronyms are codes of countries or divisions (US, DRC, NSW), not of towns or airports.
                candidates = [(e, q) for e, q in candidates if index.kind(e) in SELF_EVIDENT_KINDS]
            if candidates and cues().street_after.match(text[span_end : span_end + 20]):
                candidates = []  # "Flanders Road", "Memphis St.": a street named after the place
            held_by_possessive = span_start == start and possessives.held_by_possessive(
                text, span_start, candidates, index, SELF_EVIDENT_KINDS
            )
            if demonym or candidates:
                mentions.append(
                    Mention(
                        span_start,
                        span_end,
                        name,
                        candidates,
                        label,
                        demonym=demonym,
                        # A cue before a run says nothing of the run's later names.
                        cue_before=(
                            span_start == start and cued_in_list(cues().event_before, text, span_start, span_end)
                        )
                        or in_location_parenthesis(text, span_start, span_end)
                        or held_by_possessive,
                        movement_before=(
                            span_start == start
                            and bool(cues().before.search(text[max(0, span_start - 40) : span_start]))
                        )
                        or held_by_possessive,
                        admin_after=admin_after,
                        settlement_after=bool(cues().settlement_after.match(text[span_end : span_end + 20])),
                        resident_after=bool(cues().resident_after.match(text[span_end : span_end + 20]))
                        or is_dateline(name, text[span_end : span_end + 30])
                        or in_heading(text, span_end),
                    )
                )
                position += size
                break
        else:
            position += 1
    return mentions


def _starts_arabic(name: str) -> bool:
    return "\u0600" <= name[0] <= "\u06ff"


def _is_acronym(name: str) -> bool:
    letters = name.replace(".", "")
    return letters.isupper() and len(letters) <= 5


def _names_a_division(candidates: list[tuple[int, float]], index: Gazetteer) -> bool:
    """The exact name of a province or region ("Pernambuco", "Ghazni"): the small NER model often tags
    one alone as a person, which it hardly ever is (left out: countries, Jordan and Chad, and districts,
    Madison and Lincoln counties, named like people)."""
    return any(q == 1.0 and index.kind(e) in ("admin1", "region") for e, q in candidates)


def _is_evident(mention: Mention, index: Gazetteer) -> bool:
    """A name no reader takes for anything but a place: an exact country, division or region name,
    or a large town."""
    name = fold(mention.text)
    for entry, quality in mention.candidates:
        if quality < 1.0:
            continue
        kind = index.kind(entry)
        if kind in SELF_EVIDENT_KINDS:
            return True
        # A large town by its own name; an alternate name of one ("Hamas" for Hama) is not evidence.
        if kind == "city" and index.population(entry) >= SELF_EVIDENT_POPULATION and fold(index.name(entry)) == name:
            return True
    return False
