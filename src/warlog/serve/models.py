"""Request and response bodies of the API (their JSON schemas are what /docs shows)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StrictInt,
    field_validator,
    model_validator,
)

from warlog.date_range import valid_dates
from warlog.ingest import MAX_REPORT_BYTES
from warlog.taxonomy import MAX_FATALITIES


class ReportIn(BaseModel):
    """One report to extract events from."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="The report's text (plain text).")
    published: date | None = Field(
        None,
        description=(
            "Publication date; relative dates resolve against it. One outside the accepted range"
            " rejects its report (in the job's rejections), not the batch."
        ),
    )
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


class NotReadOut(BaseModel):
    report_id: str
    language: str = Field(description="ISO 639-1 (else 639-3) code of the language the report is written in.")
    reason: str


class JobOut(BaseModel):
    id: str
    status: Literal["queued", "running", "done", "failed"]
    submitted: datetime
    finished: datetime | None
    report_ids: list[str]
    event_ids: list[str] = Field(description="Merged events the job's reports contributed to.")
    rejections: list[RejectionOut]
    not_read: list[NotReadOut] = Field(
        description="Reports in a language warlog does not read (it reads English): stored, without events."
    )
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


class TypePair(BaseModel):
    event_type: str
    sub_event_type: str
    disorder_type: str


class VocabularyOut(BaseModel):
    event_types: dict[str, list[str]] = Field(description="ACLED's event types, each with its sub-event types.")
    disorder_types: list[TypePair]
    inter_codes: dict[int, str] = Field(description="Actor type codes (inter1, inter2) and what they mean.")
    countries: list[str] = Field(description="Country names as ACLED writes them.")
    first_date: date = Field(description="The earliest event date warlog accepts.")
    last_date: date = Field(description="The latest event date warlog accepts.")


DERIVED_FIELDS = {
    "interaction": "interaction follows from inter1 and inter2: correct those",
    "iso": "iso follows from country: correct country",
    "year": "year follows from event_date: correct event_date",
    "region": "region follows from country: correct country",
}


def _plain_text(text: str) -> str:
    """Text without control characters (JSON parsing already refuses lone surrogates)."""
    if any(ord(c) < 32 and c not in "\t\n\r" for c in text):
        raise ValueError("holds control characters")
    return text.strip()


def _iso_day(value: Any) -> Any:
    """Only 'YYYY-MM-DD' text is a date here (pydantic alone would also read a number as a timestamp)."""
    if not isinstance(value, str):
        raise ValueError("a date must be written 'YYYY-MM-DD'")
    return value


def _day_in_range(day: date) -> date:
    problem = valid_dates().problem(day)
    if problem:
        raise ValueError(problem)
    return day


Name = Annotated[str, Field(max_length=300), AfterValidator(_plain_text)]
Notes = Annotated[str, Field(max_length=20_000), AfterValidator(_plain_text)]
Day = Annotated[date, BeforeValidator(_iso_day), AfterValidator(_day_in_range)]
Precision = Annotated[StrictInt, Field(ge=1, le=3)]
InterCode = Annotated[StrictInt, Field(ge=1, le=8)]
Latitude = Annotated[float, Strict(), Field(ge=-90, le=90, allow_inf_nan=False)]
Longitude = Annotated[float, Strict(), Field(ge=-180, le=180, allow_inf_nan=False)]
Fatalities = Annotated[StrictInt, Field(ge=0, le=MAX_FATALITIES)]


class CorrectionFields(BaseModel):
    """The fields a reviewer may correct, each typed and bounded; null means "unknown". Only the fields
    given are corrected. What follows from them (interaction, iso, disorder type, a re-resolved
    place) is derived and checked against ACLED's taxonomy by `warlog.serve.corrections`."""

    model_config = ConfigDict(extra="forbid")

    event_date: Day | None = None
    time_precision: Precision | None = None
    disorder_type: Name | None = None
    event_type: Name | None = None
    sub_event_type: Name | None = None
    actor1: Name | None = None
    assoc_actor_1: Name | None = None
    inter1: InterCode | None = None
    actor2: Name | None = None
    assoc_actor_2: Name | None = None
    inter2: InterCode | None = None
    civilian_targeting: Literal["Civilian targeting"] | None = None
    country: Name | None = None
    admin1: Name | None = None
    admin2: Name | None = None
    admin3: Name | None = None
    location: Name | None = None
    latitude: Latitude | None = None
    longitude: Longitude | None = None
    geo_precision: Precision | None = None
    fatalities: Fatalities | None = None
    notes: Notes | None = None

    @model_validator(mode="before")
    @classmethod
    def known_fields(cls, data: Any) -> Any:
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(cls.model_fields))
            if unknown:
                reasons = [DERIVED_FIELDS.get(name, f"cannot correct {name}") for name in unknown]
                raise ValueError(f"{'; '.join(reasons)} (correctable fields: {', '.join(cls.model_fields)})")
        return data

    def given(self) -> dict[str, Any]:
        """The corrected fields, by name (an empty text counts as unknown)."""
        values = {name: getattr(self, name) for name in self.model_fields_set}
        return {name: None if value == "" else value for name, value in values.items()}


class ReviewIn(BaseModel):
    """A review of one event: accept it, correct some of its fields, or reject it."""

    model_config = ConfigDict(extra="forbid")

    action: Literal["accept", "correct", "reject"]
    fields: CorrectionFields = Field(
        default_factory=CorrectionFields, description="For `correct`: field -> corrected value (null for unknown)."
    )
    note: Notes | None = Field(None, max_length=2000, description="Why, for the review log.")

    @model_validator(mode="after")
    def fields_fit_action(self) -> Self:
        if self.action == "correct" and not self.fields.model_fields_set:
            raise ValueError("action 'correct' needs at least one field in 'fields'")
        if self.action != "correct" and self.fields.model_fields_set:
            raise ValueError(f"action {self.action!r} takes no 'fields'; use 'correct' to change values")
        return self


class BulkReviewIn(BaseModel):
    """One review for several events (the review queue's bulk actions)."""

    model_config = ConfigDict(extra="forbid")

    event_ids: list[Annotated[str, Field(max_length=64)]] = Field(min_length=1, max_length=500)
    action: Literal["accept", "correct", "reject"]
    fields: CorrectionFields = Field(default_factory=CorrectionFields, description="For `correct`: as in PATCH.")
    note: Notes | None = Field(None, max_length=2000)


class ReviewedOut(BaseModel):
    events: list[EventRow] = Field(description="The reviewed events as they are now, in the order asked.")


class TokenIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name = Field(min_length=1, description="Who uses it: the logs record this name.")
    role: Literal["read", "review", "admin"] = "review"


class TokenOut(BaseModel):
    id: str = Field(description="The first 12 hex digits of the token's hash: names it without revealing it.")
    name: str
    role: str
    created: datetime
    revoked: datetime | None


class NewTokenOut(BaseModel):
    token: str = Field(description="Shown this once: the store keeps only its hash.")
    id: str
    name: str
    role: str
