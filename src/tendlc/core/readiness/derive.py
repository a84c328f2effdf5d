"""``readiness()``: one pure, total function from what the registry knows of a campaign to its stage, whether
it can send (``ok``), the reason when it cannot, and its provisioned numbers.

This is the function every door maps to its own words: RumbleUp's ``status``/``ok``/``proxy``
(``dialects/rumbleup/translate.py``), and Telnyx's ``campaignStatus`` should switch to it from its stand-in
(``dialects/telnyx/status.py``): CARRIER_REVIEW → MNO_PENDING, NUMBERS_PENDING → MNO_ACCEPTED (or
MNO_PROVISIONING_FAILED when ``numbers_failed``), ACTIVE → MNO_PROVISIONED, and so on. Load the inputs with
``service.facts`` (or pass them yourself) and call :func:`readiness`.

The checks, first match wins (so every combination of inputs maps to exactly one stage):

1. registry status not ACTIVE                              → EXPIRED
2. the provider declined / has not yet accepted            → SHARE_DECLINED / PROVIDER_REVIEW
3. no link                                                 → NOT_SHARED
4. top link DECLINED                                       → SHARE_DECLINED
5. top link PENDING to a DCA                               → DCA_REVIEW
6. top link PENDING to a CNP, or ACCEPTED by a CNP that     → SHARE_PENDING
   has not shared further
7. (the chain is complete) an elected MNO SUSPENDED        → SUSPENDED
8. an elected MNO REJECTED, or no MNO elected at all       → CARRIER_REJECTED
9. an elected MNO in REVIEW or without a review yet        → CARRIER_REVIEW
10. every elected MNO REGISTERED, no number ASSIGNED       → NUMBERS_PENDING
11. otherwise                                              → ACTIVE (ok)

``ok`` needs every carrier the DCA accepted the campaign for to have REGISTERED it: while one still reviews,
rejected or suspended it, its subscribers' traffic would be blocked, so the campaign is not "ready to send"
and the reason says which carrier and what to do. (Number provisioning, ``core/numbers/assignment.py``,
starts as soon as one carrier registered: numbers may be ASSIGNED while readiness still waits.)
"""

from __future__ import annotations

from collections.abc import Sequence

from tendlc.core.campaigns.model import Campaign
from tendlc.core.carriers.review import MnoReview, OperationStatus, mno_name
from tendlc.core.carriers.reviews import elected_mnos
from tendlc.core.numbers.model import AssignmentStatus, PhoneNumber
from tendlc.core.readiness.model import Acceptance, NumberTally, ProviderAcceptance, Readiness, Stage
from tendlc.core.sharing.model import Chain, SharingStatus
from tendlc.core.sharing.notify import masked_label, visible_positions

NOT_OPENED = "PENDING"
"""The carrier status shown for an elected MNO whose review is not open yet."""


def _namer(chain: Chain, viewer: str | None) -> dict[int, str]:
    """How ``viewer`` may name each party of the chain: by id where it knows it, else by position."""
    known = set(range(len(chain.parties))) if viewer is None else visible_positions(chain, viewer)
    return {p: party if p in known else masked_label(chain, p) for p, party in enumerate(chain.parties)}


def tally(campaign_id: str, numbers: Sequence[PhoneNumber]) -> NumberTally:
    """The tally of the ``numbers`` assigned to ``campaign_id`` (others are ignored), listed."""
    mine = [n for n in numbers if n.campaign_id == campaign_id]
    assigned = tuple(sorted(n.e164 for n in mine if n.assignment_status is AssignmentStatus.ASSIGNED))
    pending = sum(1 for n in mine if n.assignment_status is AssignmentStatus.PENDING_ASSIGNMENT)
    failed = sum(1 for n in mine if n.assignment_status is AssignmentStatus.FAILED_ASSIGNMENT)
    return NumberTally(len(assigned), pending, failed, assigned)


def _chain_stage(campaign: Campaign, chain: Chain, names: dict[int, str],
                 provider: ProviderAcceptance | None) -> tuple[Stage, str] | None:
    """The stage while the chain is not complete (None once a DCA accepted)."""
    cid = campaign.campaign_id
    if provider is not None and provider.status is Acceptance.DECLINED:
        why = f": {provider.explanation}" if provider.explanation else ""
        return Stage.SHARE_DECLINED, (f"the provider {provider.provider_id} declined campaign {cid}{why}. Change "
                                      "the campaign and share it again")
    if provider is not None and provider.status is Acceptance.PENDING:
        return Stage.PROVIDER_REVIEW, f"waiting for the provider {provider.provider_id} to accept campaign {cid}"
    top = chain.top
    if top is None:
        return Stage.NOT_SHARED, (f"campaign {cid} is not shared with a connectivity partner yet; share it with a "
                                  "CNP or a DCA")
    upstream = names[top.hop]
    if top.sharing_status is SharingStatus.DECLINED:
        why = f": {top.explanation}" if top.explanation else ""
        return Stage.SHARE_DECLINED, (f"{upstream} declined campaign {cid}{why}. Change the campaign and share it "
                                      "again, or share it with another upstream")
    if top.sharing_status is SharingStatus.PENDING and top.upstream_is_dca:
        return Stage.DCA_REVIEW, f"waiting for the DCA {upstream} to accept campaign {cid}"
    if not chain.complete:
        return Stage.SHARE_PENDING, (f"waiting for {upstream} to accept campaign {cid} and share it with a DCA")
    return None


def _carrier_stage(campaign: Campaign, elected: list[int], by_mno: dict[int, MnoReview]) -> tuple[Stage, str] | None:
    """The stage while carriers have not all registered the campaign (None once they have)."""
    cid = campaign.campaign_id
    for status, stage, verb in ((OperationStatus.SUSPENDED, Stage.SUSPENDED, "suspended"),
                                (OperationStatus.REJECTED, Stage.CARRIER_REJECTED, "rejected")):
        hit = [by_mno[m] for m in elected if m in by_mno and by_mno[m].status is status]
        if hit:
            what = "; ".join(f"{r.mno_name} {verb} it" + (f": {r.reason}" if r.reason else "") for r in hit)
            todo = ("resolve it with the carrier" if stage is Stage.SUSPENDED
                    else "change the campaign and resubmit it to that carrier")
            return stage, f"campaign {cid} cannot send: {what}. Then {todo}"
    if not elected:
        return Stage.CARRIER_REJECTED, (f"the DCA accepted campaign {cid} for no carrier; add a carrier the DCA "
                                        "serves, or share it with another DCA")
    waiting = [m for m in elected if m not in by_mno or by_mno[m].status is OperationStatus.REVIEW]
    if waiting:
        return Stage.CARRIER_REVIEW, (f"waiting for {', '.join(mno_name(m) for m in waiting)} to review campaign "
                                      f"{cid}")
    return None


def readiness(campaign: Campaign, chain: Chain, reviews: Sequence[MnoReview],
              numbers: Sequence[PhoneNumber] | NumberTally, provider: ProviderAcceptance | None = None,
              viewer: str | None = None) -> Readiness:
    """The campaign's stage from its registry status, live ``chain``, carrier ``reviews``, the ``numbers``
    assigned to it (the numbers, of which others are ignored, or their tally) and, for a customer's view,
    its ``provider``'s acceptance.

    ``viewer`` (an account id) is whom the reason is written for: parties of the chain it may not know are
    named by position ("hop 2 (DCA)"), as everywhere else."""
    counted = numbers if isinstance(numbers, NumberTally) else tally(campaign.campaign_id, numbers)
    pending, failed = counted.pending, counted.failed
    elected = elected_mnos(campaign, chain)
    by_mno = {r.mno_id: r for r in reviews if r.campaign_id == campaign.campaign_id}
    carriers = tuple((m, by_mno[m].status.value if m in by_mno else NOT_OPENED) for m in elected)

    def answer(stage: Stage, reason: str | None) -> Readiness:
        shown = counted.provisioned if stage is Stage.ACTIVE else ()
        return Readiness(campaign.campaign_id, stage, reason, shown, pending, failed, carriers, counted.assigned)

    if not campaign.active:
        return answer(Stage.EXPIRED, f"campaign {campaign.campaign_id} is {campaign.status} and can no longer send; "
                                     "register a new campaign")
    blocked = _chain_stage(campaign, chain, _namer(chain, viewer), provider)
    if blocked is None:
        blocked = _carrier_stage(campaign, elected, by_mno)
    if blocked is not None:
        return answer(*blocked)
    if not counted.assigned:
        if pending:
            detail = f"{pending} number(s) are being assigned"
        elif failed:
            detail = f"the assignment of {failed} number(s) failed; assign them again or assign other numbers"
        else:
            detail = "assign numbers to it"
        return answer(Stage.NUMBERS_PENDING, f"campaign {campaign.campaign_id} has no number to send from yet: "
                                             f"{detail}")
    return answer(Stage.ACTIVE, None)
