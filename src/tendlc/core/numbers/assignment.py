"""Assigning numbers to campaigns: the number's transition table, when a campaign can take numbers
(provisioning), the carriers' caps, and what one number's assignment comes to. Pure: no storage.

A number belongs to at most one campaign. Its ``assignment_status`` (Telnyx's words) moves so::

    (unassigned) ──assign──► PENDING_ASSIGNMENT ──provision──► ASSIGNED
          ▲                        │ └──fail──► FAILED_ASSIGNMENT ──assign──► PENDING_ASSIGNMENT
          │                        └──cancel (unassign, campaign ends)──► (unassigned)
          └──release── PENDING_UNASSIGNMENT ◄──unassign── ASSIGNED | FAILED_UNASSIGNMENT
                               └──fail──► FAILED_UNASSIGNMENT

A number is *provisioned* (PENDING_ASSIGNMENT → ASSIGNED) only once the campaign's chain is accepted by a
DCA and at least one carrier has REGISTERED the campaign; until then it waits (Sinch:
CAMPAIGN_PENDING_ACCEPTANCE). A campaign whose carriers all suspended it *holds* its numbers: they stay
assigned to it (no other campaign can take them, nnSR keeps them), nothing new is provisioned, and sending
stops until a carrier unsuspends. Deactivation or expiry *releases* every number of the campaign.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from tendlc.core.campaigns.model import Campaign
from tendlc.core.carriers.review import MnoReview, OperationStatus, mno_name
from tendlc.core.errors import OperationDeclined
from tendlc.core.numbers.model import AssignmentStatus
from tendlc.core.sharing.model import Chain, SharingStatus

T_MOBILE = 10035
T_MOBILE_CAP = 49
"""T-Mobile takes at most 49 numbers on a campaign unless the campaign declares ``numberPool``."""

MAX_REASON = 512


class NumberAction(StrEnum):
    ASSIGN = "assign"
    PROVISION = "provision"
    FAIL = "fail"
    UNASSIGN = "unassign"
    RELEASE = "release"


S = AssignmentStatus
TRANSITIONS: dict[tuple[AssignmentStatus | None, NumberAction], AssignmentStatus | None] = {
    (None, NumberAction.ASSIGN): S.PENDING_ASSIGNMENT,
    (S.FAILED_ASSIGNMENT, NumberAction.ASSIGN): S.PENDING_ASSIGNMENT,
    (S.PENDING_ASSIGNMENT, NumberAction.PROVISION): S.ASSIGNED,
    (S.PENDING_ASSIGNMENT, NumberAction.FAIL): S.FAILED_ASSIGNMENT,
    (S.PENDING_ASSIGNMENT, NumberAction.UNASSIGN): None,  # cancelled before it was provisioned
    (S.FAILED_ASSIGNMENT, NumberAction.UNASSIGN): None,
    (S.ASSIGNED, NumberAction.UNASSIGN): S.PENDING_UNASSIGNMENT,
    (S.FAILED_UNASSIGNMENT, NumberAction.UNASSIGN): S.PENDING_UNASSIGNMENT,
    (S.PENDING_UNASSIGNMENT, NumberAction.RELEASE): None,
    (S.PENDING_UNASSIGNMENT, NumberAction.FAIL): S.FAILED_UNASSIGNMENT,
}

HOLDING: frozenset[AssignmentStatus] = frozenset({S.PENDING_ASSIGNMENT, S.ASSIGNED, S.PENDING_UNASSIGNMENT,
                                                  S.FAILED_UNASSIGNMENT})
"""Statuses in which the number belongs to its campaign (counted against caps; no other campaign may take
it). A FAILED_ASSIGNMENT number is free: it may be assigned again, here or elsewhere."""


def next_assignment_status(e164: str, status: AssignmentStatus | None, action: NumberAction
                           ) -> AssignmentStatus | None:
    """The status after ``action``, or OPERATION_DECLINED naming the present status."""
    key = (status, action)
    if key not in TRANSITIONS:
        shown = status.value if status is not None else "unassigned"
        raise OperationDeclined(f"cannot {action.value} {e164}: its assignment status is {shown}", ["phoneNumber"])
    return TRANSITIONS[key]


# --- readiness ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Provisioning:
    """Whether numbers of a campaign can be provisioned now, and why not (a sentence a person can act on).
    ``ended``: the campaign is EXPIRED, its numbers are released."""

    ready: bool
    reason: str | None = None
    ended: bool = False
    registered_mnos: tuple[int, ...] = ()


def provisioning(campaign: Campaign, chain: Chain, reviews: Iterable[MnoReview]) -> Provisioning:
    if not campaign.active:
        return Provisioning(False, f"campaign {campaign.campaign_id} is {campaign.status.lower()}", ended=True)
    top = chain.top
    if top is None or not top.upstream_is_dca or top.sharing_status is not SharingStatus.ACCEPTED:
        return Provisioning(False, f"CAMPAIGN_PENDING_ACCEPTANCE: campaign {campaign.campaign_id} is not yet "
                                   "accepted by a DCA; numbers are provisioned once a DCA accepts it and a carrier "
                                   "registers it")
    listed = sorted(reviews, key=lambda r: r.mno_id)
    registered = tuple(r.mno_id for r in listed if r.status is OperationStatus.REGISTERED)
    if registered:
        return Provisioning(True, registered_mnos=registered)
    suspended = [r for r in listed if r.status is OperationStatus.SUSPENDED]
    if suspended:
        names = ", ".join(f"{r.mno_name} ({r.reason})" if r.reason else r.mno_name for r in suspended)
        return Provisioning(False, f"CAMPAIGN_SUSPENDED: every carrier that registered campaign "
                                   f"{campaign.campaign_id} suspended it: {names}; its numbers are held")
    return Provisioning(False, f"CAMPAIGN_PENDING_CARRIER_REVIEW: no carrier has registered campaign "
                               f"{campaign.campaign_id} yet; numbers are provisioned once one does")


def cap_of(campaign: Campaign, mno_ids: Iterable[int]) -> tuple[int, str] | None:
    """The most numbers the campaign may hold and the carrier imposing it (None: no cap)."""
    if campaign.number_pool or T_MOBILE not in set(mno_ids):
        return None
    return T_MOBILE_CAP, mno_name(T_MOBILE)


# --- one number of an assignment --------------------------------------------------------------------


class ItemStatus(StrEnum):
    """Where one number of an assignment task stands."""

    PENDING = "pending"  # not looked at yet
    WAITING = "waiting"  # PENDING_ASSIGNMENT: waiting for the campaign to be provisionable
    ASSIGNED = "assigned"
    FAILED = "failed"


FINAL_ITEMS: frozenset[ItemStatus] = frozenset({ItemStatus.ASSIGNED, ItemStatus.FAILED})


class Held(NamedTuple):
    """What assignment needs to know of a number: who holds it and where its assignment stands. (Named
    tuples, this and :class:`Outcome`: a batch makes 20,000 of each, and a frozen dataclass costs several
    times as much to build.)"""

    e164: str
    cnp_id: str
    project_id: str | None
    campaign_id: str | None
    status: AssignmentStatus | None


class Outcome(NamedTuple):
    """What becomes of one number: the task item's status and reason; the number's new campaign and status
    (``change`` False: the number is left as it is)."""

    e164: str
    item: ItemStatus
    reason: str | None = None
    change: bool = False
    campaign_id: str | None = None
    status: AssignmentStatus | None = None


@dataclass(frozen=True)
class Assigner:
    """Who assigns: the account (and, for a project key, the project) whose numbers may be assigned."""

    cnp_id: str
    project_id: str | None


def refusal(number: Held | None, e164: str, who: Assigner, campaign_id: str) -> str | None:
    """Why ``e164`` cannot be assigned to the campaign by ``who`` (None: it can, or already is)."""
    if number is None or number.cnp_id != who.cnp_id or (who.project_id is not None
                                                         and number.project_id != who.project_id):
        return f"NUMBER_NOT_HELD: {e164} is not one of your numbers; add it with POST /api/v1/numbers first"
    if number.campaign_id not in (None, campaign_id) and number.status in HOLDING:
        return (f"NUMBER_ON_ANOTHER_CAMPAIGN: {e164} is assigned to campaign {number.campaign_id}; "
                "unassign it there first")
    if number.campaign_id == campaign_id and number.status is S.PENDING_UNASSIGNMENT:
        return f"NUMBER_BEING_UNASSIGNED: {e164} is being unassigned from campaign {campaign_id}; retry once it is"
    return None


def decide(numbers: Mapping[str, Held | None], wanted: Iterable[str], who: Assigner, campaign: Campaign,
           ready: Provisioning, holding: int, cap: tuple[int, str] | None,
           forced: Mapping[str, str], *, defer: bool = False) -> tuple[list[Outcome], int]:
    """The outcome of assigning each of ``wanted`` (in order) to ``campaign``, which holds ``holding``
    numbers now; returns the outcomes and how many the campaign holds after them.

    A number already on the campaign stays as it is (re-running never assigns twice). When the campaign is
    provisionable the number is provisioned at once (ASSIGNED, or FAILED_ASSIGNMENT when the sandbox forced
    a failure), else it waits in PENDING_ASSIGNMENT. ``defer``: always PENDING_ASSIGNMENT (the provisioning
    worker takes it from there)."""
    later = Provisioning(False, ready.reason)
    outcomes: list[Outcome] = []
    cid = campaign.campaign_id
    for e164 in wanted:
        number = numbers.get(e164)
        if ready.ended:
            outcomes.append(Outcome(e164, ItemStatus.FAILED, f"CAMPAIGN_EXPIRED: {ready.reason}"))
            continue
        why = refusal(number, e164, who, cid)
        if why is not None:
            outcomes.append(Outcome(e164, ItemStatus.FAILED, why))
            continue
        assert number is not None
        if number.campaign_id == cid and number.status in (S.ASSIGNED, S.FAILED_UNASSIGNMENT):
            outcomes.append(Outcome(e164, ItemStatus.ASSIGNED))
            continue
        if number.campaign_id == cid and number.status is S.PENDING_ASSIGNMENT:
            outcomes.append(Outcome(e164, ItemStatus.WAITING, ready.reason))
            continue
        if cap is not None and holding >= cap[0]:
            outcomes.append(Outcome(e164, ItemStatus.FAILED, cap_reason(cid, cap)))
            continue
        holding += 1
        outcomes.append(provision_outcome(e164, cid, later if defer else ready, forced))
    return outcomes, holding


def cap_reason(campaign_id: str, cap: tuple[int, str]) -> str:
    return (f"CARRIER_CAP: {cap[1]} allows at most {cap[0]} numbers on campaign {campaign_id} unless it "
            "declares numberPool; unassign numbers, or register a campaign with numberPool")


def provision_outcome(e164: str, campaign_id: str, ready: Provisioning, forced: Mapping[str, str]) -> Outcome:
    """A number entering PENDING_ASSIGNMENT on ``campaign_id``: provisioned now if the campaign is ready."""
    if not ready.ready:
        return Outcome(e164, ItemStatus.WAITING, ready.reason, True, campaign_id, S.PENDING_ASSIGNMENT)
    if e164 in forced:
        reason = f"PROVISIONING_FAILED: {forced[e164]}"
        return Outcome(e164, ItemStatus.FAILED, reason, True, campaign_id, S.FAILED_ASSIGNMENT)
    return Outcome(e164, ItemStatus.ASSIGNED, None, True, campaign_id, S.ASSIGNED)


def unassign_outcome(e164: str, campaign_id: str, forced: Mapping[str, str]) -> Outcome:
    """A PENDING_UNASSIGNMENT number provisioned: released, or FAILED_UNASSIGNMENT when forced."""
    if e164 in forced:
        return Outcome(e164, ItemStatus.FAILED, f"DEPROVISIONING_FAILED: {forced[e164]}", True, campaign_id,
                       S.FAILED_UNASSIGNMENT)
    return Outcome(e164, ItemStatus.ASSIGNED, None, True, None, None)


# --- a task's status ------------------------------------------------------------------------------------


class TaskStatus(StrEnum):
    """Telnyx's task statuses, derived from the items."""

    PENDING = "pending"
    PROCESSING = "processing"
    COMPLETED = "completed"
    FAILED = "failed"


def task_status(counts: Mapping[str, int], started: bool) -> TaskStatus:
    """``pending`` until a worker starts it; ``processing`` while an item is pending or waiting;
    ``failed`` when every item failed; ``completed`` otherwise (also with no items). A task that completed
    with some failed numbers is ``completed``: its per-number statuses say which failed and why."""
    open_items = counts.get(ItemStatus.PENDING.value, 0) + counts.get(ItemStatus.WAITING.value, 0)
    total = sum(counts.values())
    if open_items:
        return TaskStatus.PROCESSING if started else TaskStatus.PENDING
    if total and counts.get(ItemStatus.FAILED.value, 0) == total:
        return TaskStatus.FAILED
    return TaskStatus.COMPLETED
