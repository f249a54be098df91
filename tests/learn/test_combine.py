from __future__ import annotations

from learn_data import trained_model_path  # noqa: F401 (a fixture)

from warlog.learn import combine
from warlog.learn.views import Decision, EventView


def view(text: str, sub_event_type: str | None = "Peaceful protest", confidence: float = 0.8) -> EventView:
    return EventView("r1", text, sub_event_type, confidence)


def test_without_a_model_the_rules_choice_stands_with_full_support():
    combine.use_model(None)
    decision = combine.decide(view("Protesters zorblatted shops in Meru."), "Protests")
    assert decision == Decision("Protests", "Peaceful protest", 1.0)


def test_a_model_overrules_the_rules_only_where_the_coders_did(trained_model_path):  # noqa: F811
    combine.use_model(trained_model_path)
    try:
        overruled = combine.decide(view("On 3 June 2021, protesters zorblatted shops in Lamu, Kenya."), "Protests")
        kept = combine.decide(view("On 3 June 2021, traders protested peacefully in Lamu, Kenya."), "Protests")
    finally:
        combine.use_model(None)
    assert (overruled.event_type, overruled.sub_event_type) == ("Riots", "Violent demonstration")
    assert (kept.event_type, kept.sub_event_type) == ("Protests", "Peaceful protest")
    assert 0.0 < overruled.support < 1.0 and 0.0 < kept.support < 1.0
    assert combine.active_path() is None


def test_an_engine_in_a_block_is_restored_after_it():
    class Always:
        def decide(self, event_view: EventView, event_type: str) -> Decision:
            return Decision("Battles", "Armed clash", 0.5)

    with combine.engine(Always()):
        assert combine.decide(view("x"), "Protests") == Decision("Battles", "Armed clash", 0.5)
    assert combine.decide(view("x"), "Protests") == Decision("Protests", "Peaceful protest", 1.0)
