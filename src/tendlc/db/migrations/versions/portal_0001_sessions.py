"""portal: server-side sessions

Revision ID: portal_0001
Revises: 0001
Create Date: 2026-12-01 10:00:00.000000
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'portal_0001'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('portal_sessions',
    sa.Column('id_hash', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('key_id', sa.String(length=64), nullable=False),
    sa.Column('cnp_id', sa.String(length=16), nullable=True),
    sa.Column('csrf_token', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id_hash')
    )
    op.create_index('ix_portal_sessions_expires_at', 'portal_sessions', ['expires_at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_portal_sessions_expires_at', table_name='portal_sessions')
    op.drop_table('portal_sessions')
