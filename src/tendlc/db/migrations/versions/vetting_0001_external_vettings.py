"""external vettings of brands

Revision ID: vetting_0001
Revises: 0001
Create Date: 2026-11-25 09:00:00.000000
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = 'vetting_0001'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('vettings',
    sa.Column('record_id', sa.String(length=26), nullable=False),
    sa.Column('brand_id', sa.String(length=8), nullable=False),
    sa.Column('csp_id', sa.String(length=7), nullable=False),
    sa.Column('evp_id', sa.String(length=10), nullable=False),
    sa.Column('vetting_id', sa.String(length=255), nullable=False),
    sa.Column('vetting_class', sa.String(length=20), nullable=False),
    sa.Column('vetting_status', sa.String(length=10), nullable=False),
    sa.Column('create_date', sa.DateTime(), nullable=False),
    sa.Column('due_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('doc', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.ForeignKeyConstraint(['brand_id'], ['brands.brand_id'], name=op.f('fk_vettings_brand_id_brands')),
    sa.PrimaryKeyConstraint('record_id', name=op.f('pk_vettings')),
    sa.UniqueConstraint('evp_id', 'vetting_id', name='uq_vettings_evp_vetting')
    )
    with op.batch_alter_table('vettings', schema=None) as batch_op:
        batch_op.create_index('ix_vettings_brand', ['brand_id', 'create_date'], unique=False)
        batch_op.create_index('ix_vettings_due', ['due_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('vettings', schema=None) as batch_op:
        batch_op.drop_index('ix_vettings_due')
        batch_op.drop_index('ix_vettings_brand')

    op.drop_table('vettings')
