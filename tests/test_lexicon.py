import re

from warlog.lexicon import alternations, word_alternation, word_class


def test_alternations_group_phrases_by_label():
    roles = alternations("lexicon/place_roles.tsv", "role")
    # "left for" and "leaving for" are destinations; the longest phrase is tried first.
    destination = re.compile(rf"\b(?:{roles['destination']})\s+$", re.IGNORECASE)
    assert destination.search("before it left for ") and destination.search("a bus leaving for ")
    assert not destination.search("they said ")
    # A multi-word phrase is matched whole.
    assert destination.search("killed on his way to ").group(0).startswith("on his way to")
    assert roles["no such role"] == ""  # a label with no rows matches nothing added to a pattern


def test_a_word_class_keeps_the_files_order_and_its_alternation_matches_words_literally():
    assert word_class("passive_auxiliary")[:2] == ("was", "were")
    assert word_class("no such class") == ()
    alternation = re.compile(rf"^(?:{word_alternation(('taken into', '&'))})$")
    assert alternation.match("taken into") and alternation.match("&") and not alternation.match("takenXinto")
