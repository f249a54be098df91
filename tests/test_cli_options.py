import inspect

import pytest
import typer

from warlog.cli.options import FILTER_OPTIONS, filtered


def test_a_filtered_command_takes_the_filter_options_in_place_of_where_and_receives_one_filter():
    received = {}

    def command(*, db: str | None = None, where: object, limit: int | None = None) -> None:
        received.update(db=db, where=where, limit=limit)

    wrapped = filtered(command)
    assert list(inspect.signature(wrapped).parameters) == ["db", *FILTER_OPTIONS, "limit"]
    options = {name: default for name, (_, default) in FILTER_OPTIONS.items()}
    wrapped(db="x.duckdb", limit=5, **options | {"country": "Syria", "event_type": ["Battles"], "start": "2020-01-02"})
    where = received["where"]
    assert (received["db"], received["limit"]) == ("x.duckdb", 5)
    assert (where.country, where.event_type, str(where.start)) == ("Syria", ["Battles"], "2020-01-02")


def test_a_bad_filter_value_names_its_option():
    wrapped = filtered(lambda *, where: None)
    options = {name: default for name, (_, default) in FILTER_OPTIONS.items()}
    with pytest.raises(typer.BadParameter) as error:
        wrapped(**options | {"start": "2020-13-01"})
    assert error.value.param_hint == "--start"
