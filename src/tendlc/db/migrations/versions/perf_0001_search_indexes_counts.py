"""search at scale: listing indexes that cover the search filters, tags by name, running campaign counts

Revision ID: perf_0001
Revises: 0001
Create Date: 2026-11-24 12:00:00.000000

- ``ix_campaigns_csp_listing`` replaces ``ix_campaigns_csp_mock_created``: a search walks it newest first
  (create_date, then campaign_id) and tests every filter column on the index entry, without the row.
- ``ix_campaigns_brand_listing`` replaces ``ix_campaigns_brand_id`` (a brand's campaigns, newest first).
- ``ix_tags_record_name`` replaces ``ix_tags_name``: (record_type, name, record_id) answers "records with
  this tag" and "has this record this tag" from the index alone.
- ``campaign_counts``: how many campaigns each CSP has per search group and tag (see
  ``tendlc/db/campaign_counts.py``), filled here from the campaigns already stored.
"""
from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = 'perf_0001'
down_revision = '0001'
branch_labels = None
depends_on = None

GROUP_COLUMNS = ("mock", "status", "usecase", "vertical", "brand_id", "reseller_id", "auto_renewal",
                 "upstream_cnp_id")


def _group_key(row: Any) -> str:
    # The same key as tendlc.db.campaign_counts.group_key (a JSON list of the group's values).
    values = tuple(bool(row[c]) if c in ("mock", "auto_renewal") else row[c] for c in GROUP_COLUMNS)
    return json.dumps(values, separators=(",", ":"))


def upgrade() -> None:
    op.drop_index('ix_campaigns_csp_mock_created', table_name='campaigns')
    op.create_index('ix_campaigns_csp_listing', 'campaigns',
                    ['csp_id', 'mock', 'create_date', 'campaign_id', 'status', 'usecase', 'vertical', 'brand_id',
                     'auto_renewal', 'reseller_id', 'upstream_cnp_id'], unique=False)
    op.drop_index('ix_campaigns_brand_id', table_name='campaigns')
    op.create_index('ix_campaigns_brand_listing', 'campaigns',
                    ['brand_id', 'csp_id', 'mock', 'create_date', 'campaign_id'], unique=False)
    op.drop_index('ix_tags_name', table_name='tags')
    op.create_index('ix_tags_record_name', 'tags', ['record_type', 'name', 'record_id'], unique=False)

    counts = op.create_table('campaign_counts',
    sa.Column('csp_id', sa.String(length=7), nullable=False),
    sa.Column('tag', sa.String(length=50), nullable=False),
    sa.Column('group_key', sa.String(length=255), nullable=False),
    sa.Column('mock', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('usecase', sa.String(length=50), nullable=False),
    sa.Column('vertical', sa.String(length=20), nullable=True),
    sa.Column('brand_id', sa.String(length=8), nullable=False),
    sa.Column('reseller_id', sa.String(length=8), nullable=False),
    sa.Column('auto_renewal', sa.Boolean(), nullable=False),
    sa.Column('upstream_cnp_id', sa.String(length=7), nullable=True),
    sa.Column('n', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('csp_id', 'tag', 'group_key', name=op.f('pk_campaign_counts'))
    )
    _fill(counts)


def _fill(counts: sa.Table) -> None:
    campaigns = sa.table('campaigns', sa.column('campaign_id', sa.String()), sa.column('csp_id', sa.String()),
                         sa.column('mock', sa.Boolean()), sa.column('status', sa.String()),
                         sa.column('usecase', sa.String()), sa.column('vertical', sa.String()),
                         sa.column('brand_id', sa.String()), sa.column('reseller_id', sa.String()),
                         sa.column('auto_renewal', sa.Boolean()), sa.column('upstream_cnp_id', sa.String()))
    tags = sa.table('tags', sa.column('record_type', sa.String()), sa.column('record_id', sa.String()),
                    sa.column('name', sa.String()))
    group = [campaigns.c[name] for name in GROUP_COLUMNS]
    every = sa.select(campaigns.c.csp_id, sa.literal('').label('tag'), *group, sa.func.count().label('n')) \
        .group_by(campaigns.c.csp_id, *group)
    tagged = sa.select(campaigns.c.csp_id, tags.c.name.label('tag'), *group, sa.func.count().label('n')) \
        .select_from(campaigns.join(tags, sa.and_(tags.c.record_type == 'CAMPAIGN',
                                                  tags.c.record_id == campaigns.c.campaign_id))) \
        .group_by(campaigns.c.csp_id, tags.c.name, *group)
    bind = op.get_bind()
    for query in (every, tagged):
        rows = [dict(r._mapping) for r in bind.execute(query)]
        if rows:
            op.bulk_insert(counts, [{**r, 'group_key': _group_key(r)} for r in rows])


def downgrade() -> None:
    op.drop_table('campaign_counts')
    op.drop_index('ix_tags_record_name', table_name='tags')
    op.create_index('ix_tags_name', 'tags', ['name', 'record_type'], unique=False)
    op.drop_index('ix_campaigns_brand_listing', table_name='campaigns')
    op.create_index('ix_campaigns_brand_id', 'campaigns', ['brand_id'], unique=False)
    op.drop_index('ix_campaigns_csp_listing', table_name='campaigns')
    op.create_index('ix_campaigns_csp_mock_created', 'campaigns', ['csp_id', 'mock', 'create_date'], unique=False)
