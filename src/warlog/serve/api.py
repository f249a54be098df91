"""The workbench API and page: `create_app(store_location, settings)` builds the FastAPI application.

Reads go through `EventCatalog` (the store's events as the page needs them); writes need a token
(`warlog token create`); the built page in `static/` is served from `/`.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, nullcontext
from dataclasses import asdict
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI, HTTPException, Query, status
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import ValidationError

from warlog.date_range import valid_dates
from warlog.ingest import content_id
from warlog.knowledge.gazetteer import gazetteer
from warlog.records import Place, Report
from warlog.serve import auth
from warlog.serve.access import Access
from warlog.serve.admin import announced
from warlog.serve.basemap import PlaceNames
from warlog.serve.catalog import EventCatalog, Extractor, UnknownEvents
from warlog.serve.corrections import InvalidCorrection, candidates
from warlog.serve.filters import ExportQuery, ListQuery
from warlog.serve.jobs import Job, JobRunner
from warlog.serve.limits import BodySizeLimit, InternalErrors, SecurityHeaders, install_error_handlers
from warlog.serve.models import (
    BulkReviewIn,
    EventPage,
    FacetsOut,
    JobOut,
    NewTokenOut,
    NotReadOut,
    PointsOut,
    RejectionOut,
    ReportBatch,
    ReportIn,
    ReviewedOut,
    ReviewIn,
    TokenIn,
    TokenOut,
    VocabularyOut,
    WeeklyOut,
)
from warlog.serve.settings import ServeSettings
from warlog.store.filters import EventFilter
from warlog.taxonomy import INTER_LABELS, sub_event_types, taxonomy

STATIC = resources.files("warlog.serve").joinpath("static")
Filters = Annotated[EventFilter, Query()]


def create_app(
    store_location: str | Path,
    settings: ServeSettings | None = None,
    pipeline: Extractor | None = None,
    announce_url: str | None = None,
) -> FastAPI:
    """The app over the store at `store_location` (a DuckDB file or a PostgreSQL URL); `pipeline` extracts
    POSTed reports (default: warlog's). With `announce_url`, the running app says beside a DuckDB store
    where it listens (`warlog token` uses it: a PostgreSQL store it opens itself)."""
    settings = settings or ServeSettings()
    catalog = EventCatalog(store_location, pipeline, settings.redact_persons)
    announcing = announce_url is not None and isinstance(catalog.store.location, Path)
    jobs = JobRunner(catalog.ingest, settings.max_jobs_kept, settings.extraction_workers, settings.short_report_chars)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            with announced(catalog.store.location, announce_url) if announcing else nullcontext():
                yield
        finally:
            jobs.shutdown()
            catalog.close()

    app = FastAPI(
        title="warlog",
        summary="ACLED-compatible events from conflict reports: read, review, extract, export.",
        version="0.1.0",
        docs_url=None,  # served below from packaged assets, not from a CDN
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.catalog = catalog
    place_names = PlaceNames()
    app.state.settings = settings

    # Middleware added last runs first: the security headers go on every answer, even a 413 or a 500.
    tile_origin = _origin(settings.tile_url)
    app.add_middleware(InternalErrors)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_request_bytes)
    app.add_middleware(SecurityHeaders, extra_image_sources=[tile_origin] if tile_origin else [])
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PATCH"],
            allow_headers=["Authorization", "Content-Type"],
        )
    install_error_handlers(app)

    access = Access(catalog.token_owner, settings)
    Reader = Annotated[str | None, Depends(access.reader)]
    Writer = Annotated[str, Depends(access.needs("review"))]
    Admin = Annotated[str, Depends(access.needs("admin"))]

    @app.post("/reports", status_code=status.HTTP_202_ACCEPTED, response_model=JobOut, tags=["extraction"])
    def post_reports(body: ReportIn | ReportBatch, who: Writer) -> dict[str, Any]:
        """Extract events from one report or a batch, in the background; poll `GET /jobs/{id}`."""
        items = body.reports if isinstance(body, ReportBatch) else [body]
        if len(items) > settings.max_batch_reports:
            raise HTTPException(
                status.HTTP_413_CONTENT_TOO_LARGE,
                f"{len(items)} reports in one request; the limit is {settings.max_batch_reports}",
            )
        job = jobs.submit([_report(item) for item in items])
        catalog.record(who, "reports.post", job.id, {"report_ids": job.report_ids})
        return _job_out(job)

    @app.get("/jobs/{job_id}", response_model=JobOut, tags=["extraction"])
    def get_job(job_id: str, _who: Reader) -> dict[str, Any]:
        """Where an extraction job stands, and the events it produced once done."""
        job = jobs.get(job_id)
        if job is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"no job {job_id!r} (jobs are kept in memory)")
        return _job_out(job)

    @app.get("/events", response_model=EventPage, tags=["events"])
    def list_events(query: Annotated[ListQuery, Query()], _who: Reader) -> dict[str, Any]:
        """Events matching the filters, in the order asked (newest event_date first by default; `sort=queue`
        for the review queue)."""
        if query.limit > settings.max_page_size:
            problem = {
                "loc": ["query", "limit"],
                "msg": f"Input should be less than or equal to {settings.max_page_size}",
            }
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, [problem])
        total, rows = catalog.list_events(query)
        return {"total": total, "limit": query.limit, "offset": query.offset, "events": rows}

    @app.get("/events/points", response_model=PointsOut, tags=["events"])
    def event_points(filters: Filters, _who: Reader) -> dict[str, Any]:
        """Located events as compact map points (the newest `max_map_points`)."""
        total, points = catalog.points(filters, limit=settings.max_map_points)
        return {"total": total, "truncated": total > len(points), "points": points}

    @app.get("/events/weekly", response_model=WeeklyOut, tags=["events"])
    def event_weekly(filters: Filters, _who: Reader) -> dict[str, Any]:
        """Events per ACLED week (Saturday to Friday) and event type, for the timeline."""
        return {"weeks": catalog.weekly(filters)}

    @app.get("/events/deleted", tags=["events"])
    def deleted_events(_who: Reader, since: datetime | None = None) -> list[dict[str, Any]]:
        """Events that left the dataset (merged into `replaced_by`, removed with their reports, or rejected),
        with the Unix time they left it: what a copy made earlier must drop."""
        return catalog.deletions(since)

    @app.get("/events/{event_id}", tags=["events"])
    def get_event(event_id: str, _who: Reader) -> dict[str, Any]:
        """One event with every field, the evidence behind each (sentence and span), its contributing
        reports and its review log."""
        event = catalog.event_detail(event_id)
        if event is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"no event {event_id!r}")
        return event

    def reviewed(event_ids: list[str], body: ReviewIn, who: str) -> list[str]:
        try:
            return catalog.review(event_ids, body, who=who)
        except InvalidCorrection as error:
            # The same shape as a request that fails type validation: what is wrong, and where.
            problems = [{"loc": ["body", "fields", name], "msg": why} for name, why in error.problems]
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, problems) from None
        except UnknownEvents as error:
            raise HTTPException(status.HTTP_404_NOT_FOUND, str(error)) from None

    @app.patch("/events/{event_id}", tags=["review"])
    def patch_event(event_id: str, body: ReviewIn, who: Writer) -> dict[str, Any]:
        """Accept, correct or reject an event. Corrected fields are kept over later re-extraction."""
        [current_id] = reviewed([event_id], body, who)
        return catalog.event_detail(current_id)

    @app.post("/reviews", response_model=ReviewedOut, tags=["review"])
    def review_many(body: BulkReviewIn, who: Writer) -> dict[str, Any]:
        """One review (accept, reject, or the same corrections) for several events at once: all of them
        are reviewed, or none when one is unknown or its correction is refused."""
        review = ReviewIn(action=body.action, fields=body.fields, note=body.note)
        current_ids = reviewed(body.event_ids, review, who)
        return {"events": catalog.rows_of(current_ids)}

    @app.get("/facets", response_model=FacetsOut, tags=["events"])
    def facets(_who: Reader) -> dict[str, Any]:
        """The countries and event types present in the store, for the filter panel."""
        return catalog.facets()

    @app.get("/export", tags=["events"])
    def export(query: Annotated[ExportQuery, Query()], _who: Reader) -> StreamingResponse:
        """All events matching the filters, streamed as ACLED CSV, GeoJSON or Parquet."""
        media_type, extension, chunks = catalog.export(query)
        stamp = datetime.now(UTC).strftime("%Y%m%d")
        return StreamingResponse(
            chunks,
            media_type=media_type,
            headers={"Content-Disposition": f'attachment; filename="warlog-events-{stamp}.{extension}"'},
        )

    @app.get("/vocabulary", response_model=VocabularyOut, tags=["review"])
    def vocabulary(_who: Reader) -> dict[str, Any]:
        """The values a correction may take: ACLED's types, inter codes, the countries and the date range."""
        dates = valid_dates()
        return {
            "event_types": sub_event_types(),
            "disorder_types": [
                {"event_type": e, "sub_event_type": s, "disorder_type": d} for (e, s), d in taxonomy().items()
            ],
            "inter_codes": INTER_LABELS,
            "countries": sorted(country.name for country in gazetteer().countries.values()),
            "first_date": dates.first,
            "last_date": dates.last,
        }

    @app.get("/places", tags=["review"])
    def places(
        _who: Reader,
        name: Annotated[str, Query(min_length=2, max_length=100)],
        country: Annotated[str | None, Query(max_length=100)] = None,
    ) -> list[dict[str, Any]]:
        """Gazetteer places a location name may mean (in a country, when given): choices for corrections."""
        return [_place_out(place) for place in candidates(name, country)[:20]]

    @app.get("/basemap/places", tags=["page"])
    def basemap_places(
        bbox: Annotated[str, Query(description="west,south,east,north")],
        zoom: Annotated[int, Query(ge=0, le=20)],
    ) -> dict[str, Any]:
        """Town names for the offline map's view: the most populous first, fewer when zoomed out."""
        try:
            bounds = EventFilter(bbox=bbox).bounds()
        except ValidationError as error:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, error.errors()[0]["msg"]) from None
        return {"places": place_names.in_view(bounds, zoom, limit=settings.max_map_labels)}

    @app.get("/admin/tokens", response_model=list[TokenOut], tags=["admin"])
    def list_tokens(_who: Admin) -> list[dict[str, Any]]:
        """Every token: its id, owner, role, when it was made and revoked (never the token itself)."""
        return [asdict(info) for info in catalog.tokens()]

    @app.post("/admin/tokens", status_code=status.HTTP_201_CREATED, response_model=NewTokenOut, tags=["admin"])
    def create_token(body: TokenIn, who: Admin) -> dict[str, Any]:
        """A new token, shown once in the answer; the store keeps only its hash."""
        token = catalog.create_token(body.name, body.role, who)
        return {"token": token, "id": auth.token_hash(token)[: auth.ID_LENGTH], "name": body.name, "role": body.role}

    @app.delete("/admin/tokens/{token_id}", response_model=TokenOut, tags=["admin"])
    def revoke_token(token_id: str, who: Admin) -> dict[str, Any]:
        """Revoke a token at once: its next request is refused."""
        info = catalog.revoke_token(token_id, who)
        if info is None:
            raise HTTPException(
                status.HTTP_404_NOT_FOUND, f"no token {token_id!r} (ids are listed by GET /admin/tokens)"
            )
        return asdict(info)

    @app.get("/admin/audit", tags=["admin"])
    def audit_log(_who: Admin, limit: Annotated[int, Query(ge=1, le=10_000)] = 200) -> list[dict[str, Any]]:
        """The newest writes other than reviews (tokens made and revoked, reports posted): who, when, what.
        Reviews are in each event's `audit`."""
        return catalog.audit(limit)

    @app.get("/config", tags=["page"])
    def page_config() -> dict[str, Any]:
        """What the page needs to know about this server."""
        return {
            "tile_url": settings.tile_url,
            "tile_attribution": settings.tile_attribution,
            "read_open": access.read_open,
        }

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="openapi.json",
            title="warlog API",
            swagger_js_url="docs-assets/swagger-ui-bundle.js",
            swagger_css_url="docs-assets/swagger-ui.css",
            swagger_favicon_url="docs-assets/favicon-32x32.png",
        )

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(str(STATIC.joinpath("index.html")), media_type="text/html")

    app.mount("/assets", StaticFiles(directory=str(STATIC.joinpath("assets"))), name="assets")
    app.mount("/docs-assets", StaticFiles(directory=str(STATIC.joinpath("docs-assets"))), name="docs-assets")
    return app


def _report(item: ReportIn) -> Report:
    return Report(
        id=item.id or content_id(item.text),
        text=item.text,
        published=item.published,
        source=item.source,
        url=item.url,
        title=item.title,
    )


def _job_out(job: Job) -> dict[str, Any]:
    return {
        "id": job.id,
        "status": job.status,
        "submitted": job.submitted,
        "finished": job.finished,
        "report_ids": job.report_ids,
        "event_ids": job.event_ids,
        "rejections": [RejectionOut(report_id=r.report_id, origin=r.origin, reason=r.reason) for r in job.rejections],
        "not_read": [NotReadOut(report_id=n.report_id, language=n.language, reason=n.reason) for n in job.not_read],
        "error": job.error,
    }


# A candidate place as the API gives it: the record's fields, its coordinates named as ACLED's columns.
PLACE_OUT_FIELDS = {
    "name": "name",
    "kind": "kind",
    "country": "country",
    "admin1": "admin1",
    "admin2": "admin2",
    "latitude": "lat",
    "longitude": "lon",
    "population": "population",
}


def _place_out(place: Place) -> dict[str, Any]:
    return {key: getattr(place, field) for key, field in PLACE_OUT_FIELDS.items()}


def _origin(url: str | None) -> str | None:
    """scheme://host[:port] of a tile URL template, for the page's Content-Security-Policy."""
    if not url:
        return None
    parts = urlsplit(url.replace("{s}", "*"))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else None
