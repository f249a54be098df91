"""What the benchmarks run on (corpora from ../shared/data) and where their results go."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from warlog.evaluation.report import provenance

RESULTS = Path(__file__).resolve().parent / "results"


def shared_data() -> Path:
    """../shared/data beside the repository, or $WARLOG_SHARED/data."""
    return Path(os.environ.get("WARLOG_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "data"


# name -> (file under ../shared/data, what it is)
CORPORA = {
    "acled_notes": ("events/acled_dev.jsonl", "ACLED event notes (short)"),
    "fakes_articles": ("events/fakes.jsonl", "FA-KES news articles (long)"),
}


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


def write_result(name: str, result: dict) -> Path:
    """Save a benchmark's result, stamped with when, on what commit and on what machine."""
    result = provenance() | result
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return path
