"""Reading inputs into `Report` records, and refusing bad ones with a clear reason.

INPUT is a text/HTML/Markdown file, a folder of them, a JSONL file of reports
(`{"id", "text", "published", "source"?, "url"?, "title"?}`) or `-` for standard input. Every problem
becomes a `Rejection` naming the input and the problem, and reading goes on with the next report.
"""

from __future__ import annotations

import hashlib
import html.parser
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from warlog.records import Rejection, Report

MAX_REPORT_BYTES = 5 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm"}


class _TextExtractor(html.parser.HTMLParser):
    """Visible text of an HTML page: script/style dropped, block elements become line breaks."""

    SKIPPED = {"script", "style", "noscript", "template", "head"}
    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self.SKIPPED:
            self.skip_depth += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIPPED:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    extractor = _TextExtractor()
    extractor.feed(markup)
    extractor.close()
    lines = (" ".join(line.split()) for line in "".join(extractor.parts).splitlines())
    return "\n".join(line for line in lines if line)


def content_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def parse_published(value: object) -> date | None:
    """A publication date from 'YYYY-MM-DD' (or None); raises ValueError naming the problem."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"published must be a 'YYYY-MM-DD' string, not {type(value).__name__}")
    try:
        return date.fromisoformat(value[:10])
    except ValueError as error:
        raise ValueError(f"impossible publication date {value!r}: {error}") from None


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
    if html:
        text = html_to_text(text)
        if not text.strip():
            raise ValueError("no visible text in the HTML")
    return Report(id=content_id(text), text=text, published=published)


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


def _report_from_json(line: str, origin: str) -> Report:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"malformed JSON: {error.msg} at column {error.colno}") from None
    if not isinstance(record, dict):
        raise ValueError("a JSONL line must be an object with a 'text' field")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("missing or empty 'text'")
    if len(text.encode("utf-8")) > MAX_REPORT_BYTES:
        raise ValueError(f"oversized text (limit {MAX_REPORT_BYTES:,} bytes)")
    if "\x00" in text:
        raise ValueError("binary content (NUL characters), not text")
    published = parse_published(record.get("published", record.get("dct")))
    report_id = record.get("id")
    return Report(
        id=str(report_id) if report_id not in (None, "") else content_id(text),
        text=text,
        published=published,
        source=record.get("source") or None,
        url=record.get("url") or None,
        title=record.get("title") or None,
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
        try:
            yield _report_from_json(line, where)
        except ValueError as error:
            yield Rejection(_line_id(line, number), where, str(error))


def _line_id(line: str, number: int) -> str:
    """The id a bad JSONL line claims, if it can be read, else its line number."""
    try:
        record = json.loads(line)
        if isinstance(record, dict) and record.get("id"):
            return str(record["id"])
    except json.JSONDecodeError:
        pass
    return f"line-{number}"


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
