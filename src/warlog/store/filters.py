"""Which merged events to list, map, count or export: one filter for the CLI (`warlog events`,
`warlog export`) and the API (GET /events, the map, the timeline, GET /export). Every field is
optional and they combine with AND; an unknown field is refused, never silently ignored."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from warlog.store.rows import epoch_seconds

ReviewStatus = Literal["auto", "accepted", "corrected", "rejected"]
# The columns `q` looks in.
SEARCHED_COLUMNS = ("notes", "location", "admin1", "admin2", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2")
BBOX_FORM = "bbox needs four numbers: west,south,east,north"


class EventFilter(BaseModel):
    """Filters on merged events; `where` gives the SQL."""

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
            raise ValueError(BBOX_FORM)
        try:
            west, south, east, north = (float(part) for part in parts)
        except ValueError:
            raise ValueError(BBOX_FORM) from None
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

    def where(self) -> tuple[str, list[Any]]:
        """The WHERE clause on `merged_events` and its parameters."""
        clauses: list[str] = ["source_count >= ?"]
        params: list[Any] = [self.min_sources]
        if self.since:
            clauses.append("timestamp >= ?")
            params.append(epoch_seconds(self.since))
        if self.start:
            clauses.append("event_date >= ?")
            params.append(self.start)
        if self.end:
            clauses.append("event_date <= ?")
            params.append(self.end)
        if bounds := self.bounds():
            west, south, east, north = bounds
            if west > east:  # across the antimeridian
                clauses.append("(longitude >= ? OR longitude <= ?) AND latitude BETWEEN ? AND ?")
            else:
                clauses.append("longitude BETWEEN ? AND ? AND latitude BETWEEN ? AND ?")
            params += [west, east, south, north]
        if self.country:
            # The id is the ISO3 code and a serial.
            clauses.append(
                "(lower(country) = lower(?) OR country_code = upper(?)"
                " OR rtrim(event_id_cnty, '0123456789') = upper(?))"
            )
            params += [self.country] * 3
        if self.admin1:
            clauses.append("lower(admin1) = lower(?)")
            params.append(self.admin1)
        for column in ("event_type", "sub_event_type"):
            values = getattr(self, column)
            if values:
                clauses.append(f"lower({column}) IN ({', '.join('lower(?)' for _ in values)})")
                params += values
        if self.actor:
            clauses.append("concat_ws(' ', actor1, assoc_actor_1, actor2, assoc_actor_2) ILIKE '%' || ? || '%'")
            params.append(self.actor)
        if self.q:
            clauses.append("(" + " OR ".join(f"{column} ILIKE ?" for column in SEARCHED_COLUMNS) + ")")
            params += [f"%{self.q}%"] * len(SEARCHED_COLUMNS)
        if self.status:
            clauses.append(f"status IN ({', '.join('?' for _ in self.status)})")
            params += self.status
        elif not self.include_rejected:
            clauses.append("status <> 'rejected'")
        if self.reviewer:
            # Reviews logged under an id that has since been merged into another count for the heir.
            clauses.append(
                "event_id_cnty IN (SELECT coalesce(alias.event_id_cnty, log.event_id_cnty) FROM review_log log"
                " LEFT JOIN merged_aliases alias ON alias.old_id = log.event_id_cnty WHERE log.who = ?)"
            )
            params.append(self.reviewer)
        for bound, operator in ((self.min_confidence, ">="), (self.max_confidence, "<=")):
            if bound is not None:
                clauses.append(f"confidence {operator} ?")
                params.append(bound)
        return " AND ".join(clauses), params
