import pytest

from warlog.evaluation.split import HELD_OUT, SPLITS, TUNE, select, split_of


def test_a_record_is_always_in_the_same_half_whatever_the_file_order():
    records = [{"id": f"fakes-{n}"} for n in range(400)]
    tune = select(records, TUNE)
    assert [r["id"] for r in select(list(reversed(records)), TUNE)] == [r["id"] for r in reversed(tune)]
    assert split_of("fakes-1914947537") == split_of("fakes-1914947537")


def test_the_halves_part_the_file_about_evenly():
    records = [{"id": f"ged-{n}"} for n in range(2000)]
    tune, held_out = select(records, TUNE), select(records, HELD_OUT)
    assert len(tune) + len(held_out) == len(records)
    assert not {r["id"] for r in tune} & {r["id"] for r in held_out}
    assert 900 < len(tune) < 1100
    assert set(SPLITS) == {TUNE, HELD_OUT}


def test_an_unknown_half_is_refused():
    with pytest.raises(ValueError, match="unknown split"):
        select([{"id": "a"}], "test")
