"""Traffic counters of the traffic gate (``core/readiness/traffic.py``): messages counted per subject (a
brand, a campaign or a number) and time window (a UTC day or minute), with the latest send in the window."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, DateTime, String, Table

from tendlc.db.tables import metadata

traffic_counters = Table(
    "traffic_counters", metadata,
    Column("kind", String(16), primary_key=True),  # brand_day | campaign_minute | number_minute | campaign_day
    Column("subject", String(16), primary_key=True),  # brand id, campaign id or E.164 number
    Column("window_start", DateTime, primary_key=True),
    Column("messages", BigInteger, nullable=False),
    Column("last_at", DateTime),
)
