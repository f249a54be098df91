"""The import graph of warlog's modules: no cycle, and no import from a higher layer into a lower one.

Every import counts, a function's deferred import too (it is a dependency all the same). A new module
belongs to a layer: add its name (or its package's) to LAYERS.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

# Low to high: a module may import from its own layer and the layers before it. Names match a module
# and everything under it (`warlog.store` holds `warlog.store.schema`); the longest match decides.
# The resolvers (counts, actors, dates, places) sit below the reading stages that call them (events reads
# death counts with `resolve.death_counts`) and above the stages whose output they resolve.
LAYERS: list[tuple[str, list[str]]] = [
    ("records", ["warlog", "warlog.records", "warlog.spans", "warlog.lexicon", "warlog.date_range", "warlog.budget"]),
    ("knowledge and vocabulary", ["warlog.knowledge", "warlog.taxonomy"]),
    ("ingest", ["warlog.ingest"]),
    ("language", ["warlog.language"]),
    ("timex and toponyms", ["warlog.timex", "warlog.toponyms"]),
    ("resolve", ["warlog.resolve"]),
    ("events", ["warlog.events"]),
    ("arguments", ["warlog.arguments"]),
    ("learn", ["warlog.learn"]),  # the learned typing engine the coding stage asks
    ("code", ["warlog.coding", "warlog.acled_csv", "warlog.pipeline"]),
    ("training", ["warlog.learn.training"]),  # runs the pipeline over coded notes
    ("merge", ["warlog.merge"]),
    ("store", ["warlog.store", "warlog.export", "warlog.redact"]),
    ("batch", ["warlog.parallel", "warlog.batch", "warlog.batch_merge", "warlog.ray_runner"]),
    ("serve", ["warlog.serve"]),
    ("evaluation", ["warlog.evaluation"]),
    ("cli", ["warlog.cli", "warlog.__main__"]),
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted((SRC / "warlog").rglob("*.py"))}


def imported(path: Path, name: str, known: set[str]) -> set[str]:
    """The warlog modules a module imports: `from a.b import c` is a.b.c where that is a module."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base)
    return {target for target in found if target in known and target != name}


def graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: imported(path, name, known) for name, path in found.items()}


def layer_of(module: str) -> int | None:
    matches = [
        (len(prefix), index)
        for index, (_, prefixes) in enumerate(LAYERS)
        for prefix in prefixes
        if module == prefix or module.startswith(prefix + ".")
    ]
    matches = [match for match in matches if match[0] > len("warlog") or module == "warlog"]
    return max(matches)[1] if matches else None


def upward_imports(edges: dict[str, set[str]]) -> list[str]:
    return sorted(
        f"{source} ({LAYERS[layer_of(source)][0]}) imports {target} ({LAYERS[layer_of(target)][0]})"
        for source, targets in edges.items()
        for target in targets
        if layer_of(target) > layer_of(source)
    )


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return components


def test_every_module_has_a_layer():
    unplaced = [name for name in modules() if layer_of(name) is None]
    assert unplaced == [], f"add these modules (or their package) to LAYERS in {Path(__file__).name}"


def test_no_module_imports_from_a_higher_layer():
    edges = graph()
    assert upward_imports({source: targets for source, targets in edges.items() if layer_of(source) is not None}) == []


def test_no_import_cycle():
    assert cycles(graph()) == []


@pytest.mark.parametrize(
    ("edges", "expected"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"b"}, "b": set()}, []),
    ],
)
def test_cycles_are_found(edges, expected):
    assert cycles(edges) == expected


def test_an_upward_import_is_found():
    assert upward_imports({"warlog.resolve.places": {"warlog.events"}, "warlog.coding": {"warlog.events"}}) == [
        "warlog.resolve.places (resolve) imports warlog.events (events)"
    ]


def test_from_imports_resolve_to_modules_and_packages(tmp_path):
    source = tmp_path / "m.py"
    source.write_text(
        "from warlog import timex\nfrom warlog.timex import calendar, find_timexes\nimport warlog.records\n"
    )
    known = {"warlog.timex", "warlog.timex.calendar", "warlog.records", "warlog.m"}
    assert imported(source, "warlog.m", known) == {"warlog.timex", "warlog.timex.calendar", "warlog.records"}
