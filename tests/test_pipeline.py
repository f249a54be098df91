"""The stages' declarations (`pipeline.STAGES`): each stage writes only the parts of the `Analysis` it
declares, so none rewrites what an earlier stage wrote, and reads only what the report or an earlier
stage gives."""

from __future__ import annotations

import copy
import json
from dataclasses import fields
from datetime import date
from pathlib import Path

import pytest

from warlog import language
from warlog.pipeline import LANGUAGE_WRITES, STAGES, Stage
from warlog.records import Analysis, EventMention, Report

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "reports.jsonl"
# Beside the bundled sample: a detention a ruling group makes (coding codes it as an arrest), a country-level
# event folded into a town's, deaths told twice and told as more, a protest.
TEXTS = [
    "Islamic State fighters control Bukamal. On Monday the group detained the head of its own police in Bukamal.",
    "Air strikes in Syria killed 12 people on Monday. The strikes hit Kafr Takharim in Idlib province, killing 12 "
    "civilians. Two children were also killed.",
    "Hundreds of traders protested in Kisumu on Tuesday over new taxes. Police fired tear gas and arrested five.",
]


def _reports() -> list[Report]:
    sample = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    found = [Report(r["id"], r["text"], date.fromisoformat(r["published"])) for r in sample]
    return found + [Report(f"text-{i}", text, date(2015, 11, 18)) for i, text in enumerate(TEXTS)]


def _changed(before: Analysis, after: Analysis) -> set[str]:
    """The parts of `after` that differ from `before`: Analysis fields, and "mentions.<field>" for a field
    of an event mention when the mentions themselves are the same ones. A field left out of comparison
    (`compare=False`: the per-report cache of derived indexes) is no part a stage writes."""
    changed = {
        f.name
        for f in fields(Analysis)
        if f.compare and f.name != "mentions" and getattr(before, f.name) != getattr(after, f.name)
    }
    if len(before.mentions) != len(after.mentions):
        return changed | {"mentions"}
    for old, new in zip(before.mentions, after.mentions, strict=True):
        changed |= {f"mentions.{f.name}" for f in fields(EventMention) if getattr(old, f.name) != getattr(new, f.name)}
    return changed


def _allowed(stage: Stage) -> set[str]:
    allowed = set(stage.writes)
    if "mentions" in allowed:  # the stage that makes the mentions writes all of their fields
        allowed |= {f"mentions.{f.name}" for f in fields(EventMention)}
    return allowed


@pytest.fixture(scope="module")
def writes() -> list[tuple[str, set[str]]]:
    """(stage, the parts it changed) for every stage on every report."""
    found = []
    for report in _reports():
        analysis = Analysis(report)
        language.annotate(analysis)
        for stage in STAGES:
            before = copy.deepcopy(analysis)
            stage.annotate(analysis)
            found.append((stage.name, _changed(before, analysis)))
    return found


def test_each_stage_writes_only_what_it_declares(writes):
    declared = {stage.name: _allowed(stage) for stage in STAGES}
    undeclared = {(name, part) for name, changed in writes for part in changed - declared[name]}
    assert undeclared == set()


def test_each_declared_write_happens_on_some_report(writes):
    done = {(name, part) for name, changed in writes for part in changed}
    assert {(stage.name, part) for stage in STAGES for part in stage.writes} <= done


def test_a_stage_rewriting_an_earlier_stages_field_is_caught():
    analysis = Analysis(Report("r", "Gunmen killed two soldiers in Gao."))
    language.annotate(analysis)
    for stage in STAGES[:3]:
        stage.annotate(analysis)
    before = copy.deepcopy(analysis)
    analysis.mentions[0].event_type = "Strategic developments"
    assert _changed(before, analysis) == {"mentions.event_type"}


def test_each_part_has_one_writer_and_is_read_only_after_it_is_written():
    written = ["report", *LANGUAGE_WRITES]
    for stage in STAGES:
        assert set(stage.reads) <= {part.split(".")[0] for part in written}, stage.name
        assert not set(stage.writes) & set(written), stage.name
        written += stage.writes
