"""campaign tag key: each campaign's tags in one column of the listing index

Revision ID: perf_0002
Revises: perf_0001
Create Date: 2026-11-24 18:00:00.000000

A search by tag used to test, for every campaign it walked, whether a tags row exists (one index lookup per
campaign); ``campaigns.tag_key`` ("|a|b|", lower case, sorted) lets it test the listing index entry itself.
The tags table stays the source of the tags.
"""
from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision = 'perf_0002'
down_revision = 'perf_0001'
branch_labels = None
depends_on = None

LISTING = ['csp_id', 'mock', 'create_date', 'campaign_id', 'status', 'usecase', 'vertical', 'brand_id',
           'auto_renewal', 'reseller_id', 'upstream_cnp_id']


def upgrade() -> None:
    op.add_column('campaigns', sa.Column('tag_key', sa.String(length=600), nullable=True))
    campaigns = sa.table('campaigns', sa.column('campaign_id', sa.String()), sa.column('tag_key', sa.String()))
    tags = sa.table('tags', sa.column('record_type', sa.String()), sa.column('record_id', sa.String()),
                    sa.column('name', sa.String()))
    bind = op.get_bind()
    bind.execute(campaigns.update().values(tag_key=''))
    names: dict[str, set[str]] = defaultdict(set)
    for record_id, name in bind.execute(sa.select(tags.c.record_id, tags.c.name).where(tags.c.record_type == 'CAMPAIGN')):
        names[record_id].add(name.lower())
    if names:
        bind.execute(campaigns.update().where(campaigns.c.campaign_id == sa.bindparam('key'))
                     .values(tag_key=sa.bindparam('value')),
                     [{'key': k, 'value': '|' + '|'.join(sorted(v)) + '|'} for k, v in names.items()])
    op.drop_index('ix_campaigns_csp_listing', table_name='campaigns')
    op.create_index('ix_campaigns_csp_listing', 'campaigns', [*LISTING, 'tag_key'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_campaigns_csp_listing', table_name='campaigns')
    op.create_index('ix_campaigns_csp_listing', 'campaigns', LISTING, unique=False)
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.drop_column('tag_key')
