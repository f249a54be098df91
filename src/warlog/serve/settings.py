"""Configuration of `warlog serve`, read from the environment (prefix `WARLOG_SERVE_`) or given in code."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class ServeSettings(BaseSettings):
    """What an operator may change; the defaults are the safe choice for a laptop."""

    model_config = SettingsConfigDict(env_prefix="WARLOG_SERVE_", frozen=True)

    read_open: bool = Field(
        True, description="Anyone who can reach the server may read events; False: reads need a token too."
    )
    max_request_bytes: int = Field(
        8 * 1024 * 1024, gt=0, description="Larger request bodies are refused with 413 before parsing."
    )
    max_batch_reports: int = Field(500, gt=0, description="The most reports one POST /reports may carry.")
    max_page_size: int = Field(500, gt=0, description="The largest `limit` GET /events accepts.")
    max_map_points: int = Field(20_000, gt=0, description="The most markers the page's map receives.")
    cors_origins: list[str] = Field(
        default_factory=list, description="Origins allowed to call the API from other pages; none by default."
    )
    tile_url: str | None = Field(
        None,
        description="A map tile URL template ({z}/{x}/{y}); without one the map shows packaged outlines.",
    )
    tile_attribution: str = Field("", description="The attribution the tile provider asks for.")
    max_jobs_kept: int = Field(1000, gt=0, description="Finished extraction jobs remembered for GET /jobs.")
