import pytest

from syrian_spellings import DEIR_EZ_ZOR, SPELLINGS
from warlog.knowledge.gazetteer import distance_km, gazetteer


def best_place(name):
    index = gazetteer()
    candidates = index.candidates(name)
    assert candidates, f"no candidate for {name!r}"
    entry = max(candidates, key=lambda c: (c[1], index.population(c[0])))[0]
    return index.place(entry)


@pytest.mark.parametrize(("spellings", "point"), SPELLINGS)
def test_every_spelling_has_the_town_among_its_candidates(spellings, point):
    index = gazetteer()
    for spelling in spellings:
        towns = [index.place(e) for e, _ in index.candidates(spelling) if index.kind(e) == "city"]
        assert any(distance_km(t.lat, t.lon, *point) < 15 for t in towns), spelling


def test_countries_carry_acled_numeric_iso_and_names():
    index = gazetteer()
    syria = index.countries["SY"]
    assert (syria.iso3, syria.iso_numeric, syria.name) == ("SYR", 760, "Syria")
    assert index.place(syria.entry).kind == "country"


def test_demonyms_name_countries():
    index = gazetteer()
    assert index.demonym("Iraqi") == "IQ"
    assert index.demonym("Syrians") == "SY"
    assert index.demonym("American") == "US"  # not the Northern Mariana Islands, which share it
    assert index.demonym("Baghdad") is None


def test_first_level_divisions_have_names_and_namesake_seats():
    index = gazetteer()
    province = index.admin1("SY", "Deir ez-Zor")
    assert province is not None and province.kind == "admin1"
    seat = index.place(index.seat(index.entry_of(province)))
    assert seat.kind == "city" and distance_km(seat.lat, seat.lon, *DEIR_EZ_ZOR) < 15
    assert best_place("Abu Kamal").admin1 == "Deir ez-Zor"


def test_second_level_divisions_and_news_abbreviations():
    county = best_place("Laurel County")
    assert (county.kind, county.admin1, county.country_code) == ("admin2", "Kentucky", "US")
    assert best_place("W.Va.").name == "West Virginia"


def test_additions_are_indexed():
    place = best_place("Qalamoun")
    assert (place.kind, place.country_code) == ("feature", "SY")


def test_containment_follows_the_hierarchy():
    index = gazetteer()
    town = next(e for e, _ in index.candidates("Abu Kamal"))
    province = index.entry_of(index.admin1("SY", "Deir ez-Zor"))
    other = index.entry_of(index.admin1("SY", "Idlib"))
    assert index.contains(province, town)
    assert index.contains(index.countries["SY"].entry, town)
    assert not index.contains(other, town)


def test_countries_carry_acleds_names_and_keep_geonames_ones():
    assert gazetteer().countries["PS"].name == "Palestine"
    assert gazetteer().countries["CD"].name == "Democratic Republic of Congo"
    names = {gazetteer().name(entry) for entry, _ in gazetteer().candidates("Palestinian Territory")}
    assert "Palestine" in names


def test_a_country_is_represented_by_its_capital():
    index = gazetteer()
    seat = index.seat(index.countries["KE"].entry)
    assert (index.name(seat), index.country_code(seat)) == ("Nairobi", "KE")


def test_missing_divisions_and_neighbourhoods_are_added():
    assert (best_place("Turkana").kind, best_place("Turkana").country_code) == ("region", "KE")
    assert best_place("Kibera").admin1 == "Nairobi"
    assert best_place("Atacora").country_code == "BJ"  # the common spelling of GeoNames' Atakora


def test_myanmar_regions_are_known_by_the_names_acled_and_the_press_use():
    index = gazetteer()
    names = (("Sagaing", "Sagain"), ("Shan-North", "Shan"), ("Southern Shan", "Shan"), ("Bago-West", "Bago"))
    for name, division in names:
        divisions = [index.place(e) for e, q in index.candidates(name) if q == 1.0 and index.kind(e) == "admin1"]
        assert [(p.country_code, p.name) for p in divisions] == [("MM", division)], name


def test_a_towns_name_with_the_word_city_is_the_town():
    index = gazetteer()
    mosul = [
        (index.name(entry), index.country_code(entry), quality) for entry, quality in index.candidates("Mosul City")
    ]
    assert mosul == [("Mosul", "IQ", 1.0)]
    # A place that bears the whole name is that place, not the town named in it.
    assert {index.name(entry) for entry, _ in index.candidates("Mexico City")} == {"Mexico City"}


@pytest.mark.parametrize(
    ("spelling", "town"),
    [("Moadamiyah", "Muadamiyat al-Sham"), ("Latamneh", "Al-Lataminah"), ("Sheikh Maqsoud", "Sheikh Maqsood")],
)
def test_syrian_towns_that_war_reports_name_are_added(spelling, town):
    index = gazetteer()
    assert [(index.name(entry), index.country_code(entry)) for entry, _ in index.candidates(spelling)] == [(town, "SY")]


def test_iraqi_governorates_are_known_by_their_english_spellings():
    index = gazetteer()
    for spelling, division in (("Nineveh", "Ninawa"), ("Salahuddin", "Salah ad Din")):
        readings = {(index.name(entry), index.kind(entry)) for entry, _ in index.candidates(spelling)}
        assert (division, "admin1") in readings, spelling


def test_an_addition_is_held_by_its_division_under_the_divisions_own_name():
    # additions.tsv writes "Rif Dimashq"; the division is indexed as GeoNames spells it, "Rif-dimashq".
    index = gazetteer()
    ghouta = index.place(next(e for e, _ in index.candidates("Eastern Ghouta")))
    governorate = index.admin1("SY", "Rif Dimashq")
    assert ghouta.admin1 == governorate.admin1
    assert index.contains(index.entry_of(governorate), index.entry_of(ghouta))
