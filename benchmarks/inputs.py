"""What the benchmarks run on, and what they record beside each number: corpora, machine, commit."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results"

# name -> (file under ../shared/data, what it is)
CORPORA = {
    "acled_notes": ("events/acled_dev.jsonl", "ACLED event notes (short)"),
    "fakes_articles": ("events/fakes.jsonl", "FA-KES news articles (long)"),
}


def shared_data() -> Path:
    return Path(os.environ.get("WARLOG_SHARED", REPO.parent / "shared")) / "data"


def load_texts(corpus: str, limit: int | None) -> list[dict]:
    """The first `limit` records of a corpus, as {"id", "text", "published"}; exits if ../shared is absent."""
    path = shared_data() / CORPORA[corpus][0]
    if not path.exists():
        sys.exit(f"{path} not found: put ../shared beside the repository or set WARLOG_SHARED")
    records = []
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            if limit is not None and len(records) >= limit:
                break
            record = json.loads(line)
            records.append({"id": record["id"], "text": record["text"], "published": record.get("published")})
    return records


def provenance() -> dict:
    """When, on what code and on what machine a measurement was taken."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, check=False
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    return {
        "measured_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit + ("+uncommitted" if dirty else ""),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        "cpu": _cpu_model(),
        "python": platform.python_version(),
    }


def write_result(name: str, result: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return path


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"
