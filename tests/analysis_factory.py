"""Hand-built `Analysis` records for the event-stage tests: sentences split on final punctuation,
entities placed where their text first occurs (no spaCy needed)."""

from __future__ import annotations

import re
from datetime import date

from warlog.records import Analysis, Entity, Report, Sentence

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")


def make_analysis(
    text: str, entities: list[tuple[str, str]] = (), published: date | None = date(2020, 5, 9)
) -> Analysis:
    analysis = Analysis(Report("test-report", text, published))
    for match in _SENTENCE.finditer(text):
        start = match.start() + len(match.group()) - len(match.group().lstrip())
        end = match.end()
        if text[start:end].strip():
            analysis.sentences.append(Sentence(len(analysis.sentences), start, end, text[start:end]))
    for entity_text, label in entities:
        start = text.index(entity_text)
        analysis.entities.append(Entity(start, start + len(entity_text), entity_text, label))
    return analysis
