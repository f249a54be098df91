from __future__ import annotations

import pytest

pytest.importorskip("sklearn", reason="the learned engine needs the learn extra: pip install 'warlog[learn]'")

from warlog.learn.features import FeatureConfig, Features  # noqa: E402
from warlog.learn.views import EventView  # noqa: E402

LABELS = ("Armed clash", "Peaceful protest")
VIEWS = [
    EventView("a", "Soldiers clashed with rebels in Goma.", "Armed clash", 0.9),
    EventView("b", "Traders protested in Goma.", "Peaceful protest", 0.5),
    EventView("c", "Something happened in Goma.", None, 0.0),
]


def test_the_rules_choice_is_one_hot_and_one_hot_times_its_confidence_or_a_no_rule_column():
    features = Features.fit(FeatureConfig(rule_weight=2.0, min_df=1), LABELS, VIEWS)
    rules = features.transform(VIEWS)[:, -5:].toarray()
    assert rules.tolist() == [[2.0, 0.0, 1.8, 0.0, 0.0], [0.0, 2.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.0, 0.0, 2.0]]


def test_restored_features_give_the_fitted_ones_without_refitting():
    features = Features.fit(FeatureConfig(min_df=1), LABELS, VIEWS)
    restored = Features.restore(features.config, LABELS, features.vocabularies(), features.arrays())
    unseen = [EventView("d", "Rebels clashed with soldiers near Bunia.", "Armed clash", 0.7)]
    assert abs(features.transform(unseen) - restored.transform(unseen)).max() < 1e-6
    assert restored.transform(unseen).shape == features.transform(unseen).shape


def test_the_config_survives_json():
    config = FeatureConfig(word_ngrams=(1, 3), max_chars=10, rule_weight=0.5)
    assert FeatureConfig.from_json(config.to_json()) == config
