"""webhook endpoints, deliveries and attempts

Revision ID: webhooks_0001
Revises: 0001
Create Date: 2026-11-23 22:05:00.000000
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'webhooks_0001'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('webhook_endpoints',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('cnp_id', sa.String(length=7), nullable=False),
    sa.Column('dialect', sa.String(length=10), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=True),
    sa.Column('event_types', sa.JSON(), nullable=True),
    sa.Column('url', sa.String(length=1000), nullable=False),
    sa.Column('secret', sa.String(length=255), nullable=False),
    sa.Column('key_id', sa.String(length=64), nullable=True),
    sa.Column('previous_secret', sa.String(length=255), nullable=True),
    sa.Column('previous_secret_until', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('removed_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['cnp_id'], ['accounts.cnp_id'], name=op.f('fk_webhook_endpoints_cnp_id_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_webhook_endpoints')),
    sa.UniqueConstraint('cnp_id', 'category', name='uq_webhook_endpoints_cnp_category')
    )
    with op.batch_alter_table('webhook_endpoints', schema=None) as batch_op:
        batch_op.create_index('ix_webhook_endpoints_cnp_dialect', ['cnp_id', 'dialect'], unique=False)

    op.create_table('webhook_deliveries',
    sa.Column('id', sa.String(length=26), nullable=False),
    sa.Column('cnp_id', sa.String(length=7), nullable=False),
    sa.Column('endpoint_id', sa.String(length=40), nullable=False),
    sa.Column('seq', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('event_id', sa.String(length=26), nullable=False),
    sa.Column('event_type', sa.String(length=64), nullable=False),
    sa.Column('campaign_id', sa.String(length=10), nullable=True),
    sa.Column('brand_id', sa.String(length=8), nullable=True),
    sa.Column('dialect', sa.String(length=10), nullable=False),
    sa.Column('url', sa.String(length=1000), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('attempt_count', sa.Integer(), nullable=False),
    sa.Column('http_failures', sa.Integer(), nullable=False),
    sa.Column('network_failures', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(), nullable=True),
    sa.Column('claim_token', sa.String(length=26), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_attempt_at', sa.DateTime(), nullable=True),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.Column('last_status_code', sa.Integer(), nullable=True),
    sa.Column('last_error', sa.String(length=500), nullable=True),
    sa.ForeignKeyConstraint(['endpoint_id'], ['webhook_endpoints.id'], name=op.f('fk_webhook_deliveries_endpoint_id_webhook_endpoints')),
    sa.ForeignKeyConstraint(['seq'], ['outbox.seq'], name=op.f('fk_webhook_deliveries_seq_outbox')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_webhook_deliveries')),
    sa.UniqueConstraint('seq', 'endpoint_id', name='uq_webhook_deliveries_seq_endpoint')
    )
    with op.batch_alter_table('webhook_deliveries', schema=None) as batch_op:
        batch_op.create_index('ix_webhook_deliveries_due', ['status', 'next_attempt_at'], unique=False)
        batch_op.create_index('ix_webhook_deliveries_cnp_seq', ['cnp_id', 'seq'], unique=False)

    op.create_table('webhook_attempts',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('delivery_id', sa.String(length=26), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('url', sa.String(length=1000), nullable=False),
    sa.Column('status_code', sa.Integer(), nullable=True),
    sa.Column('error', sa.String(length=500), nullable=True),
    sa.Column('duration_ms', sa.Integer(), nullable=False),
    sa.Column('response', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['delivery_id'], ['webhook_deliveries.id'], name=op.f('fk_webhook_attempts_delivery_id_webhook_deliveries')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_webhook_attempts'))
    )
    with op.batch_alter_table('webhook_attempts', schema=None) as batch_op:
        batch_op.create_index('ix_webhook_attempts_delivery', ['delivery_id'], unique=False)

    # The relay's reads: unrelayed events in order, and the recipients of a sequence number.
    op.create_index('ix_outbox_unrelayed', 'outbox', ['seq'], unique=False,
                    sqlite_where=sa.text('relayed_at IS NULL'), postgresql_where=sa.text('relayed_at IS NULL'))
    op.create_index('ix_event_recipients_seq', 'event_recipients', ['seq'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_event_recipients_seq', table_name='event_recipients')
    op.drop_index('ix_outbox_unrelayed', table_name='outbox')
    with op.batch_alter_table('webhook_attempts', schema=None) as batch_op:
        batch_op.drop_index('ix_webhook_attempts_delivery')

    op.drop_table('webhook_attempts')
    with op.batch_alter_table('webhook_deliveries', schema=None) as batch_op:
        batch_op.drop_index('ix_webhook_deliveries_cnp_seq')
        batch_op.drop_index('ix_webhook_deliveries_due')

    op.drop_table('webhook_deliveries')
    with op.batch_alter_table('webhook_endpoints', schema=None) as batch_op:
        batch_op.drop_index('ix_webhook_endpoints_cnp_dialect')

    op.drop_table('webhook_endpoints')
