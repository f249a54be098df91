"""Reading inputs into `Report` records, and refusing bad ones with a clear reason.

INPUT is a text/HTML/Markdown file, a folder of them, a JSONL file of reports
(`{"id", "text", "published", "source"?, "url"?, "title"?}`) or `-` for standard input. Every problem
becomes a `Rejection` naming the input and the problem, and reading goes on with the next report.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import lxml.etree
import lxml.html
import readability

from warlog.date_range import valid_dates
from warlog.records import Rejection, Report

HEADLINE_ECHO_CHARS = 1000  # a title told again within the opening of the text is not read twice
MAX_REPORT_BYTES = 5 * 1024 * 1024
# An id names a report in messages, the store and exports; longer ones are a mistake or an attack.
MAX_ID_CHARS = 512
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm"}


# readability-lxml (not a hand parser): it keeps the page's main content block, scored by its text and
# link density, so navigation, asides, footers and related-story lists go; about 15 MB with lxml, where
# trafilatura would bring about 70 MB (babel, and dateparser back into the default install).
_BLOCK_END = "\ue000"  # a private-use character, as no page writes it: where a block ends
_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "figcaption")


@dataclass(frozen=True, slots=True)
class Page:
    """What a web page says: its main text, boilerplate removed, and its title apart."""

    text: str
    title: str | None


def read_page(markup: str) -> Page:
    """The main text of an HTML page without navigation, asides, footers or related-story lists, and its
    title. The title is kept apart (`Report.title`; the pipeline reads it as the headline, `headlined`):
    told again as the article's first line, it is dropped there."""
    document = readability.Document(markup)
    try:
        main = lxml.html.fragment_fromstring(document.summary(html_partial=True), create_parent="div")
    except (readability.readability.Unparseable, lxml.etree.ParserError):
        return Page("", None)
    for element in main.iter(_BLOCKS):  # block elements end their lines; other line breaks are spaces
        element.tail = _BLOCK_END + (element.tail or "")
    title = " ".join(document.short_title().split()) or None
    lines = [" ".join(line.split()) for line in main.text_content().split(_BLOCK_END)]
    lines = [line for line in lines if line]
    if lines and title and lines[0].casefold() == title.casefold():
        lines = lines[1:]
    return Page("\n".join(lines), title)


def headlined(report: Report) -> Report:
    """The report with its headline as its first line, where the text does not tell it already near its
    opening: a headline names the main event, its toll and its place, which a lede may leave out."""
    if not report.title or _folded(report.title) in _folded(report.text[:HEADLINE_ECHO_CHARS]):
        return report
    return replace(report, text=f"{report.title}\n\n{report.text}")


def headline_end(report: Report) -> int:
    """Where the headline `headlined` set before the text ends (0: the text has none apart)."""
    told_apart = report.title and report.text.startswith(f"{report.title}\n\n")
    return len(report.title) if told_apart else 0


def _folded(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def content_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def parse_published(value: object) -> date | None:
    """A publication date from 'YYYY-MM-DD' (or None); raises ValueError naming the problem."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"published must be a 'YYYY-MM-DD' string, not {type(value).__name__}")
    try:
        day = date.fromisoformat(value[:10])
    except ValueError as error:
        raise ValueError(f"impossible publication date {value!r}: {error}") from None
    problem = valid_dates().problem(day)
    if problem:
        raise ValueError(f"publication date {problem}")
    return day


def _decode(raw: bytes) -> str:
    """UTF-8 text of an input; raises ValueError saying why it is not a readable report."""
    if len(raw) > MAX_REPORT_BYTES:
        raise ValueError(f"oversized: {len(raw):,} bytes (limit {MAX_REPORT_BYTES:,})")
    if b"\x00" in raw[:8192]:
        raise ValueError("binary content (NUL bytes), not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"not UTF-8 text ({error.reason} at byte {error.start})") from None
    if not text.strip():
        raise ValueError("empty report")
    return text


def _report_from_text(text: str, published: date | None, html: bool) -> Report:
    title = None
    if html:
        page = read_page(text)
        text, title = page.text, page.title
        if not text.strip():
            raise ValueError("no visible text in the HTML")
    return Report(id=content_id(text), text=text, published=published, title=title)


def _read_file(path: Path, published: date | None) -> Iterator[Report | Rejection]:
    origin = str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        yield Rejection(path.name, origin, f"cannot read: {error.strerror}")
        return
    if path.suffix.lower() in JSONL_SUFFIXES:
        if len(raw) > MAX_REPORT_BYTES * 200:
            yield Rejection(path.name, origin, "JSONL file over 1 GB; split it")
            return
        yield from _read_jsonl(raw, origin)
        return
    try:
        text = _decode(raw)
        yield _report_from_text(text, published, path.suffix.lower() in HTML_SUFFIXES)
    except ValueError as error:
        yield Rejection(path.name, origin, str(error))


def _parse_json(line: str) -> object:
    """A JSONL line's value; ValueError saying why it cannot be read (json raises RecursionError for deep
    nesting and a bare ValueError for an integer of over 4,300 digits, besides its JSONDecodeError)."""
    try:
        return json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"malformed JSON: {error.msg} at column {error.colno}") from None
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None
    except ValueError as error:
        raise ValueError(f"unreadable JSON: {error}") from None


def _text_field(record: dict, name: str) -> str | None:
    """A string field of a JSONL record (numbers are written as text); ValueError when it is another
    kind of value or holds a lone surrogate, which no store or export can encode."""
    value = record.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError(f"'{name}' must be a string, not {type(value).__name__}")
    return _encodable(name, str(value))


def _encodable(name: str, text: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"'{name}' holds invalid Unicode (a lone surrogate)") from None
    return text


def _report_from_json(line: str) -> Report:
    record = _parse_json(line)
    if not isinstance(record, dict):
        raise ValueError("a JSONL line must be an object with a 'text' field")
    return report_from_record(record)


def report_from_record(record: dict) -> Report:
    """A report from one record ({"id", "text", "published", "source"?, "url"?, "title"?}, as a JSONL
    line or a table row holds it); raises ValueError naming the problem."""
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("missing or empty 'text'")
    _encodable("text", text)
    if len(text.encode("utf-8")) > MAX_REPORT_BYTES:
        raise ValueError(f"oversized text (limit {MAX_REPORT_BYTES:,} bytes)")
    if "\x00" in text:
        raise ValueError("binary content (NUL characters), not text")
    published = parse_published(record.get("published", record.get("dct")))
    report_id = _text_field(record, "id")
    if report_id is not None and len(report_id) > MAX_ID_CHARS:
        raise ValueError(f"'id' of {len(report_id):,} characters (limit {MAX_ID_CHARS})")
    return Report(
        id=report_id or content_id(text),
        text=text,
        published=published,
        source=_text_field(record, "source"),
        url=_text_field(record, "url"),
        title=_text_field(record, "title"),
    )


def _read_jsonl(raw: bytes, origin: str) -> Iterator[Report | Rejection]:
    for number, line_bytes in enumerate(raw.splitlines(), start=1):
        where = f"{origin}:{number}"
        if not line_bytes.strip():
            continue
        try:
            line = line_bytes.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            yield Rejection(f"line-{number}", where, f"not UTF-8 ({error.reason})")
            continue
        yield jsonl_report(line, where, f"line-{number}")


def jsonl_report(line: str, origin: str, fallback_id: str) -> Report | Rejection:
    """The report one JSONL line holds, or its rejection under the id the line claims (else `fallback_id`)."""
    try:
        return _report_from_json(line)
    except ValueError as error:
        return Rejection(_line_id(line, fallback_id), origin, str(error))


def _line_id(line: str, fallback_id: str) -> str:
    """The id a bad JSONL line claims, if it can be read and is a usable id, else `fallback_id`."""
    try:
        record = _parse_json(line)
        report_id = _text_field(record, "id") if isinstance(record, dict) else None
    except ValueError:
        report_id = None
    return report_id if report_id and len(report_id) <= MAX_ID_CHARS else fallback_id


def read_inputs(source: str, published: date | None = None) -> Iterator[Report | Rejection]:
    """Reports (and rejections) from a file, a folder, a JSONL file, or '-' for standard input."""
    if source == "-":
        raw = sys.stdin.buffer.read()
        if raw.lstrip()[:1] == b"{":
            yield from _read_jsonl(raw, "<stdin>")
            return
        try:
            yield _report_from_text(_decode(raw), published, html=False)
        except ValueError as error:
            yield Rejection("stdin", "<stdin>", str(error))
        return
    path = Path(source)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES)
        for file in files:
            yield from _read_file(file, published)
    elif path.is_file():
        yield from _read_file(path, published)
    else:
        yield Rejection(path.name or source, source, "no such file or folder")
