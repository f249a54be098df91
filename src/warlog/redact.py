"""Names of people masked in what warlog hands out (`--redact-persons`, the server's `redact_persons`).

Victims, detainees and witnesses named in a report reach an event's `notes` and `evidence`. A name is a
PERSON span of the language stage's spaCy model, unless the actor dictionary knows the words as a named
group (the small model tags "Boko Haram" PERSON) or they are the event's own place (it tags "Khan
Sheikhun" PERSON too). Names are looked for in the event's own texts and, where the caller can give
them (`ReportTexts`), in the full texts of the reports it came from: the model tags a name in a whole
article that it misses in the one sentence an event keeps. From a full text, only names of two words or
more count that the model tags nowhere in it as anything else, that never follow a place's cue ("in
Khan Tuman") and that are no place in the gazetteer (it tags "Syria" and "Airstrikes" PERSON somewhere
in many articles). A full name's last word is masked
as well where it stands alone ("Meshaal" after "Maher Meshaal"). Every occurrence in the event's notes,
evidence (and the sentences shown with it) and actor columns becomes `[person]`; an actor value is a
group's name and should never be a person's (`warlog.arguments`), so one masked there is a defect made
visible.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import islice
from typing import Any

from warlog.knowledge.actors import person_names

MASK = "[person]"
TEXT_COLUMNS = ("notes",)
ACTOR_COLUMNS = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")
PLACE_COLUMNS = ("location", "admin1", "admin2", "admin3", "country")
EVIDENCE_TEXTS = ("text", "sentence")  # an evidence item's words, and (in the server's detail) its sentence
ROWS_PER_BATCH = 256  # rows whose texts go through the model together
OTHER_LABELS = ("GPE", "LOC", "FAC", "ORG", "NORP")  # a span tagged one of these is no person's name
CUE_WINDOW_CHARS = 40  # how far before a name its place cue is looked for (as `resolve.place_sides`)
REPORTS_REMEMBERED = 4096  # full texts whose names are kept (a server shows the same events again and again)
# The full texts of reports by id (those found among the ids asked for): the store's `report_texts`.
ReportTexts = Callable[[list[str]], dict[str, str]]


def redact_rows(rows: Iterable[dict[str, Any]], report_texts: ReportTexts | None = None) -> Iterator[dict[str, Any]]:
    """Rows (`export.event_record`'s or the store's merged rows, evidence as a list, by field or as
    stored JSON) with person names masked: those in their own texts and, given `report_texts`, those in
    the full texts of their reports."""
    stream = iter(rows)
    while batch := list(islice(stream, ROWS_PER_BATCH)):
        texts = [_texts(row) for row in batch]
        found = _persons({text for row_texts in texts for text in row_texts})
        in_reports: dict[str, frozenset[str]] = {}
        if report_texts is not None:
            wanted = sorted({report_id for row in batch for report_id in _report_ids(row)})
            in_reports = {report_id: _report_persons(text) for report_id, text in report_texts(wanted).items()}
        for row, row_texts in zip(batch, texts, strict=True):
            names = {name for text in row_texts for name in found.get(text, ())}
            names |= {name for report_id in _report_ids(row) for name in in_reports.get(report_id, ())}
            yield redacted(row, names - _places(row))


def redact_text(text: str) -> str:
    """A text (a report shown beside its events) with the names in it masked."""
    return mask(text, _persons({text}).get(text, set()))


def redacted(row: dict[str, Any], names: set[str]) -> dict[str, Any]:
    """The row with every occurrence of `names` masked in its notes, evidence and actors."""
    if not names:
        return row
    out = dict(row)
    for column in (*TEXT_COLUMNS, *ACTOR_COLUMNS):
        if isinstance(out.get(column), str):
            out[column] = mask(out[column], names)
    if isinstance(out.get("evidence"), str):  # as stored: JSON
        evidence = _map_evidence(json.loads(out["evidence"]), lambda item: _masked_item(item, names))
        out["evidence"] = json.dumps(evidence, ensure_ascii=False)
    elif "evidence" in out:
        out["evidence"] = _map_evidence(out["evidence"], lambda item: _masked_item(item, names))
    return out


def mask(text: str, names: set[str]) -> str:
    if not names:
        return text
    # Longest first, so a full name is masked whole rather than leaving its first words.
    pattern = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.sub(rf"(?<!\w)(?:{pattern})(?!\w)", MASK, text)


def _persons(texts: set[str]) -> dict[str, set[str]]:
    """The person names spaCy finds in each text (`knowledge.actors.person_names` of its PERSON spans)."""
    from warlog.language import nlp

    ordered = sorted(text for text in texts if text.strip())
    found: dict[str, set[str]] = {}
    for text, doc in zip(ordered, nlp().pipe(ordered), strict=True):
        names = person_names(entity.text for entity in doc.ents if entity.label_ == "PERSON")
        if names:
            found[text] = names
    return found


@lru_cache(maxsize=REPORTS_REMEMBERED)
def _report_persons(text: str) -> frozenset[str]:
    """The person names of a report's full text (see the module's note on which spans count)."""
    from warlog.knowledge.gazetteer import gazetteer
    from warlog.language import nlp
    from warlog.toponyms.lexicon import cues

    doc = nlp()(text)
    # Names the model also tags as something else, or that follow a place's cue ("in Khan Tuman"), are places.
    not_persons = {entity.text.strip() for entity in doc.ents if entity.label_ in OTHER_LABELS}
    spans = set()
    for entity in doc.ents:
        if entity.label_ != "PERSON":
            continue
        if cues().event_before.search(text[max(0, entity.start_char - CUE_WINDOW_CHARS) : entity.start_char]):
            not_persons.add(entity.text.strip())
        spans.add(entity.text.strip())
    full_names = [
        span
        for span in spans - not_persons
        if len(span.split()) >= 2 and not any(quality == 1.0 for _, quality in gazetteer().candidates(span))
    ]
    return frozenset(person_names(full_names))


def _report_ids(row: dict[str, Any]) -> set[str]:
    """The reports a row came from: its report (an extracted event), those listed (a merged event),
    and those its evidence cites."""
    ids = set(row["report_ids"]) if isinstance(row.get("report_ids"), list) else set()
    if isinstance(row.get("report_id"), str):
        ids.add(row["report_id"])
    return ids | {item["report_id"] for item in _evidence_items(row.get("evidence")) if item.get("report_id")}


def _texts(row: dict[str, Any]) -> list[str]:
    texts = [row[column] for column in TEXT_COLUMNS if isinstance(row.get(column), str)]
    for item in _evidence_items(row.get("evidence")):
        texts += [item[key] for key in EVIDENCE_TEXTS if isinstance(item.get(key), str)]
    return texts


def _places(row: dict[str, Any]) -> set[str]:
    places = {row[column] for column in PLACE_COLUMNS if isinstance(row.get(column), str)}
    places |= {item["text"] for item in _evidence_items(row.get("evidence")) if item.get("field") == "location"}
    return places


def _evidence_items(evidence: Any) -> list[dict[str, Any]]:
    """An event's evidence items, whether a list (one extracted event), lists by field (a merged event)
    or either as stored JSON."""
    if isinstance(evidence, str):
        evidence = json.loads(evidence)
    if isinstance(evidence, dict):
        return [item for items in evidence.values() if isinstance(items, list) for item in items]
    return list(evidence) if isinstance(evidence, list) else []


def _map_evidence(evidence: Any, change: Any) -> Any:
    if isinstance(evidence, dict):
        return {field: [change(item) for item in items] for field, items in evidence.items()}
    return [change(item) for item in evidence] if isinstance(evidence, list) else evidence


def _masked_item(item: Any, names: set[str]) -> Any:
    if not isinstance(item, dict):
        return item
    return {
        key: mask(value, names) if key in EVIDENCE_TEXTS and isinstance(value, str) else value
        for key, value in item.items()
    }
