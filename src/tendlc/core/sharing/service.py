"""Sharing use cases: share, forward (= accept and share further), decline, DCA accept, nudge."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import Field

from tendlc.core.actor import Actor
from tendlc.core.catalog.registry import MNOS, NUDGE_INTENTS, REJECTION_CATEGORIES
from tendlc.core.clock import Clock
from tendlc.core.errors import (
    CampaignExpired,
    FieldProblem,
    InvalidInput,
    NotTheUpstream,
    OperationDeclined,
)
from tendlc.core.events import EventType
from tendlc.core.ids import IdGenerator
from tendlc.core.model import InputModel, parse_input
from tendlc.core.ports import UnitOfWork
from tendlc.core.sharing import hops
from tendlc.core.sharing.chains import live_chain, load_campaign, load_chain, member_chain, not_found
from tendlc.core.sharing.lifecycle import SharingAction, next_status
from tendlc.core.sharing.model import Chain, SharingLink, SharingStatus, content_fingerprint
from tendlc.core.sharing.notify import notify

MAX_EXPLANATION = 2048


def share(uow: UnitOfWork, ids: IdGenerator, clock: Clock, actor: Actor, campaign_id: str,
          upstream_cnp_id: str) -> SharingLink:
    """``PUT /campaign/{campaignId}/sharing/{upstreamCnpId}``: the campaign's CSP shares it (hop 1).
    Allowed when nothing is shared yet or the last upstream declined."""
    now = clock.now()
    campaign = load_campaign(uow, campaign_id)
    if campaign.csp_id != actor.cnp_id:
        chain = load_chain(uow, campaign, False, now)
        if chain is None or chain.position(actor.cnp_id) is None:
            raise not_found(campaign_id)
        raise OperationDeclined(f"only the campaign's CSP shares it from here; as its partner, forward it with "
                                f"PUT /v2/partnerCampaign/{campaign_id}/sharing/{upstream_cnp_id}", ["campaignId"])
    chain = live_chain(uow, campaign)
    plan = hops.plan_share(uow, campaign, chain, actor.cnp_id, upstream_cnp_id)
    link, _, _ = hops.apply_share(uow, ids, now, actor, campaign, chain, plan)
    return link


def _can_forward(actor: Actor) -> Any:
    def check(chain: Chain) -> bool:
        incoming, outgoing = chain.incoming(actor.cnp_id), chain.outgoing(actor.cnp_id)
        if incoming is None:
            return False
        return incoming.sharing_status is SharingStatus.PENDING or (
            outgoing is not None and outgoing.sharing_status is SharingStatus.DECLINED)

    return check


def _can_decide(actor: Actor) -> Any:
    def check(chain: Chain) -> bool:
        incoming = chain.incoming(actor.cnp_id)
        return incoming is not None and incoming.sharing_status is SharingStatus.PENDING

    return check


def _incoming(chain: Chain, actor: Actor, what: str) -> SharingLink:
    incoming = chain.incoming(actor.cnp_id)
    if incoming is None:
        raise NotTheUpstream(f"only the upstream of a sharing link can {what} it; you are the CSP of campaign "
                             f"{chain.campaign_id}", ["campaignId"])
    return incoming


def forward(uow: UnitOfWork, ids: IdGenerator, clock: Clock, actor: Actor, campaign_id: str, upstream_cnp_id: str,
            *, cnp_migration: bool | None = None) -> SharingLink:
    """``PUT /partnerCampaign/{campaignId}/sharing/{upstreamCnpId}``: a CSP-type upstream shares the
    campaign further up, which accepts the request it received; or shares it again after its own
    upstream declined."""
    now = clock.now()
    campaign = load_campaign(uow, campaign_id)
    chain = member_chain(uow, campaign, actor, cnp_migration, now, _can_forward(actor))
    incoming = _incoming(chain, actor, "forward")
    accepting = incoming.sharing_status is SharingStatus.PENDING
    if not accepting and incoming.sharing_status is SharingStatus.DECLINED:
        next_status(incoming, SharingAction.FORWARD)  # raises: the caller declined it
    plan = hops.plan_share(uow, campaign, chain, actor.cnp_id, upstream_cnp_id)
    if accepting:
        chain = hops.accept_forwarded(uow, now, actor, campaign, chain, incoming)
    link, chain, campaign = hops.apply_share(uow, ids, now, actor, campaign, chain, plan)
    hops.auto_complete(uow, ids, now, campaign, chain)
    return link


def share_up(uow: UnitOfWork, ids: IdGenerator, clock: Clock, actor: Actor, campaign_id: str,
             upstream_cnp_id: str) -> SharingLink:
    """Share as whoever the caller is: the campaign's CSP shares, a partner forwards."""
    campaign = load_campaign(uow, campaign_id)
    if campaign.csp_id == actor.cnp_id:
        return share(uow, ids, clock, actor, campaign_id, upstream_cnp_id)
    return forward(uow, ids, clock, actor, campaign_id, upstream_cnp_id)


def check_decline(explanation: str | None, categories: Sequence[str]) -> tuple[str, list[str]]:
    problems = []
    text = (explanation or "").strip()
    if not text:
        problems.append(FieldProblem("explanation", "is required: tell the downstream why you decline"))
    elif len(text) > MAX_EXPLANATION:
        problems.append(FieldProblem("explanation", f"must be at most {MAX_EXPLANATION} characters"))
    unknown = [c for c in categories if c not in REJECTION_CATEGORIES]
    if unknown:
        problems.append(FieldProblem("rejectionCategory", f"{unknown[0]!r} is not a rejection category; see "
                                                          "/v2/enum/rejectionCategory"))
    if problems:
        raise InvalidInput.of(problems)
    return text, list(dict.fromkeys(categories))


def decline(uow: UnitOfWork, clock: Clock, actor: Actor, campaign_id: str, explanation: str | None,
            categories: Sequence[str] = (), *, cnp_migration: bool | None = None) -> SharingLink:
    """``DELETE /partnerCampaign/{campaignId}/sharing``: the upstream declines the request it received.
    The downstream parties hear CAMPAIGN_SHARE_DELETE with the reason."""
    text, categories = check_decline(explanation, categories)
    now = clock.now()
    campaign = load_campaign(uow, campaign_id)
    chain = member_chain(uow, campaign, actor, cnp_migration, now, _can_decide(actor))
    incoming = _incoming(chain, actor, "decline")
    if not campaign.active:
        raise CampaignExpired(f"campaign {campaign_id} is expired", ["campaignId"])
    saved, chain = hops.decide(uow, now, actor, chain, incoming, SharingAction.DECLINE, explanation=text,
                               rejection_categories=categories, declined_fingerprint=content_fingerprint(campaign),
                               declined_at_campaign_version=campaign.version)
    notify(uow, EventType.CAMPAIGN_SHARE_DELETE, campaign, chain, saved, chain.below(actor.cnp_id), now,
           lambda who: f"{who} declined campaign {campaign_id}: {text}", {"rejectionCategory": categories})
    return saved


def accept(uow: UnitOfWork, ids: IdGenerator, clock: Clock, actor: Actor, campaign_id: str,
           excluded_mno_ids: Sequence[int] = (), *, cnp_migration: bool | None = None) -> SharingLink:
    """A DCA accepts the campaign shared with it: the chain is complete and MNO review can start."""
    if actor.kind != "DCA":
        raise OperationDeclined(f"only a DCA account accepts a campaign; a CSP-type partner accepts by forwarding "
                                f"it: PUT /v2/partnerCampaign/{campaign_id}/sharing/{{upstreamCnpId}}", ["campaignId"])
    now = clock.now()
    campaign = load_campaign(uow, campaign_id)
    chain = member_chain(uow, campaign, actor, cnp_migration, now, _can_decide(actor))
    incoming = _incoming(chain, actor, "accept")
    unknown = [m for m in excluded_mno_ids if m not in MNOS]
    if unknown:
        raise InvalidInput.of([FieldProblem("excludedMnoIds", f"unknown MNO network id(s) {unknown}; see "
                                                              "/v2/enum/mno")])
    if not campaign.active:
        raise CampaignExpired(f"campaign {campaign_id} is expired", ["campaignId"])
    next_status(incoming, SharingAction.ACCEPT)
    chain = hops.accept_by_dca(uow, now, actor, campaign, chain, incoming, sorted(set(excluded_mno_ids)))
    top = chain.top
    assert top is not None
    return top


class AcceptRequest(InputModel):
    excluded_mno_ids: list[int] = []


def parse_accept(body: Any) -> list[int]:
    """The optional body of a DCA's acceptance: ``{"excludedMnoIds": [...]}``."""
    return list(parse_input(AcceptRequest, body if body is not None else {}).excluded_mno_ids)


class NudgeRequest(InputModel):
    nudge_intent: str
    description: str | None = Field(default=None, max_length=1024)


def nudge(uow: UnitOfWork, clock: Clock, actor: Actor, campaign_id: str, body: Any) -> str:
    """``POST /campaign/{campaignId}/nudge``: the campaign's CSP asks the party that must act next to do
    so. REVIEW goes to the upstream of the pending top hop; APPEAL_REJECTION to the party whose upstream
    declined (it should review the changed campaign and share it again). Returns the recipient."""
    request = parse_input(NudgeRequest, body)
    if request.nudge_intent not in NUDGE_INTENTS:
        raise InvalidInput.of([FieldProblem("nudgeIntent", f"must be one of {', '.join(NUDGE_INTENTS)}")])
    now = clock.now()
    campaign = load_campaign(uow, campaign_id)
    chain = live_chain(uow, campaign)
    if campaign.csp_id != actor.cnp_id:
        if chain.position(actor.cnp_id) is None:
            raise not_found(campaign_id)
        raise OperationDeclined(f"only the CSP of campaign {campaign_id} may nudge its partners", ["campaignId"])
    if not campaign.active:
        raise CampaignExpired(f"campaign {campaign_id} is expired", ["campaignId"])
    top = chain.top
    if request.nudge_intent == "REVIEW":
        if top is None or top.sharing_status is not SharingStatus.PENDING:
            raise OperationDeclined(f"no partner of campaign {campaign_id} has a sharing request waiting for review",
                                    ["nudgeIntent"])
        recipient = top.upstream_cnp_id
    else:
        if top is None or top.sharing_status is not SharingStatus.DECLINED:
            raise OperationDeclined(f"no partner declined campaign {campaign_id}; there is nothing to appeal",
                                    ["nudgeIntent"])
        if top.hop == 1:
            raise OperationDeclined(f"{top.upstream_cnp_id} declined campaign {campaign_id}: change the campaign and "
                                    f"share it again with PUT /v2/campaign/{campaign_id}/sharing/"
                                    f"{top.upstream_cnp_id}", ["nudgeIntent"])
        recipient = top.downstream_cnp_id
    intent = request.nudge_intent
    text = request.description or (
        f"Please review campaign {campaign_id}" if intent == "REVIEW"
        else f"Campaign {campaign_id} was changed after it was declined; please review it and share it again")
    notify(uow, EventType.CAMPAIGN_NUDGE, campaign, chain, top, [recipient], now, lambda _: text,
           {"nudgeIntent": intent})
    uow.record_history("sharing_link", top.link_id, top.version, f"nudge {intent}", actor.label, now,
                       {"nudgeIntent": intent, "description": text, "recipient": recipient})
    return recipient
