"""Exports streamed to a client: Parquet written whole, then read out in chunks; the text formats written
by a producer thread and handed over through a queue, so a large export is never held in memory."""

from __future__ import annotations

import contextlib
import queue
import tempfile
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

from warlog.export import with_inter_labels, write_rows
from warlog.redact import redact_rows
from warlog.store.connection import Connection
from warlog.store.reading import RowsChange, report_texts, write_parquet
from warlog.store.rows import merged_row

STREAM_CHUNK_CHARS = 64 * 1024


def parquet_chunks(db: Connection, sql: str, params: list[Any], masked: RowsChange | None) -> Iterator[bytes]:
    """Parquet is written whole (its footer indexes the file) before the response starts, so a
    failure is an error status rather than an empty 200; then it streams from a temporary file. `masked`
    redacts the rows on their way, if given."""
    folder = tempfile.TemporaryDirectory(prefix="warlog-export-")
    path = Path(folder.name) / "events.parquet"
    try:
        write_parquet(db, sql, params, path, masked)
    except BaseException:
        folder.cleanup()
        raise

    def chunks() -> Iterator[bytes]:
        try:
            with path.open("rb") as stream:
                while chunk := stream.read(STREAM_CHUNK_CHARS):
                    yield chunk
        finally:
            folder.cleanup()

    return chunks()


def text_chunks(
    db: Connection, sql: str, params: list[Any], fmt: str, inter_labels: bool, redact_persons: bool
) -> Iterator[bytes]:
    """Rows written by `warlog.export.write_rows` (the CLI's writer) in a producer thread, handed
    over in chunks, so a large export streams without being held in memory."""
    chunks: queue.Queue[bytes | Exception | None] = queue.Queue(maxsize=16)
    stop = threading.Event()
    cursor = db.cursor()
    texts_cursor = db.cursor()  # (the first streams the rows while the texts are read)

    def rows() -> Iterator[dict[str, Any]]:
        result = cursor.execute(sql, params)
        names = [d[0] for d in result.description]
        while batch := result.fetchmany(1000):
            for values in batch:
                yield merged_row(names, values)

    def written() -> Iterator[dict[str, Any]]:
        shown = redact_rows(rows(), partial(report_texts, texts_cursor)) if redact_persons else rows()
        return with_inter_labels(shown) if inter_labels else shown

    def produce() -> None:
        writer = _ChunkWriter(chunks, stop)
        try:
            write_rows(written(), fmt, writer)
            writer.flush()
            writer.put(None)
        except _Cancelled:
            pass
        except Exception as error:  # handed to the consumer, which raises it in its own thread
            with contextlib.suppress(_Cancelled):
                writer.put(error)
        finally:
            cursor.close()
            texts_cursor.close()

    threading.Thread(target=produce, name="warlog-export", daemon=True).start()
    try:
        while (chunk := chunks.get()) is not None:
            if isinstance(chunk, Exception):
                raise chunk
            yield chunk
    finally:
        stop.set()  # the client went away or the export ended: the producer stops at its next write


class _Cancelled(Exception):
    pass


class _ChunkWriter:
    """A text stream that hands what is written to a queue in chunks of about 64 KiB."""

    def __init__(self, chunks: queue.Queue, stop: threading.Event) -> None:
        self.chunks = chunks
        self.stop = stop
        self.buffer: list[str] = []
        self.size = 0

    def write(self, text: str) -> int:
        if self.stop.is_set():
            raise _Cancelled
        self.buffer.append(text)
        self.size += len(text)
        if self.size >= STREAM_CHUNK_CHARS:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if self.buffer:
            self.put("".join(self.buffer).encode("utf-8"))
            self.buffer, self.size = [], 0

    def put(self, item: bytes | Exception | None) -> None:
        """Wait for room in the queue, giving up once the consumer has stopped reading."""
        while True:
            try:
                self.chunks.put(item, timeout=0.5)
                return
            except queue.Full:
                if self.stop.is_set():
                    raise _Cancelled from None
