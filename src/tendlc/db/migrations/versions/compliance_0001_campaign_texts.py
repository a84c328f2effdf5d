"""compliance: campaign_texts (fingerprints of descriptions and samples, for the reuse checks)

Revision ID: compliance_0001
Revises: 0001
Create Date: 2026-11-24 04:30:00.000000
"""
from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from tendlc.core.compliance.fingerprint import campaign_fingerprints

revision = 'compliance_0001'
down_revision = '0001'
branch_labels = None
depends_on = None

BATCH = 2000


def upgrade() -> None:
    texts = op.create_table('campaign_texts',
    sa.Column('campaign_id', sa.String(length=10), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('fingerprint', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.campaign_id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('campaign_id', 'kind', 'fingerprint')
    )
    op.create_index('ix_campaign_texts_fingerprint', 'campaign_texts', ['kind', 'fingerprint'], unique=False)
    # The campaigns stored before: their fingerprints, from their documents, a batch at a time.
    conn = op.get_bind()
    campaigns = sa.table('campaigns', sa.column('campaign_id', sa.String), sa.column('doc', sa.Text))
    after = ''
    while True:
        rows = conn.execute(sa.select(campaigns.c.campaign_id, sa.cast(campaigns.c.doc, sa.Text))
                            .where(campaigns.c.campaign_id > after).order_by(campaigns.c.campaign_id)
                            .limit(BATCH)).all()
        if not rows:
            return
        found = [{'campaign_id': campaign_id, 'kind': kind, 'fingerprint': fingerprint}
                 for campaign_id, doc in rows
                 for kind, fingerprint in sorted(campaign_fingerprints(json.loads(doc)))]
        if found:
            conn.execute(sa.insert(texts), found)
        after = rows[-1][0]


def downgrade() -> None:
    op.drop_index('ix_campaign_texts_fingerprint', table_name='campaign_texts')
    op.drop_table('campaign_texts')
