"""Configuration of `warlog serve`, read from the environment (prefix `WARLOG_SERVE_`) or given in code."""

from __future__ import annotations

import ipaddress

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class ServeSettings(BaseSettings):
    """What an operator may change; the defaults are the safe choice for a laptop."""

    model_config = SettingsConfigDict(env_prefix="WARLOG_SERVE_", frozen=True)

    read_open: bool | None = Field(
        None,
        description="True: anyone who can reach the server may read events (report texts, exports); False: reads"
        " need a token too. Unset: open when the server listens on loopback only, closed otherwise.",
    )
    max_request_bytes: int = Field(
        8 * 1024 * 1024, gt=0, description="Larger request bodies are refused with 413 before parsing."
    )
    max_batch_reports: int = Field(500, gt=0, description="The most reports one POST /reports may carry.")
    max_page_size: int = Field(500, gt=0, description="The largest `limit` GET /events accepts.")
    max_map_labels: int = Field(150, gt=0, description="The most town names the offline map shows at once.")
    max_map_points: int = Field(20_000, gt=0, description="The most markers the page's map receives.")
    cors_origins: list[str] = Field(
        default_factory=list, description="Origins allowed to call the API from other pages; none by default."
    )
    tile_url: str | None = Field(
        None,
        description="A map tile URL template ({z}/{x}/{y}); without one the map shows packaged outlines.",
    )
    tile_attribution: str = Field("", description="The attribution the tile provider asks for.")
    auth_failures_allowed: int = Field(
        10, gt=0, description="Unknown tokens one client address may send within auth_failure_window_s."
    )
    auth_failure_window_s: float = Field(60.0, gt=0, description="The window failed tokens are counted in.")
    auth_lockout_s: float = Field(
        300.0, ge=0, description="How long a client that sent too many unknown tokens is answered 429."
    )
    extraction_workers: int = Field(
        1, ge=1, le=16, description="Workers extracting posted reports of any length, shortest first."
    )
    short_report_chars: int = Field(
        20_000, ge=0, description="One more worker extracts only reports up to this length, so they never wait."
    )
    redact_persons: bool = Field(
        False,
        description="Mask people's names (spaCy PERSON spans no known group) as [person] in the notes, evidence,"
        " actors and report texts the server hands out.",
    )
    max_jobs_kept: int = Field(1000, gt=0, description="Finished extraction jobs remembered for GET /jobs.")

    def for_host(self, host: str) -> ServeSettings:
        """These settings for a server listening on `host`: an unset read_open decided by the host."""
        if self.read_open is not None:
            return self
        return self.model_copy(update={"read_open": is_loopback(host)})


def is_loopback(host: str) -> bool:
    """Whether `host` (an address or a name) reaches this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name that may resolve anywhere: treated as reachable from outside
