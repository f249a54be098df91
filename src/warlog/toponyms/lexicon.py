"""The words place recognition reads from `data/gazetteer/`: cue words around names (`cues.tsv`), words
said of few countries (`country_words.tsv`), the home countries of news outlets (`outlets.tsv`), the
capitalised words that are never place names, and the words that make a name a group's sponsor
(`lexicon/place_roles.tsv`)."""

from __future__ import annotations

import calendar
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from warlog.knowledge.gazetteer import Gazetteer
from warlog.knowledge.geonames import DATA_DIR
from warlog.knowledge.spelling import fold, loose_key
from warlog.lexicon import read_table


@dataclass(frozen=True, slots=True)
class Cues:
    before: re.Pattern  # any cue right before a name that makes it a place
    event_before: re.Pattern  # ... that makes it where something happened ("in", "near"; not "from")
    near: re.Pattern
    admin_after: re.Pattern  # "province", "district" right after a name
    settlement_after: re.Pattern  # "village", "town" right after a name: a town, not a division
    foreigner_after: re.Pattern  # "raiders", "tourist" after a demonym: people who may be abroad
    arms_after: re.Pattern  # "warplanes", "air strikes" right after a demonym: a state's arms, often abroad
    division_after: re.Pattern  # "County", "District" as part of a division's name after its town's
    street_after: re.Pattern  # "Road", "Street": the name is a street's
    resident_after: re.Pattern  # "man", "residents", "police" (lowercase): the name is where they are from
    attribution_after: re.Pattern  # "Monitor", "NGO": a headline's source after the name, no part of it


# Words before a name that make it the place where something happened.
_PLACE_CUES = ("locative", "near", "settlement_word", "admin_prefix", "target_verb", "region_adjective")


@lru_cache(maxsize=1)
def cues() -> Cues:
    by_role = cue_terms()

    def alternatives(*roles: str) -> str:
        # Region adjectives count in lower case only: "Northern Irish" and "Western Mass." are names.
        terms = [
            f"(?-i:{re.escape(t)})" if r == "region_adjective" else re.escape(t) for r in roles for t in by_role[r]
        ]
        return "|".join(sorted(terms, key=len, reverse=True))

    # Between a cue and the name: "in the", "in the northern", "in the town of", "in rebel-held".
    held = rf"[\w'’]+[-‑](?:{alternatives('control_word')})\s+"
    before_name = rf"\s+(?:the\s+)?(?:{held})?(?:(?:{alternatives('cue_gap')})\s+)?$"
    return Cues(
        before=re.compile(
            rf"(?:^|[^\w])(?:{alternatives(*_PLACE_CUES, 'movement')})" + before_name,
            re.IGNORECASE,
        ),
        event_before=re.compile(rf"(?:^|[^\w])(?:{alternatives(*_PLACE_CUES)})" + before_name, re.IGNORECASE),
        near=re.compile(rf"(?:^|[^\w])(?:{alternatives('near')})\s+(?:the\s+)?$", re.IGNORECASE),
        # "Hama northern countryside": a region adjective may stand between the name and the word.
        admin_after=re.compile(
            rf"^\s+(?:(?:{alternatives('region_adjective')})\s+)?(?:{alternatives('admin_word')})\b", re.IGNORECASE
        ),
        division_after=re.compile(rf"^\s+(?:{alternatives('division_word')})\b"),
        settlement_after=re.compile(rf"^\s+(?:{alternatives('settlement_after')})\b", re.IGNORECASE),
        foreigner_after=re.compile(rf"^\s+(?:[a-z]+\s+)?(?:{alternatives('foreigner_noun')})\b", re.IGNORECASE),
        arms_after=re.compile(rf"^\s+(?:{alternatives('arms_noun')})\b", re.IGNORECASE),
        street_after=re.compile(rf"^\s+(?:{alternatives('street_word')})\b", re.IGNORECASE),
        resident_after=re.compile(rf"^(?:'s|’s)?\s+(?:{alternatives('resident_noun')})\b"),
        attribution_after=re.compile(rf"^\s+(?:{alternatives('attribution')})\b", re.IGNORECASE),
    )


@lru_cache(maxsize=1)
def cue_terms() -> dict[str, frozenset[str]]:
    by_role: dict[str, set[str]] = defaultdict(set)
    with (DATA_DIR / "cues.tsv").open(encoding="utf-8") as stream:
        for line in stream:
            if line.strip() and not line.startswith("#"):
                term, role = line.rstrip("\n").split("\t")
                by_role[role].add(term)
    return {role: frozenset(terms) for role, terms in by_role.items()}


@lru_cache(maxsize=1)
def _country_word_patterns() -> tuple[tuple[re.Pattern, tuple[str, ...], frozenset[str]], ...]:
    """`country_words.tsv`: one pattern per case mode and country set, the phrases as alternatives, with
    the lower-case first words of its phrases (a text holding none of them need not be scanned)."""
    grouped: dict[tuple[str, tuple[str, ...]], list[str]] = defaultdict(list)
    with (DATA_DIR / "country_words.tsv").open(encoding="utf-8") as stream:
        for line in stream:
            if line.strip() and not line.startswith("#"):
                phrase, codes, case, _source = line.rstrip("\n").split("\t")
                grouped[(case, tuple(codes.split("|")))].append(re.escape(phrase))
    patterns = []
    for (case, codes), phrases in grouped.items():
        alternatives = "|".join(sorted(phrases, key=len, reverse=True))
        plural = "" if case == "s" else "s?"  # "Kikuyus"; acronyms are matched as written
        flags = 0 if case == "s" else re.IGNORECASE
        first_words = frozenset(_WORDS.findall(re.sub(r"\\(.)", r"\1", phrase).lower())[0] for phrase in phrases)
        patterns.append((re.compile(rf"(?<![\w-])(?:{alternatives}){plural}(?![\w-])", flags), codes, first_words))
    return tuple(patterns)


_WORDS = re.compile(r"\w+")


@lru_cache(maxsize=1)
def common_nouns() -> frozenset[str]:
    """The nouns among the cue words ("police", "residents", "district"): some towns bear such a name,
    which a report means as the noun unless a locative puts it on the map ("in Police")."""
    terms = cue_terms()
    roles = ("resident_noun", "admin_word", "settlement_after", "foreigner_noun", "street_word")
    return frozenset(fold(term) for role in roles for term in terms[role])


@lru_cache(maxsize=1)
def sponsor_words() -> frozenset[str]:
    """What follows a place's name and a hyphen to say who is behind a group ("US-led", "Britain-based"):
    the `compound` phrases of `lexicon/place_roles.tsv`, which `resolve.place_sides` reads too."""
    rows = read_table("lexicon/place_roles.tsv")
    return frozenset(row["phrase"].lower() for row in rows if row["role"] == "compound")


@lru_cache(maxsize=1)
def country_word_names() -> frozenset[str]:
    with (DATA_DIR / "country_words.tsv").open(encoding="utf-8") as stream:
        return frozenset(fold(line.split("\t")[0]) for line in stream if line.strip() and not line.startswith("#"))


def country_word_votes(text: str) -> Counter:
    """Countries named by words said of few countries ("Taliban", "Houthi", "barangay"): each distinct
    word votes once, split among its countries."""
    return Counter(dict(_country_word_votes(text)))


@lru_cache(maxsize=256)  # asked for each event of a report: scanning a long article costs milliseconds
def _country_word_votes(text: str) -> tuple[tuple[str, float], ...]:
    votes: Counter = Counter()
    words = set(_WORDS.findall(text.lower()))
    words |= {word.removesuffix("s") for word in words}
    for pattern, codes, first_words in _country_word_patterns():
        if words.isdisjoint(first_words):
            continue
        # "Kikuyu" and "Kikuyus" are one word.
        distinct_words = len({match.group().lower().removesuffix("s") for match in pattern.finditer(text)})
        for code in codes if distinct_words else ():
            votes[code] += distinct_words / len(codes)
    return tuple(votes.items())


@lru_cache(maxsize=1)
def not_names() -> frozenset[str]:
    """Capitalised words that start sentences or name times, stretches of time and feasts, never places on
    their own."""
    words = {w.lower() for w in STOP_WORDS}
    words.update(m.lower() for m in calendar.month_name[1:])
    words.update(d.lower() for d in calendar.day_name)
    terms = cue_terms()
    holidays = {term.lower() for term in terms["holiday"]}
    return frozenset(words | holidays | terms["time_word"] | terms["direction"] | terms["title"] | terms["street_word"])


@lru_cache(maxsize=4096)  # asked for every event; a batch has few distinct sources
def source_countries(source: str | None, index: Gazetteer) -> frozenset[str]:
    """The countries a report's source is from: for each of its outlets (ACLED joins several with ";"),
    its home country as `outlets.tsv` lists it, else the country its name spells out ("Star (Kenya)").
    A wire agency reporting from everywhere is listed with none: "Agence France Presse" names France, where
    little of its news happens."""
    if not source:
        return frozenset()
    return frozenset(code for name in _outlet_names(source) for code in _outlet_home(name, index) if code != WORLDWIDE)


_NAME_SEPARATOR = re.compile(r"\s*[-–|]\s+|\s+[-–|]\s*|(?<=[\u0600-\u06ff])\s*[-–]\s*(?=[A-Za-z])")


def _outlet_names(source: str) -> list[str]:
    """For each outlet of a source (ACLED joins several with ";"), its name and each of the names it is given
    in two scripts or two forms ("SMART News Agency - وكالة سمارت للأنباء", "شبكة حلب نيوز - Halab News
    Network"); underscores read as spaces."""
    names: list[str] = []
    for outlet in source.split(";"):
        outlet = outlet.replace("_", " ")
        names += [outlet, *(part for part in _NAME_SEPARATOR.split(outlet) if part.strip() and part != outlet)]
    return names


def _outlet_home(outlet: str, index: Gazetteer) -> set[str]:
    listed = _outlet_countries().get(_outlet_key(outlet))
    if listed:
        return {listed}
    named = _countries_in_name(outlet, index)
    if named:
        return named
    town = _town_of_local_outlet(outlet, index)
    return {index.country_code(town)} if town is not None else set()


_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_MAX_TOWN_WORDS = 3


@lru_cache(maxsize=4096)  # asked for every event placed by its source; a batch has few distinct sources
def local_outlet_town(source: str | None, index: Gazetteer) -> int | None:
    """The gazetteer entry of the town the report's source is named for, where one of its outlets is a
    local one (`_town_of_local_outlet`) and `outlets.tsv` does not list it: where such an outlet reports."""
    if not source:
        return None
    unlisted = (name for name in _outlet_names(source) if _outlet_countries().get(_outlet_key(name)) is None)
    return next((town for name in unlisted if (town := _town_of_local_outlet(name, index)) is not None), None)


def _town_of_local_outlet(name: str, index: Gazetteer) -> int | None:
    """The town a local outlet or group is named for ("Azaz media centre", "Coordinating Kafar Batna Media
    Center", "Nairobi News"; `cues.tsv` outlet_after, outlet_before): the first name, longest first, beside
    such a word that the gazetteer knows exactly as towns or divisions of one country (the most populous of
    them), written as its own name or a big place's other name (`_outlet_may_name`). An acronym ("JFO HQ
    press centre") is no town."""
    terms = cue_terms()
    words = list(_NAME_WORD.finditer(name))
    lower = [word.group().lower() for word in words]
    for first in range(len(words)):
        for last in range(min(first + _MAX_TOWN_WORDS, len(words)), first, -1):
            town = name[words[first].start() : words[last - 1].end()]
            beside = not terms["outlet_after"].isdisjoint(lower[last : last + 2]) or (
                first > 0 and lower[first - 1] in terms["outlet_before"]
            )
            if not beside or not town[0].isupper() or town.isupper() or town.lower() in not_names():
                continue
            entries = [e for e, quality in index.candidates(town) if quality == 1.0 and index.kind(e) != "country"]
            if len({index.country_code(entry) for entry in entries}) == 1:
                biggest = max(entries, key=lambda entry: index.place(entry).population)
                if _outlet_may_name(town, biggest, index):
                    return biggest
    return None


_BIG_TOWN_PEOPLE = 100_000


def _outlet_may_name(town: str, entry: int, index: Gazetteer) -> bool:
    """An outlet names a town by its own name, however spelt ("Idleb Press", "Kafar Batna"), or a big place
    or a division by a name it is widely known by ("Halab News Network", "in Damascus Suburbs"); a small
    town's other name is often a word of another language ("Hiru News" is no Hill, Alabama; "Jug Media" no
    Yug, Russia)."""
    if index.kind(entry) != "city" or index.place(entry).population >= _BIG_TOWN_PEOPLE:
        return True
    written, own = loose_key(town.split()[0]), loose_key(index.name(entry).split()[0])
    return bool(written and own) and (written.startswith(own) or own.startswith(written))


WORLDWIDE = "-"  # `outlets.tsv`'s country of a wire agency that reports from every country


# A short tag after an outlet's name: its initials or language ("ShaamNetwork S.N.N", "Qasioun News Agency EN").
_TRAILING_TAG = re.compile(r"(?:\s+(?:[A-Z]\.?){2,4})+$")


def _outlet_key(name: str) -> str:
    """An outlet's name as `outlets.tsv` lists it: folded, without a leading "The", a trailing tag or spaces
    ("Shaam Network" is the channel "ShaamNetwork S.N.N")."""
    key = fold(_TRAILING_TAG.sub("", name.strip()) or name)
    return (key[4:] if key.startswith("the ") else key).replace(" ", "")


@lru_cache(maxsize=1)
def _outlet_countries() -> dict[str, str]:
    with (DATA_DIR / "outlets.tsv").open(encoding="utf-8") as stream:
        rows = [line.rstrip("\n").split("\t") for line in stream if line.strip() and not line.startswith("#")]
    return {_outlet_key(name): code for name, code, _source in rows}


def _countries_in_name(name: str, index: Gazetteer) -> set[str]:
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
