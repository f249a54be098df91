from warlog.taxonomy import INTER_LABELS, civilian_targeting, disorder_type, sub_event_types, taxonomy


def test_the_codebook_has_25_sub_event_types_under_6_event_types():
    assert len(taxonomy()) == 25
    assert list(sub_event_types()) == [
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Protests",
        "Riots",
        "Strategic developments",
    ]
    assert disorder_type("Riots", "Mob violence") == "Political violence; Demonstrations"


def test_civilian_targeting_marks_violence_against_civilians_only():
    assert civilian_targeting("Explosions/Remote violence", 7) == "Civilian targeting"
    assert civilian_targeting("Protests", 7) is None
    assert civilian_targeting("Battles", 2) is None
    assert INTER_LABELS[7] == "Civilians" and len(INTER_LABELS) == 8
