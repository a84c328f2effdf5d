"""schedule: when each campaign next renews or expires, and the indexes of the scheduler's due queries

Revision ID: schedule_0001
Revises: 0001
Create Date: 2026-11-24 02:00:00.000000

``campaigns.next_due_at`` is 00:00 UTC of ``nextRenewalOrExpirationDate`` for ACTIVE, non-mock campaigns
(null otherwise); existing rows are filled from their documents. ``ix_campaigns_next_due`` serves the
renewal/expiry query and ``ix_brands_mock_created`` the removal of mock brands after 30 days.
"""
from __future__ import annotations

import json
from datetime import date, datetime

import sqlalchemy as sa
from alembic import op

revision = 'schedule_0001'
down_revision = '0001'
branch_labels = None
depends_on = None


def _due(doc: object) -> datetime | None:
    data = json.loads(doc) if isinstance(doc, str | bytes) else doc
    if not isinstance(data, dict) or data.get('status') != 'ACTIVE' or data.get('mock'):
        return None
    day = data.get('nextRenewalOrExpirationDate') or data.get('next_renewal_or_expiration_date')
    if not day:
        return None
    d = date.fromisoformat(str(day)[:10])
    return datetime(d.year, d.month, d.day)


def upgrade() -> None:
    op.add_column('campaigns', sa.Column('next_due_at', sa.DateTime(), nullable=True))
    campaigns = sa.table('campaigns', sa.column('campaign_id', sa.String()), sa.column('doc', sa.JSON()),
                         sa.column('next_due_at', sa.DateTime()))
    bind = op.get_bind()
    values = [{'key': key, 'value': due} for key, doc in bind.execute(sa.select(campaigns.c.campaign_id,
                                                                                campaigns.c.doc))
              if (due := _due(doc)) is not None]
    if values:
        bind.execute(campaigns.update().where(campaigns.c.campaign_id == sa.bindparam('key'))
                     .values(next_due_at=sa.bindparam('value')), values)
    op.create_index('ix_campaigns_next_due', 'campaigns', ['next_due_at', 'campaign_id'], unique=False)
    op.create_index('ix_brands_mock_created', 'brands', ['mock', 'status', 'create_date'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_brands_mock_created', table_name='brands')
    op.drop_index('ix_campaigns_next_due', table_name='campaigns')
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.drop_column('next_due_at')
