"""registry core

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 21:41:02.743959
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('accounts',
    sa.Column('cnp_id', sa.String(length=7), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('doc', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.PrimaryKeyConstraint('cnp_id', name=op.f('pk_accounts'))
    )
    op.create_table('history',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('entity_type', sa.String(length=20), nullable=False),
    sa.Column('entity_id', sa.String(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('snapshot', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_history'))
    )
    with op.batch_alter_table('history', schema=None) as batch_op:
        batch_op.create_index('ix_history_entity', ['entity_type', 'entity_id'], unique=False)

    op.create_table('outbox',
    sa.Column('seq', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.String(length=26), nullable=False),
    sa.Column('event_type', sa.String(length=64), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('occurred_at', sa.DateTime(), nullable=False),
    sa.Column('payload', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('relayed_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_outbox')),
    sa.UniqueConstraint('event_id', name=op.f('uq_outbox_event_id'))
    )
    op.create_table('tags',
    sa.Column('record_type', sa.String(length=10), nullable=False),
    sa.Column('record_id', sa.String(length=10), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.PrimaryKeyConstraint('record_type', 'record_id', 'name', name=op.f('pk_tags'))
    )
    with op.batch_alter_table('tags', schema=None) as batch_op:
        batch_op.create_index('ix_tags_name', ['name', 'record_type'], unique=False)

    op.create_table('api_keys',
    sa.Column('key_id', sa.String(length=64), nullable=False),
    sa.Column('cnp_id', sa.String(length=7), nullable=False),
    sa.Column('secret_hash', sa.String(length=64), nullable=False),
    sa.Column('label', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['cnp_id'], ['accounts.cnp_id'], name=op.f('fk_api_keys_cnp_id_accounts')),
    sa.PrimaryKeyConstraint('key_id', name=op.f('pk_api_keys'))
    )
    with op.batch_alter_table('api_keys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_keys_cnp_id'), ['cnp_id'], unique=False)

    op.create_table('brands',
    sa.Column('brand_id', sa.String(length=8), nullable=False),
    sa.Column('csp_id', sa.String(length=7), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('entity_type', sa.String(length=20), nullable=True),
    sa.Column('identity_status', sa.String(length=20), nullable=False),
    sa.Column('display_name_lower', sa.String(length=255), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('ein', sa.String(length=21), nullable=True),
    sa.Column('universal_ein', sa.String(length=32), nullable=True),
    sa.Column('mock', sa.Boolean(), nullable=False),
    sa.Column('reference_key', sa.String(length=50), nullable=True),
    sa.Column('identity_check_due_at', sa.DateTime(), nullable=True),
    sa.Column('create_date', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('doc', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.ForeignKeyConstraint(['csp_id'], ['accounts.cnp_id'], name=op.f('fk_brands_csp_id_accounts')),
    sa.PrimaryKeyConstraint('brand_id', name=op.f('pk_brands')),
    sa.UniqueConstraint('csp_id', 'reference_key', name='uq_brands_csp_reference')
    )
    with op.batch_alter_table('brands', schema=None) as batch_op:
        batch_op.create_index('ix_brands_csp_status_created', ['csp_id', 'status', 'create_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_brands_identity_check_due_at'), ['identity_check_due_at'], unique=False)

    op.create_table('event_recipients',
    sa.Column('cnp_id', sa.String(length=7), nullable=False),
    sa.Column('seq', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.ForeignKeyConstraint(['seq'], ['outbox.seq'], name=op.f('fk_event_recipients_seq_outbox')),
    sa.PrimaryKeyConstraint('cnp_id', 'seq', name=op.f('pk_event_recipients'))
    )
    op.create_table('campaigns',
    sa.Column('campaign_id', sa.String(length=10), nullable=False),
    sa.Column('csp_id', sa.String(length=7), nullable=False),
    sa.Column('brand_id', sa.String(length=8), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('usecase', sa.String(length=50), nullable=False),
    sa.Column('vertical', sa.String(length=20), nullable=True),
    sa.Column('reseller_id', sa.String(length=8), nullable=False),
    sa.Column('auto_renewal', sa.Boolean(), nullable=False),
    sa.Column('mock', sa.Boolean(), nullable=False),
    sa.Column('upstream_cnp_id', sa.String(length=7), nullable=True),
    sa.Column('reference_key', sa.String(length=50), nullable=True),
    sa.Column('create_date', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('doc', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.ForeignKeyConstraint(['brand_id'], ['brands.brand_id'], name=op.f('fk_campaigns_brand_id_brands')),
    sa.ForeignKeyConstraint(['csp_id'], ['accounts.cnp_id'], name=op.f('fk_campaigns_csp_id_accounts')),
    sa.PrimaryKeyConstraint('campaign_id', name=op.f('pk_campaigns')),
    sa.UniqueConstraint('csp_id', 'reference_key', name='uq_campaigns_csp_reference')
    )
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_campaigns_brand_id'), ['brand_id'], unique=False)
        batch_op.create_index('ix_campaigns_csp_mock_created', ['csp_id', 'mock', 'create_date'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.drop_index('ix_campaigns_csp_mock_created')
        batch_op.drop_index(batch_op.f('ix_campaigns_brand_id'))

    op.drop_table('campaigns')
    op.drop_table('event_recipients')
    with op.batch_alter_table('brands', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_brands_identity_check_due_at'))
        batch_op.drop_index('ix_brands_csp_status_created')

    op.drop_table('brands')
    with op.batch_alter_table('api_keys', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_keys_cnp_id'))

    op.drop_table('api_keys')
    with op.batch_alter_table('tags', schema=None) as batch_op:
        batch_op.drop_index('ix_tags_name')

    op.drop_table('tags')
    op.drop_table('outbox')
    with op.batch_alter_table('history', schema=None) as batch_op:
        batch_op.drop_index('ix_history_entity')

    op.drop_table('history')
    op.drop_table('accounts')
