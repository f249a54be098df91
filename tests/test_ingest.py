import io
import json
from datetime import date

import pytest

from warlog.ingest import (
    MAX_REPORT_BYTES,
    content_id,
    headline_end,
    headlined,
    parse_published,
    read_inputs,
    read_page,
)
from warlog.records import Rejection, Report


def read(source, published=None):
    return list(read_inputs(str(source), published))


def test_text_file_gets_content_hash_id_and_published(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("Gunmen attacked a checkpoint in Baiji on Monday.", encoding="utf-8")
    [report] = read(path, date(2015, 11, 25))
    assert report == Report(content_id(report.text), report.text, date(2015, 11, 25))
    assert report.id == read(path)[0].id  # same text, same id


def test_html_keeps_visible_text_only_and_its_title_apart(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Clashes in Marib</title><script>alert(1)</script></head>"
        "<body><h1>Clashes in Marib</h1><p>Fighting resumed &amp; spread.</p></body></html>",
        encoding="utf-8",
    )
    [report] = read(path)
    assert (report.text, report.title) == ("Fighting resumed & spread.", "Clashes in Marib")
    assert "alert" not in read_page("<script>alert(1)</script><p>x</p>").text


def test_html_boilerplate_is_gone_before_extraction():
    page = read_page(
        "<html><head><title>Two soldiers killed near Kidal | Sahel Monitor</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/mali'>Mali</a> <a href='/niger'>Niger</a></nav>"
        "<article><h1>Two soldiers killed near Kidal</h1>"
        "<p>Gunmen attacked an army checkpoint near Kidal on Saturday night, killing two soldiers, the army said."
        " The attackers fled towards the desert.</p>"
        "<aside><h3>Related stories</h3><ul><li><a href='/x'>Jihadists kill 40 villagers in central Mali</a></li>"
        "<li><a href='/y'>71 soldiers killed in Inates camp raid</a></li></ul></aside></article>"
        "<footer><p>Sahel Monitor 2020. Contact us.</p></footer></body></html>"
    )
    assert page.text.startswith("Gunmen attacked an army checkpoint near Kidal")
    for boilerplate in ("Home", "Related", "Jihadists", "Inates", "Contact"):
        assert boilerplate not in page.text
    assert page.title == "Two soldiers killed near Kidal"


def test_a_headline_the_text_does_not_tell_is_read_as_its_first_line():
    report = Report("r", "Gunmen attacked a checkpoint on Saturday.", title="Two soldiers killed near Kidal")
    read_as = headlined(report)
    assert read_as.text == "Two soldiers killed near Kidal\n\nGunmen attacked a checkpoint on Saturday."
    assert read_as.text[: headline_end(read_as)] == "Two soldiers killed near Kidal"
    assert headline_end(report) == 0


@pytest.mark.parametrize(
    "text",
    [
        "Two soldiers killed near Kidal. Gunmen attacked a checkpoint on Saturday.",
        "Published 2 May 2020 | TWO SOLDIERS KILLED NEAR KIDAL -- Gunmen attacked a checkpoint.",
    ],
)
def test_a_headline_the_text_opens_with_is_not_read_twice(text):
    report = Report("r", text, title="Two soldiers killed near Kidal")
    assert headlined(report) is report


def test_a_bare_html_fragment_keeps_its_text():
    assert read_page("<p>Gunmen killed 3 in Kidal.</p>").text == "Gunmen killed 3 in Kidal."


def test_jsonl_reports_and_bad_lines_are_rejected_but_batch_goes_on(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "Protest in Nairobi.", "published": "2020-05-01", "source": "S"}),
        "{not json",
        json.dumps({"id": "b", "text": "", "published": None}),
        json.dumps({"id": "c", "text": "Shelling in Idlib.", "published": "2015-02-30"}),
        json.dumps({"text": "No id here.", "published": None}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read(path)
    reports = [item for item in items if isinstance(item, Report)]
    rejections = {item.report_id: item for item in items if isinstance(item, Rejection)}
    assert [r.id for r in reports] == ["a", content_id("No id here.")]
    assert reports[0].published == date(2020, 5, 1) and reports[0].source == "S"
    assert "malformed JSON" in rejections["line-2"].reason and rejections["line-2"].origin.endswith(":2")
    assert "empty" in rejections["b"].reason
    assert "impossible publication date" in rejections["c"].reason


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        (b"caf\xe9 bombing", "not UTF-8"),
        (b"a" * (MAX_REPORT_BYTES + 1), "oversized"),
    ],
)
def test_bad_files_are_rejected_with_the_reason(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    [rejection] = read(path)
    assert isinstance(rejection, Rejection)
    assert rejection.origin == str(path) and reason in rejection.reason


def test_folder_reads_every_report_in_order_and_missing_path_is_rejected(tmp_path):
    (tmp_path / "b.md").write_text("Second report.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First report.", encoding="utf-8")
    (tmp_path / "ignored.bin").write_bytes(b"\x00")
    assert [r.text for r in read(tmp_path)] == ["First report.", "Second report."]
    [missing] = read(tmp_path / "nope.txt")
    assert "no such file" in missing.reason


def test_stdin_text_and_jsonl(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"Riot in Dhaka.")))
    [report] = read("-", date(2021, 1, 2))
    assert report.text == "Riot in Dhaka." and report.published == date(2021, 1, 2)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b'{"id": "x", "text": "Riot."}\n')))
    assert read("-")[0].id == "x"


def test_parse_published():
    assert parse_published("2015-11-25") == date(2015, 11, 25)
    assert parse_published(None) is None
    with pytest.raises(ValueError, match="impossible"):
        parse_published("2015-13-01")
    with pytest.raises(ValueError, match="string"):
        parse_published(20151125)


def test_a_publication_date_outside_the_accepted_range_is_refused():
    # A report "published" 9999-12-31 that says "yesterday" would store an event on 9999-12-30.
    with pytest.raises(ValueError, match="publication date 9999-12-31 lies outside the dates warlog accepts"):
        parse_published("9999-12-31")
    with pytest.raises(ValueError, match="outside"):
        parse_published("1850-06-01")


def test_hostile_jsonl_lines_are_rejected_by_name_and_the_good_ones_read(tmp_path):
    path = tmp_path / "hostile.jsonl"
    good = json.dumps({"id": "good", "text": "Police arrested five protesters in Nairobi."})
    lines = [
        '{"id": ' + "9" * 5000 + ', "text": "Gunmen killed 3 civilians."}',  # over Python's int-to-text limit
        "[" * 5000 + "]" * 5000,
        '{"id": "surrogate", "text": "Clashes in Marib.", "source": "Reuters \\ud800"}',
        json.dumps({"id": "dict-source", "text": "Clashes in Marib.", "source": {"name": "AFP"}}),
        json.dumps({"id": "x" * 600, "text": "Clashes in Marib."}),
        good,
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    *rejections, report = read(path)
    assert [type(item) for item in rejections] == [Rejection] * 5
    reasons = [rejection.reason for rejection in rejections]
    assert "unreadable JSON" in reasons[0] and "4300" in reasons[0]
    assert reasons[1] == "JSON nested too deeply"
    assert reasons[2] == "'source' holds invalid Unicode (a lone surrogate)"
    assert reasons[3] == "'source' must be a string, not dict"
    assert reasons[4] == "'id' of 600 characters (limit 512)"
    named = [rejection.report_id for rejection in rejections]
    assert named == ["line-1", "line-2", "surrogate", "dict-source", "line-5"]
    assert report.id == "good"


def test_a_numeric_id_is_kept_as_text(tmp_path):
    path = tmp_path / "numbers.jsonl"
    path.write_text(json.dumps({"id": 1234, "text": "Clashes in Marib."}) + "\n", encoding="utf-8")
    [report] = read(path)
    assert report.id == "1234"
