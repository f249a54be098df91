"""The deaths a sentence tells, each with its span (`death_counts`): counts read next to death words ("four
... were killed", "killing four", "12 fatalities"), the lowest of a range ("5 to 7", "5 or 6"), vague
quantities as ACLED codes them ("dozens" 12), deaths told without a number (3 for a small event, 10 for a
large one); negated deaths and injuries alone count nothing, a count of the dead and injured together
("42 killed, injured") is casualties, not a number of dead; counts inside "including ..." are not added
twice; a war's running toll (`TOLL` of `cues.tsv`) is no count, a toll over a period (`CUMULATIVE`) is
marked as such. Whose deaths these are is decided in `resolve.fatalities`. The words are in
`data/lexicon/numbers.tsv`, `deaths.tsv` and `death_scan.tsv`. A figure above `taxonomy.MAX_FATALITIES`
is a misread (a phone number, a population), no count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from warlog.lexicon import PhraseMatcher, read_table, reporting_verbs, word_class
from warlog.taxonomy import MAX_FATALITIES
from warlog.timex.grammar import lexicon

_TOKEN = re.compile(r"\d+(?:,\d{3})*(?![\w-])|[\w’']+(?:-[\w’']+)*|[^\w\s]")
_SCAN_TOKENS = 14
# A toll's update may name the attack it counts before its figure ("raised the death toll from airstrikes
# on a market in a northern town the previous day to 61"): read on to the clause's end.
_UPDATE_SCAN_TOKENS = 30
_INJURY_WINDOW_TOKENS = 3
_CLAUSE_PUNCTUATION = frozenset(",.;:")
_YEARS = (1900, 2100)  # a number in this range next to a death word is a date, not a toll
# Around a death word, where a running toll's words are looked for ("have been killed in the past two
# weeks", "the war has killed"): the same reach as for the event words themselves (`events.reading`).
_RUNNING_TOLL_BEFORE_CHARS = 80
_RUNNING_TOLL_AFTER_CHARS = 60
# A report's sentences are read for deaths by several rules (its own toll, each mention's deaths, whether
# they were numbered): each sentence is scanned once.
_SENTENCES_REMEMBERED = 1024
UNNUMBERED_SMALL = 3
UNNUMBERED_LARGE = 10


@cache
def _number_words() -> dict[str, int]:
    return {row["word"]: int(row["value"]) for row in read_table("lexicon/numbers.tsv")}


@cache
def _vague_words() -> frozenset[str]:
    return frozenset(row["word"] for row in read_table("lexicon/numbers.tsv") if row["exact"] == "n")


def _is_vague(text: str) -> bool:
    """Whether a count expression is a vague amount ("dozens", "scores of"), not a figure."""
    return text.strip().lower() in _vague_words()


def parse_count(text: str) -> int | None:
    """Value of one count expression ("twenty-one", "12", "dozens", "a dozen"); None if not a count."""
    words = _number_words()
    cleaned = text.strip().lower().replace(",", "")
    if cleaned.isdecimal() and len(cleaned) > 1 and cleaned.startswith("0"):
        return None  # "016", "04": a piece of a date, an hour or a code; no one writes a count so
    if cleaned.isdecimal():  # ("²" is a digit but no number)
        return int(cleaned) if len(cleaned) <= len(str(MAX_FATALITIES)) and int(cleaned) <= MAX_FATALITIES else None
    if cleaned in words:
        return words[cleaned]
    parts = re.split(r"[\s-]+", cleaned)
    if len(parts) == 2 and parts[0] in words and parts[1] in words:
        tens, units = words[parts[0]], words[parts[1]]
        if tens >= 20 and tens % 10 == 0 and units < 10:
            return tens + units
        if units in (100, 1000):  # "two hundred", "a thousand"
            return tens * units
    return None


def unnumbered(large: bool) -> int:
    """Deaths reported without any number."""
    return UNNUMBERED_LARGE if large else UNNUMBERED_SMALL


@dataclass(frozen=True, slots=True, kw_only=True)
class DeathCount:
    """Deaths a sentence counts: the span they are told in (report offsets), how many, and how they are told."""

    start: int
    end: int
    value: int
    background: bool = False  # told as the cause of the event ("over the killing of"), not as its toll
    numbered: bool = True  # False: no number was given, the value is ACLED's default
    cumulative: bool = False  # a toll over a period ("killed in the past two weeks"), maybe of many events
    vague: bool = False  # told only as vague amounts ("dozens", "hundreds of")
    earlier: bool = False  # the deaths of an earlier event the report measures this one by ("since ...")


@cache
def _death_words() -> dict[str, str]:
    """word → how a count attaches to it: `after` ("killed 3"), `before` ("3 dead"), or `both`."""
    return {row["word"]: row["attach"] for row in read_table("lexicon/deaths.tsv")}


@cache
def scan_words() -> dict[str, str]:
    """Words that stop the search for a count, or that reset it ("including")."""
    words = {row["word"]: row["role"] for row in read_table("lexicon/death_scan.tsv")}
    return words | dict.fromkeys(reporting_verbs("attribution"), "attribution")


@cache
def _running_tolls() -> PhraseMatcher:
    """The words of a war's running toll (`TOLL`) or of a toll over a period (`CUMULATIVE`), from
    `lexicon/cues.tsv`."""
    rows = read_table("lexicon/cues.tsv")
    kinds = ("TOLL", "CUMULATIVE")
    return PhraseMatcher([(row["phrase"], row["cue"], row["case"] == "s") for row in rows if row["cue"] in kinds])


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def _count_at(tokens: list[tuple[int, int, str]], index: int) -> tuple[int, int] | None:
    """(value, tokens used) of a count starting at `index` ("four", "twenty one", "a dozen", "12")."""
    for length in (3, 2, 1):
        if index + length > len(tokens):
            continue
        words = " ".join(token[2] for token in tokens[index : index + length])
        value = parse_count(words)
        if (
            value is not None
            and not _YEARS[0] <= value <= _YEARS[1]
            and not _in_a_date(tokens, index, length)
            and not _describes_someone(tokens, index, length)
        ):
            following = tokens[index + length][2].lower() if index + length < len(tokens) else ""
            if following in {"of"} and length == 1 and words.lower() in {"a", "an"}:
                return None
            return value, length
    return None


def _describes_someone(tokens: list[tuple[int, int, str]], index: int, length: int) -> bool:
    """A number that measures, or says who the victim is, not how many died: an age or a stretch of time
    ("a 16 year old boy", "16 year-old", "five decades"), a distance, a calibre (".38 caliber"), millions
    (a war's toll), a `measure_unit` of `lexicon/grammar.tsv` after it; an age set off after a name
    ("Anthony LaSalle, 36, of Minneapolis"); a parent's children ("a mother of 12 killed")."""
    after = [token[2].lower() for token in tokens[index + length : index + length + 2] if token[2] not in "-‑"]
    if after and after[0].split("-")[0] in word_class("measure_unit"):
        return True
    before = [token[2] for token in tokens[max(0, index - 2) : index]]
    named_age = len(before) == 2 and before[1] == "," and before[0][:1].isupper() and after[:1] == [","]
    parent = len(before) == 2 and before[1].lower() == "of" and before[0].lower() in word_class("parent_noun")
    return named_age or parent


def _in_a_date(tokens: list[tuple[int, int, str]], index: int, length: int) -> bool:
    """A day of a date, not a count: after a month's name ("Dec 30") or before a year ("30 2015 Al-Nusra
    Front Commander Killed", a dateline run into its headline)."""
    before = tokens[index - 1][2].lower() if index else ""
    after = tokens[index + length][2] if index + length < len(tokens) else ""
    year_after = after.isdecimal() and len(after) == 4 and _YEARS[0] <= int(after) <= _YEARS[1]
    return before in lexicon()["months"] or year_after


def _counts_before(tokens, index) -> list[tuple[int, int, int]]:
    """Counts in the noun phrase list before a death word ("4 militiamen, 1 soldier and 1 policeman")."""
    stops = scan_words()
    found: list[tuple[int, int, int]] = []
    listed = False  # a comma or "and" since the last count: the list goes on
    ranged = False  # "or", "to" since the last count: two figures for the same deaths
    position = index - 1
    while position >= 0 and index - position <= _SCAN_TOKENS:
        word = tokens[position][2].lower()
        role = stops.get(word)
        following = tokens[position + 1][2].lower() if position + 1 < len(tokens) else ""
        if role == "part" and following in word_class("subset_pronoun"):
            role = "reset"  # "11 civilians among them three children": the part follows the whole
        if role in ("stop", "injury", "part") or (found and word in word_class("auxiliary")):
            break  # ("Four people were shot, one fatally": the clause before is another count's)
        if role == "reset":
            found, listed = [], False
            position -= 1
            continue
        count = _count_ending_at(tokens, position)
        if count is not None:
            start, value = count
            before = tokens[start - 1][2].lower() if start else ""
            if before in word_class("agent_marker"):
                break  # "abducted by four men and stabbed to death": the doers
            if found and (ranged or (listed and before == "between")):  # "5 or 6", "between 5 and 10"
                _start, last_end, other = found.pop()
                found.append((tokens[start][0], last_end, min(value, other)))
            elif found and not listed:
                break
            else:
                found.append((tokens[start][0], tokens[position][1], value))
            listed = ranged = False
            position = start - 1
            continue
        listed = listed or word in (",", "and")
        ranged = ranged or word in word_class("range")  # "5 or 6", "5 to 7": two figures for the same deaths
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
    stops = scan_words()
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
            found.append((first_start, tokens[position + length - 1][1], min(value, other)))
            ranged = False
            position += length
            continue
        if count and found and listed and _attribution_follows(tokens, position + count[1], stops):
            break  # "killing two soldiers, a provincial official said": the source, not a victim
        if count and _injured_follow(tokens, position + count[1], stops):
            break  # "8 killed, 58 others injured": the count after the verb is of the wounded
        if count and found and _part_follows(tokens, position + count[1]):
            break  # "killed 12, 5 of them children": a part of the figure before
        if count and (not found or listed):
            value, length = count
            found.append((tokens[position][0], tokens[position + length - 1][1], value))
            listed = False
            position += length
            continue
        ranged = bool(found) and word in word_class("range")
        if not found and role != "quantifier" and not _quantifies(tokens, position):
            break
        if found and (count or word.endswith(("ed", "ing")) or word in word_class("irregular_verb")):
            break  # "a guard and burned two schools", "15 militants and left 13 warehouses"
        listed = listed or word in (",", "and")
        position += 1
    return found


def _part_follows(tokens, position: int) -> bool:
    """ "of them", "of whom" right after a count: a part of the figure told before it."""
    following = [token[2].lower() for token in tokens[position : position + 2]]
    return len(following) == 2 and following[0] == "of" and following[1] in word_class("subset_pronoun")


def _updated_count(tokens, index) -> list[tuple[int, int, int]]:
    """The figure a toll is brought to ("the death toll from the strikes has risen to 82", "toll ... rises
    to 76"): the count right after the clause's `update_to` word; none when the sentence ends first."""
    stops = scan_words()
    for position in range(index + 1, min(len(tokens), index + 1 + _UPDATE_SCAN_TOKENS)):
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


def _told_as_cause(tokens: list[tuple[int, int, str]], index: int, window: list[str]) -> bool:
    """A death told as a noun after a `cause_opener` of `lexicon/grammar.tsv` ("riots following the killing
    of five guards", "after the deaths of 3"): what led to the event, not its toll."""
    noun = index + 1 < len(tokens) and tokens[index + 1][2].lower() == "of"
    return noun and any(word in word_class("cause_opener") for word in window)


def _after_earlier_event(tokens: list[tuple[int, int, str]], index: int) -> bool:
    """A death told of the event a `since` clause names ("the first death in the town since a chemical
    attack on Tuesday that killed 87"): an earlier event the report measures this one by."""
    for position in range(index - 1, max(-1, index - _SCAN_TOKENS), -1):
        word = tokens[position][2].lower()
        if word in _CLAUSE_PUNCTUATION:
            return False
        following = tokens[position + 1][2].lower()
        if word in word_class("earlier_event_opener") and following in word_class("determiner"):
            return True
    return False


def _quantifies(tokens, position: int) -> bool:
    """A cause word right before a count is its quantifier ("killed over 75", not "over the killing")."""
    return scan_words().get(tokens[position][2].lower()) == "background" and _count_at(tokens, position + 1) is not None


def _with_the_injured(tokens, index: int, stops: dict[str, str]) -> bool:
    """A death word joined to an injury word ("killed, injured", "killed or wounded", "dead and injured"):
    the count before it is of casualties, the dead and the hurt together."""
    following = [token[2].lower() for token in tokens[index + 1 : index + 3]]
    return len(following) == 2 and following[0] in (",", "and", "or", "&", "/") and stops.get(following[1]) == "injury"


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
    return list(_scanned(text, offset))


@lru_cache(maxsize=_SENTENCES_REMEMBERED)
def _scanned(text: str, offset: int) -> tuple[DeathCount, ...]:
    tokens = _tokens(text)
    words = _death_words()
    stops = scan_words()
    counts: list[DeathCount] = []
    used: set[int] = set()
    running = [(hit.start, hit.end, hit.label) for hit in _running_tolls().finditer(text)]
    for index, (start, end, token) in enumerate(tokens):
        attach = words.get(token.lower())
        following = tokens[index + 1][2].lower() if index + 1 < len(tokens) else ""
        if attach is None or following in word_class("death_compound"):
            continue  # "a death sentence", "death threats": no one died
        window = [t[2].lower() for t in tokens[max(0, index - 4) : index]]
        if any(stops.get(word) == "negation" for word in window):
            continue
        background = any(
            stops.get(token[2].lower()) == "background" and not _quantifies(tokens, position)
            for position, token in enumerate(tokens[max(0, index - 4) : index], start=max(0, index - 4))
        ) or _told_as_cause(tokens, index, window)
        earlier = _after_earlier_event(tokens, index)
        found = []
        if attach == "update":
            found = _updated_count(tokens, index)
        if attach in ("after", "both", "counted"):
            found = _counts_after(tokens, index)
        if attach in ("of", "both", "after") and index + 1 < len(tokens) and tokens[index + 1][2].lower() == "of":
            found = _counts_after(tokens, index + 1)  # "claiming the lives of seven people", "the deaths of 12"
        if not found and attach in ("before", "both", "counted", "of"):
            found = _counts_before(tokens, index)
        if not found and attach == "counted":  # "eliminate the threat": no death without a count
            continue
        found = [item for item in found if item[0] not in used]
        near = {
            kind
            for toll_start, toll_end, kind in running
            if start - _RUNNING_TOLL_BEFORE_CHARS <= toll_end and toll_start <= end + _RUNNING_TOLL_AFTER_CHARS
        }
        if "TOLL" in near:  # "the war has killed 300,000": the deaths of the war, none of them this event's
            used.update(item[0] for item in found)
            continue
        cumulative = "CUMULATIVE" in near
        if found and _with_the_injured(tokens, index, stops):
            # "42 militants killed, injured": a count of casualties; some died, told with no number of
            # their own (ACLED's small default, never more than the casualties).
            used.update(item[0] for item in found)
            value = min(sum(figure for _s, _e, figure in found), UNNUMBERED_SMALL)
            span_start = min(start, *(item[0] for item in found))  # counts before a death word are found last first
            span_end = max(end, *(item[1] for item in found))
            numbered = vague = False
        elif not found:
            # A capitalised word inside the sentence is a name's ("legislator Melitus Were was shot dead").
            subject = [
                t[2].lower()
                for position, t in enumerate(tokens[max(0, index - 4) : index], start=max(0, index - 4))
                if position == 0 or not t[2][:1].isupper()
            ]
            value = _unnumbered(token.lower(), subject)
            span_start, span_end = start, end
            numbered = vague = False
        else:
            used.update(item[0] for item in found)
            value = sum(figure for _s, _e, figure in found)
            span_start = min(start, *(item[0] for item in found))
            span_end = max(end, *(item[1] for item in found))
            numbered = True
            vague = all(_is_vague(text[count_start:count_end]) for count_start, count_end, _value in found)
        counts.append(
            DeathCount(
                start=span_start + offset,
                end=span_end + offset,
                value=value,
                background=background,
                numbered=numbered,
                cumulative=cumulative,
                vague=vague,
                earlier=earlier,
            )
        )
    return tuple(counts)


def _unnumbered(word: str, window: list[str]) -> int:
    """Deaths told without a number: ACLED's large figure for a massacre, its small one for plural
    victims, one for a singular subject."""
    if word in word_class("mass_killing"):  # a large event even without a number
        return unnumbered(large=True)
    if any(w in word_class("plural_victims") for w in window):
        return unnumbered(large=False)
    return 1
