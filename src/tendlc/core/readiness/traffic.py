"""The traffic gate: may this campaign send now, from this number, this many messages?

Refused (with a reason and, for a cap, when to retry) when the campaign is not ready (readiness ``ok``
false), when ``from`` is not a number provisioned on it, or when the messages would exceed the carrier
terms stored with the campaign (``mnoMetadata``): T-Mobile's ``brandDailyCap`` (messages per brand and UTC
day, over all of the brand's campaigns) and AT&T's ``tpm`` (messages per minute, per campaign or, when
``tpmScope`` says so, per number). Every message counts against both caps: the registry does not know which
carrier a recipient uses, so it counts conservatively.

With ``record`` the messages are counted (atomically: two concurrent senders cannot both take the last
unit of a cap) and the campaign's ``sent_time`` moves to now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from pydantic import Field

from tendlc.core.actor import Actor
from tendlc.core.clock import Clock
from tendlc.core.errors import FieldProblem, InvalidInput
from tendlc.core.model import InputModel, parse_input
from tendlc.core.numbers.e164 import nanp_e164
from tendlc.core.numbers.model import AssignmentStatus
from tendlc.core.ports import UnitOfWork
from tendlc.core.readiness.model import Readiness
from tendlc.core.readiness.service import facts_of, readiness_for, visible

ATT = "10017"
TMOBILE = "10035"
MAX_COUNT = 1_000_000
MAX_RECIPIENTS = 1000

BRAND_DAY = "brand_day"  # T-Mobile brandDailyCap: per brand and UTC day
CAMPAIGN_MINUTE = "campaign_minute"  # AT&T tpm with tpmScope CAMPAIGN
NUMBER_MINUTE = "number_minute"  # AT&T tpm with another tpmScope: per sending number
CAMPAIGN_DAY = "campaign_day"  # per campaign and UTC day: sent_time and messages per day


class Refusal(StrEnum):
    CAMPAIGN_NOT_READY = "CAMPAIGN_NOT_READY"
    NUMBER_NOT_PROVISIONED = "NUMBER_NOT_PROVISIONED"
    TMOBILE_BRAND_DAILY_CAP = "TMOBILE_BRAND_DAILY_CAP"
    ATT_THROUGHPUT = "ATT_THROUGHPUT"


class PreflightInput(InputModel):
    campaign_id: str = Field(min_length=1, max_length=10)
    from_: Any = Field(default=None, alias="from")
    to: Any = None
    count: int | None = Field(default=None, ge=1, le=MAX_COUNT)
    record: bool = False


@dataclass(frozen=True)
class Limit:
    """One cap that applies to the campaign: its counter, its size and the window's bounds."""

    name: str  # wire name: brandDailyCap | attTpm
    kind: str
    subject: str
    cap: int
    window_start: datetime
    window_end: datetime


@dataclass(frozen=True)
class Usage:
    limit: Limit
    used: int  # after this request when it was recorded, else before it


@dataclass(frozen=True)
class Preflight:
    campaign_id: str
    sender: str | None
    count: int
    allowed: bool
    readiness: Readiness
    refusal: Refusal | None = None
    reason: str | None = None
    retry_after: int | None = None  # seconds until the exceeded window ends
    usage: tuple[Usage, ...] = ()
    recorded: bool = False
    sent_time: datetime | None = None


def day_start(at: datetime) -> datetime:
    return at.replace(hour=0, minute=0, second=0, microsecond=0)


def minute_start(at: datetime) -> datetime:
    return at.replace(second=0, microsecond=0)


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def limits(mno_metadata: dict[str, dict[str, Any]], elected: set[str], brand_id: str, campaign_id: str,
           sender: str, now: datetime) -> list[Limit]:
    """The caps of the campaign's terms for carriers the DCA accepted it for, brand cap first (one order
    for every caller: concurrent counters are taken in the same order)."""
    found = []
    cap = _int(mno_metadata.get(TMOBILE, {}).get("brandDailyCap"))
    if TMOBILE in elected and cap is not None:
        start = day_start(now)
        found.append(Limit("brandDailyCap", BRAND_DAY, brand_id, cap, start, start + timedelta(days=1)))
    att = mno_metadata.get(ATT, {})
    tpm = _int(att.get("tpm"))
    if ATT in elected and tpm is not None:
        start = minute_start(now)
        per_campaign = att.get("tpmScope", "CAMPAIGN") == "CAMPAIGN"
        found.append(Limit("attTpm", CAMPAIGN_MINUTE if per_campaign else NUMBER_MINUTE,
                           campaign_id if per_campaign else sender, tpm, start, start + timedelta(minutes=1)))
    return found


def _count(data: PreflightInput) -> int:
    """How many messages: ``count``, else one per recipient in ``to`` (one when there is none)."""
    one = not isinstance(data.to, list)
    recipients: list[Any] = [] if data.to is None else [data.to] if one else list(data.to)
    if len(recipients) > MAX_RECIPIENTS:
        raise InvalidInput.of([FieldProblem("to", f"at most {MAX_RECIPIENTS} recipients")])
    problems = []
    for i, value in enumerate(recipients):
        problem = nanp_e164(value, "to" if one else f"to[{i}]")[1]
        if problem is not None:
            problems.append(problem)
    if problems:
        raise InvalidInput.of(problems)
    return data.count if data.count is not None else max(len(recipients), 1)


SUGGESTED = 5
"""How many of a campaign's numbers a refusal names (the campaign's readiness lists them all)."""


def _some(ready: Readiness) -> str:
    more = ready.numbers_assigned - len(ready.provisioned)
    return ", ".join(ready.provisioned) + (f" and {more} more (its readiness lists them all)" if more > 0 else "")


def _refuse(readiness: Readiness, sender: str | None, count: int, refusal: Refusal, reason: str,
            retry_after: int | None = None, usage: tuple[Usage, ...] = ()) -> Preflight:
    return Preflight(readiness.campaign_id, sender, count, False, readiness, refusal, reason, retry_after, usage)


def _over(limit: Limit, used: int, count: int, now: datetime, campaign_id: str) -> tuple[str, int]:
    wait = max(1, int((limit.window_end - now).total_seconds() + 0.999))
    if limit.kind == BRAND_DAY:
        what = (f"T-Mobile's daily cap of {limit.cap} messages for brand {limit.subject} (its tier's "
                "brandDailyCap)")
        when = f"the cap resets at {limit.window_end.strftime('%Y-%m-%dT%H:%M:%SZ')} (UTC midnight)"
    else:
        whose = f"campaign {campaign_id}" if limit.kind == CAMPAIGN_MINUTE else f"number {limit.subject}"
        what = f"AT&T's throughput of {limit.cap} messages per minute for {whose} (its message class's tpm)"
        when = "send the rest in the next minute"
    return f"{count} more message(s) would exceed {what}: {used} already counted in this window; {when}", wait


def preflight(uow: UnitOfWork, clock: Clock, actor: Actor, body: Any) -> Preflight:
    """``POST /api/v1/messages/preflight`` ``{campaignId, from, to?, count?, record?}``."""
    data = parse_input(PreflightInput, body)
    sender, problem = nanp_e164(data.from_, "from")
    count = _count(data)
    if problem is not None:
        raise InvalidInput.of([problem])
    assert sender is not None
    campaign, chain = visible(uow, actor, data.campaign_id)
    facts = facts_of(uow, [(campaign, chain)], listing=SUGGESTED)[0]  # a campaign may hold 100,000 numbers
    ready = readiness_for(facts, actor.cnp_id)
    if not ready.ok:
        return _refuse(ready, sender, count, Refusal.CAMPAIGN_NOT_READY,
                       f"campaign {campaign.campaign_id} is not ready to send ({ready.stage.value}): {ready.reason}")
    held = uow.numbers.get(sender)
    provisioned = held is not None and held.campaign_id == campaign.campaign_id and (
        held.assignment_status is AssignmentStatus.ASSIGNED)
    if not provisioned:
        return _refuse(ready, sender, count, Refusal.NUMBER_NOT_PROVISIONED,
                       f"{sender} is not provisioned on campaign {campaign.campaign_id}; send from one of its "
                       f"{ready.numbers_assigned} provisioned number(s): {_some(ready)}")
    now = clock.now()
    elected = {str(m) for m, _ in ready.carriers}
    caps = limits(campaign.mno_metadata, elected, campaign.brand_id, campaign.campaign_id, sender, now)
    store = uow.readiness
    if not data.record:
        usage = tuple(Usage(lim, store.usage(lim.kind, lim.subject, lim.window_start)) for lim in caps)
        for u in usage:
            if u.used + count > u.limit.cap:
                reason, wait = _over(u.limit, u.used, count, now, campaign.campaign_id)
                refusal = Refusal.TMOBILE_BRAND_DAILY_CAP if u.limit.kind == BRAND_DAY else Refusal.ATT_THROUGHPUT
                return _refuse(ready, sender, count, refusal, reason, wait, usage)
        sent = store.sent_times([campaign.campaign_id]).get(campaign.campaign_id)
        return Preflight(campaign.campaign_id, sender, count, True, ready, usage=usage, sent_time=sent)
    taken: list[Usage] = []
    for lim in caps:
        used = store.add_usage(lim.kind, lim.subject, lim.window_start, count, now, lim.cap)
        if used is None:
            for done in taken:  # give back what this request took (same transaction: nobody saw it)
                store.add_usage(done.limit.kind, done.limit.subject, done.limit.window_start, -count, now, None)
            before = store.usage(lim.kind, lim.subject, lim.window_start)
            reason, wait = _over(lim, before, count, now, campaign.campaign_id)
            refusal = Refusal.TMOBILE_BRAND_DAILY_CAP if lim.kind == BRAND_DAY else Refusal.ATT_THROUGHPUT
            return _refuse(ready, sender, count, refusal, reason, wait, (Usage(lim, before),))
        taken.append(Usage(lim, used))
        if lim.kind != BRAND_DAY:
            store.forget_before(lim.kind, lim.subject, lim.window_start)
    store.add_usage(CAMPAIGN_DAY, campaign.campaign_id, day_start(now), count, now, None)
    return Preflight(campaign.campaign_id, sender, count, True, ready, usage=tuple(taken), recorded=True,
                     sent_time=now)
