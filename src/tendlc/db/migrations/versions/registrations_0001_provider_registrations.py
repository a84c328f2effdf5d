"""provider registrations: provider_registrations

Revision ID: registrations_0001
Revises: 0001
Create Date: 2026-11-24 03:00:00.000000
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'registrations_0001'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('provider_registrations',
    sa.Column('registration_id', sa.String(length=26), nullable=False),
    sa.Column('cnp_id', sa.String(length=7), nullable=False),
    sa.Column('project_id', sa.String(length=26), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('campaign_id', sa.String(length=10), nullable=True),
    sa.Column('brand_id', sa.String(length=10), nullable=False),
    sa.Column('usecase', sa.String(length=50), nullable=False),
    sa.Column('mock', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('doc', sa.JSON(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['cnp_id'], ['accounts.cnp_id'], ),
    sa.PrimaryKeyConstraint('registration_id')
    )
    op.create_index('ix_provider_registrations_cnp_project', 'provider_registrations',
                    ['cnp_id', 'project_id', 'created_at'], unique=False)
    op.create_index('ix_provider_registrations_status', 'provider_registrations', ['status', 'created_at'],
                    unique=False)
    op.create_index('ix_provider_registrations_campaign', 'provider_registrations', ['campaign_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_provider_registrations_campaign', table_name='provider_registrations')
    op.drop_index('ix_provider_registrations_status', table_name='provider_registrations')
    op.drop_index('ix_provider_registrations_cnp_project', table_name='provider_registrations')
    op.drop_table('provider_registrations')
