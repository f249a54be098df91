"""Request and response bodies of the API (their JSON schemas are what /docs shows)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from warlog.ingest import MAX_REPORT_BYTES


class ReportIn(BaseModel):
    """One report to extract events from."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="The report's text (plain text).")
    published: date | None = Field(None, description="Publication date; relative dates resolve against it.")
    id: str | None = Field(None, max_length=200, description="Your id for it; a content hash when absent.")
    source: str | None = Field(None, max_length=300, description="Who published it (ACLED's `source`).")
    url: str | None = Field(None, max_length=2000)
    title: str | None = Field(None, max_length=1000)

    @field_validator("text")
    @classmethod
    def check_text(cls, text: str) -> str:
        if not text.strip():
            raise ValueError("the report's text is empty")
        if "\x00" in text:
            raise ValueError("the report's text holds NUL characters: binary content, not text")
        if len(text.encode("utf-8")) > MAX_REPORT_BYTES:
            raise ValueError(f"the report's text is over {MAX_REPORT_BYTES:,} bytes")
        return text


class ReportBatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reports: list[ReportIn] = Field(min_length=1, description="Reports extracted in one job.")


class RejectionOut(BaseModel):
    report_id: str
    origin: str
    reason: str


class JobOut(BaseModel):
    id: str
    status: Literal["queued", "running", "done", "failed"]
    submitted: datetime
    finished: datetime | None
    report_ids: list[str]
    event_ids: list[str] = Field(description="Merged events the job's reports contributed to.")
    rejections: list[RejectionOut]
    error: str | None


class EventRow(BaseModel):
    """An event as listed; `GET /events/{id}` has every column, the evidence and the reports."""

    event_id_cnty: str
    event_date: date | None
    time_precision: int | None
    disorder_type: str | None
    event_type: str
    sub_event_type: str
    actor1: str | None
    actor2: str | None
    country: str | None
    admin1: str | None
    admin2: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    fatalities: int | None
    source_count: int
    confidence: float
    status: Literal["auto", "accepted", "corrected", "rejected"]


class EventPage(BaseModel):
    total: int = Field(description="How many events match the filters.")
    limit: int
    offset: int
    events: list[EventRow] = Field(description="Event rows, newest event_date first.")


class PointsOut(BaseModel):
    total: int
    truncated: bool
    points: list[tuple[str, float, float, str]] = Field(description="[event_id_cnty, latitude, longitude, event_type]")


class WeekCount(BaseModel):
    week: date = Field(description="The Saturday that starts the week (ACLED's weeks run Saturday-Friday).")
    counts: dict[str, int] = Field(description="Events per event_type.")


class WeeklyOut(BaseModel):
    weeks: list[WeekCount]


class FacetsOut(BaseModel):
    countries: list[str]
    event_types: dict[str, list[str]] = Field(description="event_type -> its sub-event types in the store.")


# The fields a reviewer may correct, with the type a value must have (None always allowed: "unknown").
CORRECTABLE_FIELDS: dict[str, type] = {
    "event_date": date,
    "time_precision": int,
    "event_type": str,
    "sub_event_type": str,
    "actor1": str,
    "assoc_actor_1": str,
    "inter1": int,
    "actor2": str,
    "assoc_actor_2": str,
    "inter2": int,
    "civilian_targeting": str,
    "country": str,
    "admin1": str,
    "admin2": str,
    "admin3": str,
    "location": str,
    "latitude": float,
    "longitude": float,
    "geo_precision": int,
    "fatalities": int,
    "notes": str,
}


class ReviewIn(BaseModel):
    """A review of one event: accept it, correct some of its fields, or reject it."""

    model_config = ConfigDict(extra="forbid")

    action: Literal["accept", "correct", "reject"]
    fields: dict[str, Any] = Field(
        default_factory=dict, description="For `correct`: field -> corrected value (null for unknown)."
    )
    note: str | None = Field(None, max_length=2000, description="Why, for the review log.")
