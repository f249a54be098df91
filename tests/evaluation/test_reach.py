from warlog.evaluation.reach import names_in, reachable

HAIFA = {"country": "Israel", "latitude": 32.8184, "longitude": 34.9885}


def note(text, source=None):
    return {"id": "n", "text": text, "source": source}


def test_names_are_runs_of_up_to_four_capitalised_words():
    names = names_in("Gunmen attacked al Bab and Tel Aviv.")
    assert {"Gunmen", "Bab", "Tel Aviv", "Tel", "Aviv"} <= names
    assert "Gunmen attacked" not in names and "Bab and Tel" not in names
    assert "A B C D" in names_in("A B C D E") and "A B C D E" not in names_in("A B C D E")


def test_a_note_naming_the_town_reaches_the_place_and_the_country():
    assert reachable(note("Protesters gathered in Haifa on Monday."), HAIFA) == (True, True)


def test_a_note_naming_a_town_far_away_reaches_only_the_country():
    assert reachable(note("Protesters gathered in Eilat on Monday."), HAIFA) == (False, True)


def test_a_note_naming_no_place_reaches_the_country_only_through_its_source():
    text = "a mob lynched a suspected thief."
    assert reachable(note(text), HAIFA) == (False, False)
    assert reachable(note(text, source="Israel Hayom"), HAIFA) == (False, True)
