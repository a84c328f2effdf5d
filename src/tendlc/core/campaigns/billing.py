"""A campaign over time: billing per term, auto-renewal, and expiry of campaigns that do not renew.

What TCR documents (``reference/tcr-api.md`` §3.1, §5.1, §6.3; ``Campaign_CSP``): a campaign is billed in
advance (the first three months at registration, then monthly), ``CAMPAIGN_BILLED`` fires on each billing,
``billedDate`` is the latest billing, ``nextRenewalOrExpirationDate`` (a date) is "when the campaign would be
due for its next renew/bill date", and ``autoRenewal=false`` lets the campaign lapse (``EXPIRED``,
``CAMPAIGN_EXPIRED``). Mock campaigns are never billed. Where TCR is silent, tendlc decides:

- **Terms are anchored on the creation date.** The paid term ends ``upfront_months + n`` months after the
  creation date (the day clamped to the month's end), so a campaign created on 31 January renews on 30 April,
  31 May, 30 June… and never drifts to the 28th.
- **The due instant is 00:00 UTC of ``nextRenewalOrExpirationDate``.** That date is the first day the paid
  term no longer covers; renewal or expiry happens as it begins. It only depends on the campaign, never on
  when the scheduler happens to run.
- **Renewal** bills one month: ``billedDate`` becomes the due instant, ``nextRenewalOrExpirationDate`` moves
  to the next term end, and the owner hears ``CAMPAIGN_BILLED`` with ``amount`` (``monthlyFee`` × months, in
  ``currency``), ``months``, ``termStart`` and ``termEnd``. Billing is the owner's business only: the
  upstream parties never see billing fields. The fee is the one fixed at registration.
- **Expiry** (``autoRenewal`` false at the due instant): status ``EXPIRED``, ``expirationDate`` = the due
  instant, ``nextRenewalOrExpirationDate`` stays the date it expired on, ``CAMPAIGN_EXPIRED`` to the owner and
  to every party of the sharing chain (like a deactivation), and :func:`hooks.on_campaign_expired` releases
  its numbers.
- ``autoRenewal`` is read at the due instant, so switching it off before then makes the campaign expire and
  switching it back on makes it renew; the date itself is the same either way, so it is right after any change.
- **Catch-up is deterministic**: when the clock jumps, every due renewal or expiry is applied at its own due
  instant, in due order across campaigns (events carry it as ``occurred_at``). One jump of 95 days gives the
  same campaigns and events as 95 jumps of one day.
- **Exactly once**: a step is applied only while the stored campaign is ACTIVE and due, and it is saved with
  the version read (optimistic concurrency); a concurrent pass that did it first makes the save fail with
  ConcurrentUpdate, and the loser's transaction is rolled back. The due query claims its rows with
  ``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so concurrent schedulers normally take different campaigns.
"""

from __future__ import annotations

import heapq
from datetime import UTC, date, datetime
from typing import Any

from tendlc.core.campaigns import hooks
from tendlc.core.campaigns.lifecycle import CampaignAction, next_status
from tendlc.core.campaigns.model import Campaign
from tendlc.core.events import Event, EventType
from tendlc.core.ports import UnitOfWork
from tendlc.core.sharing.chains import live_chain
from tendlc.core.sharing.model import SharingStatus

RENEWAL_MONTHS = 1  # after the first (up-front) term, each renewal bills one month
CURRENCY = "USD"
SCHEDULER = "scheduler"  # the actor named in history rows of scheduled changes


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's last day."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def due_instant(day: date) -> datetime:
    """When a term ending on ``day`` renews or expires: 00:00 UTC of that date."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def first_term_end(created: datetime, upfront_months: int) -> date:
    return add_months(created.astimezone(UTC).date(), upfront_months)


def term_end_after(anchor: date, after: date) -> date:
    """The first term end (``anchor`` plus whole months) later than ``after``."""
    months = max(0, (after.year - anchor.year) * 12 + after.month - anchor.month)
    while add_months(anchor, months) <= after:
        months += 1
    return add_months(anchor, months)


def next_due(c: Campaign) -> datetime | None:
    """When the campaign next renews or expires; None when nothing is scheduled (expired, or mock: mock
    campaigns are never billed and go with their brand, see ``core.brands.mock_cleanup``)."""
    if not c.active or c.mock or c.next_renewal_or_expiration_date is None:
        return None
    return due_instant(c.next_renewal_or_expiration_date)


def campaign_payload(c: Campaign, description: str, **extra: Any) -> dict[str, Any]:
    """The owner's payload of a campaign event (TCR's flat webhook keys)."""
    return {"cspId": c.csp_id, "brandId": c.brand_id, "brandName": None, "campaignId": c.campaign_id,
            "campaignReferenceId": c.reference_id, "description": description, "mock": c.mock, **extra}


def billed_event(c: Campaign, at: datetime, term_start: date, months: int) -> Event:
    """CAMPAIGN_BILLED for the term of ``months`` starting on ``term_start`` (to the owner only)."""
    assert c.next_renewal_or_expiration_date is not None
    amount = round(c.monthly_fee * months, 2)
    payload = campaign_payload(
        c, f"Campaign {c.campaign_id} is billed {amount:.2f} {CURRENCY} for {months} month(s) until "
        f"{c.next_renewal_or_expiration_date.isoformat()}",
        amount=amount, currency=CURRENCY, months=months, termStart=term_start.isoformat(),
        termEnd=c.next_renewal_or_expiration_date.isoformat())
    return Event(EventType.CAMPAIGN_BILLED, (c.csp_id,), at, payload)


def tell_expired(uow: UnitOfWork, c: Campaign, at: datetime, description: str) -> None:
    """CAMPAIGN_EXPIRED to the owner (full payload) and to every other party of the live sharing chain whose
    link is pending or accepted (campaign and brand ids only: no originating CSP, reference or billing)."""
    uow.emit(Event(EventType.CAMPAIGN_EXPIRED, (c.csp_id,), at, campaign_payload(c, description)))
    chain = live_chain(uow, c)
    others = [link.upstream_cnp_id for link in chain.links
              if link.sharing_status in (SharingStatus.PENDING, SharingStatus.ACCEPTED)]
    others = [p for p in dict.fromkeys(others) if p != c.csp_id]
    if others:
        uow.emit(Event(EventType.CAMPAIGN_EXPIRED, tuple(others), at,
                       {"brandId": c.brand_id, "campaignId": c.campaign_id, "description": description,
                        "mock": c.mock}))


def expire(uow: UnitOfWork, c: Campaign, at: datetime, description: str) -> Campaign:
    """The campaign reaches the end of its life at ``at`` (term over without renewal, or its mock brand is
    removed): EXPIRED, CAMPAIGN_EXPIRED to every party, numbers released."""
    status = next_status(c.status, CampaignAction.EXPIRE, c.campaign_id)
    saved = uow.campaigns.save(c.model_copy(update={"status": status.value, "expiration_date": at}))
    uow.record_history("campaign", saved.campaign_id, saved.version, "expire", SCHEDULER, at,
                       saved.model_dump(mode="json"))
    tell_expired(uow, saved, at, description)
    hooks.on_campaign_expired(uow, at, saved)
    return saved


def _renew(uow: UnitOfWork, c: Campaign, at: datetime) -> Campaign:
    assert c.next_renewal_or_expiration_date is not None
    term_start = c.next_renewal_or_expiration_date
    term_end = term_end_after(c.create_date.astimezone(UTC).date(), term_start)  # RENEWAL_MONTHS later
    next_status(c.status, CampaignAction.UPDATE, c.campaign_id)
    saved = uow.campaigns.save(c.model_copy(update={"billed_date": at, "next_renewal_or_expiration_date": term_end}))
    uow.record_history("campaign", saved.campaign_id, saved.version, "renew", SCHEDULER, at,
                       saved.model_dump(mode="json"))
    uow.emit(billed_event(saved, at, term_start, RENEWAL_MONTHS))
    return saved


def step(uow: UnitOfWork, c: Campaign) -> Campaign:
    """Apply the renewal or expiry due at :func:`next_due` (the caller checked that it is due)."""
    at = next_due(c)
    assert at is not None
    if c.auto_renewal:
        return _renew(uow, c, at)
    return expire(uow, c, at, f"Campaign {c.campaign_id} expired at the end of its term (autoRenewal is off)")


def catch_up(uow: UnitOfWork, c: Campaign, now: datetime) -> Campaign:
    """Apply every renewal or expiry of ``c`` due by ``now``, each at its own due instant (so a request that
    changes a campaign never acts on a term that is already over)."""
    while (at := next_due(c)) is not None and at <= now:
        c = step(uow, c)
    return c


def run_due(uow: UnitOfWork, now: datetime, limit: int = 200) -> int:
    """One batch of due renewals and expiries, in due order across campaigns; returns how many were applied.

    The batch is the ``limit`` campaigns due first. A campaign renewed in the batch that is due again comes
    back in turn as long as it still sorts before every campaign left out of the batch."""
    batch = uow.campaigns.due_for_billing(now, limit)
    queue = [(at, c.campaign_id, c) for c in batch if (at := next_due(c)) is not None and at <= now]
    heapq.heapify(queue)
    # When the batch is full, campaigns left out are due at or after its last one: stop before them.
    horizon = max((at, cid) for at, cid, _ in queue) if len(batch) >= limit and queue else None
    done = 0
    while queue:
        _, _, campaign = heapq.heappop(queue)
        campaign = step(uow, campaign)
        done += 1
        at = next_due(campaign)
        if at is not None and at <= now and (horizon is None or (at, campaign.campaign_id) < horizon):
            heapq.heappush(queue, (at, campaign.campaign_id, campaign))
    return done
