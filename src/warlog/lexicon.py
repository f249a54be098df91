"""Phrase lexicons: TSV files under `warlog/data/` compiled to one regular expression per file.

A phrase is written in words, not in regex syntax (see `data/lexicon/README.md`):
`air strike*` matches "air strike", "air-strikes", "air  striked"; `open* ~ fire` allows up to three
words between "open..." and "fire". Every phrase carries a label (a frame, a cue category, an actor
row); one pass of `finditer` finds them all, longest phrase first at each position. A hand-written
compiler because the lexicons need word-level wildcards and labels, which spaCy's PhraseMatcher (exact
tokens only) cannot give without a parse.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

LABEL_SEPARATOR = "|"
_GAP = r"(?:[\w'’.-]+\s+){0,3}?"


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    text: str
    label: str


def phrase_to_regex(phrase: str) -> str:
    """Turn a lexicon phrase into a regex fragment (no anchors, no groups)."""
    parts = []
    for word in phrase.split():
        if word == "~":
            parts.append(_GAP)
            continue
        stem, wildcard = (word[:-1], True) if word.endswith("*") else (word, False)
        piece = re.escape(stem) + (r"[\w’']*" if wildcard else "")
        parts.append(piece)
    regex = ""
    for index, part in enumerate(parts):
        if index and parts[index - 1] != _GAP:
            regex += r"[\s-]+" if part != _GAP else r"\s+"
        regex += part
    return regex


def read_table(relative_path: str) -> list[dict[str, str]]:
    """Rows of a TSV data file (header line; `#` lines and blank lines skipped)."""
    text = resources.files("warlog").joinpath("data", relative_path).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [{key: (value or "").strip() for key, value in row.items()} for row in csv.DictReader(lines, delimiter="\t")]


@cache
def reporting_verbs(role: str) -> tuple[str, ...]:
    """The verbs of `lexicon/reporting_verbs.tsv` one rule reads (`role`: "source", "attribution" or
    "dating"; see the lexicon README), in the file's order."""
    return tuple(row["word"] for row in read_table("lexicon/reporting_verbs.tsv") if row[role] == "y")


@cache
def word_class(name: str) -> tuple[str, ...]:
    """The words of one class of `lexicon/grammar.tsv` ("passive_auxiliary", "determiner", ...), in the
    file's order."""
    return tuple(row["word"] for row in read_table("lexicon/grammar.tsv") if row["class"] == name)


def word_alternation(words: tuple[str, ...]) -> str:
    """Words as one regex alternation, in their order, each matched literally."""
    return "|".join(re.escape(word) for word in words)


def spaced_alternation(words: tuple[str, ...]) -> str:
    """Words or phrases as one regex alternation, in their order, each matched literally but for the
    space between a phrase's words, which may be any run of white space ("next  to", "not\nlong")."""
    return "|".join(r"\s+".join(re.escape(word) for word in phrase.split()) for phrase in words)


def alternations(relative_path: str, label_column: str) -> dict[str, str]:
    """A TSV of `phrase` and a label: label -> its phrases as one regex alternation, longest first (so the
    longest phrase wins where several start at one place); a label with no rows gives the empty string."""
    phrases: dict[str, set[str]] = defaultdict(set)
    for row in read_table(relative_path):
        phrases[row[label_column]].add(row["phrase"])
    found = {
        label: "|".join(phrase_to_regex(phrase) for phrase in sorted(group, key=lambda phrase: (-len(phrase), phrase)))
        for label, group in phrases.items()
    }
    return defaultdict(str, found)


class PhraseMatcher:
    """All phrases of a lexicon, looked up at word starts.

    Hits do not overlap, except that the words inside a `~` gap are still looked up. Phrases are
    bucketed by the first two letters of their first word, so each word of a text tries
    only the few phrases that can start there (one big alternation tried at every character is about
    twenty times slower).
    """

    def __init__(self, entries: list[tuple[str, str, bool]]) -> None:
        """`entries`: (phrase, label, case_sensitive)."""
        # One phrase may carry several labels ("shot" is a firearm and lethal force): joined by LABEL_SEPARATOR.
        merged: dict[tuple[str, bool], list[str]] = {}
        for phrase, label, case_sensitive in entries:
            labels_of_phrase = merged.setdefault((phrase, case_sensitive), [])
            if label not in labels_of_phrase:
                labels_of_phrase.append(label)
        buckets: dict[str, list[tuple[str, str, bool]]] = {}
        for (phrase, case_sensitive), labels_of_phrase in merged.items():
            entry = (phrase, LABEL_SEPARATOR.join(labels_of_phrase), case_sensitive)
            buckets.setdefault(_bucket_key(phrase), []).append(entry)
        self._buckets: dict[str, tuple[re.Pattern[str], list[tuple[str, bool]]]] = {}
        for key, bucket in buckets.items():
            labels: list[tuple[str, bool]] = []
            alternatives = []
            for phrase, label, case_sensitive in sorted(bucket, key=lambda entry: len(entry[0]), reverse=True):
                body = phrase_to_regex(phrase)
                if not case_sensitive:
                    body = f"(?i:{body})"
                alternatives.append(f"(?P<g{len(labels)}>{body})")
                labels.append((label, "~" in phrase.split()))
            self._buckets[key] = (re.compile("(?:" + "|".join(alternatives) + r")(?![\w])"), labels)

    def finditer(self, text: str, offset: int = 0) -> Iterator[Hit]:
        """Non-overlapping hits, left to right; at each word start the longest phrase wins."""
        resume = 0
        for word in _WORD.finditer(text):
            position = word.start()
            if position < resume:
                continue
            found = self._buckets.get(word.group()[:2].lower())
            if found is None:
                continue
            regex, labels = found
            match = regex.match(text, position)
            if match is None:
                continue
            label, has_gap = labels[int(match.lastgroup[1:])]
            # Words a gap skipped over ("fired artillery rounds at") may hold phrases of their own.
            resume = word.end() if has_gap else match.end()
            yield Hit(position + offset, match.end() + offset, match.group(), label)


_WORD = re.compile(r"\w+")


def _bucket_key(phrase: str) -> str:
    first = phrase.split()[0].rstrip("*")
    return _WORD.match(first).group()[:2].lower()
