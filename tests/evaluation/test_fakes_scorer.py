import pytest

from warlog.evaluation.fakes import gazetteer_identities, same_place, score

# A stand-in gazetteer: Aleppo is also written Halab; Deir ez-Zor is a city and a governorate.
NAMES = {
    "aleppo": {"aleppo", "id:170063"},
    "halab": {"halab", "id:170063"},
    "deir ezzor": {"deir ezzor", "id:170794"},
    "deir ez-zor": {"deir ez-zor", "id:170794"},
    "idlib": {"idlib", "id:169389"},
}


def identities(name):
    return NAMES.get(name.casefold(), {name.casefold()})


def article(article_id, location="aleppo", civilians=4, noncivilians=2):
    gold = {
        "event_date": "2016-02-10",
        "location": location,
        "civilians_killed": civilians,
        "children_killed": 1,
        "women_killed": 0,
        "noncivilians_killed": noncivilians,
    }
    return {"id": article_id, "text": "...", "gold": gold}


GOLD = [article("a"), article("b", location="deir ezzor", civilians=10, noncivilians=0), article("c")]


def event(**fields):
    return {"event_date": "2016-02-10", "location": "Aleppo", "admin1": "Aleppo", "fatalities": 6} | fields


def perfect():
    return {
        "a": [event(confidence=0.8)],
        "b": [event(location="Deir ez-Zor", admin1="Deir ez-Zor", fatalities=10)],
        "c": [event()],
    }


def test_perfect_prediction_scores_one():
    result = score(GOLD, perfect(), identities)
    assert result == {
        "articles": 3,
        "predicted": 3,
        "date_exact": 1.0,
        "place": 1.0,
        "place_strict": 1.0,
        "killed_exact": 1.0,
        "killed_within_20pct": 1.0,
    }


def test_empty_prediction_scores_zero():
    result = score(GOLD, {}, identities)
    assert result["predicted"] == 0
    for metric in ("date_exact", "place", "place_strict", "killed_exact", "killed_within_20pct"):
        assert result[metric] == 0.0


def test_one_off_errors():
    predictions = perfect()
    predictions["b"][0]["fatalities"] = 9  # 10% off: not exact, within 20%
    predictions["c"][0] |= {"event_date": "2016-02-09", "location": "Idlib", "admin1": "Idlib", "fatalities": 8}
    result = score(GOLD, predictions, identities)
    assert result["date_exact"] == pytest.approx(2 / 3)
    assert result["place"] == pytest.approx(2 / 3)
    assert result["killed_exact"] == pytest.approx(1 / 3)
    assert result["killed_within_20pct"] == pytest.approx(2 / 3)  # 8 against 6 is 33% off


def test_place_matches_alternate_name_or_governorate():
    assert same_place("aleppo", {"location": "Halab"}, identities)
    assert same_place("aleppo", {"location": "Azaz", "admin1": "Aleppo"}, identities)
    assert not same_place("aleppo", {"location": "Idlib", "admin1": "Idlib"}, identities)
    assert not same_place("aleppo", {"location": None, "admin1": None}, identities)


def test_an_event_placed_only_in_its_country_names_no_city():
    # Pinned at the capital, its admin1 is the capital's: no match for "damascus" on that ground.
    country_level = {"location": "Syria", "admin1": "Dimashq", "country": "Syria"}
    assert not same_place("damascus", country_level, gazetteer_identities)
    assert same_place("damascus", country_level | {"location": "Damascus"}, gazetteer_identities)


def test_damascus_label_covers_rif_dimashq_unless_strict():
    # FA-KES has no Rif Dimashq label: its coders write "damascus" for Douma's and Ghouta's incidents.
    douma = {"location": "Duma", "admin1": "Rif-dimashq", "country": "Syria"}
    assert same_place("damascus", douma, gazetteer_identities)
    assert not same_place("damascus", douma, gazetteer_identities, strict=True)
    assert not same_place("aleppo", douma, gazetteer_identities)


def test_killed_count_is_the_chosen_events_own():
    # A background figure told in another event of the article does not add to the incident's toll.
    predictions = perfect()
    predictions["a"].append(event(event_date="2013-08-21", fatalities=100, confidence=0.1))
    assert score(GOLD, predictions, identities)["killed_exact"] == 1.0


def test_no_one_killed_needs_zero_for_within_20pct():
    gold = [article("a", civilians=0, noncivilians=0)]
    assert score(gold, {"a": [event(fatalities=1)]}, identities)["killed_within_20pct"] == 0.0
    assert score(gold, {"a": [event(fatalities=0)]}, identities)["killed_within_20pct"] == 1.0


@pytest.mark.parametrize(
    ("gold_name", "location", "same"),
    [
        ("deir ezzor", "Deir ez-Zor", True),
        ("aleppo", "Halab", True),
        ("raqqa", "Ar-Raqqah", True),
        ("hasakeh", "Al-Hasakah", True),
        ("aleppo", "Idlib", False),
    ],
)
def test_gazetteer_identities_match_spellings(gold_name, location, same):
    assert same_place(gold_name, {"location": location}, gazetteer_identities) is same
