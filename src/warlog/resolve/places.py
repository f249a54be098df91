"""The event's place: which of the places a report names is where the event happened, coded as ACLED does.

Among the resolved places of the event's sentence, the most specific one, introduced by a locative cue
("in", "at", "near", "outskirts of") and closest to the trigger, wins; demonyms ("Iraqi border") and
names that open an organisation's name ("Raqqa Revolutionary Brigade") are never event places. A sentence
without a place inherits the last place named before it (the narrative's setting), else the report's
most named town.

geo_precision follows ACLED's codebook: 1 the town itself (or its outskirts); 2 near a town, or a
district coded to the town that represents it; 3 only a larger region named, coded to its regional
capital (or the feature itself).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache

from warlog.records import Analysis, EventMention, Evidence, Location, Place, PlaceMention, Sentence
from warlog.resolve.gazetteer import DATA_DIR, fold, gazetteer
from warlog.resolve.toponyms import HIERARCHY_BETWEEN, country_word_votes, cues

SPECIFICITY = {"city": 3.0, "feature": 2.5, "admin2": 2.0, "region": 1.0, "admin1": 1.0, "country": 0.0}
LOCATIVE_BONUS = 2.0
HOLDER_PENALTY = 2.0
DISTANCE_PENALTY_PER_100_CHARS = 0.5
COUNTRY_WORD_WEIGHT = 0.6
SOURCE_COUNTRY_WEIGHT = 0.2
ORIGIN_WEIGHT = 0.1  # "bandits from Ethiopia": where people came from, not where the event was
COUNTRY_ONLY_CONFIDENCE = 0.2
# A town this large is known by its name alone; a smaller one abroad needs the report's support.
WELL_KNOWN_POPULATION = 100_000
_TRANSLITERATION_MARKS = frozenset("‘’ʿʾʼ`´")
_NEXT_IS_NAME = re.compile(r"^\s+[A-Z][a-z]")
_HOLDS_THE_NEXT = re.compile(r"\s+(?:town|city|village|suburb|camp)\s+of\s+(?:the\s+)?")
_OUTSKIRTS = re.compile(r"outskirts\s+of\s+(?:the\s+)?$", re.IGNORECASE)


def resolve_event_place(analysis: Analysis, mention: EventMention) -> Location:
    """Where the event of `mention` happened (`Location.place` None when no place is known)."""
    text = analysis.report.text
    sentence = mention.sentence
    in_sentence = _in_focus([p for p in _event_places(analysis) if sentence.start <= p.start < sentence.end], analysis)
    if in_sentence:
        holder_of = _holders(in_sentence, text)
        holders = set(holder_of.values())
        chosen = max(
            in_sentence, key=lambda p: _score(p, mention, text, holder_of.get(p)) - HOLDER_PENALTY * (p in holders)
        )
        return _location(chosen, sentence, text, inherited=False)
    # "near Donetsk Airport", "Van Governor's Office": a place that only opens a name is the last resort.
    naming = [p for p in _event_places(analysis, naming=True) if sentence.start <= p.start < sentence.end]
    if naming:
        chosen = max(naming, key=lambda p: _score(p, mention, text))
        return _location(chosen, sentence, text, inherited=False, approximate=True)
    earlier = [p for p in _event_places(analysis) if p.end <= sentence.start]
    if earlier:
        chosen = earlier[-1]
        return _location(chosen, analysis.sentence_at(chosen.start) or sentence, text, inherited=True)
    main = _main_place(analysis)
    if main is not None:
        return _location(main, analysis.sentence_at(main.start) or sentence, text, inherited=True)
    # Only the country is known (a place the report names none of, a source's country, its armed groups):
    # coded as ACLED codes a larger region named alone, to its capital, geo_precision 3.
    country = report_country(analysis)
    if country is not None:
        place = _coded_place(country)
        return Location(place=place, name=_plain(place.name), geo_precision=3, confidence=COUNTRY_ONLY_CONFIDENCE)
    return Location(place=None, name=None, geo_precision=None, confidence=0.0)


def report_country(analysis: Analysis) -> Place | None:
    """The country the report is about: the one its places (and, with less weight, its demonyms and the
    groups said of one country) name most; for coding an event whose town is unknown."""
    index = gazetteer()
    weights: Counter = Counter()
    text = analysis.report.text
    unsupported = _unsupported_abroad(analysis)
    for place_mention in analysis.places:
        if place_mention.place is not None and place_mention.place.country_code and place_mention not in unsupported:
            weight = 0.3 if place_mention.is_demonym else max(place_mention.confidence, 0.3)
            if _named_as_origin(place_mention, text):
                weight = ORIGIN_WEIGHT
            weights[place_mention.place.country_code] += weight
    # Groups and units said of few countries ("Taliban", "barangay") count as much as a doubtful place.
    for code, weight in country_word_votes(analysis.report.text).items():
        weights[code] += COUNTRY_WORD_WEIGHT * weight
    # The country a source is named for ("Star (Kenya)", "OSCE SMM-Ukraine") counts less than a doubtful
    # place: outlets mostly report their own country, and the text outweighs that when it names another.
    for code in source_countries(analysis.report.source, index):
        weights[code] += SOURCE_COUNTRY_WEIGHT
    # Failing places, the nationality words in the named entities ("Turkish Government", "Afghan forces").
    for entity in analysis.entities if not weights else ():
        for word in entity.text.split():
            code = index.demonym(word)
            if code:
                weights[code] += 0.1
    # Failing those too, the countries whose towns the entities are named for: the small model tags many
    # local names ORG or PERSON ("Kapsabet", "Embu University students"), too weak to be the event's place
    # but still telling its country. Each entity's vote is split among the countries its names occur in.
    for entity in analysis.entities if not weights else ():
        countries = _countries_named(entity.text, index)
        for code in countries:
            weights[code] += 0.05 / len(countries)
    if not weights:
        return None
    return index.country(weights.most_common(1)[0][0])


def source_countries(source: str | None, index) -> set[str]:
    """The countries a report's source is from: those its name spells out ("Star (Kenya)"), else, for
    each of its outlets (ACLED joins several with ";"), the outlet's home country (`outlets.tsv`)."""
    if not source:
        return set()
    named = _countries_in_name(source, index)
    if named:
        return named
    home = _outlet_countries()
    return {code for outlet in source.split(";") if (code := home.get(_outlet_key(outlet)))}


def _outlet_key(name: str) -> str:
    """An outlet's name as `outlets.tsv` lists it: folded, without a leading "The"."""
    key = fold(name)
    return key[4:] if key.startswith("the ") else key


@lru_cache(maxsize=1)
def _outlet_countries() -> dict[str, str]:
    with (DATA_DIR / "outlets.tsv").open(encoding="utf-8") as stream:
        rows = [line.rstrip("\n").split("\t") for line in stream if line.strip() and not line.startswith("#")]
    return {_outlet_key(name): code for name, code, _source in rows}


def _named_as_origin(place_mention: PlaceMention, text: str) -> bool:
    """ "raiders from Ethiopia", "refugees from Sudan": a country named as where people come from (or go
    to), which the event need not have happened in."""
    if place_mention.place is None or place_mention.place.kind != "country":
        return False
    before = text[max(0, place_mention.start - 40) : place_mention.start]
    return bool(cues().before.search(before)) and not cues().event_before.search(before)


def _unsupported_abroad(analysis: Analysis) -> set[PlaceMention]:
    """Small (or loosely spelled) towns the report places in a country nothing else in it points to,
    while something clear points to another country: a local name the gazetteer lacks, matched to a
    namesake abroad ("Matare" in a Kenyan note is no Matale in Sri Lanka). Clear evidence is a country
    or division named, a well-known town, a word said of few countries, or the source's country;
    demonyms are not ("Chinese drones" in Myanmar)."""
    text = analysis.report.text
    index = gazetteer()
    evidence: dict[str, set[str]] = defaultdict(set)  # country → distinct names pointing to it
    towns: list[PlaceMention] = []
    for place_mention in analysis.places:
        place = place_mention.place
        if place is None or not place.country_code or place_mention.is_demonym:
            continue
        small = place.population < WELL_KNOWN_POPULATION or _spelled_loosely(place_mention, index)
        if place.kind == "city" and small:
            towns.append(place_mention)
        elif not _named_as_origin(place_mention, text):
            evidence[place.country_code].add(fold(place_mention.text))
    for code in country_word_votes(text):
        evidence[code].add("#country word")
    for code in source_countries(analysis.report.source, index):
        evidence[code].add("#source")
    if not evidence:
        return set()
    town_names: dict[str, set[str]] = defaultdict(set)
    for town in towns:
        town_names[town.place.country_code].add(fold(town.text))
    unsupported = set()
    for town in towns:
        code = town.place.country_code
        others_here = evidence.get(code, set()) | (town_names[code] - {fold(town.text)})
        if not others_here and any(other != code for other in evidence):
            unsupported.add(town)
    return unsupported


def _spelled_loosely(place_mention: PlaceMention, index) -> bool:
    """Matched only by a transliteration-robust key ("Nduuri" ~ Nador): a guess, whatever the town's size."""
    return all(quality < 1.0 for _entry, quality in index.candidates(place_mention.text))


def _countries_in_name(name: str, index) -> set[str]:
    """Countries a name such as a news outlet's spells out or names the people of."""
    words = re.findall(r"[^\W\d_]+", name)
    phrases = {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, min(i + 3, len(words)) + 1)}
    countries = {
        index.country_code(entry)
        for phrase in phrases
        for entry, quality in index.candidates(phrase)
        if quality == 1.0 and index.kind(entry) == "country"
    }
    return countries | {code for word in words if (code := index.demonym(word))}


def _countries_named(text: str, index) -> set[str]:
    """Countries of the populated places and divisions whose name is exactly the text or its first word:
    English names put the place before the head ("Kapsabet University", not "University")."""
    # "University of Nairobi" is named for Nairobi, not for a town called University.
    _head, of, tail = text.partition(" of ")
    names = ({text, tail} if of else {text, text.split()[0]}) if text.split() else set()
    return {
        index.country_code(entry)
        for name in names
        for entry, quality in index.candidates(name)
        if quality == 1.0 and index.kind(entry) in ("city", "admin1", "admin2")
    }


def _in_focus(places: list[PlaceMention], analysis: Analysis) -> list[PlaceMention]:
    """The places in the report's country when there are some: "Syrian mercenaries in Al Hishah
    (Misrata)" happened in Libya whatever town of that name Syria has."""
    focus = report_country(analysis) if len({p.place.country_code for p in places if p.place}) > 1 else None
    in_country = [p for p in places if focus is not None and p.place and p.place.country_code == focus.country_code]
    return in_country or places


def _event_places(analysis: Analysis, naming: bool = False) -> list[PlaceMention]:
    """Resolved place mentions that can be where something happened: not demonyms, not continents
    (no country); those that open a name ("Raqqa Revolutionary Brigade") only when `naming`."""
    text = analysis.report.text
    unsupported = _unsupported_abroad(analysis)
    return [
        p
        for p in analysis.places
        if p.place is not None
        and p.place.country_code
        and not p.is_demonym
        and _opens_a_name(p, text) == naming
        and p not in unsupported
        and not _named_as_origin(p, text)
    ]


def _holders(places: list[PlaceMention], text: str) -> dict[PlaceMention, PlaceMention]:
    """Places named as holding another, by the place they hold ("Qaniyah area (Mahliyah, Marib)": Marib
    holds Mahliyah; "the Deir e-Zor town of al-Bukamal"): the held place is the more specific."""
    starts = {p.start: p for p in places}
    holder_of: dict[PlaceMention, PlaceMention] = {}
    for place in places:
        after = HIERARCHY_BETWEEN.match(text, place.end)
        if after and after.end() in starts:
            holder_of[place] = starts[after.end()]
        # "the eastern Deir e-Zor town of al-Bukamal": the holder comes first.
        before = _HOLDS_THE_NEXT.match(text, place.end)
        if before and before.end() in starts:
            held = starts[before.end()]
            holder_of[held] = place
            if holder_of.get(place) is held:  # "X town of Y" is Y, a town in X, not X in Y
                del holder_of[place]
    return holder_of


def _opens_a_name(place_mention: PlaceMention, text: str) -> bool:
    """ "Raqqa Revolutionary Brigade", "Gainesville Police": the place names the organisation."""
    return bool(_NEXT_IS_NAME.match(text[place_mention.end : place_mention.end + 4]))


def _score(place_mention: PlaceMention, mention: EventMention, text: str, holder: PlaceMention | None = None) -> float:
    assert place_mention.place is not None
    score = SPECIFICITY.get(place_mention.place.kind, 0.0) + place_mention.confidence
    # "in the Deir e-Zor town of al-Bukamal": the locative before the holder puts the held place there.
    if _cued(place_mention, text) or (holder is not None and _cued(holder, text)):
        score += LOCATIVE_BONUS
    distance = min(abs(place_mention.start - mention.trigger_start), abs(place_mention.start - mention.trigger_end))
    return score - DISTANCE_PENALTY_PER_100_CHARS * distance / 100


def _cued(place_mention: PlaceMention, text: str) -> bool:
    return bool(cues().event_before.search(text[max(0, place_mention.start - 40) : place_mention.start]))


def _precision(place_mention: PlaceMention, text: str) -> int:
    assert place_mention.place is not None
    kind = place_mention.place.kind
    before = text[max(0, place_mention.start - 40) : place_mention.start]
    if kind in ("admin1", "region", "country"):
        return 3
    if kind in ("admin2", "feature"):
        return 2
    if cues().near.search(before) and not _OUTSKIRTS.search(before):
        return 2
    return 1


def _coded_place(place: Place) -> Place:
    """A region or a country is coded to the town that represents it (its capital or largest town)."""
    if place.kind not in ("admin1", "admin2", "region", "country"):
        return place
    index = gazetteer()
    entry = index.entry_of(place)
    seat = index.seat(entry) if entry is not None else None
    return index.place(seat) if seat is not None else place


def _location(
    place_mention: PlaceMention, sentence: Sentence, text: str, inherited: bool, approximate: bool = False
) -> Location:
    assert place_mention.place is not None
    precision = max(_precision(place_mention, text), 2 if approximate else 1)
    place = _coded_place(place_mention.place)
    confidence = place_mention.confidence * (0.7 if inherited else 1.0)
    evidence = Evidence(
        field="location",
        sentence_start=sentence.start,
        sentence_end=sentence.end,
        start=place_mention.start,
        end=place_mention.end,
        text=place_mention.text,
    )
    return Location(
        place=place,
        name=_plain(place.name),
        geo_precision=precision,
        confidence=round(confidence, 3),
        evidence=evidence,
    )


def _plain(name: str) -> str:
    """GeoNames' name in plain letters, as ACLED writes it: "Ālbū Kamāl" → "Albu Kamal", "Dar‘ā" → "Dara"."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c not in _TRANSLITERATION_MARKS)


def _main_place(analysis: Analysis) -> PlaceMention | None:
    """The most named specific place of the report (ties: the first named)."""
    places = [p for p in _event_places(analysis) if p.place is not None and p.place.kind != "country"]
    if not places:
        return None
    counts = Counter(p.place.geonameid or p.place.name for p in places if p.place is not None)
    return max(places, key=lambda p: (counts[p.place.geonameid or p.place.name], -p.start))
