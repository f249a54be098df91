"""The event filters shared by GET /events, the map, the timeline and GET /export."""

from __future__ import annotations

from datetime import date
from typing import Self

from pydantic import BaseModel, Field, field_validator, model_validator


class EventFilters(BaseModel):
    """Query parameters that narrow the events; every one is optional and they combine with AND."""

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
