from dataclasses import replace

from warlog.records import Analysis, PlaceMention, Report, Sentence


def counting(calls: list):
    def place_names(analysis: Analysis) -> list[str]:
        calls.append(1)
        return [place.text for place in analysis.places]

    return place_names


def test_a_derived_value_is_computed_once_until_its_annotations_change():
    calls: list = []
    place_names = counting(calls)
    analysis = Analysis(Report("r", "Clashes in Raqqa and Idlib."))
    analysis.places = [PlaceMention(11, 16, "Raqqa", None)]
    assert analysis.derived(place_names) == ["Raqqa"] and analysis.derived(place_names) == ["Raqqa"]
    assert len(calls) == 1
    analysis.places.append(PlaceMention(21, 26, "Idlib", None))  # the same list, grown
    assert analysis.derived(place_names) == ["Raqqa", "Idlib"]
    analysis.places = analysis.places[1:]  # another list
    assert analysis.derived(place_names) == ["Idlib"]
    analysis.report = replace(analysis.report, source="SANA")
    analysis.derived(place_names)
    assert len(calls) == 4


def test_a_copy_with_other_places_derives_its_own_values():
    calls: list = []
    place_names = counting(calls)
    analysis = Analysis(Report("r", "Clashes in Raqqa."), places=[PlaceMention(11, 16, "Raqqa", None)])
    analysis.derived(place_names)
    view = replace(analysis, places=[])
    assert view.derived(place_names) == [] and analysis.derived(place_names) == ["Raqqa"]
    assert len(calls) == 2


def test_sentence_at_finds_the_sentence_holding_an_offset():
    text = "One. Two three.  Four."
    analysis = Analysis(Report("r", text))
    analysis.sentences = [Sentence(0, 0, 4, "One."), Sentence(1, 5, 15, "Two three."), Sentence(2, 17, 22, "Four.")]
    assert [
        analysis.sentence_at(offset).index if analysis.sentence_at(offset) else None
        for offset in (0, 4, 5, 14, 15, 16, 17, 22)
    ] == [0, None, 1, 1, None, None, 2, None]
