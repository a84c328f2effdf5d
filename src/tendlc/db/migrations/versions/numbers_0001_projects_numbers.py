"""projects, project keys, CSP id associations, messaging profiles and phone numbers

Revision ID: numbers_0001
Revises: 0001
Create Date: 2026-11-25 09:00:00.000000
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = 'numbers_0001'
down_revision = '0001'
branch_labels = None
depends_on = None

Doc = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql')


def upgrade() -> None:
    op.add_column('api_keys', sa.Column('project_id', sa.String(length=26), nullable=True))

    op.create_table('projects',
    sa.Column('project_id', sa.String(length=26), nullable=False),
    sa.Column('cnp_id', sa.String(length=7), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('doc', Doc, nullable=False),
    sa.ForeignKeyConstraint(['cnp_id'], ['accounts.cnp_id'], name=op.f('fk_projects_cnp_id_accounts')),
    sa.PrimaryKeyConstraint('project_id', name=op.f('pk_projects'))
    )
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.create_index('ix_projects_cnp_status_created', ['cnp_id', 'status', 'created_at', 'project_id'], unique=False)

    op.create_table('project_csp_ids',
    sa.Column('cnp_id', sa.String(length=7), nullable=False),
    sa.Column('csp_id', sa.String(length=7), nullable=False),
    sa.Column('project_id', sa.String(length=26), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.project_id'], name=op.f('fk_project_csp_ids_project_id_projects')),
    sa.PrimaryKeyConstraint('cnp_id', 'csp_id', name=op.f('pk_project_csp_ids'))
    )
    with op.batch_alter_table('project_csp_ids', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_csp_ids_project_id'), ['project_id'], unique=False)

    op.create_table('project_campaigns',
    sa.Column('campaign_id', sa.String(length=10), nullable=False),
    sa.Column('cnp_id', sa.String(length=7), nullable=False),
    sa.Column('project_id', sa.String(length=26), nullable=False),
    sa.Column('attributed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.campaign_id'], name=op.f('fk_project_campaigns_campaign_id_campaigns')),
    sa.ForeignKeyConstraint(['project_id'], ['projects.project_id'], name=op.f('fk_project_campaigns_project_id_projects')),
    sa.PrimaryKeyConstraint('campaign_id', name=op.f('pk_project_campaigns'))
    )
    with op.batch_alter_table('project_campaigns', schema=None) as batch_op:
        batch_op.create_index('ix_project_campaigns_project', ['project_id', 'attributed_at'], unique=False)

    op.create_table('messaging_profiles',
    sa.Column('profile_id', sa.String(length=26), nullable=False),
    sa.Column('cnp_id', sa.String(length=7), nullable=False),
    sa.Column('project_id', sa.String(length=26), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('doc', Doc, nullable=False),
    sa.ForeignKeyConstraint(['cnp_id'], ['accounts.cnp_id'], name=op.f('fk_messaging_profiles_cnp_id_accounts')),
    sa.ForeignKeyConstraint(['project_id'], ['projects.project_id'], name=op.f('fk_messaging_profiles_project_id_projects')),
    sa.PrimaryKeyConstraint('profile_id', name=op.f('pk_messaging_profiles'))
    )
    with op.batch_alter_table('messaging_profiles', schema=None) as batch_op:
        batch_op.create_index('ix_messaging_profiles_cnp_project', ['cnp_id', 'project_id', 'created_at'], unique=False)

    op.create_table('phone_numbers',
    sa.Column('e164', sa.String(length=16), nullable=False),
    sa.Column('cnp_id', sa.String(length=7), nullable=False),
    sa.Column('project_id', sa.String(length=26), nullable=True),
    sa.Column('messaging_profile_id', sa.String(length=26), nullable=True),
    sa.Column('campaign_id', sa.String(length=10), nullable=True),
    sa.Column('assignment_status', sa.String(length=24), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('doc', Doc, nullable=False),
    sa.ForeignKeyConstraint(['cnp_id'], ['accounts.cnp_id'], name=op.f('fk_phone_numbers_cnp_id_accounts')),
    sa.ForeignKeyConstraint(['messaging_profile_id'], ['messaging_profiles.profile_id'], name=op.f('fk_phone_numbers_messaging_profile_id_messaging_profiles')),
    sa.ForeignKeyConstraint(['project_id'], ['projects.project_id'], name=op.f('fk_phone_numbers_project_id_projects')),
    sa.PrimaryKeyConstraint('e164', name=op.f('pk_phone_numbers'))
    )
    with op.batch_alter_table('phone_numbers', schema=None) as batch_op:
        batch_op.create_index('ix_phone_numbers_cnp_project', ['cnp_id', 'project_id', 'e164'], unique=False)
        batch_op.create_index('ix_phone_numbers_profile', ['messaging_profile_id', 'e164'], unique=False)
        batch_op.create_index('ix_phone_numbers_campaign', ['campaign_id', 'e164'], unique=False)


def downgrade() -> None:
    op.drop_table('phone_numbers')
    op.drop_table('messaging_profiles')
    op.drop_table('project_campaigns')
    op.drop_table('project_csp_ids')
    op.drop_table('projects')
    with op.batch_alter_table('api_keys', schema=None) as batch_op:
        batch_op.drop_column('project_id')
