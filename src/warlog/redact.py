"""Names of people masked in what warlog hands out (`--redact-persons`, the server's `redact_persons`).

Victims, detainees and witnesses named in a report reach an event's `notes` and `evidence`. A name is a
PERSON span of the language stage's spaCy model, found in the event's own texts, unless the actor
dictionary knows the words as a named group (the small model tags "Boko Haram" PERSON) or they are the
event's own place (it tags "Khan Sheikhun" PERSON too). A full name's last word is masked as well where
it stands alone ("Meshaal" after "Maher Meshaal"). Every occurrence in the event's notes, evidence (and
the sentences shown with it) and actor columns becomes `[person]`; an actor value is a group's name and
should never be a person's (`warlog.arguments`), so one masked there is a defect made visible.

The model reads each event's texts without the rest of its report, so a name standing alone in a short
evidence span with nothing around it may go unseen; the notes sentence usually names it in full.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from warlog.knowledge.actors import person_names

MASK = "[person]"
TEXT_COLUMNS = ("notes",)
ACTOR_COLUMNS = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")
PLACE_COLUMNS = ("location", "admin1", "admin2", "admin3", "country")
EVIDENCE_TEXTS = ("text", "sentence")  # an evidence item's words, and (in the server's detail) its sentence
ROWS_PER_BATCH = 256  # rows whose texts go through the model together


def redact_rows(rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Rows (`export.event_record`'s or the store's merged rows, evidence as a list or by field) with
    person names masked."""
    stream = iter(rows)
    while batch := list(islice(stream, ROWS_PER_BATCH)):
        texts = [_texts(row) for row in batch]
        found = _persons({text for row_texts in texts for text in row_texts})
        for row, row_texts in zip(batch, texts, strict=True):
            names = {name for text in row_texts for name in found.get(text, ())} - _places(row)
            yield redacted(row, names)


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
    if "evidence" in out:
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
    """An event's evidence items, whether a list (one extracted event) or lists by field (a merged event)."""
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
