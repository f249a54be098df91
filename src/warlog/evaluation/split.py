"""Tune and held-out halves of a gold file, so that a rule tuned on one half is reported on the other.

A record's half is decided by a hash of its id alone: the same record is in the same half on every
machine, whatever the file's order or length, and a record added later does not move the others.
Which half rules are tuned on, and which is kept untouched, is said in docs/evaluation.md.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

TUNE = "tune"
HELD_OUT = "held-out"
SPLITS = (TUNE, HELD_OUT)


def split_of(record_id: str) -> str:
    """The half a record belongs to: the parity of the first byte of the SHA-256 of its id (~50/50)."""
    return TUNE if hashlib.sha256(record_id.encode("utf-8")).digest()[0] % 2 == 0 else HELD_OUT


def select(records: Iterable[dict[str, Any]], split: str) -> list[dict[str, Any]]:
    """The records of one half, in their order."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; choose one of {', '.join(SPLITS)}")
    return [record for record in records if split_of(str(record["id"])) == split]
