"""docs/architecture.md names only modules, functions and record fields that exist.

What is checked, in backticks: paths (`warlog/resolve/places.py`, `warlog/serve/`), dotted names
(`warlog.timex.find_timexes`, `records.Analysis`, `resolve.actors.interaction`, `Analysis.timexes`), and in a
table row that names a module, the functions it calls (`resolve_event_date(analysis, mention) -> ...`) and
the files beside it (`api.py` in the `warlog/serve/` row).
"""

from __future__ import annotations

import dataclasses
import importlib
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
DOC = REPO / "docs" / "architecture.md"

PATH = re.compile(r"^(?:src/)?(warlog/[\w/]*?)(\.py|/)$")
DOTTED = re.compile(r"^warlog\.(\w+(?:\.\w+)*)$|^([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+)$")
CALL = re.compile(r"^([a-z_]\w*)\(")
FILE_SUFFIXES = frozenset({"md", "py", "tsv", "json", "csv", "txt", "gz", "toml", "html", "js"})
SIBLING_FILE = re.compile(r"^([a-z_]\w*)\.py$")


def code_spans(text: str) -> list[str]:
    return re.findall(r"`([^`\n]+)`", text)


def module_exists(dotted: str) -> bool:
    relative = dotted.replace(".", "/")
    return (SRC / f"{relative}.py").is_file() or (SRC / relative / "__init__.py").is_file()


def path_problem(span: str) -> str | None:
    match = PATH.match(span)
    if match is None:
        return None
    target = SRC / (match.group(1) + (".py" if match.group(2) == ".py" else ""))
    exists = target.is_file() if match.group(2) == ".py" else target.is_dir()
    return None if exists else f"`{span}`: no such file or folder under src/"


def dotted_problem(span: str) -> str | None:
    """A dotted name is checked when its first part is a warlog module or a record class."""
    match = DOTTED.match(span)
    if match is None:
        return None
    parts = (match.group(1) or match.group(2)).split(".")
    if parts[-1] in FILE_SUFFIXES:
        return None  # a file name ("store.md", "records.py"): paths are checked as paths
    records = importlib.import_module("warlog.records")
    if parts[0] in vars(records) and isinstance(vars(records)[parts[0]], type):
        owner = vars(records)[parts[0]]
        fields = {field.name for field in dataclasses.fields(owner)} if dataclasses.is_dataclass(owner) else set()
        if len(parts) == 2 and (parts[1] in fields or hasattr(owner, parts[1])):
            return None
        return f"`{span}`: records.{parts[0]} has no {parts[1]}"
    if not module_exists(f"warlog.{parts[0]}"):
        # Spelt out as warlog's, it must be one; otherwise it is no warlog name ("e.g.", "results.md").
        return f"`{span}`: no module warlog.{parts[0]}" if span.startswith("warlog.") else None
    depth = max(i for i in range(1, len(parts) + 1) if module_exists("warlog." + ".".join(parts[:i])))
    target = importlib.import_module("warlog." + ".".join(parts[:depth]))
    for attribute in parts[depth:]:
        if not hasattr(target, attribute):
            return f"`{span}`: {getattr(target, '__name__', span)} has no {attribute}"
        target = getattr(target, attribute)
    return None


def row_problems(row: str) -> list[str]:
    """In a table row naming one module or package: the functions called and sibling files exist."""
    spans = code_spans(row)
    homes = [PATH.match(span) for span in spans]
    homes = [home for home in homes if home is not None]
    if not homes:
        return []
    home = homes[0]
    dotted = home.group(1).replace("/", ".")
    problems = []
    for span in spans:
        call = CALL.match(span)
        if call:
            module = importlib.import_module(dotted)
            if not hasattr(module, call.group(1)):
                problems.append(f"`{span}`: {dotted} has no {call.group(1)}")
        sibling = SIBLING_FILE.match(span)
        if sibling and home.group(2) == "/" and not (SRC / home.group(1) / span).is_file():
            problems.append(f"`{span}`: no such file in {home.group(1)}/")
    return problems


def doc_problems(text: str) -> list[str]:
    problems = []
    for span in code_spans(text):
        problems += [p for p in (path_problem(span), dotted_problem(span)) if p]
    for line in text.splitlines():
        if line.startswith("|"):
            problems += row_problems(line)
    return problems


def test_architecture_names_only_what_exists():
    assert doc_problems(DOC.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "line",
    [
        "| x | `warlog/nowhere.py` | y |",
        "| x | `warlog/resolve/` | `warlog/resolve/timex.py` |",
        "see `warlog.timex.find_dates`",
        "see `resolve.places.no_such_function`",
        "see `warlog.no_such_module.thing`",
        "see `warlog.no_such_module`",
        "see `Analysis.no_such_field`",
        "| event date | `warlog/resolve/dates.py` | `resolve_the_date(analysis) -> ResolvedDate` |",
        "| serve | `warlog/serve/` | app (`no_such_app.py`) |",
    ],
)
def test_a_name_that_does_not_exist_is_reported(line):
    assert doc_problems(line) != []


@pytest.mark.parametrize(
    "line",
    [
        "| x | `warlog/resolve/dates.py` | `resolve_event_date(analysis, mention) -> ResolvedDate` |",
        "see `warlog.timex.find_timexes`, `records.Analysis`, `Analysis.timexes`, `knowledge.regions.find_country`",
        "see `warlog.store`, `warlog.timex`",
        "| serve | `warlog/serve/` | the app (`api.py`), e.g. `results.md` |",
    ],
)
def test_a_name_that_exists_passes(line):
    assert doc_problems(line) == []
