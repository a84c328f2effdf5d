"""SMS OTP requests of sole-proprietor brands

Revision ID: otp_0001
Revises: 0001
Create Date: 2026-12-10 09:00:00.000000
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = 'otp_0001'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('otp_requests',
    sa.Column('reference_id', sa.String(length=16), nullable=False),
    sa.Column('brand_id', sa.String(length=8), nullable=False),
    sa.Column('csp_id', sa.String(length=7), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('request_date', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('doc', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.ForeignKeyConstraint(['brand_id'], ['brands.brand_id'], name=op.f('fk_otp_requests_brand_id_brands')),
    sa.PrimaryKeyConstraint('reference_id', name=op.f('pk_otp_requests'))
    )
    with op.batch_alter_table('otp_requests', schema=None) as batch_op:
        batch_op.create_index('ix_otp_requests_brand', ['brand_id', 'request_date'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('otp_requests', schema=None) as batch_op:
        batch_op.drop_index('ix_otp_requests_brand')

    op.drop_table('otp_requests')
