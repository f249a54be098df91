import pytest

from warlog.toponyms.names import HEADLINE_MAX_CHARS, split_in_title_case


def pieces(text: str) -> list[str]:
    return [text[start:end] for start, end in split_in_title_case(text, 0, len(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Barrel Bomb Attack Kills Children In Aleppo", ["Barrel Bomb Attack Kills Children", "Aleppo"]),
        ("Car Bomb Kills Dozens In Syrian Town Of Azaz", ["Car Bomb Kills Dozens", "Syrian Town", "Azaz"]),
        # too few words to tell a headline's capitals from a name's
        ("Gulf Of Aden", ["Gulf Of Aden"]),
    ],
)
def test_a_run_in_a_title_case_line_is_cut_at_its_function_words(text, expected):
    assert pieces(text) == expected


def test_a_long_line_is_running_text_whatever_its_capitals():
    words = "Fighters Attacked Villages In Aleppo " * (HEADLINE_MAX_CHARS // 30)
    assert pieces(words.strip()) == [words.strip()]
