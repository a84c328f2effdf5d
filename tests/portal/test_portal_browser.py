"""The portal in a real browser (Debian's Chromium through pytest-playwright) against a live server: the whole
story of a campaign from the CSP's form to the carriers' approval and the provider's numbers, until the
campaign is ready to send, one party per browser context; and a sole proprietor's SMS verification. Each main
page is saved as a screenshot under test-artifacts/."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tendlc.bootstrap import Container
from tendlc.core.accounts import service as accounts
from tendlc.core.actor import Actor
from tendlc.core.brands import service as brands
from tendlc.core.sandbox.operators import create_operator_key
from tendlc.db.events_repo import events_for
from tests.factories import campaign_body, sole_proprietor_body

pytest.importorskip("playwright.sync_api", reason="pytest-playwright is not installed")
from playwright.sync_api import Browser, Page, expect

EXPLANATION = "Sample 2 gives no way to opt out; add Reply STOP to it."
SAMPLE_NO_STOP = "Acme Dental: your cleaning is booked for Tue 3pm."
NUMBERS = ("+12125550101", "+12125550102", "+12125550103")
SAMPLE_WITH_STOP = "Acme Dental: your cleaning is booked for Tue 3pm. Reply STOP to opt out."


def _account(c: Container, kind: str, name: str, code: str | None = None) -> tuple[str, str, str]:
    with c.uow(write=True) as uow:
        made = accounts.create_account(uow, c.ids, c.clock, kind, name, code)
        issued = accounts.issue_key(uow, c.ids, c.clock, made.cnp_id)
    return made.cnp_id, issued.key.key_id, issued.secret


def _party(browser: Browser, base: str, key: str, secret: str, width: int = 1280) -> Page:
    context = browser.new_context(base_url=base, viewport={"width": width, "height": 900})
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto("/")
    page.get_by_label("API key id").fill(key)
    page.get_by_label("API secret").fill(secret)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    return page


def _shot(page: Page, artifacts: Path, name: str) -> None:
    page.screenshot(path=str(artifacts / f"portal-{name}.png"), full_page=True)


def test_a_campaign_from_the_form_to_the_carriers(browser: Browser, live_server: Any, sandbox_container: Container,
                                                   artifacts: Path, tmp_path: Path) -> None:
    c, base = sandbox_container, live_server.url
    csp_id, csp_key, csp_secret = _account(c, "csp", "Acme Messaging")
    cnp_id, cnp_key, cnp_secret = _account(c, "csp", "Relay Networks")
    dca_id, dca_key, dca_secret = _account(c, "dca", "Big Aggregator", "DCABIG")
    with c.uow(write=True) as uow:
        op, op_secret = create_operator_key(uow, c.ids, c.clock, "browser")

    # The operator makes carriers wait for a human.
    operator = _party(browser, base, op.key_id, op_secret)
    expect(operator).to_have_url(re.compile("/portal/sandbox$"))
    operator.locator("#f-reviewMode").select_option("manual")
    operator.get_by_role("button", name="Save policies").click()
    expect(operator.get_by_text("Review policies saved.")).to_be_visible()

    # The CSP signs in and registers a brand.
    signin = browser.new_page(base_url=base)
    signin.goto("/")
    _shot(signin, artifacts, "signin")
    signin.close()
    csp = _party(browser, base, csp_key, csp_secret)
    expect(csp.get_by_text(csp_id).first).to_be_visible()
    _shot(csp, artifacts, "dashboard")
    csp.get_by_role("link", name="Brands", exact=True).click()
    csp.get_by_role("link", name="Register a brand").click()
    for label, value in (("Display name", "Acme Dental"), ("Legal company name", "Acme Dental LLC"),
                         ("EIN (tax id)", "12-3456789"), ("Phone", "+12025550142"),
                         ("Email", "ops@acmedental.example"), ("Website", "https://acmedental.example"),
                         ("Street", "1 Main St"), ("City", "Springfield"), ("State", "IL"),
                         ("Postal code", "62701")):
        csp.get_by_label(label, exact=False).first.fill(value)
    csp.get_by_label("Vertical").select_option("HEALTHCARE")
    csp.get_by_role("button", name="Register brand").click()
    expect(csp.get_by_text("Brand registered")).to_be_visible()
    for _ in range(100):  # identity scoring runs in the server's workers
        if csp.locator(".badge.s-verified").count():
            break
        csp.wait_for_timeout(200)
        csp.reload()
    expect(csp.locator(".badge.s-verified")).to_be_visible()
    _shot(csp, artifacts, "brand")

    # The campaign form: a finding appears as the samples are typed and goes once a sample is fixed.
    csp.get_by_role("link", name="Create a campaign for this brand").click()
    body = campaign_body("x")
    csp.locator("#f-usecase").select_option("MIXED")
    for sub in body["subUsecases"]:
        csp.locator(f'input[name="subUsecases"][value="{sub}"]').check()
    for name in ("description", "messageFlow", "optinMessage", "optoutMessage", "helpMessage"):
        csp.locator(f"#f-{name}").fill(body[name])
    csp.locator("#f-sample2").fill(body["sample2"])
    csp.locator("#f-sample1").fill(SAMPLE_NO_STOP)
    finding = csp.locator('#live-check li[data-code="SAMPLE_MISSING_OPT_OUT"]')
    expect(finding).to_be_visible()
    expect(csp.locator("#live-check")).to_contain_text("T-Mobile")
    expect(csp.locator("#live-check")).to_contain_text("a month")
    _shot(csp, artifacts, "campaign-form")
    csp.locator("#f-sample1").fill(SAMPLE_WITH_STOP)
    expect(finding).to_have_count(0)
    csp.get_by_role("button", name="Register campaign").click()
    expect(csp.get_by_text("Campaign registered.")).to_be_visible()
    campaign_id = csp.url.rsplit("/", 1)[-1].split("?")[0]
    assert re.fullmatch(r"C[A-Z0-9]{6}", campaign_id)

    # Share it with the CNP.
    csp.get_by_label("Share with").select_option(cnp_id)
    csp.get_by_role("button", name="Share", exact=True).click()
    expect(csp.get_by_text("Campaign shared.")).to_be_visible()
    expect(csp.locator("svg g.hop-pending")).to_have_count(1)
    _shot(csp, artifacts, "campaign-shared")

    # The CNP declines with an explanation.
    cnp = _party(browser, base, cnp_key, cnp_secret)
    cnp.get_by_role("link", name="Shared with me", exact=True).click()
    cnp.get_by_label("Sharing status").select_option("PENDING")
    cnp.get_by_role("button", name="Filter").click()
    _shot(cnp, artifacts, "shared-with-me")
    cnp.get_by_role("link", name=campaign_id).click()
    expect(cnp.get_by_role("heading", name="Compliance report")).to_be_visible()
    cnp.get_by_label("Explanation for the CSP").fill(EXPLANATION)
    cnp.locator('input[name="rejectionCategory"][value="SAMPLE_MESSAGE"]').check()
    _shot(cnp, artifacts, "partner-campaign")
    cnp.get_by_role("button", name="Decline").click()
    expect(cnp.get_by_text("Campaign declined")).to_be_visible()

    # The CSP sees the explanation on the chain picture, fixes the campaign and shares it again.
    csp.goto(f"/portal/campaigns/{campaign_id}")
    expect(csp.locator("svg g.hop-declined title")).to_contain_text(EXPLANATION)
    expect(csp.locator("figure.chain figcaption")).to_contain_text(EXPLANATION)
    _shot(csp, artifacts, "campaign-declined")
    csp.get_by_role("link", name="Fix and edit").click()
    csp.locator("#f-sample2").fill(body["sample2"] + " Reply STOP to opt out.")
    csp.get_by_role("button", name="Save changes").click()
    expect(csp.get_by_text("Campaign updated.")).to_be_visible()
    csp.get_by_label("Share with").select_option(cnp_id)
    csp.get_by_role("button", name="Share again").click()
    expect(csp.get_by_text("Campaign shared.")).to_be_visible()

    # The CNP forwards it to the DCA, which accepts.
    cnp.goto(f"/portal/shared/{campaign_id}")
    cnp.get_by_label("Forward to").select_option(dca_id)
    cnp.get_by_role("button", name="Forward").click()
    expect(cnp.get_by_text("Campaign forwarded upstream.")).to_be_visible()
    dca = _party(browser, base, dca_key, dca_secret)
    dca.goto(f"/portal/shared/{campaign_id}")
    expect(dca.get_by_text("full (you are the DCA)")).to_be_visible()
    dca.get_by_role("button", name="Accept campaign").click()
    expect(dca.get_by_text("Campaign accepted")).to_be_visible()
    _shot(dca, artifacts, "dca-accepted")

    # The operator approves every carrier review.
    operator.goto("/portal/sandbox")
    expect(operator.get_by_role("button", name=re.compile(f"^Approve .* for {campaign_id}$")).first).to_be_visible()
    _shot(operator, artifacts, "sandbox-console")
    for _ in range(10):
        buttons = operator.get_by_role("button", name=re.compile(f"^Approve .* for {campaign_id}$"))
        if buttons.count() == 0:
            break
        buttons.first.click()
        expect(operator.get_by_text("Review decided.")).to_be_visible()
    expect(operator.get_by_text("No carrier review is open.")).to_be_visible()

    # Registered with every carrier, the campaign still has no number to send from.
    csp.goto(f"/portal/campaigns/{campaign_id}")
    expect(csp.locator(".badge.s-registered").first).to_be_visible()
    expect(csp.locator('.readiness[data-stage="NUMBERS_PENDING"]')).to_contain_text("no number to send from yet")
    _shot(csp, artifacts, "campaign-numbers-pending")

    # As the provider, the CNP adds numbers to its inventory, uploads a CSV of them and watches the job.
    cnp.get_by_role("link", name="Numbers", exact=True).click()
    cnp.locator("#f-add-numbers").fill("\n".join(NUMBERS))
    cnp.get_by_role("button", name="Add numbers").click()
    expect(cnp.get_by_text("Numbers added to your inventory.")).to_be_visible()
    cnp.locator("#f-csv-campaignId").fill(campaign_id)
    upload = tmp_path / "numbers.csv"
    upload.write_text("phoneNumber\n" + "\n".join(NUMBERS) + "\n")
    cnp.locator("#f-csv-csv").set_input_files(upload)
    _shot(cnp, artifacts, "numbers")
    cnp.get_by_role("button", name="Upload and assign").click()
    expect(cnp).to_have_url(re.compile(r"/portal/numbers/jobs/[0-9A-Z]+$"))
    expect(cnp.locator("#job-progress-text")).to_contain_text(f"Completed: {len(NUMBERS)} of {len(NUMBERS)}",
                                                              timeout=30_000)
    expect(cnp.locator(".badge.s-completed")).to_be_visible()  # the page reloaded once the job finished
    expect(cnp.locator("td .badge.s-assigned")).to_have_count(len(NUMBERS))
    assert cnp.locator("#job-progress").evaluate("e => [e.value, e.max]") == [len(NUMBERS), len(NUMBERS)]
    _shot(cnp, artifacts, "number-job")
    cnp.get_by_role("link", name="Registrations", exact=True).click()
    expect(cnp.get_by_role("heading", name="Provider settings")).to_be_visible()
    _shot(cnp, artifacts, "registrations")

    # The campaign shows ready, with the numbers it sends from.
    csp.goto(f"/portal/campaigns/{campaign_id}")
    ready = csp.locator('.readiness[data-stage="ACTIVE"]')
    expect(ready).to_contain_text("Ready to send")
    for number in NUMBERS:
        expect(ready).to_contain_text(number)
    _shot(csp, artifacts, "campaign-ready")
    csp.get_by_role("link", name="Campaigns", exact=True).click()
    expect(csp.get_by_text("Ready to send")).to_be_visible()
    _shot(csp, artifacts, "campaigns")
    csp.get_by_role("link", name="Webhooks", exact=True).click()
    _shot(csp, artifacts, "webhooks")

    # Phone width: the campaign page still reads.
    phone = _party(browser, base, csp_key, csp_secret, width=390)
    phone.goto(f"/portal/campaigns/{campaign_id}")
    too_wide = phone.evaluate("""[...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > 392).map(e => e.tagName + '.' + e.className).slice(0, 8)""")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 392, too_wide
    _shot(phone, artifacts, "campaign-phone")

    # Signing out ends the session.
    csp.get_by_role("button", name="Sign out").click()
    expect(csp.get_by_role("button", name="Sign in")).to_be_visible()
    csp.goto(f"/portal/campaigns/{campaign_id}")
    expect(csp.get_by_role("button", name="Sign in")).to_be_visible()


def test_a_sole_proprietor_verifies_its_mobile_phone(browser: Browser, live_server: Any, sandbox_container: Container,
                                                      artifacts: Path) -> None:
    """The brand page's SMS verification: send a PIN, read it where the hint says (the BRAND_MOCK_OTP event), verify."""
    c = sandbox_container
    csp_id, key, secret = _account(c, "csp", "Jane's Messaging")
    actor = Actor(cnp_id=csp_id, kind="CSP", name="Jane's Messaging", via="test")
    with c.uow(write=True) as uow:
        brand = brands.register(uow, c.ids, c.clock, actor, sole_proprietor_body(), c.identity_policy)
    csp = _party(browser, base=live_server.url, key=key, secret=secret)
    csp.goto(f"/portal/brands/{brand.brand_id}")
    section = csp.locator("section.otp")
    expect(section.get_by_role("heading", name="SMS verification")).to_be_visible()
    expect(section).to_contain_text("BRAND_MOCK_OTP")
    section.get_by_role("button", name="Send PIN").click()
    expect(csp.get_by_text("PIN sent.")).to_be_visible()
    expect(csp.locator("section.otp")).to_contain_text("DELIVERED_HANDSET")
    with c.uow() as uow:
        [pin] = [e["payload"]["otpPin"] for e in events_for(uow.conn, csp_id, 0, 100)  # type: ignore[attr-defined]
                 if e["event_type"] == "BRAND_MOCK_OTP"]
    csp.get_by_label("PIN").fill(pin)
    _shot(csp, artifacts, "brand-otp")
    csp.get_by_role("button", name="Verify PIN").click()
    expect(csp.get_by_text("Mobile phone verified")).to_be_visible()
    expect(csp.locator(".badge.s-verified")).to_be_visible()
    expect(csp.locator("section.otp")).to_have_count(0)
