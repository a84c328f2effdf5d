"""traffic gate: traffic_counters

Revision ID: readiness_0001
Revises: 0001
Create Date: 2026-11-26 09:00:00.000000
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'readiness_0001'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('traffic_counters',
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('subject', sa.String(length=16), nullable=False),
    sa.Column('window_start', sa.DateTime(), nullable=False),
    sa.Column('messages', sa.BigInteger(), nullable=False),
    sa.Column('last_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('kind', 'subject', 'window_start')
    )


def downgrade() -> None:
    op.drop_table('traffic_counters')
