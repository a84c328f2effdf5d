"""connectivity chain: sharing links and CNP migrations

Revision ID: sharing_0001
Revises: 0001
Create Date: 2026-11-24 10:00:00.000000
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = 'sharing_0001'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sharing_links',
    sa.Column('link_id', sa.String(length=26), nullable=False),
    sa.Column('campaign_id', sa.String(length=10), nullable=False),
    sa.Column('cnp_migration', sa.Boolean(), nullable=False),
    sa.Column('hop', sa.Integer(), nullable=False),
    sa.Column('is_current', sa.Boolean(), nullable=False),
    sa.Column('downstream_cnp_id', sa.String(length=7), nullable=False),
    sa.Column('upstream_cnp_id', sa.String(length=7), nullable=False),
    sa.Column('sharing_status', sa.String(length=10), nullable=False),
    sa.Column('shared_date', sa.DateTime(), nullable=False),
    sa.Column('status_date', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('doc', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.campaign_id'], name=op.f('fk_sharing_links_campaign_id_campaigns')),
    sa.PrimaryKeyConstraint('link_id', name=op.f('pk_sharing_links'))
    )
    with op.batch_alter_table('sharing_links', schema=None) as batch_op:
        batch_op.create_index('ix_sharing_links_campaign', ['campaign_id', 'cnp_migration', 'is_current', 'hop'], unique=False)
        batch_op.create_index('ix_sharing_links_upstream', ['upstream_cnp_id', 'is_current', 'cnp_migration', 'shared_date'], unique=False)
        batch_op.create_index('ix_sharing_links_downstream', ['downstream_cnp_id', 'is_current', 'cnp_migration', 'shared_date'], unique=False)
        batch_op.create_index('uq_sharing_links_current_hop', ['campaign_id', 'cnp_migration', 'hop'], unique=True, sqlite_where=sa.text('is_current'), postgresql_where=sa.text('is_current'))

    op.create_table('cnp_migrations',
    sa.Column('migration_id', sa.String(length=26), nullable=False),
    sa.Column('campaign_id', sa.String(length=10), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('create_date', sa.DateTime(), nullable=False),
    sa.Column('expiration_date', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('doc', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.campaign_id'], name=op.f('fk_cnp_migrations_campaign_id_campaigns')),
    sa.PrimaryKeyConstraint('migration_id', name=op.f('pk_cnp_migrations'))
    )
    with op.batch_alter_table('cnp_migrations', schema=None) as batch_op:
        batch_op.create_index('ix_cnp_migrations_campaign', ['campaign_id', 'create_date'], unique=False)
        batch_op.create_index('uq_cnp_migrations_open', ['campaign_id'], unique=True, sqlite_where=sa.text("status = 'ACTIVE'"), postgresql_where=sa.text("status = 'ACTIVE'"))


def downgrade() -> None:
    with op.batch_alter_table('cnp_migrations', schema=None) as batch_op:
        batch_op.drop_index('uq_cnp_migrations_open')
        batch_op.drop_index('ix_cnp_migrations_campaign')

    op.drop_table('cnp_migrations')
    with op.batch_alter_table('sharing_links', schema=None) as batch_op:
        batch_op.drop_index('uq_sharing_links_current_hop')
        batch_op.drop_index('ix_sharing_links_downstream')
        batch_op.drop_index('ix_sharing_links_upstream')
        batch_op.drop_index('ix_sharing_links_campaign')

    op.drop_table('sharing_links')
