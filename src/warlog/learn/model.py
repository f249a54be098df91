"""A trained typing model in one self-describing file, read without pickle.

The file is a NumPy `.npz` archive (written with `allow_pickle=False`, read the same way) holding:
- `header`: UTF-8 JSON — `format`, `version`, the label set, the feature configuration, the combination
  (`threshold`, `rules_sure_at`), the training data (file name, SHA-256, notes, label counts) and the
  cross-validated scores;
- `vocabularies`: UTF-8 JSON of the word and character n-gram vocabularies;
- `word_idf`, `char_idf`, `coef` (labels × features) and `intercept`: the weights, float32.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from warlog.learn.features import FeatureConfig, Features
from warlog.learn.views import Decision, EventView
from warlog.resolve.fatalities import counts_deaths
from warlog.taxonomy import taxonomy

FORMAT = "warlog-typing-model"
VERSION = 2  # 2: the combination's `rules_sure_at` and the deaths guard (version 1 let the model re-type any event)


class ModelError(ValueError):
    """A model file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True, slots=True)
class Combination:
    """How far the model is trusted over the rules (both tuned by cross-validation in `warlog train`)."""

    threshold: float = 1.0  # the model's probability for another type must reach this (1.0: hardly ever)
    rules_sure_at: float = 0.0  # the rules' type stands where their confidence reaches this (0.0: always)

    def to_json(self) -> dict[str, float]:
        return {"threshold": self.threshold, "rules_sure_at": self.rules_sure_at}


@dataclass
class TypingModel:
    features: Features
    coef: np.ndarray  # labels × features
    intercept: np.ndarray
    combination: Combination
    info: dict[str, Any]  # training data and cross-validated scores, as written in the header

    @property
    def labels(self) -> tuple[str, ...]:
        return self.features.labels

    def probabilities(self, views: Sequence[EventView]) -> np.ndarray:
        scores = self.features.transform(views) @ self.coef.T + self.intercept
        scores = np.asarray(scores, dtype=np.float64)
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def decide(self, view: EventView, event_type: str) -> Decision:
        return combined(self.labels, self.probabilities([view])[0], view, event_type, self.combination)

    def header(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "labels": list(self.labels),
            "features": self.features.config.to_json(),
            "combination": self.combination.to_json(),
            **self.info,
        }

    def save(self, path: Path) -> None:
        arrays = self.features.arrays() | {
            "header": _json_bytes(self.header()),
            "vocabularies": _json_bytes(self.features.vocabularies()),
            "coef": self.coef.astype(np.float32),
            "intercept": self.intercept.astype(np.float32),
        }
        with path.open("wb") as stream:  # np.savez_compressed would add ".npz" to a path without it
            np.savez_compressed(stream, **arrays)

    @classmethod
    def load(cls, path: Path) -> TypingModel:
        try:
            with np.load(path, allow_pickle=False) as archive:
                arrays = {name: archive[name] for name in archive.files}
        except FileNotFoundError as error:
            raise ModelError(f"{path}: no such model file") from error
        except (OSError, ValueError, zipfile.BadZipFile) as error:
            raise ModelError(f"{path}: not a warlog model file (expected a .npz archive: {error})") from error
        missing = {"header", "vocabularies", "coef", "intercept", "word_idf", "char_idf"} - set(arrays)
        if missing:
            raise ModelError(f"{path}: not a warlog model file (no {', '.join(sorted(missing))})")
        header = json.loads(arrays["header"].tobytes().decode("utf-8"))
        if header.get("format") != FORMAT:
            raise ModelError(f"{path}: not a warlog model file (format {header.get('format')!r})")
        if header.get("version") != VERSION:
            raise ModelError(f"{path}: model format version {header.get('version')}, this warlog reads {VERSION}")
        unknown = [label for label in header["labels"] if label not in _parents()]
        if unknown:
            raise ModelError(f"{path}: sub-event types outside ACLED's taxonomy: {', '.join(unknown)}")
        config = FeatureConfig.from_json(header["features"])
        vocabularies = json.loads(arrays["vocabularies"].tobytes().decode("utf-8"))
        features = Features.restore(config, header["labels"], vocabularies, arrays)
        info = {key: value for key, value in header.items() if key not in ("format", "version", "labels", "features")}
        combination = Combination(**info.pop("combination"))
        return cls(features, arrays["coef"], arrays["intercept"], combination, info)


def combined(
    labels: Sequence[str], probabilities: np.ndarray, view: EventView, event_type: str, combination: Combination
) -> Decision:
    """The rules' type unless the model is trusted over it: the model adds to the rules, it does not replace them.

    The rules' type stands where they are sure of it (confidence at `rules_sure_at` or more: on notes of
    collections it never read, the model is wrong more often than such rules). Else the model's most
    probable type replaces it where that reaches `threshold`, among the types an event of this one's
    deaths may take: an event with deaths is never moved to a type that owns none (a protest, a strategic
    development), since that would erase its deaths."""
    rules = view.sub_event_type or ""
    kept = Decision(event_type, rules, float(probabilities[labels.index(rules)]) if rules in labels else 0.0)
    if not rules or view.confidence >= combination.rules_sure_at:  # the model types events, it makes none
        return kept
    parents = _parents()
    allowed = [
        position
        for position, label in enumerate(labels)
        if label == rules or view.deaths == 0 or counts_deaths(parents[label], label)
    ]
    best = max(allowed, key=lambda position: probabilities[position])
    if labels[best] != rules and probabilities[best] >= combination.threshold:
        return Decision(parents[labels[best]], labels[best], float(probabilities[best]))
    return kept


def _parents() -> dict[str, str]:
    """Sub-event type -> its event type (ACLED's taxonomy)."""
    return {sub: event_type for event_type, sub in taxonomy()}


def _json_bytes(data: Any) -> np.ndarray:
    return np.frombuffer(json.dumps(data, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)
