"""What the campaign pages draw: the connectivity chain as boxes and arrows (an inline SVG the template
writes out), each carrier's status, and the one-line stage of a campaign. Presentation only: the facts
come from the core (``sharing.views.chain_view``, ``carriers.reviews``)."""

from __future__ import annotations

from dataclasses import dataclass

from tendlc.core.campaigns.model import Campaign
from tendlc.core.carriers.review import MnoReview
from tendlc.core.sharing.views import ChainView, PartyView

BOX_W, BOX_H, GAP, PAD, TOP = 150, 60, 90, 10, 10
COLOURS = {"ACCEPTED": "#1a7f37", "PENDING": "#0550ae", "DECLINED": "#b42318"}
FILLS = {"ACCEPTED": "#dafbe1", "PENDING": "#ddf4ff", "DECLINED": "#ffebe9", "": "#f6f8fa"}


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    label: str
    kind: str
    fill: str
    stroke: str
    title: str


@dataclass(frozen=True)
class Arrow:
    x1: int
    x2: int
    y: int
    status: str
    colour: str
    title: str
    explanation: str | None
    dashed: bool


@dataclass(frozen=True)
class ChainPicture:
    width: int
    height: int
    boxes: list[Box]
    arrows: list[Arrow]
    lines: list[str]  # the same facts in words, for screen readers and for anyone who prefers reading


def _name(party: PartyView) -> str:
    return party.label if party.cnp_id is None else f"{party.cnp_id} ({party.kind.value})"


def chain_picture(view: ChainView, owner_label: str) -> ChainPicture:
    parties = [view.hops[0].downstream, *(h.upstream for h in view.hops)] if view.hops else []
    count = max(1, len(parties))
    width = PAD * 2 + count * BOX_W + (count - 1) * GAP
    height = TOP * 2 + BOX_H + 30
    boxes: list[Box] = []
    arrows: list[Arrow] = []
    lines: list[str] = []
    if not parties:
        boxes.append(Box(PAD, TOP, owner_label, "CSP", FILLS[""], "#57606a", f"{owner_label}: not shared yet"))
        lines.append("Not shared with any partner yet.")
        return ChainPicture(width, height, boxes, arrows, lines)
    for i, party in enumerate(parties):
        status = view.hops[i - 1].link.sharing_status.value if i > 0 else ""
        x = PAD + i * (BOX_W + GAP)
        title = _name(party) + (f": {status.lower()}" if status else ": the campaign's CSP" if i == 0 else "")
        boxes.append(Box(x, TOP, party.cnp_id or party.label, party.kind.value, FILLS.get(status, FILLS[""]),
                         COLOURS.get(status, "#57606a"), title))
    for i, hop in enumerate(view.hops):
        link = hop.link
        status = link.sharing_status.value
        x1 = PAD + i * (BOX_W + GAP) + BOX_W
        words = f"Hop {hop.hop}: {_name(hop.downstream)} shared with {_name(hop.upstream)} — {status}"
        if link.explanation:
            words += f": “{link.explanation}”"
        if link.rejection_categories:
            words += f" ({', '.join(link.rejection_categories)})"
        arrows.append(Arrow(x1 + 4, x1 + GAP - 8, TOP + BOX_H // 2, status, COLOURS[status], words,
                            link.explanation, status == "PENDING"))
        lines.append(words)
    if view.complete:
        lines.append("The chain is complete: the DCA accepted the campaign.")
    return ChainPicture(width, height, boxes, arrows, lines)


@dataclass(frozen=True)
class Stage:
    key: str  # a badge class
    text: str


def stage(campaign: Campaign, view: ChainView | None, reviews: list[MnoReview]) -> Stage:
    """Where a campaign stands, in a few words."""
    if campaign.status != "ACTIVE":
        return Stage("expired", "Deactivated")
    if view is None or not view.hops:
        return Stage("not_shared", "Registered, not shared")
    top = view.hops[-1]
    who = _name(top.upstream)
    status = top.link.sharing_status.value
    if status == "DECLINED":
        return Stage("declined", f"Declined by {who}")
    if status == "PENDING":
        return Stage("pending", f"Waiting for {who}")
    if not view.complete:
        return Stage("pending", f"Forwarded by {who}")
    states = [r.status.value for r in reviews]
    if not states:
        return Stage("review", "Accepted by the DCA; carrier review opening")
    for bad in ("REJECTED", "SUSPENDED"):
        if bad in states:
            names = ", ".join(r.mno_name for r in reviews if r.status.value == bad)
            return Stage(bad.lower(), f"{bad.title()} by {names}")
    done = states.count("REGISTERED")
    if done == len(states):
        return Stage("ready", "Registered with every carrier")
    return Stage("review", f"Carrier review: {done} of {len(states)} registered")
