import tokenize
from pathlib import Path

from warlog import taxonomy as taxonomy_module
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


def _acled_names() -> set[str]:
    return {name for pair in taxonomy() for name in pair}


def test_each_acled_type_name_has_one_constant_spelled_as_taxonomy_tsv_spells_it():
    constants = {value for key, value in vars(taxonomy_module).items() if key.isupper() and isinstance(value, str)}
    assert constants == _acled_names()


def test_no_module_but_taxonomy_spells_an_acled_type_name():
    names = _acled_names()
    package = Path(taxonomy_module.__file__).parent
    spelled = set()
    for path in package.rglob("*.py"):
        if path.name == "taxonomy.py" and path.parent == package:
            continue
        with path.open(encoding="utf-8") as source:
            for token in tokenize.generate_tokens(source.readline):
                if token.type == tokenize.STRING and token.string[:1] in "\"'" and token.string[1:-1] in names:
                    spelled.add((path.relative_to(package).as_posix(), token.string))
    assert spelled == set()
