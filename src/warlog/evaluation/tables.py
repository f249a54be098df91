"""Markdown for the results page: numbers, tables, a result's provenance stamp, the headline table."""

from __future__ import annotations

from typing import Any

from warlog.evaluation.catalogue import HEADLINES


def metric(result: dict[str, Any] | None, path: str) -> Any:
    value: Any = result
    for key in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def fmt(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.3f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def table(header: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(fmt(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def stamp(result: dict[str, Any] | None) -> str:
    if not result:
        return "not measured"
    subset = f", first {result['limit']:,} records" if result.get("limit") else ""
    return f"measured {result.get('measured_at', '?')} on commit `{result.get('commit', '?')}`{subset}"


def headline_table(results: dict[str, dict[str, Any]], speed: dict[str, Any] | None) -> str:
    rows = [
        [headline.label, metric(results.get(headline.evaluation), headline.metric), headline.goal, headline.anchor]
        for headline in HEADLINES
    ]
    for ratio in (speed or {}).get("ratios", []):
        if ratio["system"] == "warlog" and ratio["processes"] == 1:
            rows.append(
                [
                    f"Speed on {ratio['corpus'].replace('_', ' ')}, one core, × spaCy's full parse",
                    f"{ratio['speed_vs_spacy_parse']:.2f}",
                    "≥ 1.00",
                    "",
                ]
            )
    return table(["measure", "warlog", "goal", "published / reference point"], rows)
