"""number assignment: tasks, task items, nnSR provisioning, forced failures; assignment columns on numbers

Revision ID: assign_0001
Revises: numbers_0001
Create Date: 2026-11-27 09:00:00.000000
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'assign_0001'
down_revision = 'numbers_0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('phone_numbers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('failure_reason', sa.String(length=600), nullable=True))
        batch_op.add_column(sa.Column('assignment_changed_at', sa.DateTime(), nullable=True))
        batch_op.create_index('ix_phone_numbers_campaign_status', ['campaign_id', 'assignment_status', 'e164'],
                              unique=False)
        batch_op.create_index('ix_phone_numbers_status_campaign', ['assignment_status', 'campaign_id'], unique=False)

    op.create_table('number_tasks',
    sa.Column('task_id', sa.String(length=26), nullable=False),
    sa.Column('cnp_id', sa.String(length=7), nullable=False),
    sa.Column('project_id', sa.String(length=26), nullable=True),
    sa.Column('campaign_id', sa.String(length=10), nullable=False),
    sa.Column('messaging_profile_id', sa.String(length=26), nullable=True),
    sa.Column('source', sa.String(length=8), nullable=False),
    sa.Column('idempotency_key', sa.String(length=255), nullable=True),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('pending', sa.Integer(), nullable=False),
    sa.Column('waiting', sa.Integer(), nullable=False),
    sa.Column('assigned', sa.Integer(), nullable=False),
    sa.Column('failed', sa.Integer(), nullable=False),
    sa.Column('started', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('claim_token', sa.String(length=32), nullable=True),
    sa.Column('lease_until', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['cnp_id'], ['accounts.cnp_id'], name=op.f('fk_number_tasks_cnp_id_accounts')),
    sa.PrimaryKeyConstraint('task_id', name=op.f('pk_number_tasks')),
    sa.UniqueConstraint('cnp_id', 'idempotency_key', name='uq_number_tasks_idempotency')
    )
    op.create_index('ix_number_tasks_status_created', 'number_tasks', ['status', 'created_at'], unique=False)
    op.create_index('ix_number_tasks_campaign_status', 'number_tasks', ['campaign_id', 'status'], unique=False)

    op.create_table('number_task_items',
    sa.Column('task_id', sa.String(length=26), nullable=False),
    sa.Column('e164', sa.String(length=16), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('reason', sa.String(length=600), nullable=True),
    sa.ForeignKeyConstraint(['task_id'], ['number_tasks.task_id'],
                            name=op.f('fk_number_task_items_task_id_number_tasks')),
    sa.PrimaryKeyConstraint('task_id', 'e164', name=op.f('pk_number_task_items'))
    )
    op.create_index('ix_number_task_items_status', 'number_task_items', ['task_id', 'status', 'e164'], unique=False)
    op.create_index('ix_number_task_items_seq', 'number_task_items', ['task_id', 'seq'], unique=False)

    op.create_table('number_provisioning',
    sa.Column('campaign_id', sa.String(length=10), nullable=False),
    sa.Column('e164', sa.String(length=16), nullable=False),
    sa.Column('nnid', sa.String(length=7), nullable=False),
    sa.Column('provisioned_at', sa.DateTime(), nullable=False),
    sa.Column('released_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('campaign_id', 'e164', name=op.f('pk_number_provisioning'))
    )

    op.create_table('forced_number_failures',
    sa.Column('e164', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.String(length=512), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('e164', name=op.f('pk_forced_number_failures'))
    )


def downgrade() -> None:
    op.drop_table('forced_number_failures')
    op.drop_table('number_provisioning')
    op.drop_index('ix_number_task_items_seq', table_name='number_task_items')
    op.drop_index('ix_number_task_items_status', table_name='number_task_items')
    op.drop_table('number_task_items')
    op.drop_index('ix_number_tasks_campaign_status', table_name='number_tasks')
    op.drop_index('ix_number_tasks_status_created', table_name='number_tasks')
    op.drop_table('number_tasks')
    with op.batch_alter_table('phone_numbers', schema=None) as batch_op:
        batch_op.drop_index('ix_phone_numbers_status_campaign')
        batch_op.drop_index('ix_phone_numbers_campaign_status')
        batch_op.drop_column('assignment_changed_at')
        batch_op.drop_column('failure_reason')
