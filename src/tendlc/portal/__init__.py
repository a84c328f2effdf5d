"""The portal: server-rendered pages (Jinja2, a little hand-written JavaScript) for CSPs, partners, providers
and the sandbox operator. Routes call the same core services as the APIs."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

import tendlc.portal.pages_auth as pages_auth
import tendlc.portal.pages_brand_otp as pages_brand_otp
import tendlc.portal.pages_brands as pages_brands
import tendlc.portal.pages_campaigns as pages_campaigns
import tendlc.portal.pages_numbers as pages_numbers
import tendlc.portal.pages_partner as pages_partner
import tendlc.portal.pages_projects as pages_projects
import tendlc.portal.pages_registrations as pages_registrations
import tendlc.portal.pages_sandbox as pages_sandbox
import tendlc.portal.pages_webhooks as pages_webhooks
from tendlc.portal.web import HERE


def mount(app: FastAPI) -> None:
    """Add the portal's pages (``/`` and ``/portal/…``) and its static files to ``app``."""
    for module in (pages_auth, pages_brands, pages_brand_otp, pages_campaigns, pages_partner, pages_webhooks,
                   pages_sandbox, pages_projects, pages_numbers, pages_registrations):
        app.include_router(module.router, include_in_schema=False)
    app.mount("/portal/static", StaticFiles(directory=HERE / "static"), name="portal-static")
