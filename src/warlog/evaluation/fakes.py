"""Score predicted events against FA-KES's crowd coding of Syrian war articles (docs/evaluation.md).

FA-KES gives one coded incident per article: its date, its city (lower-case, one transliteration:
"deir ezzor", "hasakeh"; a label may cover a governorate besides its own, `fakes_locations.tsv`), and
the people killed (civilians and non-civilians; children and women are counted among the civilians).
An article's most confident predicted event stands for that incident, its date, place and fatalities;
an article with no prediction counts as wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from warlog.evaluation.events import most_confident, share
from warlog.knowledge.gazetteer import gazetteer
from warlog.knowledge.spelling import fold
from warlog.lexicon import read_table

KILLED_TOLERANCE = 0.2  # "within 20%" of the crowd's count

PlaceIdentities = Callable[[str], set[str]]


def score(
    gold_records: Iterable[dict[str, Any]],
    pred: dict[str, list[dict[str, Any]]],
    place_identities: PlaceIdentities | None = None,
) -> dict[str, Any]:
    identities = place_identities or gazetteer_identities
    outcomes: list[dict[str, bool]] = []
    for record in gold_records:
        gold = record["gold"]
        predicted = pred.get(record["id"], [])
        primary = most_confident(predicted)
        killed = (gold.get("civilians_killed") or 0) + (gold.get("noncivilians_killed") or 0)
        toll = primary.get("fatalities") if primary is not None else None
        outcomes.append(
            {
                "predicted": primary is not None,
                "date_exact": primary is not None and str(primary.get("event_date"))[:10] == gold["event_date"],
                "place": primary is not None and same_place(gold["location"], primary, identities),
                "place_strict": primary is not None and same_place(gold["location"], primary, identities, strict=True),
                "killed_exact": toll == killed,
                "killed_within_20pct": toll is not None and abs(toll - killed) <= KILLED_TOLERANCE * killed,
            }
        )
    return {
        "articles": len(outcomes),
        "predicted": sum(outcome["predicted"] for outcome in outcomes),
        **{
            metric: share(outcome[metric] for outcome in outcomes)
            for metric in ("date_exact", "place", "place_strict", "killed_exact", "killed_within_20pct")
        },
    }


def same_place(gold_name: str, predicted: dict[str, Any], identities: PlaceIdentities, strict: bool = False) -> bool:
    """The gold city is the predicted location or its first-level division (FA-KES codes a village's
    incident to its governorate's city), under any of the gazetteer's names for them; not `strict`, a
    label also stands for the governorates `fakes_locations.tsv` gives it ("damascus" for Rif Dimashq).
    An event placed only in its country names no city: the capital it is pinned at is not its place."""
    if predicted.get("location") and fold(predicted["location"]) == fold(predicted.get("country") or ""):
        return False
    gold_identities = identities(gold_name)
    if not strict:
        for governorate in _covered_governorates().get(fold(gold_name), ()):
            gold_identities = gold_identities | identities(governorate)
    return any(
        gold_identities & identities(predicted[field]) for field in ("location", "admin1") if predicted.get(field)
    )


@cache
def _covered_governorates() -> dict[str, tuple[str, ...]]:
    """FA-KES label -> the governorates it covers besides its own (`data/evaluation/fakes_locations.tsv`)."""
    covered: dict[str, tuple[str, ...]] = {}
    for row in read_table("evaluation/fakes_locations.tsv"):
        covered[fold(row["label"])] = (*covered.get(fold(row["label"]), ()), row["governorate"])
    return covered


def gazetteer_identities(name: str) -> set[str]:
    """What a place name may denote: its folded spelling, and every gazetteer entry (city or division)
    known under that name, one of its alternate names or a transliteration of them."""
    return {f"name:{fold(name)}"} | {f"entry:{entry}" for entry, _ in gazetteer().candidates(name)}
