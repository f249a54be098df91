from warlog.knowledge.regions import acled_region


def test_acled_regions():
    assert acled_region("SY") == "Middle East"
    assert acled_region("tr") == "Middle East"
    assert acled_region("KE") == "Eastern Africa"
    assert acled_region("BD") == "South Asia"
    assert acled_region("MX") == "Central America"
    assert acled_region("AZ") == "Caucasus and Central Asia"
    assert acled_region(None) is None and acled_region("XX") is None
