"""``create_app``: the FastAPI application with every door mounted."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from tendlc import __version__, portal
from tendlc.api import (
    native,
    native_assignments,
    native_lint,
    native_numbers,
    native_projects,
    native_registrations,
    native_sharing,
    native_telnyx,
)
from tendlc.api import sandbox as native_sandbox
from tendlc.api import webhooks as native_webhooks
from tendlc.api.auth import auth_cache_for
from tendlc.api.native_readiness import router as readiness_router
from tendlc.api.ratelimit import RateLimiter
from tendlc.bootstrap import Container
from tendlc.dialects.rumbleup import routes as rumbleup
from tendlc.dialects.sinch import routes as sinch_routes
from tendlc.dialects.tcr import brands, campaigns, enums, partner, sharing
from tendlc.dialects.tcr import carriers as tcr_carriers
from tendlc.dialects.tcr import osr as tcr_osr
from tendlc.dialects.tcr import otp as tcr_otp
from tendlc.dialects.tcr import qualify as tcr_qualify
from tendlc.dialects.tcr import vetting as tcr_vetting
from tendlc.dialects.tcr import webhooks as tcr_webhooks
from tendlc.dialects.telnyx import brands as telnyx_brands
from tendlc.dialects.telnyx import campaigns as telnyx_campaigns
from tendlc.dialects.telnyx import enums as telnyx_enums
from tendlc.dialects.telnyx import numbers as telnyx_numbers
from tendlc.dialects.telnyx import otp as telnyx_otp
from tendlc.dialects.telnyx import partner as telnyx_partner
from tendlc.workers.runner import WorkerRunner


def create_app(container: Container, *, run_workers: bool | None = None, freeze_heap: bool = False) -> FastAPI:
    """The application on ``container``. Workers run in-process unless disabled (tests drive them).

    ``freeze_heap`` (the server process, not tests): once started, everything allocated so far (modules,
    schemas, routes) is moved out of the garbage collector's sight. A full collection then walks only
    what requests allocated since, a few milliseconds, instead of the whole heap: 100-350 ms pauses of
    every request in flight otherwise, which were the server's slowest answers."""
    settings = container.settings
    start_workers = settings.workers_enabled if run_workers is None else run_workers
    runner = WorkerRunner(container)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if freeze_heap:
            gc.collect()
            gc.freeze()
        if start_workers:
            runner.start()
        try:
            yield
        finally:
            runner.stop()

    app = FastAPI(title="tendlc", version=__version__, lifespan=lifespan,
                  description="A self-hostable US 10DLC campaign registry (TCR CSP API v2 wire format).")
    app.state.container = container
    app.state.workers = runner
    app.state.auth_cache = auth_cache_for(container)
    app.state.rate_limiter = (
        RateLimiter(settings.rate_limit_reads_per_second, settings.rate_limit_writes_per_10_seconds)
        if settings.rate_limit_enabled else None
    )
    for router in (brands.router, campaigns.router, tcr_qualify.router, enums.router, native.router,
                   native_lint.router):
        app.include_router(router)
    for router in (sharing.router, partner.router, native_sharing.router, tcr_carriers.router):
        app.include_router(router)
    for router in (tcr_webhooks.router, native_webhooks.router):
        app.include_router(router)
    for router in (native_projects.router, native_numbers.router):
        app.include_router(router)
    app.include_router(readiness_router)  # readiness and the traffic gate
    app.include_router(rumbleup.router)  # /api/tcr/…, Basic cid:apikey
    app.include_router(native_registrations.router)  # compliance reports, provider settings and reviews
    app.include_router(sinch_routes.router)  # Sinch: /v1/projects/{projectId}/campaignRegistrations…
    app.include_router(tcr_vetting.router)  # external vetting, revet, /enum/extVettingProvider
    app.include_router(tcr_otp.router)  # sole-proprietor SMS OTP: /v2/brand/{brandId}/smsOtp, /v2/brand/smsOtp/{ref}
    app.include_router(telnyx_otp.router)  # the same at /v2/10dlc/brand/…/smsOtp
    # Telnyx 10DLC under /v2/10dlc (Bearer keyId:secret), its public key and upstream DCA under /api/v1/telnyx
    for router in (telnyx_brands.router, telnyx_campaigns.router, telnyx_partner.router, telnyx_enums.router,
                   telnyx_numbers.router, native_telnyx.router):
        app.include_router(router)
    app.include_router(native_sandbox.router)  # answers 403 unless the server runs with --sandbox
    portal.mount(app)  # the web pages: / and /portal/…
    app.include_router(native_assignments.router)  # number assignment jobs, one number's campaign
    app.include_router(native_assignments.sandbox_router)  # forced provisioning failures (operator)
    app.include_router(tcr_osr.router)  # /v2/campaign/{id}/osr/phones|attributes
    return app
