"""Place mentions: find every place a report names and resolve it, or abstain.

Recognition goes beyond the NER labels, which miss many places in conflict reports (the small spaCy
model tags al-Bukamal as an organisation and Qalamoun as a date):
1. spans: NER entities (GPE, LOC, FAC, NORP, ORG) and capitalised name-like runs of the text;
2. a span is a place when the gazetteer knows it and the evidence suffices: a place label from NER,
   a locative cue before it ("in", "near", "outskirts of", "village of"), an administrative word after
   it ("province", "district"), a hierarchy ("X, Deir ez-Zor", "X (Marib)"), or a name no reader would
   take for anything else (a country, a first-level division, a large city);
3. demonyms ("Iraqi border") name countries and are flagged, never event places.

Resolution scores each candidate entry by its kind and population, the hierarchy around the mention,
and the report's focus (countries and divisions of the other mentions), in two passes; a candidate far
from the focus with little to support it is not guessed (`place=None`).
"""

from __future__ import annotations

import calendar
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from warlog.records import Analysis, Entity, PlaceMention
from warlog.resolve.gazetteer import DATA_DIR, Gazetteer, distance_km, fold, gazetteer, loose_key

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
MAX_NAME_WORDS = 6
# Kinds a reader takes for a place whatever the context; towns only when large.
SELF_EVIDENT_KINDS = frozenset({"country", "admin1", "region"})
SELF_EVIDENT_POPULATION = 100_000
# Prior of each kind of entry, in the same units as log10(population).
KIND_PRIOR = {"country": 3.0, "admin1": 1.0, "region": 2.0, "admin2": 0.5, "feature": 1.5, "city": 0.0}
FOCUS_WEIGHT = 6.0  # times the share of the report's other places in the candidate's country
DIVISION_WEIGHT = 4.0  # ... in its first-level division
PROXIMITY_WEIGHT = 3.0  # times closeness (1 at the other places, 1/e at PROXIMITY_KM)
PROXIMITY_KM = 150.0
COHERENCE_WEIGHT = 3.0  # times the support of neighbouring names (0-1)
COHERENCE_WINDOW = 4  # distinct names on each side
COHERENCE_READINGS = 12  # best readings of each name compared
HIERARCHY_BONUS = 6.0
ADMIN_WORD_BONUS = 3.0
PRIMARY_NAME_BONUS = 1.5
# A country's capital named by its own name is the capital in world news, not a namesake village that a
# neighbouring namesake supports ("Moscow defends Damascus ally": not Moscow and Damascus, Pennsylvania).
CAPITAL_BONUS = 1.0
POPULATION_WEIGHT = 0.8  # per tenfold population
ABSTAIN_BELOW = 0.25
HAMLET_POPULATION = 5_000
HELD_KINDS = frozenset({"city", "admin2"})  # kinds of reading a holder constrains
# A town said to lie in or near another lies within a town's reach of it; far more, it is another town.
HOLDER_TOWN_KM = 60.0
SOURCE_COUNTRY_WEIGHT = 0.3  # the focus vote of the country an outlet is from
COUNTRY_WORD_WEIGHT = 0.5  # the focus vote of a word said of one country ("Taliban"), as of a demonym

_ARTICLE = r"(?:al|el|ad|ar|as|ash|az|ez|an|at|ath|e|ed|es|er|et)"
_CAPITALISED = r"(?:(?:[A-Z]\.){2,}|[A-Z\u00c0-\u00de][\w'’]*(?:[-‑][\w'’]+)*)"
_CONNECTOR = rf"(?:{_ARTICLE}[-‑ ]|(?:de|del|della|la|le|du|da|das|des|do|dos|di|von|van|y|of|upon|bin|ibn) )"
NAME_RUN = re.compile(
    rf"(?<![\w-])(?:{_ARTICLE}[-‑])?{_CAPITALISED}(?:[ ]{_CONNECTOR}?{_CAPITALISED}|{_CONNECTOR}{_CAPITALISED})*"
    r"|[\u0600-\u06ff]+(?:[ ][\u0600-\u06ff]+)*"
)
# Words split at spaces and hyphens; names are tried over several words, so "Deir ez-Zor" and
# "Al-Bukamel" are still whole, and "Egypt-US relations" yields Egypt and US.
_WORD = re.compile(r"[^\s\-‑]+")
_LONE_ARTICLE = re.compile(rf"{_ARTICLE}", re.IGNORECASE)
_ARTICLE_OPENING = re.compile(rf"{_ARTICLE}[-‑]")  # "al-Bukamal" starts lower-case
_PARENTHESIS_OPEN = re.compile(r"[A-Z][\w'’-]*(?: [a-z]+)? \((?:[^()\n]{1,40}, )?$")
_PARENTHESIS_GOES_ON = re.compile(r"[^()\n]{0,40}\)")
_COMPOUND_GOES_ON = re.compile(r"[-‑](\w+)")
_SPONSOR_WORDS = frozenset({"led", "backed", "supported", "sponsored", "funded", "allied", "affiliated", "aligned"})
_NAME_WITH_INITIAL = re.compile(r"\b[A-Z][a-z]+ [A-Z]\. ([A-Z][a-z]+)\b")  # "Tyrise M. Bell": Bell is a person
_CONNECTOR_AFTER = re.compile(rf" {_CONNECTOR}")
_LIST_GOES_ON = re.compile(r"\s*(?:,|and\b|&)\s*[A-Z]")  # "Kaduna, Borno and Yobe"
_CONTRACTION = re.compile(r"['’](?:ll|re|ve|d|m|t)$")


@dataclass(frozen=True, slots=True)
class Cues:
    before: re.Pattern  # any cue right before a name that makes it a place
    event_before: re.Pattern  # ... that makes it where something happened ("in", "near"; not "from")
    near: re.Pattern
    admin_after: re.Pattern  # "province", "district" right after a name
    settlement_after: re.Pattern  # "village", "town" right after a name: a town, not a division
    foreigner_after: re.Pattern  # "raiders", "tourist" after a demonym: people who may be abroad
    division_after: re.Pattern  # "County", "District" as part of a division's name after its town's
    street_after: re.Pattern  # "Road", "Street": the name is a street's
    resident_after: re.Pattern  # "man", "residents", "police" (lowercase): the name is where they are from


# Between a cue and the name: "in the", "in the northern", "in the town of".
_BEFORE_NAME = r"\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|central|town|city|village)\s+)?$"


# Words before a name that make it the place where something happened.
_PLACE_CUES = ("locative", "near", "settlement_word", "admin_prefix", "target_verb", "region_adjective")


@lru_cache(maxsize=1)
def cues() -> Cues:
    by_role = _cue_terms()

    def alternatives(*roles: str) -> str:
        # Region adjectives count in lower case only: "Northern Irish" and "Western Mass." are names.
        terms = [
            f"(?-i:{re.escape(t)})" if r == "region_adjective" else re.escape(t) for r in roles for t in by_role[r]
        ]
        return "|".join(sorted(terms, key=len, reverse=True))

    return Cues(
        before=re.compile(
            rf"(?:^|[^\w])(?:{alternatives(*_PLACE_CUES, 'movement')})" + _BEFORE_NAME,
            re.IGNORECASE,
        ),
        event_before=re.compile(rf"(?:^|[^\w])(?:{alternatives(*_PLACE_CUES)})" + _BEFORE_NAME, re.IGNORECASE),
        near=re.compile(rf"(?:^|[^\w])(?:{alternatives('near')})\s+(?:the\s+)?$", re.IGNORECASE),
        admin_after=re.compile(rf"^\s+(?:{alternatives('admin_word')})\b", re.IGNORECASE),
        division_after=re.compile(rf"^\s+(?:{alternatives('division_word')})\b"),
        settlement_after=re.compile(rf"^\s+(?:{alternatives('settlement_after')})\b", re.IGNORECASE),
        foreigner_after=re.compile(rf"^\s+(?:[a-z]+\s+)?(?:{alternatives('foreigner_noun')})\b", re.IGNORECASE),
        street_after=re.compile(rf"^\s+(?:{alternatives('street_word')})\b", re.IGNORECASE),
        resident_after=re.compile(rf"^(?:'s|’s)?\s+(?:{alternatives('resident_noun')})\b"),
    )


@lru_cache(maxsize=1)
def _cue_terms() -> dict[str, frozenset[str]]:
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


def _level_words() -> str:
    """Words for a level of division or settlement ("township", "sub-county", "estate"), as alternatives."""
    terms = _cue_terms()
    words = terms["level_word"] | terms["admin_word"] | terms["settlement_after"]
    return "|".join(sorted((re.escape(word).replace(r"\ ", r"\s+") for word in words), key=len, reverse=True))


_LEVELS = rf"(?i:\s+(?:{_level_words()})\b){{1,2}}"  # "Kani township", "Pale Village Tract"
# Between a place's name and the place said to hold it: "X, Y", "X township (Y", "X area - Y",
# "X in the countryside of Y", "X (near Y": Y is where X lies (or, for a town, what X lies close to).
HIERARCHY_BETWEEN = re.compile(
    rf"({_LEVELS})?"
    r"(?:\s*,\s*(?:in\s+)?|\s*\(\s*(?:near\s+)?|\s+-\s+|\s+(?:in|of)\s+(?:the\s+)?"
    r"(?:(?:\w+ern\s+)?(?:countryside|outskirts|suburbs|province|governorate|district|region)\s+of\s+(?:the\s+)?)?)"
)
# A level the gazetteer does not know, between a name and its known holder: "Kani township (Yinmarbin
# District, Sagaing Region)", "Za Bu Thi Ri township (Det Khi Na district, Nay Pyi Taw)".
_UNKNOWN_LEVEL = re.compile(rf"{_CAPITALISED}(?:[ ]{_CAPITALISED}){{0,4}}({_LEVELS})?(?:\s*,\s*|\s*\(\s*)")
MAX_UNKNOWN_LEVELS = 2
# A capitalised word that goes on after a name, not a level word: the name is part of a longer one
# ("South West England", "Nadia Moayyad"), not a holder.
_NAME_GOES_ON = re.compile(rf"[ ]+(?!(?i:{_level_words()})\b)[A-Z\u00c0-\u00de]")
# After "the", a name before a noun other than a level word modifies the noun ("in the Miss category",
# "of the Kabul government"): it names no holder.
_NOUN_AFTER = re.compile(rf"[ ]+(?!(?:{_level_words()})\b)([a-z]+)\b")


_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _common_nouns() -> frozenset[str]:
    """The nouns among the cue words ("police", "residents", "district"): some towns bear such a name,
    which a report means as the noun unless a locative puts it on the map ("in Police")."""
    terms = _cue_terms()
    roles = ("resident_noun", "admin_word", "settlement_after", "foreigner_noun", "street_word")
    return frozenset(fold(term) for role in roles for term in terms[role])


@lru_cache(maxsize=1)
def _country_word_names() -> frozenset[str]:
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
    """Capitalised words that start sentences or name times and feasts, never places on their own."""
    words = {w.lower() for w in STOP_WORDS}
    words.update(m.lower() for m in calendar.month_name[1:])
    words.update(d.lower() for d in calendar.day_name)
    terms = _cue_terms()
    holidays = {term.lower() for term in terms["holiday"]}
    return frozenset(words | holidays | terms["direction"] | terms["title"] | terms["street_word"])


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    text: str
    candidates: list[tuple[int, float]]  # (entry, match quality)
    label: str | None  # NER label, or None for a capitalised run
    demonym: str | None = None
    cue_before: bool = False  # "in", "near", "village of": a place, where things happen
    movement_before: bool = False  # any cue, "from" and "to" included: a place, if nothing says otherwise
    admin_after: bool = False
    settlement_after: bool = False  # "Embu village": the town, not the division of that name
    resident_after: bool = False  # "a Winona man", or a dateline "XENIA --"
    parent: _Mention | None = None  # "X, Y" / "X (Y)": Y
    held_for_sure: bool = False  # "X (Y)", "X township, Y": not a comma alone, which may join a list
    scores: dict[int, float] = field(default_factory=dict)
    choice: int | None = None
    confidence: float = 0.0


def find_places(text: str, entities: list[Entity] | None = None, source: str | None = None) -> list[PlaceMention]:
    """Every place named in `text`, resolved to a gazetteer place or abstained (place=None); `source`, the
    report's outlet, adds its country to the report's focus."""
    index = gazetteer()
    mentions = _recognise(text, entities or [], index)
    _link_hierarchy(text, mentions)
    _resolve(mentions, text, index, source_countries(source, index))
    return [_record(mention, index) for mention in mentions if _worth_reporting(mention)]


def annotate(analysis: Analysis) -> None:
    analysis.places = find_places(analysis.report.text, analysis.entities, analysis.report.source)


@lru_cache(maxsize=4096)  # asked for every event; a batch has few distinct sources
def source_countries(source: str | None, index: Gazetteer) -> frozenset[str]:
    """The countries a report's source is from: for each of its outlets (ACLED joins several with ";"),
    the country its name spells out ("Star (Kenya)"), else its home country (`outlets.tsv`)."""
    if not source:
        return frozenset()
    home = _outlet_countries()
    return frozenset(
        code
        for outlet in source.split(";")
        for code in (_countries_in_name(outlet, index) or {home.get(_outlet_key(outlet))})
        if code
    )


def _outlet_key(name: str) -> str:
    """An outlet's name as `outlets.tsv` lists it: folded, without a leading "The"."""
    key = fold(name)
    return key[4:] if key.startswith("the ") else key


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


# --- recognition --------------------------------------------------------------------------------------


def _recognise(text: str, entities: list[Entity], index: Gazetteer) -> list[_Mention]:
    found: list[_Mention] = []
    doubtful: list[_Mention] = []
    taken = bytearray(len(text) + 1)
    person_spans = [(e.start, e.end) for e in entities if e.label == "PERSON"]
    # Names the report gives people ("Henry Farrin" → "Farrin"): alone, without a cue, they are people.
    # (One-word PERSON spans are left out: the small model tags many towns so, "a Gainesville resident".)
    person_names = {
        fold(part) for e in entities if e.label == "PERSON" and " " in e.text for part in (e.text, e.text.split()[-1])
    } | {fold(match.group(1)) for match in _NAME_WITH_INITIAL.finditer(text)}
    lone_persons = {(e.start, e.end) for e in entities if e.label == "PERSON" and " " not in e.text.strip()}
    taken_for_person: list[_Mention] = []

    def accept(mention: _Mention) -> None:
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
                any(s <= mention.start and mention.end <= e for s, e in person_spans)
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

    runs = [(run.start(), run.end()) for run in NAME_RUN.finditer(text)]
    # A longer gazetteer name that NER split ("Baja" + "California", "Port" + "Spain city") is read whole,
    # before the pieces are.
    for run_start, run_end in runs:
        for mention in _names_in(text, run_start, run_end, None, index):
            overlapping = [e for e in entities if e.start < mention.end and mention.start < e.end]
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
        holder = _holder_after(text, mention.end, starts)
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
        holder = _holder_after(text, mention.end, {m.start: m for m in found} | divisions)
        if holder and holder[0] in divisions and not any(taken[holder[0] : divisions[holder[0]].end]):
            accept(divisions[holder[0]])
    found.sort(key=lambda m: m.start)
    return found


def _opens_a_compound(mention: _Mention, text: str, index: Gazetteer) -> bool:
    """ "Sud" in "Sud-Kivu": the first part of a hyphenated place name names no place of its own (the
    whole name is found instead); "Mogadishu-Hodan", "California-based" do. A demonym names no place
    when it says who leads or backs ("Saudi-led"), as it does in "Iraqi-Syrian border"."""
    compound = _COMPOUND_GOES_ON.match(text, mention.end)
    if not compound:
        return False
    if mention.demonym:
        return compound.group(1).lower() in _SPONSOR_WORDS
    return any(quality == 1.0 for _, quality in index.candidates(text[mention.start : compound.end()]))


def _accept(mention: _Mention, text: str, start: int, end: int, index: Gazetteer) -> bool:
    """Whether a gazetteer name found in an entity (label) or a capitalised run (no label) is a place."""
    label = mention.label
    if mention.demonym:
        return label != "ORG"
    if label == "NORP":
        return False
    if fold(mention.text) in _country_word_names() and not (mention.cue_before or mention.admin_after):
        return False  # "Masai youths", "Taliban": a people or a group, not its namesake town
    if fold(mention.text) in _common_nouns() and (not mention.cue_before or _THE_BEFORE.search(text, 0, mention.start)):
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
    return _is_evident(mention, index) and not (label is None and _opens_sentence(text, mention))


def _is_syllable(name: str) -> bool:
    """ "Pa", "Ri": a short capitalised word inside a longer name ("Za Bu Thi Ri", "Pa Laung") is a syllable
    of that name, not the division abbreviated so (acronyms, "US Army", are written in capitals)."""
    return len(name) <= 2 and not name.isupper()  # three letters may be a town: "Van Governor's Office"


def _division_of_a_town(mention: _Mention, text: str, end: int) -> bool:
    """ "Marsabit County", tagged a place, where the gazetteer knows only the town: the division named
    after its town, which stands for it as ACLED codes a division named alone (its capital)."""
    return (
        mention.label in PLACE_LABELS - {"FAC"}
        and all(gazetteer().kind(entry) == "city" for entry, _ in mention.candidates)
        and bool(_division_word_after(text, mention))
        and mention.end + len(_division_word_after(text, mention)) >= end
    )


def _division_word_after(text: str, mention: _Mention) -> str:
    """The division word right after a mention ("County"), with the space before it ("" when none)."""
    found = cues().division_after.match(text[mention.end : mention.end + 20])
    return found.group() if found else ""


def _stands_alone(mention: _Mention, text: str, start: int, end: int) -> bool:
    """The mention is the whole span, or one item of a comma-separated list inside it."""
    before = text[start : mention.start].rstrip()
    after = text[mention.end : end].lstrip()
    # Only function words ("A Winona man"), directions ("North Texas") or a list's comma before it.
    if before and not before.endswith(",") and not all(word.lower() in not_names() for word in before.split()):
        return False
    return not after or after.startswith(",")


@lru_cache(maxsize=1)
def _title_before() -> re.Pattern:
    """A title (`cues.tsv`) right before a name, written capitalised ("President Kibaki", "Gov. Joho",
    "MP Otieno"): "a major Kisumu estate" has no title."""
    forms = {form for term in _cue_terms()["title"] for form in (term.title(), term.upper())}
    alternatives = "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in sorted(forms, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\.?\s+$")


def after_title(text: str, start: int) -> bool:
    """ "Dr. Greco", "President Kibaki", "Tyrise M. Bell": the name starting at `start` is a person's."""
    before = text[max(0, start - 30) : start]
    words = before.split()
    # A middle initial ("Tyrise M. Bell") opens a surname too.
    initial = bool(words) and len(words[-1]) == 2 and words[-1][0].isupper() and words[-1][1] == "."
    return initial or bool(_title_before().search(before))


def _leads(mention: _Mention, text: str, start: int, end: int) -> bool:
    """The mention stands alone or opens the longer name ("Gainesville Police"), unlike "United Russia"."""
    return mention.start == start or _stands_alone(mention, text, start, end)


def _opens_sentence(text: str, mention: _Mention) -> bool:
    """A lone capitalised word at a sentence start may be capitalised only for that reason."""
    if " " in mention.text:
        return False
    before = text[max(0, mention.start - 3) : mention.start].strip()
    return not before or before[-1] in ".!?\"'“”:\n"


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


def _names_in(text: str, start: int, end: int, label: str | None, index: Gazetteer) -> list[_Mention]:
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
            name = text[span_start:span_end]
            if _CONTRACTION.search(name) or name.startswith(("The ", "THE ")):
                continue  # "I'll", "We're"; "The Raqqa Brigade" is tried from "Raqqa"
            if not name or name.lower() in excluded or _LONE_ARTICLE.fullmatch(name):
                continue
            if not (name[0].isupper() or _starts_arabic(name) or _ARTICLE_OPENING.match(name)):
                continue
            admin_after = bool(cues().admin_after.match(text[span_end : span_end + 30]))
            demonym = index.demonym(name)
            if demonym and admin_after and _names_a_division(index.candidates(name), index):
                demonym = None  # "Somali region", "Afar region": a division named after its people
            candidates = [] if demonym else index.candidates(name)
            if _is_acronym(name):
                # Acronyms are codes of countries or divisions (US, DRC, NSW), not of towns or airports.
                candidates = [(e, q) for e, q in candidates if index.kind(e) in SELF_EVIDENT_KINDS]
            if candidates and cues().street_after.match(text[span_end : span_end + 20]):
                candidates = []  # "Flanders Road", "Memphis St.": a street named after the place
            if demonym or candidates:
                mentions.append(
                    _Mention(
                        span_start,
                        span_end,
                        name,
                        candidates,
                        label,
                        demonym=demonym,
                        # A cue before a run says nothing of the run's later names.
                        cue_before=(
                            span_start == start
                            and bool(cues().event_before.search(text[max(0, span_start - 40) : span_start]))
                        )
                        or _in_location_parenthesis(text, span_start, span_end),
                        movement_before=span_start == start
                        and bool(cues().before.search(text[max(0, span_start - 40) : span_start])),
                        admin_after=admin_after,
                        settlement_after=bool(cues().settlement_after.match(text[span_end : span_end + 20])),
                        resident_after=bool(cues().resident_after.match(text[span_end : span_end + 20]))
                        or _is_dateline(name, text[span_end : span_end + 30]),
                    )
                )
                position += size
                break
        else:
            position += 1
    return mentions


_DATELINE_END = re.compile(r"^(?:,[^\n—–-]{1,25})?\s*(?:—|--|–|-\s|:)")


def _in_location_parenthesis(text: str, start: int, end: int) -> bool:
    """ "Kakrail (Dhaka)", "Buratai (Biu LGA, Borno)": the names in a parenthesis right after a
    capitalised name are where it lies."""
    return bool(_PARENTHESIS_OPEN.search(text, max(0, start - 60), start)) and bool(
        _PARENTHESIS_GOES_ON.match(text, end)
    )


def _is_dateline(name: str, after: str) -> bool:
    """ "XENIA --", "CHARLESTON, W.Va. --": an upper-case place opening a news story."""
    return name.isupper() and len(name) > 3 and bool(_DATELINE_END.match(after))


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


def _is_evident(mention: _Mention, index: Gazetteer) -> bool:
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


def _link_hierarchy(text: str, mentions: list[_Mention]) -> None:
    """ "X, Y", "X (Y)", "X in the countryside of Y": Y is where X lies (Kakrail (Dhaka), Sirwah, Marib)."""
    starts = {mention.start: mention for mention in mentions}
    for child in mentions:
        holder = _holder_after(text, child.end, starts)
        if holder:
            child.parent = starts[holder[0]]
            # "(Ezzouhour, Kasserine)": a comma in a location parenthesis joins levels, not a list.
            child.held_for_sure = holder[1] or _in_location_parenthesis(text, child.start, child.end)


def _holder_after(text: str, end: int, starts: dict[int, _Mention]) -> tuple[int, bool] | None:
    """Where the name of the place said to hold the name ending at `end` starts (one of `starts`), past
    levels the gazetteer does not know ("Kani township (Yinmarbin District, Sagaing Region)"), and
    whether the text says so for sure: a parenthesis or a level word on the way, not a comma alone, which
    may join a list ("Kabul, Kandahar"), nor "in" or "of", which tie a name to a town loosely ("Darbasiyah
    in al-Hasakeh" is in the governorate). A name that goes on ("South West England", "the Miss
    category") holds nothing."""
    step = HIERARCHY_BETWEEN.match(text, end)
    if step is None:
        return None
    for_sure = _says_level(step)
    position, levels = step.end(), 0
    while position not in starts:
        unknown = _UNKNOWN_LEVEL.match(text, position)
        if unknown is None or levels == MAX_UNKNOWN_LEVELS or any(position < s < unknown.end() for s in starts):
            return None
        position, levels = unknown.end(), levels + 1
        for_sure = for_sure or _says_level(unknown)
    holder_end = starts[position].end
    if _NAME_GOES_ON.match(text, holder_end):
        return None
    noun = _NOUN_AFTER.match(text, holder_end) if _THE_BEFORE.search(text, step.start(), position) else None
    if noun and noun.group(1) not in STOP_WORDS:
        return None
    return position, for_sure


def _says_level(between: re.Match) -> bool:
    """A parenthesis or a level word says the names are levels of one hierarchy, not items of a list."""
    return "(" in between.group() or bool(between.group(1))


# --- resolution ---------------------------------------------------------------------------------------


def _resolve(mentions: list[_Mention], text: str, index: Gazetteer, outlet_countries: frozenset[str]) -> None:
    for mention in mentions:
        mention.scores = {entry: _prior(mention, entry, quality, index) for entry, quality in _readings(mention, index)}
    for mention in mentions:
        _add_hierarchy(mention, index)
    _add_coherence(mentions, index)
    for mention in mentions:
        _choose(mention)
    # Second pass: the report's focus, from the first choices for the other names (each distinct name
    # counts once, so that a name repeated ten times cannot vote for its own reading).
    votes = _votes(mentions, index)
    for code, weight in country_word_votes(text).items():
        if code in index.countries:
            votes[f"#{code}"] = (index.countries[code].entry, COUNTRY_WORD_WEIGHT * weight)
    # Outlets mostly report their own country: a light vote, outweighed by any name the text places.
    for code in outlet_countries & index.countries.keys():
        votes[f"#source {code}"] = (index.countries[code].entry, SOURCE_COUNTRY_WEIGHT)
    anchors = [
        (name, *index.point(entry), confidence)
        for name, (entry, confidence) in votes.items()
        if entry is not None and index.kind(entry) in ("city", "admin2", "feature")
    ]
    for mention in mentions:
        if not mention.scores:
            continue
        name = fold(mention.text)
        countries, divisions = _focus(votes, name, index)
        for entry in mention.scores:
            code = index.country_code(entry)
            mention.scores[entry] += FOCUS_WEIGHT * _share(countries, code)
            mention.scores[entry] += DIVISION_WEIGHT * _share(divisions, (code, index.admin1_name(entry)))
            mention.scores[entry] += PROXIMITY_WEIGHT * _closeness(entry, name, anchors, index)
        _choose(mention)
        _abstain_if_unsupported(mention, countries, index)
    # Holders first: a holder read outside its own holder gives way to that one.
    for mention in reversed(mentions):
        _read_inside_holder(mention, text, index)


def _add_coherence(mentions: list[_Mention], index: Gazetteer) -> None:
    """Readings that agree with some reading of the neighbouring names (same country, nearby) gain:
    in a short note naming "Batibo" and "Nord-Ouest", both are read in Cameroon, not Haiti."""
    names: dict[str, list[int]] = {}
    for mention in mentions:
        if mention.scores and not mention.demonym:
            ranked = sorted(mention.scores, key=lambda e: -mention.scores[e])[:COHERENCE_READINGS]
            names.setdefault(fold(mention.text), ranked)
    order = list(names)
    for position, name in enumerate(order):
        neighbours = (
            order[max(0, position - COHERENCE_WINDOW) : position]
            + order[position + 1 : position + 1 + COHERENCE_WINDOW]
        )
        if not neighbours or len(names[name]) < 2:
            continue
        support: dict[int, float] = {}
        for entry in names[name]:
            code, (lat, lon) = index.country_code(entry), index.point(entry)
            total = 0.0
            for other in neighbours:
                same_country = [e for e in names[other] if index.country_code(e) == code]
                if same_country:
                    nearest = min(distance_km(lat, lon, *index.point(e)) for e in same_country)
                    total += 0.5 + 0.5 * math.exp(-nearest / PROXIMITY_KM)
            support[entry] = total / len(neighbours)
        for mention in mentions:
            if fold(mention.text) == name:
                for entry, value in support.items():
                    if entry in mention.scores:  # a repeated name may have fewer readings there
                        mention.scores[entry] += COHERENCE_WEIGHT * value


def _readings(mention: _Mention, index: Gazetteer) -> list[tuple[int, float]]:
    """The candidates, less a division named after its own town when no administrative word follows
    ("Paris" is the city, not the département; "Deir ez-Zor province" is the province)."""
    if mention.admin_after:
        return mention.candidates
    towns = [entry for entry, _ in mention.candidates if index.kind(entry) == "city"]
    return [
        (entry, quality)
        for entry, quality in mention.candidates
        if index.kind(entry) not in ("admin1", "admin2")
        or not any(index.contains(entry, town) and fold(index.name(town)) == fold(index.name(entry)) for town in towns)
    ]


def _closeness(entry: int, name: str, anchors: list[tuple[str, float, float, float]], index: Gazetteer) -> float:
    """How near the candidate lies to the towns the report's other names were placed at (0-1)."""
    if index.kind(entry) in ("country", "region"):
        return 0.0
    lat, lon = index.point(entry)
    best = 0.0
    for other, other_lat, other_lon, confidence in anchors:
        if other != name:
            best = max(best, confidence * math.exp(-distance_km(lat, lon, other_lat, other_lon) / PROXIMITY_KM))
    return best


def _prior(mention: _Mention, entry: int, quality: float, index: Gazetteer) -> float:
    kind = index.kind(entry)
    score = KIND_PRIOR[kind] + math.log10(index.population(entry) + 10) * POPULATION_WEIGHT + 4.0 * (quality - 1.0)
    if fold(index.name(entry)) == fold(mention.text):
        # Known by that very name, not only among its alternate names (Jerusalem, not Funkstown MD).
        score += PRIMARY_NAME_BONUS + (CAPITAL_BONUS if index.is_capital(entry) else 0.0)
    if mention.admin_after and kind in ("admin1", "admin2", "region", "feature"):
        score += ADMIN_WORD_BONUS
    if mention.settlement_after and kind in ("admin1", "admin2", "region"):
        score -= ADMIN_WORD_BONUS
    return score


def _add_hierarchy(mention: _Mention, index: Gazetteer) -> None:
    parent = mention.parent
    if parent is None or not parent.candidates:
        return
    for entry in mention.scores:
        if any(index.contains(outer, entry) for outer, _ in parent.candidates):
            mention.scores[entry] += HIERARCHY_BONUS
    # The parent is read as the division that holds the child.
    for outer in parent.scores:
        if any(index.contains(outer, entry) for entry in mention.scores):
            parent.scores[outer] = parent.scores.get(outer, 0.0) + HIERARCHY_BONUS / 2


def _choose(mention: _Mention) -> None:
    if not mention.scores:
        return
    ranked = sorted(mention.scores.items(), key=lambda item: -item[1])
    mention.choice = ranked[0][0]
    margin = ranked[0][1] - ranked[1][1] if len(ranked) > 1 else 4.0
    mention.confidence = round(1 / (1 + math.exp(-margin)), 3)


def _votes(mentions: list[_Mention], index: Gazetteer) -> dict[str, tuple[int | None, float]]:
    """Each distinct name's first-pass reading and confidence; demonyms vote for their country."""
    votes: dict[str, tuple[int | None, float]] = {}
    for mention in mentions:
        name = fold(mention.text)
        if mention.demonym:
            country = index.countries.get(mention.demonym)
            votes.setdefault(name, (country.entry if country else None, 0.5))
        elif mention.choice is not None and votes.get(name, (None, 0.0))[1] < mention.confidence:
            votes[name] = (mention.choice, mention.confidence)
    return votes


def _focus(votes: dict[str, tuple[int | None, float]], name: str, index: Gazetteer) -> tuple[Counter, Counter]:
    """Countries and first-level divisions of the other names, weighted by confidence."""
    countries: Counter = Counter()
    divisions: Counter = Counter()
    for other, (entry, confidence) in votes.items():
        if other == name or entry is None:
            continue
        code = index.country_code(entry)
        countries[code] += confidence
        if index.kind(entry) != "country":
            divisions[(code, index.admin1_name(entry))] += confidence
    return countries, divisions


def _share(counter: Counter, key) -> float:
    total = sum(counter.values())
    return counter.get(key, 0.0) / total if total > 0 else 0.0


def _abstain_if_unsupported(mention: _Mention, countries: Counter, index: Gazetteer) -> None:
    """A small town abroad, named once, in a report about somewhere else: rather no answer."""
    if mention.choice is None:
        return
    entry = mention.choice
    total = sum(countries.values())
    code = index.country_code(entry)
    foreign = total > 0 and countries.get(code, 0.0) / total < ABSTAIN_BELOW
    small_unsupported = (
        index.kind(entry) == "city"
        and index.population(entry) < 5_000
        and mention.parent is None
        and mention.label not in PLACE_LABELS
    )
    # A transliteration-robust match abroad is a guess the report does not support, whatever its size.
    transliterated = dict(mention.candidates).get(entry, 1.0) < 1.0
    # A hamlet known by this name only as one of its other names ("Kibaki" for Kybaky), and nothing in the
    # text saying it is a place: more likely a person or a word than that hamlet.
    hamlet_by_other_name = (
        index.kind(entry) == "city"
        and index.population(entry) < HAMLET_POPULATION
        and fold(index.name(entry)) != fold(mention.text)
        and not (mention.cue_before or mention.admin_after or mention.resident_after or mention.parent)
    )
    if (foreign and (small_unsupported or transliterated)) or hamlet_by_other_name:
        mention.choice = None
        mention.confidence = 0.0


def _worth_reporting(mention: _Mention) -> bool:
    """An unresolved name is reported (without coordinates) only when the text says it is a place;
    a name taken up on weaker grounds and then not resolved was likely no place at all."""
    return (
        mention.choice is not None
        or mention.demonym is not None
        or mention.cue_before
        or mention.admin_after
        or mention.parent is not None
        or mention.label in PLACE_LABELS
    )


def _read_inside_holder(mention: _Mention, text: str, index: Gazetteer) -> None:
    """A town the text places inside a resolved holder ("Buratai (Biu LGA, Borno)", "Pipri, Kaushambi
    (UP)", "Kasarani area, Eldoret") is read inside it (`_fits_holder`). When no reading fits, the only
    known towns of that name are other ones: the name abstains and the holder stands for it."""
    holder = _resolved_holder(mention, index)
    if mention.choice is None or holder is None or index.kind(mention.choice) not in HELD_KINDS:
        return
    fits = _fits_holder(mention, holder, text, index)
    if fits is None:
        return
    inside = [entry for entry in mention.scores if fits(entry)]
    if not inside:
        mention.choice = None
        mention.confidence = 0.0
    elif mention.choice not in inside:
        mention.scores = {entry: mention.scores[entry] for entry in inside}
        _choose(mention)


def _resolved_holder(mention: _Mention, index: Gazetteer) -> _Mention | None:
    """The nearest place up the chain of holders that is resolved. One that abstained stands aside, and so
    do the division named after the town ("Moscow (Moscow-Central)"), which says nothing more, and a town
    held for sure in turn by a resolved place ("Sehwan town (Jamshoro, Sindh)"): it names the district, a
    level the gazetteer knows only by its seat (after a comma alone, "Suba, Migori, Homa Bay", it may be
    the next item of a list)."""
    holder = mention.parent
    while holder is not None:
        above = holder.parent
        resolved = holder.choice is not None and not holder.demonym and not _same_name(holder.text, mention.text)
        held_in_turn = mention.held_for_sure and above is not None and above.choice is not None
        if resolved and not (index.kind(holder.choice) == "city" and held_in_turn):
            return holder
        holder = above
    return None


def _same_name(one: str, other: str) -> bool:
    """One name opens the other ("Mirpur Khas city (Mirpur khas, Sindh)", "Moscow (Moscow-Central)")."""
    one_words, other_words = fold(one).split(), fold(other).split()
    shorter = min(len(one_words), len(other_words))
    return one_words[:shorter] == other_words[:shorter]


def _fits_holder(mention: _Mention, holder: _Mention, text: str, index: Gazetteer) -> Callable[[int], bool] | None:
    """How a reading of `mention` must lie to fit its holder (None: the text says nothing sure): in the
    holder's country always; in its first-level division when the holder is a division, or a town named
    like one ("Rosario (Santa Fe)", "Quamishli city in al-Hasakeh"); within HOLDER_TOWN_KM of a holder
    town that the text says holds it ("Kasarani area, Eldoret", "(near Kitale)"). A large town is known
    by its name: a note that puts it in another division is more often wrong than the name ("Mariupol,
    Zaporizhia")."""
    outer = holder.choice
    country, kind = index.country_code(outer), index.kind(outer)
    if kind == "city":
        divisions = {
            index.admin1_name(entry)
            for entry, _quality in holder.candidates
            if index.kind(entry) in ("admin1", "admin2") and index.country_code(entry) == country
        }
        # The town's own division, spelt otherwise ("al-Hasakeh" for Al-Hasakah, "Nasarawa" for Nassarawa).
        own = index.admin1_name(outer)
        if own and (fold(holder.text) == fold(own) or loose_key(holder.text) in {loose_key(own)} - {None}):
            divisions.add(own)
    else:
        divisions = {index.admin1_name(outer)} if kind in ("admin1", "admin2") else set()
    divisions.discard(None)
    # A holder called a division ("Grodno region") is one, though the gazetteer knows only the town.
    town = index.point(outer) if kind == "city" and not holder.admin_after else None
    # A comma alone may join a list of towns ("Kabul, Kandahar"), of divisions ("Kaduna, Borno and Yobe")
    # or of capitals ("Cotonou, Dakar and Bamako").
    if not mention.held_for_sure and ((kind == "city" and not divisions) or _LIST_GOES_ON.match(text, holder.end)):
        return None

    def fits(entry: int) -> bool:
        if index.country_code(entry) != country:
            return False
        if not divisions and town is None:
            return True
        division = index.admin1_name(entry)
        large = index.population(entry) >= SELF_EVIDENT_POPULATION
        in_division = bool(divisions) and (division is None or division in divisions or large)
        return in_division or (town is not None and distance_km(*index.point(entry), *town) <= HOLDER_TOWN_KM)

    return fits


def _record(mention: _Mention, index: Gazetteer) -> PlaceMention:
    if mention.demonym:
        return PlaceMention(
            mention.start, mention.end, mention.text, index.country(mention.demonym), 0.9, is_demonym=True
        )
    place = index.place(mention.choice) if mention.choice is not None else None
    return PlaceMention(mention.start, mention.end, mention.text, place, mention.confidence if place else 0.0)
