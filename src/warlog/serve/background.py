"""`warlog serve` in a child process, for scripts, notebooks, benchmarks and browser tests that need a
live server: started on a free loopback port, yielded once it answers, stopped on exit."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from warlog.store.connection import shown

WARLOG = Path(sys.executable).with_name("warlog")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_server(db: Path | str, start_timeout_s: float = 30.0) -> Iterator[str]:
    """Serve the store at `db` (a DuckDB file or a PostgreSQL URL); yields the base URL once `/config` answers."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [str(WARLOG), "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + start_timeout_s
        while not _answers(base):
            if process.poll() is not None or time.monotonic() > deadline:
                process.terminate()
                reason = process.communicate()[1].strip()
                raise RuntimeError(f"warlog serve --db {shown(db)} did not start: {reason}")
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def _answers(base: str) -> bool:
    # The standard library suffices for one health check; httpx is a test-only dependency.
    try:
        with urllib.request.urlopen(f"{base}/config", timeout=1) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False
