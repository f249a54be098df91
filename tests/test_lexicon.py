import re

from warlog.lexicon import alternations


def test_alternations_group_phrases_by_label():
    roles = alternations("lexicon/place_roles.tsv", "role")
    # "left for" and "leaving for" are destinations; the longest phrase is tried first.
    destination = re.compile(rf"\b(?:{roles['destination']})\s+$", re.IGNORECASE)
    assert destination.search("before it left for ") and destination.search("a bus leaving for ")
    assert not destination.search("they said ")
    # A multi-word phrase is matched whole.
    assert destination.search("killed on his way to ").group(0).startswith("on his way to")
    assert roles["no such role"] == ""  # a label with no rows matches nothing added to a pattern
