"""Table definitions. Aggregates are stored as a JSON document (the source of truth) plus the
columns that lists filter and sort on, and a ``version`` for optimistic concurrency."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

Doc = JSON().with_variant(JSONB(), "postgresql")
# SQLite only auto-increments INTEGER PRIMARY KEY; PostgreSQL gets a 64-bit sequence.
Seq = BigInteger().with_variant(Integer(), "sqlite")

accounts = Table(
    "accounts", metadata,
    Column("cnp_id", String(7), primary_key=True),
    Column("kind", String(8), nullable=False),
    Column("name", String(100), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("doc", Doc, nullable=False),
)

api_keys = Table(
    "api_keys", metadata,
    Column("key_id", String(64), primary_key=True),
    Column("cnp_id", String(7), ForeignKey("accounts.cnp_id"), nullable=False, index=True),
    Column("secret_hash", String(64), nullable=False),
    Column("label", String(100), nullable=False, default=""),
    Column("created_at", DateTime, nullable=False),
    Column("revoked_at", DateTime, nullable=True),
    Column("project_id", String(26), nullable=True),  # project keys (migration numbers_0001)
)

brands = Table(
    "brands", metadata,
    Column("brand_id", String(8), primary_key=True),
    Column("csp_id", String(7), ForeignKey("accounts.cnp_id"), nullable=False),
    Column("status", String(10), nullable=False),
    Column("entity_type", String(20)),
    Column("identity_status", String(20), nullable=False),
    Column("display_name_lower", String(255), nullable=False),
    Column("state", String(20)),
    Column("country", String(2)),
    Column("ein", String(21)),
    Column("universal_ein", String(32)),
    Column("mock", Boolean, nullable=False),
    Column("reference_key", String(50)),
    Column("identity_check_due_at", DateTime, index=True),
    Column("create_date", DateTime, nullable=False),
    Column("version", Integer, nullable=False),
    Column("doc", Doc, nullable=False),
    UniqueConstraint("csp_id", "reference_key", name="uq_brands_csp_reference"),
    Index("ix_brands_csp_status_created", "csp_id", "status", "create_date"),
    Index("ix_brands_mock_created", "mock", "status", "create_date"),  # mock removal (schedule_0001)
)

campaigns = Table(
    "campaigns", metadata,
    Column("campaign_id", String(10), primary_key=True),
    Column("csp_id", String(7), ForeignKey("accounts.cnp_id"), nullable=False),
    Column("brand_id", String(8), ForeignKey("brands.brand_id"), nullable=False),
    Column("status", String(10), nullable=False),
    Column("usecase", String(50), nullable=False),
    Column("vertical", String(20)),
    Column("reseller_id", String(8), nullable=False),
    Column("auto_renewal", Boolean, nullable=False),
    Column("mock", Boolean, nullable=False),
    Column("upstream_cnp_id", String(7)),
    Column("reference_key", String(50)),
    Column("create_date", DateTime, nullable=False),
    Column("version", Integer, nullable=False),
    Column("doc", Doc, nullable=False),
    Column("tag_key", String(600)),  # the tags as "|a|b|" (perf_0002): a tag filter is tested on the index entry
    # When the campaign next renews or expires (schedule_0001; null when nothing is scheduled): the
    # scheduler's due query walks ix_campaigns_next_due.
    Column("next_due_at", DateTime),
    UniqueConstraint("csp_id", "reference_key", name="uq_campaigns_csp_reference"),
    # Searches walk this index newest first and test every filter column without reading the rows
    # (migration perf_0001); a brand's campaigns have their own.
    Index("ix_campaigns_csp_listing", "csp_id", "mock", "create_date", "campaign_id", "status", "usecase",
          "vertical", "brand_id", "auto_renewal", "reseller_id", "upstream_cnp_id", "tag_key"),
    Index("ix_campaigns_brand_listing", "brand_id", "csp_id", "mock", "create_date", "campaign_id"),
    Index("ix_campaigns_next_due", "next_due_at", "campaign_id"),
)

tags = Table(
    "tags", metadata,
    Column("record_type", String(10), primary_key=True),
    Column("record_id", String(10), primary_key=True),
    Column("name", String(50), primary_key=True),
    Index("ix_tags_record_name", "record_type", "name", "record_id"),
)

history = Table(
    "history", metadata,
    Column("id", Seq, primary_key=True, autoincrement=True),
    Column("entity_type", String(20), nullable=False),
    Column("entity_id", String(40), nullable=False),
    Column("version", Integer, nullable=False),
    Column("action", String(40), nullable=False),
    Column("actor", String(100), nullable=False),
    Column("at", DateTime, nullable=False),
    Column("snapshot", Doc, nullable=False),
    Index("ix_history_entity", "entity_type", "entity_id"),
)

outbox = Table(
    "outbox", metadata,
    Column("seq", Seq, primary_key=True, autoincrement=True),
    Column("event_id", String(26), nullable=False, unique=True),
    Column("event_type", String(64), nullable=False),
    Column("category", String(20), nullable=False),
    Column("occurred_at", DateTime, nullable=False),
    Column("payload", Doc, nullable=False),
    Column("relayed_at", DateTime, nullable=True),
)

event_recipients = Table(
    "event_recipients", metadata,
    Column("cnp_id", String(7), primary_key=True),
    Column("seq", Seq, ForeignKey("outbox.seq"), primary_key=True),
)
