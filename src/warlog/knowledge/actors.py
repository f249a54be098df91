"""The actor dictionary: the words for groups ("police", "unknown gunmen", "IS", "villagers") in
`data/actors/actors.tsv` and `identity_groups.tsv`, with their ACLED name templates and inter codes, the words
that refer back to a group named earlier (`references.tsv`), the era suffixes of state forces (`eras.tsv`),
where a text names such groups, and which PERSON names are people's. Named people are never actors."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache

from warlog.lexicon import LABEL_SEPARATOR, PhraseMatcher, read_table, word_alternation, word_class

# "Mungiki members", "QSD fighters": people of a named organisation, an armed group named after it.
MEMBERS_AFTER_NAME = re.compile(r"\s+(?:members?|fighters?|militants?|militiamen|operatives?)\b", re.IGNORECASE)

ARMED_INTER_CODES = frozenset({1, 2, 3, 4, 8})

STATE, REBELS, MILITIA, IDENTITY_MILITIA, RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL = range(1, 9)


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """Words in the text that name a group, with the dictionary row they matched."""

    start: int
    end: int
    text: str
    template: str
    inter: int
    # Words that refer back ("the group", "its own police") stand for a group named earlier: its span.
    refers_to: tuple[int, int] | None = None
    # The country a nationality word before a state force names ("Russian warplanes"): its forces.
    nationality: str | None = None

    @property
    def armed(self) -> bool:
        return self.inter in ARMED_INTER_CODES

    @property
    def named_group(self) -> bool:
        """An armed group known by its own name ("Islamic State"), not by a kind ("gunmen", "police")."""
        return _specificity(self) == 0

    @property
    def span(self) -> tuple[int, int]:
        """The words that name the group: its own, or those of the group it refers to."""
        return self.refers_to or (self.start, self.end)


@cache
def _dictionary() -> tuple[PhraseMatcher, dict[str, tuple[str, int]]]:
    rows = [
        (row["phrase"], row["name"], int(row["inter"]), row["case"] == "s") for row in read_table("actors/actors.tsv")
    ]
    rows += _identity_militias()
    labels = {}
    entries = []
    for index, (phrase, name, inter, case_sensitive) in enumerate(rows):
        label = str(index)
        labels[label] = (name, inter)
        entries.append((phrase, label, case_sensitive))
    return PhraseMatcher(entries), labels


@cache
def group_names() -> frozenset[str]:
    """The proper names of armed groups the dictionary knows ("Taliban", "Hamas", "Wagner"), folded to
    lower case; identity groups are left out, their names are also their lands' ("Turkana")."""
    return frozenset(
        row["phrase"].lower()
        for row in read_table("actors/actors.tsv")
        if row["phrase"][:1].isupper() and int(row["inter"]) != IDENTITY_MILITIA and "*" not in row["phrase"]
    )


def _identity_militias() -> list[tuple[str, str, int, bool]]:
    """ "Kipsigis raiders", "Garre militia": an identity group's armed men, named as ACLED names them
    ("Kipsigis Ethnic Militia (Kenya)"), from `identity_groups.tsv`."""
    table = read_table("actors/identity_groups.tsv")
    members = [row["phrase"] for row in table if row["kind"] == "member"]
    return [
        (f"{row['phrase']} {member}", f"{row['phrase']} {row['kind']} Militia ({{country}})", IDENTITY_MILITIA, False)
        for row in table
        if row["kind"] != "member"
        for member in members
    ]


@cache
def _eras() -> dict[str, list[tuple[int, int | None, str]]]:
    eras: dict[str, list[tuple[int, int | None, str]]] = {}
    for row in read_table("actors/eras.tsv"):
        end = int(row["end"]) if row["end"] else None
        eras.setdefault(row["country"], []).append((int(row["start"]), end, row["suffix"]))
    return eras


_ADJACENT = re.compile(r"^(?:['’]s)?\s+$")

# "a rebel-held town": the group names who holds a place, it does nothing in the sentence.
# "a military-owned telecom tower", "army-backed militias": the group qualifies something else.

# "anti-government protesters", "counter-IS operations": the group is what someone opposes, not a side.
_OPPOSED_REACH = 16  # longer than any `opposed` match and the character before it

# Between "its own" and the group word it owns: up to two words ("its own religious police").
_OWNED = re.compile(r"^\s+(?:[\w-]+\s+){0,2}$")

# Templates naming a kind of group rather than a group.
_GENERIC_TEMPLATES = ("Unidentified", "Military Forces of {", "Police Forces of {", "Government of {", "Opposition")


def find_actors(text: str, offset: int = 0) -> list[ActorMatch]:
    """Every group named in `text` (offsets shifted by `offset`), in text order.

    Adjacent words for one group ("Taliban militants", "Donbass People's Militia") are one match,
    named after the most specific of them.
    """
    matcher, labels = _dictionary()
    holds_place, opposed = _qualifier_patterns()
    matches: list[ActorMatch] = []
    for hit in matcher.finditer(text, offset):
        template, inter = labels[hit.label.split(LABEL_SEPARATOR)[0]]  # a repeated phrase: its first row
        start = hit.start - offset
        if holds_place.match(text, hit.end - offset) or opposed.search(text, max(0, start - _OPPOSED_REACH), start):
            continue
        match = ActorMatch(hit.start, hit.end, hit.text, template, inter)
        if matches and _ADJACENT.match(text[matches[-1].end - offset : hit.start - offset]):
            previous = matches.pop()
            kept = min((previous, match), key=_specificity)
            full = text[previous.start - offset : hit.end - offset]
            state = kept.template.startswith(_STATE_TEMPLATES)
            match = ActorMatch(
                previous.start,
                hit.end,
                full,
                kept.template,
                kept.inter,
                nationality=previous.nationality if state else None,
            )
        matches.append(_with_nationality(text, match, offset))
    return matches


# A nationality word right before the words for a state's forces: "Russian warplanes", "US troops".
_NATIONALITY_BEFORE = re.compile(r"\b([A-Z][\w.]*[\w])[\s-]+$")

_STATE_TEMPLATES = ("Military Forces of {country}", "Police Forces of {country}", "Government of {country}")


def _with_nationality(text: str, match: ActorMatch, offset: int) -> ActorMatch:
    """The match widened over a nationality word that says whose state forces they are."""
    if not match.template.startswith(_STATE_TEMPLATES):
        return match
    before = _NATIONALITY_BEFORE.search(text, max(0, match.start - offset - 40), match.start - offset)
    country = nationality(before.group(1)) if before else None
    if country is None:
        return match
    start = before.start(1) + offset
    full = text[start - offset : match.end - offset]
    return ActorMatch(start, match.end, full, match.template, match.inter, match.refers_to, country)


@cache
def nationality(word: str) -> str | None:
    """The country a nationality word ("Turkish") or a country's short name ("US") stands for."""
    from warlog.knowledge.gazetteer import gazetteer  # the gazetteer loads once, and only when needed

    index = gazetteer()
    code = index.demonym(word)
    if code is None:
        countries = [
            entry for entry, quality in index.candidates(word) if quality == 1.0 and index.kind(entry) == "country"
        ]
        code = index.country_code(countries[0]) if countries else None
    country = index.country(code) if code else None
    return country.country if country else None


@cache
def _references() -> tuple[PhraseMatcher, PhraseMatcher]:
    """Matchers of the words that refer back to a named group: definite nouns, possessives."""
    rows = read_table("actors/references.tsv")
    definite = PhraseMatcher([(row["phrase"], "group", False) for row in rows if row["refers"] == "group"])
    possessive = PhraseMatcher([(row["phrase"], "own", False) for row in rows if row["refers"] == "own"])
    return definite, possessive


def refer_back(text: str, found: list[ActorMatch], last_named: ActorMatch | None, offset: int = 0) -> list[ActorMatch]:
    """`found` (the groups named in `text`) with words that refer back resolved: "the group" becomes the
    named armed group told last (in `text` before it, else `last_named`), and a group word after "its
    own" or "the group's" becomes that group ("its own religious police" is no state police)."""
    definite, possessive = _references()

    def referent(position: int) -> ActorMatch | None:
        before = [actor for actor in found if actor.end <= position and actor.named_group]
        return before[-1] if before else last_named

    resolved = list(found)
    for hit in possessive.finditer(text, offset):
        after = [actor for actor in resolved if actor.start >= hit.end]
        owned = next((a for a in after if _OWNED.match(text[hit.end - offset : a.start - offset])), None)
        group = referent(hit.start)
        if owned is not None and group is not None:
            resolved[resolved.index(owned)] = ActorMatch(
                owned.start, owned.end, owned.text, group.template, group.inter, group.span
            )
    for hit in definite.finditer(text, offset):
        if text[hit.end - offset : hit.end - offset + 2] in ("'s", "’s"):
            continue  # "the group's fighters": a possessive, read above
        group = referent(hit.start)
        if group is not None and not any(actor.start < hit.end and hit.start < actor.end for actor in resolved):
            resolved.append(ActorMatch(hit.start, hit.end, hit.text, group.template, group.inter, group.span))
    return sorted(resolved, key=lambda actor: actor.start)


def _specificity(match: ActorMatch) -> int:
    """Lower is more specific: a named group, then an armed kind, then unarmed people."""
    if match.armed and not match.template.startswith(_GENERIC_TEMPLATES):
        return 0
    return 1 if match.armed else 2


def era_suffix(country: str, on: date | None) -> str | None:
    """ACLED's era suffix for `country`'s state forces on a date: the latest era begun by then."""
    candidates = _eras().get(country, [])
    year = on.year if on else None
    best = None
    for start, end, suffix in candidates:
        if year is not None and (start > year or (end is not None and end < year)):
            continue
        if year is None and end is not None:
            continue
        if best is None or start > best[0]:
            best = (start, suffix)
    return best[1] if best else None


def as_named(country: str) -> str:
    """The country as "Forces of ..." names write it: "the United States" where `eras.tsv` writes it so
    ("Protesters (United States)" has no article)."""
    return f"the {country}" if f"the {country}" in _eras() else country


def person_names(spans: Iterable[str]) -> set[str]:
    """People's names among the words of PERSON spans: each span the dictionary does not know as a named
    group (the small model tags "Boko Haram" PERSON), and a full name's last word, a surname told alone
    ("Meshaal" after "Maher Meshaal")."""
    names: set[str] = set()
    for span in spans:
        name = span.strip()
        if not name or any(match.named_group for match in find_actors(name)):
            continue
        names.add(name)
        if " " in name:
            names.add(name.split()[-1])
    return names


def organisation_name(text: str) -> str:
    """The organisation in "Mungiki members" (the words as they are when no member word follows)."""
    match = MEMBERS_AFTER_NAME.search(text)
    return text[: match.start()] if match and match.end() == len(text) else text


@cache
def _qualifier_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A word after a group that makes it a qualifier ("rebel-held", "army-backed": `holds_place` of
    `lexicon/grammar.tsv`), and one before it that makes it what is opposed ("anti-": `opposed_prefix`)."""
    holds, opposed = (word_alternation(word_class(name)) for name in ("holds_place", "opposed_prefix"))
    return re.compile(rf"[-\s](?:{holds})\b", re.IGNORECASE), re.compile(rf"\b(?:{opposed})[-\s]$", re.IGNORECASE)
