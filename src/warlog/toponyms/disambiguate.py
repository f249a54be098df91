"""Disambiguation: each mention's gazetteer candidates scored by kind, population, hierarchy, neighbouring
names and the report's focus (its countries and divisions), in two passes; a town inside a resolved holder
is read inside it; a candidate with too little support is not guessed."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable

from warlog.knowledge.gazetteer import Gazetteer, distance_km
from warlog.knowledge.spelling import fold, loose_key
from warlog.records import PlaceMention
from warlog.toponyms.lexicon import country_word_votes, cues
from warlog.toponyms.mention import Mention
from warlog.toponyms.names import LIST_GOES_ON
from warlog.toponyms.recognise import PLACE_LABELS, SELF_EVIDENT_POPULATION, names_a_sponsor

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

DEMONYM_WEIGHT = 0.5


def resolve(mentions: list[Mention], text: str, index: Gazetteer, outlet_countries: frozenset[str]) -> None:
    for mention in mentions:
        mention.scores = {entry: _prior(mention, entry, quality, index) for entry, quality in _readings(mention, index)}
    for mention in mentions:
        _add_hierarchy(mention, index)
    _add_coherence(mentions, index)
    for mention in mentions:
        _choose(mention)
    # Second pass: the report's focus, from the first choices for the other names (each distinct name
    # counts once, so that a name repeated ten times cannot vote for its own reading).
    votes = _votes(mentions, text, index)
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
    named_countries = {
        index.country_code(entry) for entry, _ in votes.values() if entry is not None and index.kind(entry) == "country"
    }
    for mention in mentions:
        if not mention.scores or _a_countrys_own_name(mention, index):
            continue  # "Iraq" is Iraq in a report about Iran too, not Arak, which GeoNames also calls so
        name = fold(mention.text)
        countries, divisions = _focus(votes, name, index)
        leading_share = max((_share(countries, code) for code in countries), default=0.0)
        for entry in mention.scores:
            code = index.country_code(entry)
            # A capital named by its own name, whose country the report names, is that capital, however often
            # the report names another country and towns near a namesake: "Damascus" in news of Syria that
            # quotes Washington is no Damascus, Maryland. The country named supports it as the leading
            # country and as a place next to it would. ("Mexico" is no capital's own name: Mexico City's.)
            capital_of_named = index.is_capital(entry) and code in named_countries and fold(index.name(entry)) == name
            share = leading_share if capital_of_named else _share(countries, code)
            closeness = 1.0 if capital_of_named else _closeness(entry, name, anchors, index)
            mention.scores[entry] += FOCUS_WEIGHT * share
            mention.scores[entry] += DIVISION_WEIGHT * _share(divisions, (code, index.admin1_name(entry)))
            mention.scores[entry] += PROXIMITY_WEIGHT * closeness
        _choose(mention)
        _abstain_if_unsupported(mention, countries, index)
    # Holders first: a holder read outside its own holder gives way to that one.
    for mention in reversed(mentions):
        _read_inside_holder(mention, text, index)


def _add_coherence(mentions: list[Mention], index: Gazetteer) -> None:
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


def _a_countrys_own_name(mention: Mention, index: Gazetteer) -> bool:
    """The name is a country's own and no other reading's but as an alternate name (not Georgia, the US
    state, which is Georgia by its own name too)."""
    own = [entry for entry in mention.scores if fold(index.name(entry)) == fold(mention.text)]
    return len(own) == 1 and index.kind(own[0]) == "country"


def _readings(mention: Mention, index: Gazetteer) -> list[tuple[int, float]]:
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


def _prior(mention: Mention, entry: int, quality: float, index: Gazetteer) -> float:
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


def _add_hierarchy(mention: Mention, index: Gazetteer) -> None:
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


def _choose(mention: Mention) -> None:
    if not mention.scores:
        return
    ranked = sorted(mention.scores.items(), key=lambda item: -item[1])
    mention.choice = ranked[0][0]
    margin = ranked[0][1] - ranked[1][1] if len(ranked) > 1 else 4.0
    mention.confidence = round(1 / (1 + math.exp(-margin)), 3)


def _votes(mentions: list[Mention], text: str, index: Gazetteer) -> dict[str, tuple[int | None, float]]:
    """Each distinct name's first-pass reading and confidence; demonyms vote for their country, unless they
    name foreigners or a state's arms that strike abroad ("Russian warplanes" over a Syrian town). A country
    named as the one leading, backing or hosting a group ("the Britain-based Observatory", "US-led strikes")
    does not vote either: states back and host groups acting abroad."""
    votes: dict[str, tuple[int | None, float]] = {}
    for mention in mentions:
        name = fold(mention.text)
        country = mention.demonym or (mention.choice is not None and index.kind(mention.choice) == "country")
        if country and names_a_sponsor(mention, text):
            continue
        if mention.demonym:
            after = text[mention.end : mention.end + 40]
            if cues().foreigner_after.match(after) or cues().arms_after.match(after):
                continue
            country = index.countries.get(mention.demonym)
            votes.setdefault(name, (country.entry if country else None, DEMONYM_WEIGHT))
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


def _abstain_if_unsupported(mention: Mention, countries: Counter, index: Gazetteer) -> None:
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


def worth_reporting(mention: Mention) -> bool:
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


def _read_inside_holder(mention: Mention, text: str, index: Gazetteer) -> None:
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


def _resolved_holder(mention: Mention, index: Gazetteer) -> Mention | None:
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


def _fits_holder(mention: Mention, holder: Mention, text: str, index: Gazetteer) -> Callable[[int], bool] | None:
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
    if not mention.held_for_sure and ((kind == "city" and not divisions) or LIST_GOES_ON.match(text, holder.end)):
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


def record(mention: Mention, index: Gazetteer) -> PlaceMention:
    if mention.demonym:
        return PlaceMention(
            mention.start, mention.end, mention.text, index.country(mention.demonym), 0.9, is_demonym=True
        )
    place = index.place(mention.choice) if mention.choice is not None else None
    return PlaceMention(mention.start, mention.end, mention.text, place, mention.confidence if place else 0.0)
