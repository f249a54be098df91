from __future__ import annotations

import hashlib
import json

import numpy as np
import pytest
from learn_data import trained_model_path, write_coded  # noqa: F401 (a fixture)

from warlog.learn.model import FORMAT, VERSION, Combination, ModelError, TypingModel, combined
from warlog.learn.training import COMBINATIONS
from warlog.learn.views import EventView

VIEWS = [
    EventView("a", "On 2 June 2021, protesters zorblatted shops in Lamu, Kenya.", "Peaceful protest", 0.9),
    EventView("b", "On 2 June 2021, police clashed with bandits in Lamu, Kenya.", "Armed clash", 0.9),
]


def test_the_file_describes_itself_and_loads_without_pickle(trained_model_path, tmp_path):  # noqa: F811
    with np.load(trained_model_path, allow_pickle=False) as archive:
        header = json.loads(archive["header"].tobytes().decode("utf-8"))
        assert all(array.dtype != object for array in (archive[name] for name in archive.files))
    assert (header["format"], header["version"]) == (FORMAT, VERSION)
    assert header["labels"] == ["Armed clash", "Peaceful protest", "Violent demonstration"]
    assert header["training"]["notes"] == 30
    coded = write_coded(tmp_path / "coded.jsonl")  # the same notes, written the same way
    assert header["training"]["sha256"] == hashlib.sha256(coded.read_bytes()).hexdigest()
    counts = header["training"]["label_counts"]
    assert counts == {"Peaceful protest": 10, "Armed clash": 10, "Violent demonstration": 10}
    cross_validation = header["cross_validation"]
    assert cross_validation["folds"] == 3 and cross_validation["notes"] == 30
    assert cross_validation["by"] == "report"  # the made-up notes name no collection
    assert set(cross_validation["scores"]) == {"rules", "model", "rules+model"}
    assert Combination(**header["combination"]) in COMBINATIONS


def test_a_saved_model_predicts_as_it_did_before_saving(trained_model_path, tmp_path):  # noqa: F811
    model = TypingModel.load(trained_model_path)
    again = tmp_path / "again.npz"
    model.save(again)
    assert np.allclose(TypingModel.load(again).probabilities(VIEWS), model.probabilities(VIEWS), atol=1e-6)
    probabilities = model.probabilities(VIEWS)
    assert np.allclose(probabilities.sum(axis=1), 1.0)
    assert [model.labels[i] for i in probabilities.argmax(axis=1)] == ["Violent demonstration", "Armed clash"]


def test_a_file_that_is_no_model_is_named_in_the_error(tmp_path):
    text = tmp_path / "notes.npz"
    text.write_text("not an archive", encoding="utf-8")
    with pytest.raises(ModelError, match="notes.npz: not a warlog model file"):
        TypingModel.load(text)
    other = tmp_path / "other.npz"
    np.savez(other, weights=np.zeros(3))
    with pytest.raises(ModelError, match="other.npz: not a warlog model file \\(no char_idf"):
        TypingModel.load(other)
    with pytest.raises(ModelError, match="missing.npz: no such model file"):
        TypingModel.load(tmp_path / "missing.npz")


def test_a_newer_format_version_is_refused_by_name(trained_model_path, tmp_path):  # noqa: F811
    with np.load(trained_model_path, allow_pickle=False) as archive:
        arrays = {name: archive[name] for name in archive.files}
    header = json.loads(arrays["header"].tobytes().decode("utf-8")) | {"version": VERSION + 1}
    arrays["header"] = np.frombuffer(json.dumps(header).encode("utf-8"), dtype=np.uint8)
    newer = tmp_path / "newer.npz"
    np.savez(newer, **arrays)
    with pytest.raises(ModelError, match=f"newer.npz: model format version {VERSION + 1}"):
        TypingModel.load(newer)


LABELS = ("Armed clash", "Peaceful protest", "Violent demonstration")
SURE_OF_PROTEST = np.array([0.05, 0.05, 0.9])  # the model's probabilities: a violent demonstration


def protest(confidence: float, deaths: int = 0) -> EventView:
    return EventView("r", "Protesters zorblatted shops.", "Peaceful protest", confidence, deaths)


def test_the_model_overrides_rules_unsure_of_their_type_where_it_reaches_the_threshold():
    decision = combined(LABELS, SURE_OF_PROTEST, protest(0.7), "Protests", Combination(0.5, 0.85))
    assert (decision.event_type, decision.sub_event_type, decision.support) == ("Riots", "Violent demonstration", 0.9)
    kept = combined(LABELS, SURE_OF_PROTEST, protest(0.7), "Protests", Combination(0.95, 0.85))
    assert (kept.sub_event_type, kept.support) == ("Peaceful protest", 0.05)


def test_the_rules_type_stands_where_the_rules_are_sure_of_it():
    decision = combined(LABELS, SURE_OF_PROTEST, protest(0.9), "Protests", Combination(0.5, 0.85))
    assert (decision.event_type, decision.sub_event_type) == ("Protests", "Peaceful protest")


def test_an_event_with_deaths_is_never_moved_to_a_type_that_owns_none():
    clash = EventView("r", "Two were killed as police fought gunmen.", "Armed clash", 0.5, 2)
    calls_it_a_protest = np.array([0.1, 0.85, 0.05])
    kept = combined(LABELS, calls_it_a_protest, clash, "Battles", Combination(0.5, 0.85))
    assert (kept.event_type, kept.sub_event_type) == ("Battles", "Armed clash")
    riot = combined(LABELS, SURE_OF_PROTEST, protest(0.5, deaths=3), "Protests", Combination(0.5, 0.85))
    assert riot.sub_event_type == "Violent demonstration"  # a riot owns its deaths: the move is allowed
    no_deaths = EventView("r", "Police fought gunmen.", "Armed clash", 0.5)
    assert combined(LABELS, calls_it_a_protest, no_deaths, "Battles", Combination(0.5, 0.85)).sub_event_type == (
        "Peaceful protest"
    )


def test_the_model_types_events_the_rules_found_and_makes_none():
    nothing = EventView("r", "Protesters zorblatted shops.", None, 0.0)
    assert combined(LABELS, SURE_OF_PROTEST, nothing, "", Combination(0.5, 1.0)).sub_event_type == ""
