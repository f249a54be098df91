import pytest

from warlog.resolve import fatalities


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", 12),
        ("four", 4),
        ("twenty-one", 21),
        ("dozens", 12),
        ("tens", 10),
        ("hundreds", 100),
        ("a dozen", 12),
        ("1,200", 1200),
        ("two hundred", 200),
        ("several", 3),
        ("many", 10),
    ],
)
def test_counts_are_read_as_acled_codes_them(text, value):
    assert fatalities.parse_count(text) == value


def test_words_that_are_no_count():
    assert fatalities.parse_count("soldiers") is None


def test_the_lowest_figure_is_kept():
    assert fatalities.conservative([7, 5, 9]) == 5
    assert fatalities.conservative([]) == 0


def test_unnumbered_deaths():
    assert fatalities.unnumbered(large=False) == 3
    assert fatalities.unnumbered(large=True) == 10


@pytest.mark.parametrize("text", ["1000001", "3000000000", "9" * 5000, "²"])
def test_a_figure_beyond_any_events_deaths_is_no_count(text):
    assert fatalities.parse_count(text) is None
