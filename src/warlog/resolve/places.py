"""The event's place: which of the places a report names is where the event happened, coded as ACLED does.

Among the resolved places of the event's sentence, the most specific one, introduced by a locative cue
("in", "at", "near", "outskirts of") and closest to the trigger, wins; demonyms ("Iraqi border") and
names that open an organisation's name ("Raqqa Revolutionary Brigade") are never event places. A sentence
without a place inherits the last place named before it (the narrative's setting); one with none before
it (a headline, a lede) takes a town or division of the next sentence naming one (of several, the one the
report names most), else the report's most named town. A place named in a role other than the event's
setting (what a demonstration is about, where someone was going, a road's end towns, a person after a
title) yields to any other place of the sentence (`place_roles.tsv`).

geo_precision follows ACLED's codebook: 1 the town itself (or its outskirts); 2 near a town, or a
district coded to the town that represents it; 3 only a larger region named, coded to its regional
capital (or the feature itself).
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from warlog.knowledge.gazetteer import gazetteer
from warlog.lexicon import alternations, spaced_alternation, word_alternation, word_class
from warlog.records import Analysis, EventMention, Evidence, Location, Place, PlaceMention, Sentence
from warlog.resolve.country_focus import named_as_origin, names_foreigners, report_country, unsupported_abroad
from warlog.resolve.place_roles import ROLE_WINDOW_CHARS, cued, place_role, role_cues
from warlog.spans import Spans
from warlog.taxonomy import DEMONSTRATION_TYPES
from warlog.toponyms.hierarchy import HIERARCHY_BETWEEN
from warlog.toponyms.layout import after_title
from warlog.toponyms.lexicon import cues, local_outlet_town

SPECIFICITY = {"city": 3.0, "feature": 2.5, "admin2": 2.0, "region": 1.0, "admin1": 1.0, "country": 0.0}
LOCATIVE_BONUS = 2.0
HOLDER_PENALTY = 2.0
CLAUSE_PENALTY = 5.0  # another clause's place: past a semicolon ("...; militants storm Ramadi") or "hours after"
DISTANCE_PENALTY_PER_100_CHARS = 0.5
COUNTRY_ONLY_CONFIDENCE = 0.2
SOURCE_TOWN_CONFIDENCE = 0.3  # the town a local outlet is named for: where it mostly reports
ELSEWHERE_ROLES = ("neighbour", "venue", "source")  # `place_role`s whose place is never the event's setting
_TRANSLITERATION_MARKS = frozenset("‘’ʿʾʼ`´")
_CAPITAL_AFTER = re.compile(r"\s+capital\b(?![-‑])")  # "the Syrian capital", not "capital-based"
_NEXT_IS_NAME = re.compile(r"\s+([A-Z][a-z][\w'’]*)")
_POSSESSIVE_END = re.compile(r"(?:['’]s|s) ")  # "Syria's Idlib", "Syrias Idlib" (the apostrophe lost)
_CALENDAR_WORDS = frozenset(calendar.day_name[:] + calendar.month_name[1:])
# The words of a name and its level word before a parenthesis ("Shwe Hlan village (").
PARENTHESIS_NAME_WORDS = 4
_OPENS_PARENTHESIS = re.compile(r"(?P<outside>[^()\n]*?)\s*\(\s*$")


def resolve_event_place(
    analysis: Analysis,
    mention: EventMention,
    candidates: Sequence[PlaceMention] | None = None,
    country_places: Sequence[PlaceMention] | None = None,
) -> Location:
    """Where the event of `mention` happened (`Location.place` None when no place is known), among the
    `candidates` (by default every place the report names; the caller may keep only the names that can
    place an event). Where the sentence names no candidate, the report's country is judged on
    `country_places` (by default every place the report names: "Benin authorities fired tear gas" names no
    event place, but names Benin)."""
    text = analysis.report.text
    sentence = mention.sentence
    places = analysis.places if candidates is None else candidates
    demonstration = mention.event_type in DEMONSTRATION_TYPES
    index = analysis.derived_for(_event_place_index, places)
    in_sentence = _in_focus(
        _setting_first(list(index.settable.starting_in(sentence.start, sentence.end)), text, demonstration),
        analysis,
        places,
    )
    if in_sentence:
        holder_of = _holders(in_sentence, text)
        holders = set(holder_of.values())
        chosen = max(
            in_sentence,
            key=lambda p: _score(p, mention, text, holder_of.get(p), in_sentence) - HOLDER_PENALTY * (p in holders),
        )
        return _location(chosen, sentence, text, inherited=False)
    # "near Donetsk Airport", "Van Governor's Office": a place that only opens a name is the last resort.
    # Only in the report's country: "Orange Democratic Movement" in a Kenyan note is no Orange, California.
    country = report_country(analysis, country_places)  # only here: most events are placed by their own sentence
    naming = [
        p
        for p in index.naming.starting_in(sentence.start, sentence.end)
        if country is None or p.place is None or p.place.country_code == country.country_code
    ]
    if naming:
        chosen = max(naming, key=lambda p: _score(p, mention, text))
        return _location(chosen, sentence, text, inherited=False, approximate=True)
    # As `_setting_first` of the places before the sentence, the last of them.
    chosen = index.settings.last_before(sentence.start) or index.possible.last_before(sentence.start)
    if chosen is not None:
        return _location(chosen, analysis.sentence_at(chosen.start) or sentence, text, inherited=True)
    # A headline or lede naming no place, with none before it: the report says where in the next sentence
    # naming a town or division ("Five were killed on Monday. The district of Sarmin in Idlib province was
    # hit ..."), before it turns to other news that may name other towns more often; of that sentence's
    # places, the one the report names most. Failing one, the report's most named town.
    main = _named_next(analysis, index, sentence) or analysis.derived_for(_main_place, places)
    if main is not None:
        return _location(main, analysis.sentence_at(main.start) or sentence, text, inherited=True)
    # A local outlet's town ("Azaz media centre", "Coordinating Saqba"), in the report's country: where it
    # reports, as near as the report lets one say (geo_precision 2, with a weak confidence).
    entries = gazetteer()
    town = local_outlet_town(analysis.report.source, entries)
    if town is not None and (country is None or entries.country_code(town) == country.country_code):
        place = entries.place(town)
        return Location(
            place=_coded_place(place), name=_plain(place.name), geo_precision=2, confidence=SOURCE_TOWN_CONFIDENCE
        )
    # Only the country is known (a place the report names none of, a source's country, its armed groups):
    # coded as ACLED codes a larger region named alone, to its capital, geo_precision 3.
    if country is not None:
        place = _coded_place(country)
        return Location(place=place, name=_plain(country.name), geo_precision=3, confidence=COUNTRY_ONLY_CONFIDENCE)
    return Location(place=None, name=None, geo_precision=None, confidence=0.0)


def _setting_first(places: list[PlaceMention], text: str, demonstration: bool = False) -> list[PlaceMention]:
    """The places that may be the event's setting, if any, else all but a neighbour: a road's end towns,
    a destination, what a demonstration is about are where it happened only when nothing else is named."""
    roles = [place_role(p, text, demonstration) for p in places]
    settings = [p for p, role in zip(places, roles, strict=True) if role is None]
    # The country across a border never is ("at Kutulo, near the border with Somalia" is in Kenya), nor where
    # a speaker spoke ("Sabra said in Turkey the attack killed 1,300").
    return settings or [p for p, role in zip(places, roles, strict=True) if role not in ELSEWHERE_ROLES]


def _in_focus(places: list[PlaceMention], analysis: Analysis, considered: Sequence[PlaceMention]) -> list[PlaceMention]:
    """The places in the report's country (judged on the `considered` place mentions) when there are some:
    "Syrian mercenaries in Al Hishah (Misrata)" happened in Libya whatever town of that name Syria has."""
    text = analysis.report.text
    several = len({p.place.country_code for p in places if p.place}) > 1
    focus = report_country(analysis, considered) if several else None
    in_country = [p for p in places if focus is not None and p.place and p.place.country_code == focus.country_code]
    # A country named with no locative ("A United States conservationist was found dead in Nairobi") says
    # nothing of where the event was: the report's country then only decides between towns.
    if all(p.place.kind == "country" and not cued(p, text) for p in in_country):
        return places
    return in_country


@dataclass(frozen=True, slots=True)
class _EventPlaceIndex:
    """The event places among a report's candidate places (`_event_places`), judged once, by offset."""

    settable: Spans[PlaceMention]  # those that do not open a name
    naming: Spans[PlaceMention]  # those that open a name ("Raqqa Revolutionary Brigade")
    settings: Spans[PlaceMention]  # settable, in no role (`place_role`)
    possible: Spans[PlaceMention]  # settable, in no role that rules the setting out (`ELSEWHERE_ROLES`)


def _event_place_index(analysis: Analysis, places: Sequence[PlaceMention]) -> _EventPlaceIndex:
    text = analysis.report.text
    found = _event_places(analysis, places)
    named_at = {p.start: p for p in analysis.places if p.place is not None}
    naming = [p for p in found if _opens_a_name(p, text, named_at)]
    settable = [p for p in found if p not in naming]
    roles = [place_role(p, text) for p in settable]
    return _EventPlaceIndex(
        settable=Spans(settable),
        naming=Spans(naming),
        settings=Spans(p for p, role in zip(settable, roles, strict=True) if role is None),
        possible=Spans(p for p, role in zip(settable, roles, strict=True) if role not in ELSEWHERE_ROLES),
    )


def _event_places(analysis: Analysis, places: Sequence[PlaceMention]) -> list[PlaceMention]:
    """Resolved place mentions that can be where something happened: not demonyms, not continents
    (no country), not a country named as people's nationality ("a UK national")."""
    text = analysis.report.text
    unsupported = unsupported_abroad(analysis, places)
    return [
        p
        for p in (_capital_described(place_mention, text) for place_mention in places)
        if p.place is not None
        and p.place.country_code
        and not p.is_demonym
        and p not in unsupported
        and not named_as_origin(p, text)
        and not names_foreigners(p, text)
        and not after_title(text, p.start)
    ]


def _capital_described(place_mention: PlaceMention, text: str) -> PlaceMention:
    """A demonym before "capital" names the country's capital city ("near the Syrian capital": Damascus),
    an event place as a reader takes it; the toponym itself stays the demonym, as geoparsing corpora tag it."""
    after = _CAPITAL_AFTER.match(text, place_mention.end)
    if after is None or not place_mention.is_demonym or place_mention.place is None:
        return place_mention
    index = gazetteer()
    country = index.countries.get(place_mention.place.country_code or "")
    seat = index.seat(country.entry) if country is not None else None
    if seat is None:
        return place_mention
    start, end = place_mention.start, after.end()
    return PlaceMention(start, end, text[start:end], index.place(seat), place_mention.confidence)


def _holders(places: list[PlaceMention], text: str) -> dict[PlaceMention, PlaceMention]:
    """Places named as holding another, by the place they hold ("Qaniyah area (Mahliyah, Marib)": Marib
    holds Mahliyah; "the Deir e-Zor town of al-Bukamal"): the held place is the more specific."""
    starts = {p.start: p for p in places}
    holder_of: dict[PlaceMention, PlaceMention] = {}
    for place in places:
        after = HIERARCHY_BETWEEN.match(text, place.end)
        if after and after.end() in starts:
            holder_of[place] = starts[after.end()]
        # "the eastern Deir e-Zor town of al-Bukamal", "Syria's Idlib province": the holder comes first.
        before = _holds_the_next().match(text, place.end) or _POSSESSIVE_END.match(text, place.end)
        if before and before.end() in starts:
            held = starts[before.end()]
            holder_of[held] = place
            if holder_of.get(place) is held:  # "X town of Y" is Y, a town in X, not X in Y
                del holder_of[place]
    return holder_of


def _opens_a_name(place_mention: PlaceMention, text: str, named_at: dict[int, PlaceMention]) -> bool:
    """ "Raqqa Revolutionary Brigade", "Gainesville Police": the place names the organisation. A day or a
    month is no name ("in central Nairobi Monday"), nor is a word for a division or a settlement ("Mandera
    County", "Mandera Town", "Dadaab Refugee Camp" are places), nor the country or division holding the
    place (`named_at`, the place names by offset: "near Deir ez-Zor Syria", a comma lost in scraping), nor
    a headline's source ("in Syrias Aleppo Monitor AFP")."""
    end = place_mention.end
    following = _NEXT_IS_NAME.match(text, end)
    if following is None or following[1] in _CALENDAR_WORDS:
        return False
    holder = named_at.get(following.start(1))
    if holder is not None and _holds(holder.place, place_mention.place):
        return False
    after = text[end : end + ROLE_WINDOW_CHARS]
    return not (
        cues().admin_after.match(after)
        or cues().settlement_after.match(after)
        or role_cues().settlement_after.match(after)
        or cues().attribution_after.match(after)
    )


def _holds(outer: Place, inner: Place) -> bool:
    """The country or first-level division `outer` holds `inner`."""
    if outer.country_code != inner.country_code or outer is inner:
        return False
    return outer.kind == "country" or (
        outer.kind == "admin1" and inner.kind != "admin1" and outer.admin1 == inner.admin1
    )


def _score(
    place_mention: PlaceMention,
    mention: EventMention,
    text: str,
    holder: PlaceMention | None = None,
    others: Sequence[PlaceMention] = (),
) -> float:
    assert place_mention.place is not None
    score = SPECIFICITY.get(place_mention.place.kind, 0.0) + place_mention.confidence
    # "in the Deir e-Zor town of al-Bukamal": the locative before the holder puts the held place there.
    # "in Shwe Hlan village (Yesagyo township, ...)": a name the gazetteer lacks passes its locative to the
    # first place of the parenthesis that locates it.
    if (
        cued(place_mention, text)
        or (holder is not None and cued(holder, text))
        or _cued_through_parenthesis(place_mention, text, others)
    ):
        score += LOCATIVE_BONUS
    distance = min(abs(place_mention.start - mention.trigger_start), abs(place_mention.start - mention.trigger_end))
    between = text[min(place_mention.end, mention.trigger_end) : max(place_mention.start, mention.trigger_start)]
    earlier = place_mention.start > mention.trigger_end and _earlier_event().search(between)
    if ";" in between or earlier:
        score -= CLAUSE_PENALTY
    return score - DISTANCE_PENALTY_PER_100_CHARS * distance / 100


@cache
def _earlier_event() -> re.Pattern[str]:
    """ "19 killed on Tuesday near the capital, hours after a chemical attack in Khan Sheikhun": after a
    `cues.tsv` EARLIER cue, a place is the earlier event's."""
    return re.compile(rf"\b(?:{alternations('lexicon/cues.tsv', 'cue')['EARLIER']})\b", re.IGNORECASE)


def _cued_through_parenthesis(place_mention: PlaceMention, text: str, others: Sequence[PlaceMention]) -> bool:
    """ "in Shwe Hlan village (Yesagyo ...": the place opens a parenthesis after a locative and a few words
    naming no place of `others` (those are placed themselves: "in Teknaf upazila (Cox's Bazar)")."""
    opening = _OPENS_PARENTHESIS.search(text, max(0, place_mention.start - ROLE_WINDOW_CHARS), place_mention.start)
    if opening is None:
        return False
    outside = opening["outside"]
    for _word in range(PARENTHESIS_NAME_WORDS):
        outside = outside.rstrip().rpartition(" ")[0] + " "
        if cues().event_before.search(outside):
            named_from = opening.start("outside") + len(outside)
            return not any(named_from <= other.start < opening.end("outside") for other in others)
    return False


def _precision(place_mention: PlaceMention, text: str) -> int:
    assert place_mention.place is not None
    kind = place_mention.place.kind
    before = text[max(0, place_mention.start - 40) : place_mention.start]
    if kind in ("admin1", "region", "country"):
        return 3
    if kind in ("admin2", "feature"):
        return 2
    if cues().near.search(before) and not _town_edge().search(before):
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
    # A country is pinned at its capital but keeps its own name: the event is somewhere in it, which is
    # what the merge score (and an analyst reading `location`) must see, not an event in the capital.
    named = place_mention.place if place_mention.place.kind == "country" else place
    return Location(
        place=place,
        name=_plain(named.name),
        geo_precision=precision,
        confidence=round(confidence, 3),
        evidence=evidence,
    )


def _plain(name: str) -> str:
    """GeoNames' name in plain letters, as ACLED writes it: "Ālbū Kamāl" → "Albu Kamal", "Dar‘ā" → "Dara"."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c not in _TRANSLITERATION_MARKS)


def _main_place(analysis: Analysis, candidates: Sequence[PlaceMention]) -> PlaceMention | None:
    """The most named specific place of the report (ties: the first named)."""
    text = analysis.report.text
    settable = analysis.derived_for(_event_place_index, candidates).settable.items
    places = _setting_first([p for p in settable if p.place.kind != "country"], text)
    if not places:
        return None
    counts = Counter(p.place.geonameid or p.place.name for p in places if p.place is not None)
    return max(places, key=lambda p: (counts[p.place.geonameid or p.place.name], -p.start))


def _named_next(analysis: Analysis, index: _EventPlaceIndex, sentence: Sentence) -> PlaceMention | None:
    """Of the towns and divisions of the first sentence after `sentence` that names one, the one the
    report names most (ties: the first named)."""
    after = [
        p for p in index.settings.starting_in(sentence.end, len(analysis.report.text)) if p.place.kind != "country"
    ]
    if not after:
        return None
    next_sentence = analysis.sentence_at(after[0].start)
    end = next_sentence.end if next_sentence is not None else after[0].end
    named = [p for p in after if p.start < end]
    counts = Counter(p.place.geonameid or p.place.name for p in index.settings.items if p.place is not None)
    return max(named, key=lambda p: (counts[p.place.geonameid or p.place.name], -p.start))


@cache
def _holds_the_next() -> re.Pattern[str]:
    """After a place, a settlement word and "of": it holds the place named next ("the Deir e-Zor town of")."""
    return re.compile(rf"\s+(?:{word_alternation(word_class('holding_settlement'))})\s+of\s+(?:the\s+)?")


@cache
def _town_edge() -> re.Pattern:
    """ "on the outskirts of X": a `near` cue, but ACLED codes the town itself (precision 1)."""
    return re.compile(rf"(?:{spaced_alternation(word_class('town_edge'))})\s+(?:the\s+)?$", re.IGNORECASE)
