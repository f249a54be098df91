"""GET /events' order and page, and GET /export's format, on top of the store's `EventFilter` (the
filters the CLI uses too); an unknown query parameter is refused (422), never silently ignored."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from warlog.store.filters import EventFilter

# How GET /events orders its rows; `queue` is the review queue: events nobody reviewed yet first, the
# least confident of them first.
SORTS = {
    "newest": "event_date DESC NULLS LAST, created DESC",
    "oldest": "event_date ASC NULLS LAST, created ASC",
    "queue": "status <> 'auto', confidence ASC, event_date DESC NULLS LAST, created DESC",
    "confidence": "confidence ASC, created DESC",
    "sources": "source_count DESC, event_date DESC NULLS LAST, created DESC",
}


class ListQuery(EventFilter):
    """GET /events: the filters, the order and the page."""

    sort: Literal["newest", "oldest", "queue", "confidence", "sources"] = Field(
        "newest",
        description="newest or oldest event_date first; queue: unreviewed first, least confident first;"
        " confidence: least confident first; sources: most sources first.",
    )
    limit: int = Field(50, ge=1, description="Rows per page (at most the server's max_page_size).")
    offset: int = Field(0, ge=0, le=2**62)


class ExportQuery(EventFilter):
    """GET /export: the filters and the file's format."""

    format: Literal["acled-csv", "geojson", "parquet"] = "acled-csv"
    inter_labels: bool = Field(False, description="inter1, inter2, interaction as text labels (acledR's form).")
