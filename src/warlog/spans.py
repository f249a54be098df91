"""Spans of one report (sentences, places, entities, temporal expressions) indexed by offset.

Stages ask, once per event mention, which spans lie in its sentence, which came last before it, whether
one covers an offset. Scanning the report's spans for each mention makes a report's time grow with the
square of its length; these answer by bisection over the spans sorted by start, built once per report
(`Analysis.derived`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate
from typing import Generic, TypeVar

Item = TypeVar("Item")


def _bounds_of(item) -> tuple[int, int]:
    return item.start, item.end


class Spans(Generic[Item]):
    """Items with a (start, end) span, end exclusive, in order of start (ties keep their given order)."""

    def __init__(self, items: Iterable[Item], bounds: Callable[[Item], tuple[int, int]] = _bounds_of) -> None:
        pairs = sorted(((bounds(item), item) for item in items), key=lambda pair: pair[0][0])
        self.items: list[Item] = [item for _bounds, item in pairs]
        self._starts = [start for (start, _end), _item in pairs]
        self._ends = [end for (_start, end), _item in pairs]
        self._reach = list(accumulate(self._ends, max))  # the furthest end among the first i + 1 spans
        self._by_end = sorted(range(len(self.items)), key=self._ends.__getitem__)
        self._sorted_ends = [self._ends[position] for position in self._by_end]

    def __len__(self) -> int:
        return len(self.items)

    def starting_in(self, start: int, end: int) -> Sequence[Item]:
        """The items whose start is in [start, end)."""
        return self.items[bisect_left(self._starts, start) : bisect_left(self._starts, end)]

    def ending_in(self, start: int, end: int) -> list[Item]:
        """The items whose end is in [start, end] (both included), in order of start."""
        found = self._by_end[bisect_left(self._sorted_ends, start) : bisect_right(self._sorted_ends, end)]
        return [self.items[position] for position in sorted(found)]

    def last_before(self, offset: int) -> Item | None:
        """The last item (by start) that ends at or before `offset`."""
        position = bisect_left(self._starts, offset) - 1
        while position >= 0 and self._ends[position] > offset:  # spans reaching over `offset`: few
            position -= 1
        return self.items[position] if position >= 0 else None

    def at(self, offset: int) -> Item | None:
        """The last item starting at or before `offset` if it reaches past it (sentences: the one holding
        `offset`)."""
        position = bisect_right(self._starts, offset) - 1
        return self.items[position] if position >= 0 and offset < self._ends[position] else None

    def covers(self, offset: int) -> bool:
        """Whether some item has start <= offset < end."""
        position = bisect_right(self._starts, offset) - 1
        return position >= 0 and self._reach[position] > offset

    def encloses(self, start: int, end: int) -> bool:
        """Whether some item has item.start <= start and end <= item.end."""
        position = bisect_right(self._starts, start) - 1
        return position >= 0 and self._reach[position] >= end

    def overlapping(self, start: int, end: int) -> list[Item]:
        """The items that share a character with [start, end), in order of start."""
        position = bisect_left(self._starts, end) - 1
        found = []
        while position >= 0 and self._reach[position] > start:  # earlier items all end by `start`
            if self._ends[position] > start:
                found.append(self.items[position])
            position -= 1
        return found[::-1]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some item shares a character with [start, end)."""
        position = bisect_left(self._starts, end) - 1
        return position >= 0 and self._reach[position] > start
