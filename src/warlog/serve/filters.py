"""The event filters shared by GET /events, the map, the timeline and GET /export; an unknown query
parameter is refused (422), never silently ignored."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ReviewStatus = Literal["auto", "accepted", "corrected", "rejected"]
# How GET /events orders its rows; `queue` is the review queue: events nobody reviewed yet first, the
# least confident of them first.
SORTS = {
    "newest": "event_date DESC NULLS LAST, created DESC",
    "oldest": "event_date ASC NULLS LAST, created ASC",
    "queue": "status <> 'auto', confidence ASC, event_date DESC NULLS LAST, created DESC",
    "confidence": "confidence ASC, created DESC",
    "sources": "source_count DESC, event_date DESC NULLS LAST, created DESC",
}


class EventFilters(BaseModel):
    """Query parameters that narrow the events; every one is optional and they combine with AND."""

    model_config = ConfigDict(extra="forbid")

    start: date | None = Field(None, description="First event_date included (YYYY-MM-DD).")
    end: date | None = Field(None, description="Last event_date included (YYYY-MM-DD).")
    bbox: str | None = Field(
        None,
        description="west,south,east,north in degrees (WGS84); west > east crosses the antimeridian.",
        examples=["35.5,32.3,42.4,37.4"],
    )
    country: str | None = Field(None, description="Country name (as in ACLED) or ISO 3166 alpha-2/alpha-3 code.")
    admin1: str | None = Field(None, description="First-level administrative division, exact name.")
    event_type: list[str] = Field(default_factory=list, description="One or more ACLED event types.")
    sub_event_type: list[str] = Field(default_factory=list, description="One or more ACLED sub-event types.")
    actor: str | None = Field(None, description="Part of an actor's name, in any actor column.")
    q: str | None = Field(None, max_length=200, description="Words found in notes, location or actors.")
    min_sources: int = Field(1, ge=1, description="Only events told by at least this many sources.")
    include_rejected: bool = Field(False, description="Also list events a reviewer rejected.")
    status: list[ReviewStatus] = Field(
        default_factory=list, description="Only events with one of these review statuses (auto: not reviewed yet)."
    )
    reviewer: str | None = Field(
        None, max_length=200, description="Only events this reviewer (a token's name) reviewed."
    )
    min_confidence: float | None = Field(None, ge=0, le=1, description="Only events at least this confident.")
    max_confidence: float | None = Field(None, ge=0, le=1, description="Only events at most this confident.")
    since: datetime | None = Field(
        None, description="Only events changed (created, merged again, reviewed) at or after this moment (UTC)."
    )

    @field_validator("bbox")
    @classmethod
    def check_bbox(cls, value: str | None) -> str | None:
        if value is None:
            return None
        parts = value.split(",")
        if len(parts) != 4:
            raise ValueError("bbox needs four numbers: west,south,east,north")
        try:
            west, south, east, north = (float(part) for part in parts)
        except ValueError:
            raise ValueError("bbox needs four numbers: west,south,east,north") from None
        if not (-180 <= west <= 180 and -180 <= east <= 180):
            raise ValueError("bbox longitudes must lie between -180 and 180")
        if not (-90 <= south <= north <= 90):
            raise ValueError("bbox latitudes must lie between -90 and 90, south before north")
        return value

    @model_validator(mode="after")
    def check_dates(self) -> Self:
        if self.start and self.end and self.start > self.end:
            raise ValueError("start must not come after end")
        return self

    def bounds(self) -> tuple[float, float, float, float] | None:
        if self.bbox is None:
            return None
        west, south, east, north = (float(part) for part in self.bbox.split(","))
        return west, south, east, north


class ListQuery(EventFilters):
    """GET /events: the filters, the order and the page."""

    sort: Literal["newest", "oldest", "queue", "confidence", "sources"] = Field(
        "newest",
        description="newest or oldest event_date first; queue: unreviewed first, least confident first;"
        " confidence: least confident first; sources: most sources first.",
    )
    limit: int = Field(50, ge=1, description="Rows per page (at most the server's max_page_size).")
    offset: int = Field(0, ge=0, le=2**62)


class ExportQuery(EventFilters):
    """GET /export: the filters and the file's format."""

    format: Literal["acled-csv", "geojson", "parquet"] = "acled-csv"
    inter_labels: bool = Field(False, description="inter1, inter2, interaction as text labels (acledR's form).")
