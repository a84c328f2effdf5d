"""Webhook tables: endpoints (TCR subscriptions and native endpoints), deliveries and their attempts.

A delivery is one event for one endpoint. The relay writes it (with the body rendered for the
endpoint's dialect) in the same transaction that marks the outbox event relayed; the sender claims
due deliveries by moving ``next_attempt_at`` to the end of a lease and stamping ``claim_token``, so a
crashed sender's deliveries become due again when the lease runs out.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, DateTime, ForeignKey, Index, Integer, String, Table, Text, UniqueConstraint

from tendlc.db.tables import Seq, event_recipients, metadata, outbox

webhook_endpoints = Table(
    "webhook_endpoints", metadata,
    Column("id", String(40), primary_key=True),
    Column("cnp_id", String(7), ForeignKey("accounts.cnp_id"), nullable=False),
    Column("dialect", String(10), nullable=False),
    Column("category", String(20)),
    Column("event_types", JSON),
    Column("url", String(1000), nullable=False),
    Column("secret", String(255), nullable=False),
    Column("key_id", String(64)),
    Column("previous_secret", String(255)),
    Column("previous_secret_until", DateTime),
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Column("removed_at", DateTime),
    # One TCR subscription per category per account (native rows have no category).
    UniqueConstraint("cnp_id", "category", name="uq_webhook_endpoints_cnp_category"),
    Index("ix_webhook_endpoints_cnp_dialect", "cnp_id", "dialect"),
)

webhook_deliveries = Table(
    "webhook_deliveries", metadata,
    Column("id", String(26), primary_key=True),
    Column("cnp_id", String(7), nullable=False),
    Column("endpoint_id", String(40), ForeignKey("webhook_endpoints.id"), nullable=False),
    Column("seq", Seq, ForeignKey("outbox.seq"), nullable=False),
    Column("event_id", String(26), nullable=False),
    Column("event_type", String(64), nullable=False),
    Column("campaign_id", String(10)),
    Column("brand_id", String(8)),
    Column("dialect", String(10), nullable=False),
    Column("url", String(1000), nullable=False),
    Column("body", Text, nullable=False),
    Column("status", String(10), nullable=False),
    Column("attempt_count", Integer, nullable=False, default=0),
    Column("http_failures", Integer, nullable=False, default=0),
    Column("network_failures", Integer, nullable=False, default=0),
    Column("next_attempt_at", DateTime),
    Column("claim_token", String(26)),
    Column("created_at", DateTime, nullable=False),
    Column("last_attempt_at", DateTime),
    Column("finished_at", DateTime),
    Column("last_status_code", Integer),
    Column("last_error", String(500)),
    UniqueConstraint("seq", "endpoint_id", name="uq_webhook_deliveries_seq_endpoint"),
    Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),
    Index("ix_webhook_deliveries_cnp_seq", "cnp_id", "seq"),
)

webhook_attempts = Table(
    "webhook_attempts", metadata,
    Column("id", Seq, primary_key=True, autoincrement=True),
    Column("delivery_id", String(26), ForeignKey("webhook_deliveries.id"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("at", DateTime, nullable=False),
    Column("url", String(1000), nullable=False),
    Column("status_code", Integer),
    Column("error", String(500)),
    Column("duration_ms", Integer, nullable=False),
    Column("response", String(500), nullable=False, default=""),
    Index("ix_webhook_attempts_delivery", "delivery_id"),
)

# The relay reads unrelayed events in order and their recipients by sequence number.
ix_outbox_unrelayed = Index("ix_outbox_unrelayed", outbox.c.seq,
                            sqlite_where=outbox.c.relayed_at.is_(None),
                            postgresql_where=outbox.c.relayed_at.is_(None))
ix_event_recipients_seq = Index("ix_event_recipients_seq", event_recipients.c.seq)
