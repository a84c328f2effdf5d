"""Fingerprints of campaign texts, for the registry-wide reuse checks (a description or a set of samples
used by unrelated brands): two texts that differ only in letter case or whitespace have the same one.

The registry stores the fingerprint of each campaign's description and samples in an indexed table, so a
reuse check is an index lookup, not a scan of every campaign's document.
"""

from __future__ import annotations

import hashlib

DESCRIPTION = "description"
SAMPLE = "sample"
SAMPLE_FIELDS = ("sample1", "sample2", "sample3", "sample4", "sample5")


def fingerprint(text: str | None) -> str | None:
    """The fingerprint of ``text`` (32 hex characters), or None when it is empty or blank."""
    normal = " ".join((text or "").casefold().split())
    if not normal:
        return None
    return hashlib.sha256(normal.encode()).hexdigest()[:32]


def campaign_fingerprints(campaign: object) -> set[tuple[str, str]]:
    """``(kind, fingerprint)`` of a campaign's description and samples (``kind``: description or sample),
    for any object with those attributes (a model) or keys (a stored document)."""

    def value(name: str) -> str | None:
        found = campaign.get(name) if isinstance(campaign, dict) else getattr(campaign, name, None)
        return found if isinstance(found, str) else None

    found = {(DESCRIPTION, f) for f in [fingerprint(value("description"))] if f is not None}
    found |= {(SAMPLE, f) for f in (fingerprint(value(name)) for name in SAMPLE_FIELDS) if f is not None}
    return found
