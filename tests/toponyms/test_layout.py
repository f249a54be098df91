import pytest

from warlog.toponyms.layout import after_title, in_heading, is_dateline, opens_sentence
from warlog.toponyms.mention import Mention


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Speaking in Nairobi, President Kibaki said", "Kibaki", True),
        ("the victim, Tyrise M. Bell, was shot", "Bell", True),
        ("Gov. Joho toured the county", "Joho", True),
        ("a major Kisumu estate", "Kisumu", False),
    ],
)
def test_a_name_after_a_title_or_an_initial_is_a_persons(text, name, expected):
    assert after_title(text, text.index(name)) is expected


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Fighting resumed. Aleppo was shelled.", "Aleppo", True),
        ("Aleppo was shelled.", "Aleppo", True),
        ("Rebels shelled Aleppo.", "Aleppo", False),
        ("Fighting resumed. Deir Hafer was shelled.", "Deir Hafer", False),  # two capitalised words are a name
    ],
)
def test_a_lone_capitalised_word_may_be_capitalised_for_opening_a_sentence(text, name, expected):
    start = text.index(name)
    assert opens_sentence(text, Mention(start, start + len(name), name, [], None)) is expected


@pytest.mark.parametrize(
    ("name", "after", "expected"),
    [
        ("XENIA", " -- A tornado struck", True),
        ("CHARLESTON", ", W.Va. -- Police said", True),
        ("Xenia", " -- A tornado struck", False),
        ("XENIA", " was struck by a tornado", False),
        ("UAE", " -- Officials said", False),  # three letters: an acronym, not a dateline
    ],
)
def test_an_upper_case_place_opening_a_story_before_a_dash_is_a_dateline(name, after, expected):
    assert is_dateline(name, after) is expected


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Aleppo - Tal Refaat: destruction after the shelling", "Tal Refaat", True),
        ("Aleppo northern countryside || Shelling on the villages", "Aleppo", True),
        ("Talbiseh 30/9/2015: the aftermath", "Talbiseh", True),
        ("Bomb factories, village command posts: Aleppo was hit", "Aleppo", False),
        ("Protesters marched in Aleppo at 10:30 on Friday", "Aleppo", False),
    ],
)
def test_a_name_in_an_opening_heading_made_of_places(text, name, expected):
    assert in_heading(text, text.index(name) + len(name)) is expected
