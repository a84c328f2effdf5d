"""Settings, read from ``TENDLC_*`` environment variables. Nothing is built at import time."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TENDLC_", extra="ignore")

    database_url: str = Field("sqlite:///tendlc.db", description="SQLAlchemy URL: sqlite:///file.db or "
                              "postgresql+psycopg://user@host/db")
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "info"
    access_log: bool = Field(False, description="Log one line per HTTP request (uvicorn's access log).")
    auth_cache_seconds: float = Field(2.0, ge=0, description="How long a verified API key is trusted without "
                                      "reading the database again (0: never). Revocations in this process "
                                      "apply at once; in other processes within this time.")
    sandbox: bool = Field(False, description="Enable the sandbox controls (clock, forced outcomes).")
    review_policy: str = Field("auto", pattern="^(auto|manual|rules)$", description="How carriers review a "
                               "campaign once a DCA accepts it, unless a stored policy says otherwise: auto "
                               "(approve after the delay), manual (an operator decides), rules (reject what "
                               "breaks the carrier's terms).")
    review_delay_seconds: float = Field(0.0, ge=0, description="Delay before an auto or rules review decides.")
    identity_check_delay_seconds: float = Field(2.0, ge=0, description="Time until a new brand is scored.")
    identity_fail_eins: str = Field("", description="Comma-separated EINs whose identity never verifies.")
    vetting_delay_seconds: float = Field(30.0, ge=0, description="Time until an ordered external vet is "
                                         "answered by the simulated vetting provider.")
    rate_limit_enabled: bool = True
    rate_limit_reads_per_second: int = Field(20, ge=1)
    rate_limit_writes_per_10_seconds: int = Field(20, ge=1)
    max_body_bytes: int = Field(1_048_576, ge=1024)
    workers_enabled: bool = Field(True, description="Run the background workers inside `serve`.")
    worker_poll_seconds: float = Field(0.5, gt=0)
    worker_min_interval_seconds: float = Field(0.2, ge=0, description="Shortest time between two worker passes: "
                                               "events committed meanwhile are handled by one pass.")
    webhook_allow_private: bool = Field(False, description="Allow webhook endpoints on private, loopback or "
                                        "link-local addresses (development; the sandbox always allows them).")
    webhook_timeout_seconds: float = Field(10.0, gt=0, description="Timeout of one webhook POST.")
    webhook_retry_scale: float = Field(1.0, gt=0, description="Multiplies the webhook retry delays (TCR's "
                                       "schedule: 61 s … 28621 s); e.g. 0.01 for tests and benchmarks.")
    webhook_lease_seconds: float = Field(60.0, gt=0, description="How long a sender owns the deliveries it "
                                         "claimed; after a crash they are sent again once it expires.")
    webhook_batch_size: int = Field(500, ge=1, description="Events relayed / deliveries claimed per pass.")
    telnyx_webhook_signing_key: str = Field("", description="Base64 32-byte Ed25519 seed that signs Telnyx-dialect "
                                            "webhooks; empty: a key made once and kept in the database, shared "
                                            "by every process. Public key: GET /api/v1/telnyx/publicKey.")
    webhook_concurrency: int = Field(8, ge=1, description="Endpoints a sender posts to in parallel.")
