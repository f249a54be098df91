import random

from warlog.records import Entity
from warlog.spans import Spans


def random_spans(seed: int, count: int = 60) -> list[Entity]:
    """Spans as stages see them: mostly apart, some nested or overlapping, some sharing a start or an end."""
    rng = random.Random(seed)
    spans = []
    for _ in range(count):
        start = rng.randrange(0, 400)
        spans.append(Entity(start, start + rng.randrange(1, 30), "x", "ORG"))
    return sorted(spans, key=lambda span: span.start)


def test_each_question_answers_as_a_scan_of_the_spans_would():
    for seed in range(20):
        spans = random_spans(seed)
        index = Spans(spans)
        for offset in range(-5, 440, 3):
            ending = [s for s in spans if s.end <= offset]
            assert index.last_before(offset) == (ending[-1] if ending else None)
            assert index.covers(offset) == any(s.start <= offset < s.end for s in spans)
            for width in (0, 7, 40):
                low, high = offset, offset + width
                assert list(index.starting_in(low, high)) == [s for s in spans if low <= s.start < high]
                assert index.ending_in(low, high) == [s for s in spans if low <= s.end <= high]
                assert index.overlapping(low, high + 1) == [s for s in spans if s.start < high + 1 and low < s.end]
                assert index.overlaps(low, high + 1) == any(s.start < high + 1 and low < s.end for s in spans)
                assert index.encloses(low, high + 1) == any(s.start <= low and high + 1 <= s.end for s in spans)


def test_at_finds_the_span_holding_an_offset_among_spans_apart():
    for seed in range(20):
        spans, end = [], 0
        for _ in range(30):  # sentences: apart, some gaps between them
            start = end + random.Random(seed * 100 + len(spans)).randrange(0, 3)
            end = start + random.Random(seed * 100 + len(spans) + 50).randrange(1, 20)
            spans.append(Entity(start, end, "x", "ORG"))
        index = Spans(spans)
        for offset in range(-2, end + 3):
            holding = [s for s in spans if s.start <= offset < s.end]
            assert index.at(offset) == (holding[0] if holding else None)


def test_spans_given_out_of_order_are_sorted_by_start_and_ties_keep_their_order():
    first, second, third = Entity(10, 20, "a", "ORG"), Entity(0, 5, "b", "ORG"), Entity(10, 12, "c", "ORG")
    assert Spans([first, second, third]).items == [second, first, third]


def test_pairs_take_their_bounds_from_a_function():
    index = Spans([(30, 40), (0, 10)], bounds=lambda pair: pair)
    assert index.covers(35) and not index.covers(20)
    assert index.last_before(20) == (0, 10)
