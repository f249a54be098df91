"""The results page's charts (matplotlib, the `report` extra), each saved as a PNG that carries its own
provenance, into the folder the caller names."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from warlog.evaluation.tables import metric, stamp


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _save(figure, images: Path, name: str, caption: str) -> str:
    """Save a figure with its provenance written into it; return the Markdown that shows it."""
    # Above the plot, wrapped to the figure's width, so that the PNG carries its provenance alone.
    width_chars = int(figure.get_figwidth() * 17)
    figure.text(0.0, 1.0, textwrap.fill(caption, width_chars), fontsize=7, color="#555555", va="bottom")
    images.mkdir(parents=True, exist_ok=True)
    figure.savefig(images / f"{name}.png", dpi=110, bbox_inches="tight")
    _pyplot().close(figure)
    return f"![{name}](img/{name}.png)\n\n*{caption}*\n"


def confusion_chart(result: dict[str, Any], images: Path) -> str:
    """Sub-event types, gold rows against predicted columns, each row normalised to its gold count."""
    plt = _pyplot()
    confusion = result["single_event"]["sub_event_type"]["confusion"]
    gold_labels = sorted(confusion, key=lambda label: -sum(confusion[label].values()))
    predicted = {label for row in confusion.values() for label in row}
    columns = gold_labels + sorted(predicted - set(gold_labels))
    shares = [[confusion[g].get(p, 0) / max(1, sum(confusion[g].values())) for p in columns] for g in gold_labels]
    figure, axes = plt.subplots(figsize=(0.42 * len(columns) + 4, 0.36 * len(gold_labels) + 3))
    image = axes.imshow(shares, cmap="Blues", vmin=0, vmax=1, aspect="auto")
    axes.set_xticks(range(len(columns)), columns, rotation=60, ha="right", fontsize=8)
    axes.set_yticks(
        range(len(gold_labels)),
        [f"{g} ({sum(confusion[g].values())})" for g in gold_labels],
        fontsize=8,
    )
    for row, values in enumerate(shares):
        for column, value in enumerate(values):
            if value >= 0.01:
                colour = "white" if value > 0.6 else "black"
                axes.text(column, row, f"{value:.2f}"[1:] if value < 1 else "1", ha="center", va="center",
                          fontsize=6, color=colour)  # fmt: skip
    axes.set_xlabel("predicted (most confident event)")
    axes.set_ylabel("gold sub-event type (reports)")
    axes.set_title("Sub-event types on single-event ACLED notes (row shares)")
    figure.colorbar(image, ax=axes, fraction=0.025)
    return _save(figure, images, "subevent_confusion", f"Data: ACLED notes dev, single-event reports; {stamp(result)}.")


def place_error_chart(results: dict[str, dict[str, Any]], images: Path) -> str | None:
    """Cumulative share of places within a distance, for event places and for toponyms."""
    series = {}
    measured = []
    events = metric(results.get("acled_dev"), "single_event")
    if events:
        series[f"ACLED notes: event place ({events['reports']:,} reports)"] = (
            events["place_errors_km"],
            events["reports"],
        )
        measured.append("acled_dev")
    for name, label in (("lgl", "LGL toponyms"), ("geovirus", "GeoVirus toponyms")):
        result = results.get(name)
        if result and result.get("errors_km") is not None:
            series[f"{label} ({result['gold_toponyms']:,})"] = (result["errors_km"], result["gold_toponyms"])
            measured.append(name)
    if not series:
        return None
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(7.5, 4.2))
    for label, (errors, total) in series.items():
        # The curve's denominator is every gold item: a missing or unresolved prediction never arrives.
        ordered = sorted(max(error, 0.1) for error in errors)  # exact hits drawn at 0.1 km
        axes.step(ordered, [(i + 1) / total for i in range(len(ordered))], where="post", label=label)
    for radius in (25, 161):
        axes.axvline(radius, color="#999999", linestyle=":", linewidth=1)
        axes.text(radius, 0.02, f" {radius} km", fontsize=8, color="#666666")
    axes.set_xscale("log")
    axes.set_xlim(0.07, 20000)
    axes.set_ylim(0, 1)
    axes.set_xlabel("error distance (km, log scale)")
    axes.set_ylabel("share of all gold places within")
    axes.set_title("Place error distances")
    axes.legend(fontsize=8, loc="upper left")
    stamps = "; ".join(f"{name}: {stamp(results[name])}" for name in measured)
    return _save(figure, images, "place_errors", f"Data: {', '.join(series)}. {stamps}.")


def throughput_chart(speed: dict[str, Any], images: Path) -> str:
    plt = _pyplot()
    runs = speed["runs"]
    systems = list(dict.fromkeys(run["system"] for run in runs))
    groups = list(dict.fromkeys((run["corpus"], run["processes"]) for run in runs))
    figure, panels = plt.subplots(1, 2, figsize=(9, 3.8))
    for panel, corpus in zip(panels, ("acled_notes", "fakes_articles"), strict=True):
        corpus_groups = [group for group in groups if group[0] == corpus]
        width = 0.8 / max(1, len(systems))
        for index, system in enumerate(systems):
            values = [
                next(
                    (r["reports_per_s"] for r in runs if (r["corpus"], r["processes"]) == g and r["system"] == system),
                    0,
                )
                for g in corpus_groups
            ]
            positions = [g + index * width for g in range(len(corpus_groups))]
            panel.bar(positions, values, width, label=system)
        panel.set_xticks(
            [g + width * (len(systems) - 1) / 2 for g in range(len(corpus_groups))],
            [f"{processes} process{'es' if processes > 1 else ''}" for _, processes in corpus_groups],
        )
        panel.set_title(corpus.replace("_", " "))
        panel.set_ylabel("reports per second")
    figure.legend(*panels[0].get_legend_handles_labels(), loc="lower center", ncol=len(systems), fontsize=8,
                  bbox_to_anchor=(0.5, -0.06))  # fmt: skip
    figure.suptitle("Throughput: warlog against spaCy en_core_web_sm's full parse of the same texts")
    sizes = ", ".join(
        f"{corpus.replace('_', ' ')}: {next(r['reports'] for r in runs if r['corpus'] == corpus):,}"
        for corpus in dict.fromkeys(r["corpus"] for r in runs)
    )
    caption = (
        f"Data: {sizes} reports; {speed['machine']}; measured {speed['measured_at']} on commit `{speed['commit']}`."
    )
    return _save(figure, images, "throughput", caption)


def merge_chart(results: dict[str, dict[str, Any]], images: Path) -> str | None:
    """Precision and recall of same-incident pairs as the merge threshold moves, where the scorer swept it."""
    sweeps = {
        name: results[name]["sweep"] for name in ("ecbplus_merge", "fakes_merge") if results.get(name, {}).get("sweep")
    }
    if not sweeps:
        return None
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(7, 4))
    for colour, (name, sweep) in enumerate(sweeps.items()):
        thresholds = [point["threshold"] for point in sweep]
        for key, style in (("precision", "-"), ("recall", "--"), ("f1", ":")):
            values = [point[key] for point in sweep]
            axes.plot(thresholds, values, style, color=f"C{colour}", label=f"{name}: {key}")
    axes.set_xlabel("merge threshold")
    axes.set_ylim(0, 1)
    axes.set_title("Merging: same-incident document pairs against the threshold")
    axes.legend(fontsize=7)
    stamps = "; ".join(f"{name}: {stamp(results[name])}" for name in sweeps)
    return _save(figure, images, "merge_threshold", f"Data: {', '.join(sweeps)}. {stamps}.")
