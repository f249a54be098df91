"""An event's view as sparse features: word and character n-gram TF-IDF of its text, and the rules'
choice (one-hot, and one-hot times their confidence) so that the model learns where the rules are right.

scikit-learn's vectorisers do the counting; only their vocabulary and IDF weights are kept, as arrays,
so a model file needs no pickle.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from warlog.learn.views import EventView


@dataclass(frozen=True, slots=True)
class FeatureConfig:
    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (2, 5)
    max_words: int = 40_000
    max_chars: int = 60_000
    min_df: int = 2
    rule_weight: float = 1.0  # scale of the rules' columns next to the unit-length TF-IDF blocks

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FeatureConfig:
        data = dict(data)
        for name in ("word_ngrams", "char_ngrams"):
            data[name] = tuple(data[name])
        return cls(**data)


class Features:
    """Fitted vectorisers plus the label set the rules' columns are indexed by."""

    def __init__(self, config: FeatureConfig, labels: Sequence[str], words: TfidfVectorizer, chars: TfidfVectorizer):
        self.config = config
        self.labels = tuple(labels)
        self._index = {label: position for position, label in enumerate(self.labels)}
        self.words = words
        self.chars = chars

    @classmethod
    def fit(cls, config: FeatureConfig, labels: Sequence[str], views: Sequence[EventView]) -> Features:
        texts = [view.text for view in views]
        words = _word_vectoriser(config, min_df=min(config.min_df, len(texts)), max_features=config.max_words)
        chars = _char_vectoriser(config, min_df=min(config.min_df, len(texts)), max_features=config.max_chars)
        words.fit(texts)
        chars.fit(texts)
        return cls(config, labels, words, chars)

    def transform(self, views: Sequence[EventView]) -> sparse.csr_matrix:
        texts = [view.text for view in views]
        return sparse.hstack(
            [self.words.transform(texts), self.chars.transform(texts), self._rule_columns(views)], format="csr"
        )

    def _rule_columns(self, views: Sequence[EventView]) -> sparse.csr_matrix:
        """Per label: the rules chose it; the rules chose it times their confidence. Last: no rule event."""
        count = len(self.labels)
        rows, columns, values = [], [], []
        for row, view in enumerate(views):
            position = self._index.get(view.sub_event_type or "")
            if position is None:
                rows.append(row)
                columns.append(2 * count)
                values.append(self.config.rule_weight)
                continue
            rows += [row, row]
            columns += [position, count + position]
            values += [self.config.rule_weight, self.config.rule_weight * view.confidence]
        return sparse.csr_matrix((values, (rows, columns)), shape=(len(views), 2 * count + 1), dtype=np.float64)

    def arrays(self) -> dict[str, np.ndarray]:
        return {
            "word_idf": self.words.idf_.astype(np.float32),
            "char_idf": self.chars.idf_.astype(np.float32),
        }

    def vocabularies(self) -> dict[str, list[str]]:
        return {
            "words": self.words.get_feature_names_out().tolist(),
            "chars": self.chars.get_feature_names_out().tolist(),
        }

    @classmethod
    def restore(
        cls, config: FeatureConfig, labels: Sequence[str], vocabularies: dict[str, list[str]], arrays: dict
    ) -> Features:
        words = _word_vectoriser(config, vocabulary=vocabularies["words"])
        chars = _char_vectoriser(config, vocabulary=vocabularies["chars"])
        words.idf_ = arrays["word_idf"].astype(np.float64)
        chars.idf_ = arrays["char_idf"].astype(np.float64)
        return cls(config, labels, words, chars)


def _word_vectoriser(config: FeatureConfig, **options: Any) -> TfidfVectorizer:
    return TfidfVectorizer(ngram_range=config.word_ngrams, sublinear_tf=True, lowercase=True, **options)


def _char_vectoriser(config: FeatureConfig, **options: Any) -> TfidfVectorizer:
    return TfidfVectorizer(analyzer="char_wb", ngram_range=config.char_ngrams, sublinear_tf=True, **options)
