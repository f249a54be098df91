"""What a fresh install gets: declared dependencies match the imports, pyproject's bounds admit the locked
versions, and the wheel carries the data files and the web page."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement

REPO = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;]+)", re.MULTILINE)


def locked_versions(lock: str) -> dict[str, str]:
    text = (REPO / lock).read_text(encoding="utf-8")
    return {_normalise(name): version for name, version in PIN.findall(text)}


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_import_is_declared_and_every_declared_package_imported():
    # deptry reads pyproject.toml ([tool.deptry] lists the packages used by name rather than imported).
    result = subprocess.run(
        [sys.executable, "-m", "deptry", "src"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("group", "lock"),
    [("dependencies", "requirements.lock"), ("optional-dependencies", "requirements-dev.lock")],
)
def test_pyproject_bounds_admit_the_locked_versions(group, lock):
    declared = PYPROJECT["project"][group]
    requirements = declared if group == "dependencies" else [r for extra in declared.values() for r in extra]
    locked = locked_versions(lock)
    for line in requirements:
        requirement = Requirement(line)
        name = _normalise(requirement.name)
        assert name in locked, f"{name} is declared but not in {lock}: run scripts/lock"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"{lock} pins {name}=={locked[name]}, outside pyproject's {requirement.specifier}: run scripts/lock"
        )
        if group == "dependencies":
            assert any(spec.operator in ("<", "<=", "==", "~=") for spec in requirement.specifier), (
                f"runtime dependency {name} has no upper bound"
            )


# Heavy packages that only optional features need (charts, tests, scaling out, learned models).
HEAVY = {"scipy", "matplotlib", "playwright", "torch", "ray", "pandas", "pyarrow", "scikit-learn"}


def test_the_default_install_holds_no_heavy_optional_package():
    assert HEAVY.isdisjoint(locked_versions("requirements.lock"))


def test_the_wheel_carries_the_data_files_and_the_web_page(tmp_path):
    wheel_command = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation"]
    subprocess.run([*wheel_command, "-w", str(tmp_path), str(REPO)], check=True, capture_output=True)
    (wheel,) = tmp_path.glob("warlog-*.whl")
    packaged = set(zipfile.ZipFile(wheel).namelist())
    package = REPO / "src" / "warlog"
    wanted = {
        path.relative_to(package.parent).as_posix()
        for folder in (package / "data", package / "serve" / "static")
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert wanted, "no data files found in the source tree"
    assert not wanted - packaged, f"missing from the wheel: {sorted(wanted - packaged)[:10]}"
