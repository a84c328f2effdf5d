"""carrier reviews: mno_reviews

Revision ID: reviews_0001
Revises: 0001
Create Date: 2026-11-24 02:00:00.000000
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'reviews_0001'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('mno_reviews',
    sa.Column('campaign_id', sa.String(length=10), nullable=False),
    sa.Column('mno_id', sa.Integer(), nullable=False),
    sa.Column('dca_id', sa.String(length=7), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('status_date', sa.DateTime(), nullable=False),
    sa.Column('doc', sa.JSON(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.campaign_id'], ),
    sa.PrimaryKeyConstraint('campaign_id', 'mno_id')
    )
    op.create_index('ix_mno_reviews_status_date', 'mno_reviews', ['status', 'status_date'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_mno_reviews_status_date', table_name='mno_reviews')
    op.drop_table('mno_reviews')
