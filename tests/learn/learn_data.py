"""Coded notes made up for the learned engine's tests: the rules type peaceful protests and clashes right,
but call the made-up verb "zorblatted" a peaceful protest where the coders say violent demonstration,
so a model that learns from the coders must overrule the rules there, and only there."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("sklearn", reason="the learned engine needs the learn extra: pip install 'warlog[learn]'")

TOWNS = ("Nairobi", "Mombasa", "Kisumu", "Nakuru", "Eldoret", "Garissa", "Machakos", "Nyeri", "Meru", "Thika")
KINDS = {
    "p": ("traders protested peacefully in {town}, Kenya, against new taxes.", "Protests", "Peaceful protest"),
    "c": ("police clashed with armed bandits in {town}, Kenya. Two bandits were killed.", "Battles", "Armed clash"),
    "z": ("protesters zorblatted shops in {town}, Kenya.", "Riots", "Violent demonstration"),
}


def coded_records() -> list[dict]:
    records = []
    for day, town in enumerate(TOWNS, start=1):
        for kind, (sentence, event_type, sub_event_type) in KINDS.items():
            records.append(
                {
                    "id": f"{kind}{day}",
                    "text": f"On {day} May 2021, " + sentence.format(town=town),
                    "events": [{"event_type": event_type, "sub_event_type": sub_event_type}],
                }
            )
    return records


def write_coded(path: Path) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in coded_records()), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def trained_model_path(tmp_path_factory) -> Path:
    """A model trained once per session on the made-up notes (3 folds)."""
    from conftest import no_time_budget
    from warlog.learn.training import train

    folder = tmp_path_factory.mktemp("model")
    with no_time_budget():
        model = train(write_coded(folder / "coded.jsonl"), 3, lambda items, total, label: items)
    path = folder / "model.npz"
    model.save(path)
    return path
