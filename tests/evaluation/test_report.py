import json
from pathlib import Path

import pytest

from event_factory import GOLD_EVENT
from warlog.evaluation import report, tables
from warlog.evaluation.events import score

pytest.importorskip("matplotlib")

GOLD = [{"id": "r1", "events": [GOLD_EVENT]}, {"id": "r2", "events": [GOLD_EVENT | {"sub_event_type": "Attack"}]}]


@pytest.fixture
def results():
    events = score(GOLD, {"r1": [GOLD_EVENT]}) | {"measured_at": "2026-01-01 00:00 UTC", "commit": "abc1234"}
    return {"acled_dev": events, "timebank": {"value_f1": 0.8, "measured_at": "2026-01-01", "commit": "abc1234"}}


def test_metric_follows_dotted_paths():
    assert tables.metric({"a": {"b": 0.5}}, "a.b") == 0.5
    assert tables.metric({"a": 1}, "a.b") is None
    assert tables.metric(None, "a") is None


def test_headline_table_shows_measured_and_missing_numbers(results):
    text = tables.headline_table(results, speed=None)
    assert "| ACLED notes: event date exact | 0.500 | ≥ 0.95 |" in text
    assert "| TimeBank + AQUAINT: DATE value F1 | 0.800 | ≥ 0.85 | HeidelTime" in text
    assert "| LGL: toponyms resolved within 161 km | n/a |" in text


def paths(tmp_path, readme=None):
    return report.ReportPaths(tmp_path / "docs" / "results.md", tmp_path / "results", tmp_path / "data", readme)


def test_render_writes_charts_beside_the_page_with_provenance(results, tmp_path):
    page = report.render(results, paths(tmp_path))
    assert "![subevent_confusion](img/subevent_confusion.png)" in page
    assert "on commit `abc1234`" in page
    assert (tmp_path / "docs" / "img" / "subevent_confusion.png").stat().st_size > 0
    assert (tmp_path / "docs" / "img" / "place_errors.png").exists()


def test_readme_table_is_replaced_between_markers_only(results, tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"intro\n{report.README_BEGIN}\nold table\n{report.README_END}\nafter\n", encoding="utf-8")
    assert report.update_readme(results, paths(tmp_path, readme))
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("intro\n") and text.endswith(f"{report.README_END}\nafter\n")
    assert "old table" not in text and "ACLED notes: event date exact | 0.500" in text
    readme.write_text("no markers\n", encoding="utf-8")
    assert not report.update_readme(results, paths(tmp_path, readme))


def test_the_report_writes_only_where_it_is_told(results, tmp_path, monkeypatch):
    """Scores reused from the results folder; the page, its charts and the README's table land in the
    paths given, and nothing else is written (the package's own folder included)."""
    told = paths(tmp_path, tmp_path / "README.md")
    told.results.mkdir()
    for evaluation in report.EVALUATIONS:
        saved = results.get(evaluation.name, {"measured_at": "2026-01-01", "commit": "abc1234"})
        (told.results / f"eval_{evaluation.name}.json").write_text(json.dumps(saved), encoding="utf-8")
    told.readme.write_text(f"{report.README_BEGIN}\n{report.README_END}\n", encoding="utf-8")
    before = {path for path in tmp_path.rglob("*")}
    package = Path(report.__file__).resolve().parents[1]
    package_files = {path: path.stat().st_mtime_ns for path in package.rglob("*")}
    assert report.generate(told, reuse=True) == told.page
    written = {path for path in tmp_path.rglob("*")} - before
    assert written == {told.page.parent, told.page, told.images} | set(told.images.iterdir())
    assert "[docs/results.md](docs/results.md)" in told.readme.read_text(encoding="utf-8")
    assert {path: path.stat().st_mtime_ns for path in package.rglob("*")} == package_files
