"""The country a report is about (`report_country`), for an event its own words do not place and for
choosing between namesake towns: the country its places name most, with less weight its demonyms, the
groups said of one country, its source's country; places named as origins, nationalities or sides count
little, and small towns no other evidence supports, in a country something clear points away from, not
at all (`unsupported_abroad`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import cache, lru_cache

from warlog.knowledge.gazetteer import gazetteer
from warlog.knowledge.spelling import fold
from warlog.lexicon import word_alternation, word_class
from warlog.records import Analysis, Entity, Place, PlaceMention
from warlog.resolve.place_roles import cued, place_role
from warlog.resolve.place_sides import names_a_backer, names_an_actor_abroad
from warlog.toponyms.disambiguate import HAMLET_POPULATION
from warlog.toponyms.layout import after_title
from warlog.toponyms.lexicon import country_word_votes, cues, not_names, source_countries
from warlog.toponyms.names import ARTICLE, list_start

COUNTRY_WORD_WEIGHT = 0.6
SOURCE_COUNTRY_WEIGHT = 0.2
# "bandits from Ethiopia", "Ethiopian raiders": where people came from, not where the event was
ORIGIN_WEIGHT = 0.1
MAX_COUNTRIES_OF_A_NAME = 2
ACRONYM_MAX_LETTERS = 5
# A town this large says which country a report is about; one smaller than a regional city, placed in
# a country nothing else in the report points to, needs the report's support.
WELL_KNOWN_POPULATION = 100_000
REGIONAL_CITY_POPULATION = 200_000
_ARTICLE_WORD = re.compile(ARTICLE, re.IGNORECASE)  # "al", "el": an Arabic article (`name_particles.tsv`)


def report_country(analysis: Analysis, places: Sequence[PlaceMention] | None = None) -> Place | None:
    """The country the report is about: the one its places (and, with less weight, its demonyms and the
    groups said of one country) name most; for coding an event whose town is unknown. `places`: the place
    mentions counted (by default every one the report names)."""
    return analysis.derived_for(_report_country, analysis.places if places is None else places)


def _report_country(analysis: Analysis, places: Sequence[PlaceMention]) -> Place | None:
    index = gazetteer()
    weights: Counter = Counter()
    # Countries only named as sides ("Russian warplanes shell Tal Jebin", "Moscow defended") are not where
    # the report is set: a state's arms strike and its capital speaks abroad as often as at home. They
    # stand only beside a country something else points to; alone, the report's country is unknown.
    grounded: set[str] = set()
    weighed: list[PlaceMention] = []
    text = analysis.report.text
    unsupported = unsupported_abroad(analysis, places)
    for place_mention in places:
        if place_mention.place is not None and place_mention.place.country_code and place_mention not in unsupported:
            weight = 0.3 if place_mention.is_demonym else max(place_mention.confidence, 0.3)
            role = place_role(place_mention, text)
            # A headline's cited government ("...: U.S.") speaks, as a side's capital does.
            side = _names_arms(place_mention, text) or names_an_actor_abroad(place_mention, text) or role == "source"
            origin = (
                named_as_origin(place_mention, text)
                or names_foreigners(place_mention, text)
                or names_a_backer(place_mention, text)
            )
            if side or origin or role is not None:
                weight = ORIGIN_WEIGHT
            if not side:
                grounded.add(place_mention.place.country_code)
            weights[place_mention.place.country_code] += weight
            weighed.append(place_mention)
    # Groups and units said of few countries ("Taliban", "barangay") count as much as a doubtful place.
    for code, weight in country_word_votes(analysis.report.text).items():
        weights[code] += COUNTRY_WORD_WEIGHT * weight
        grounded.add(code)
    # The country a source is named for ("Star (Kenya)", "OSCE SMM-Ukraine") counts less than a doubtful
    # place: outlets mostly report their own country, and the text outweighs that when it names another.
    for code in source_countries(analysis.report.source, index):
        weights[code] += SOURCE_COUNTRY_WEIGHT
        grounded.add(code)
    # Failing places, the nationality words in the named entities ("Turkish Government", "Afghan forces");
    # an entity that is one of the places weighed above has had its say ("Iraq missile strikes" is no Iran).
    unweighed = [entity for entity in analysis.entities if not _is_weighed(entity, weighed)] if not grounded else []
    for entity in unweighed:
        for word in entity.text.split():
            code = index.demonym(word)
            if code and not _names_foreigners_at(entity, word, text):
                weights[code] += 0.1
                grounded.add(code)
    # Failing those too, the countries whose towns the entities are named for: the small model tags many
    # local names ORG or PERSON ("Kapsabet", "Embu University students"), too weak to be the event's place
    # but still telling its country. Each entity's vote is split among the countries its names occur in.
    # A full name tagged PERSON ("Boni Yayi") is a person's, and an acronym ("UN", "KDF") an
    # organisation's, whatever towns share its letters.
    for entity in unweighed if not grounded else ():
        name = entity.text.strip()
        if (entity.label == "PERSON" and " " in name) or (name.isupper() and len(name) <= ACRONYM_MAX_LETTERS):
            continue
        if after_title(text, entity.start):
            continue  # "President Kibaki": a person, whatever village bears the name
        countries = _countries_named(name, index)
        if len(countries) > MAX_COUNTRIES_OF_A_NAME:
            continue  # a name found all over the map tells no country
        for code in sorted(countries):  # sorted: ties go the same way in every process
            weights[code] += 0.05 / len(countries)
            grounded.add(code)
    ranked = [code for code, _weight in weights.most_common() if code in grounded]
    return index.country(ranked[0]) if ranked else None


def named_as_origin(place_mention: PlaceMention, text: str) -> bool:
    """ "raiders from Ethiopia", "refugees from Sudan": a country named as where people come from (or go
    to), which the event need not have happened in."""
    if place_mention.place is None or place_mention.place.kind != "country":
        return False
    start = list_start(text, place_mention.start)
    before = text[max(0, start - 40) : start]
    return bool(cues().before.search(before)) and not cues().event_before.search(before)


def names_foreigners(place_mention: PlaceMention, text: str) -> bool:
    """ "Ethiopian raiders", "a German tourist", "a UK national": people's nationality, often not the
    event's country; "Russian warplanes": a state's arms, as often abroad as at home."""
    # A country's own name after a locative is where it happened: "in northern Iraq air strikes".
    nationality = place_mention.is_demonym or (
        place_mention.place is not None and place_mention.place.kind == "country" and not cued(place_mention, text)
    )
    return nationality and (_foreigners_after(text, place_mention.end) or _names_arms(place_mention, text))


def _names_arms(place_mention: PlaceMention, text: str) -> bool:
    """ "Russian warplanes": a state's arms, as often abroad as at home."""
    return place_mention.is_demonym and _arms_after(text, place_mention.end)


def _foreigners_after(text: str, end: int) -> bool:
    return bool(cues().foreigner_after.match(text[end : end + 40]))


def _arms_after(text: str, end: int) -> bool:
    return bool(cues().arms_after.match(text[end : end + 40]))


def _is_weighed(entity: Entity, places: Sequence[PlaceMention]) -> bool:
    return any(place.start < entity.end and entity.start < place.end for place in places)


def _names_foreigners_at(entity: Entity, word: str, text: str) -> bool:
    """A demonym inside a named entity said of people or arms that may be abroad ("Russian warplanes")."""
    end = text.find(word, entity.start, entity.end) + len(word)
    return _foreigners_after(text, end) or _arms_after(text, end)


def unsupported_abroad(analysis: Analysis, places: Sequence[PlaceMention]) -> frozenset[PlaceMention]:
    return analysis.derived_for(_unsupported_here, places)


def _unsupported_here(analysis: Analysis, places: Sequence[PlaceMention]) -> frozenset[PlaceMention]:
    return _unsupported_among(tuple(places), analysis.report.text, analysis.report.source)


@lru_cache(maxsize=256)  # asked several times for each event of a report
def _unsupported_among(places: tuple[PlaceMention, ...], text: str, source: str | None) -> frozenset[PlaceMention]:
    """Small (or loosely spelled) towns the report places in a country nothing else in it points to,
    while something clear points to another country: a local name the gazetteer lacks, matched to a
    namesake abroad ("Matare" in a Kenyan note is no Matale in Sri Lanka). Clear evidence is a country
    or division named, a well-known town, a word said of few countries, or the source's country;
    demonyms are not ("Chinese drones" in Myanmar), unless they qualify a town ("the Saudi city of")."""
    index = gazetteer()
    evidence: dict[str, set[str]] = defaultdict(set)  # country → distinct names pointing to it
    towns: list[PlaceMention] = []
    for place_mention in places:
        place = place_mention.place
        if place is not None and place_mention.is_demonym and _qualifies_a_town().match(text, place_mention.end):
            evidence[place.country_code].add("#demonym of a town")  # "the Saudi city of Jazan"
        if place is None or not place.country_code or place_mention.is_demonym:
            continue
        by_other_name = fold(place.name) != fold(place_mention.text)  # "Hindi", an old name of Mariupol
        doubtful = place.kind == "city" and (by_other_name or _spelled_loosely(place_mention, index))
        if place.kind == "city" and (doubtful or place.population < REGIONAL_CITY_POPULATION):
            towns.append(place_mention)
        if not (doubtful or named_as_origin(place_mention, text)) and (
            place.kind != "city" or place.population >= WELL_KNOWN_POPULATION
        ):
            evidence[place.country_code].add(fold(place_mention.text))
    for code in country_word_votes(text):
        evidence[code].add("#country word")
    for code in source_countries(source, index):
        evidence[code].add("#source")
    if not evidence:
        return frozenset()
    town_names: dict[str, set[str]] = defaultdict(set)
    for town in towns:
        town_names[town.place.country_code].add(fold(town.text))
    # What points elsewhere must be more than another such town: two towns in two countries stand.
    all_town_names = set().union(*town_names.values()) if town_names else set()
    clear = {code for code, names in evidence.items() if names - all_town_names}
    unsupported = set()
    for town in towns:
        code = town.place.country_code
        others_here = (evidence.get(code, set()) | town_names[code]) - {fold(town.text)}
        if not others_here and clear - {code}:
            unsupported.add(town)
    return frozenset(unsupported)


def _spelled_loosely(place_mention: PlaceMention, index) -> bool:
    """Matched only by a transliteration-robust key ("Nduuri" ~ Nador): a guess, whatever the town's size."""
    return all(quality < 1.0 for _entry, quality in index.candidates(place_mention.text))


def _countries_named(text: str, index) -> set[str]:
    """Countries of the populated places and divisions whose name is exactly the text or its first word:
    English names put the place before the head ("Kapsabet University", not "University")."""
    # "University of Nairobi" is named for Nairobi, not for a town called University; "the Miniyeh
    # Municipality" and "East Berbice" are not named for towns called The or East.
    # Nor is "al Qaeda" named for a town called Al: an Arabic name's article is no head of its own.
    words = [word for word in text.split() if word.lower() not in not_names() and not _ARTICLE_WORD.fullmatch(word)]
    if not words:
        return set()
    _head, of, tail = text.partition(" of ")
    names = {text, tail} if of else {text, words[0]}
    # A hamlet known by the name only as an alternate one ("Kibaki", a name of Kybaky) tells no country.
    return {
        index.country_code(entry)
        for name in names
        for entry, quality in index.candidates(name)
        if quality == 1.0
        and index.kind(entry) in ("city", "admin1", "admin2")
        and (index.population(entry) >= HAMLET_POPULATION or fold(index.name(entry)) == fold(name))
    }


@cache
def _qualifies_a_town() -> re.Pattern[str]:
    """After a demonym, a settlement word, "of" and a name: the demonym qualifies a town ("the Saudi city of")."""
    words = word_alternation(word_class("qualified_settlement"))
    return re.compile(rf"\s+(?:border\s+)?(?:{words})\s+of\s+[A-Z]")
