"""A meetings plan keeps where it placed each case's parties: `meeting_plans.party_locations`
(case -> role -> "party" when their own address in the case file placed them, "case" when
the case's location stood in). None for plans made before.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 15:20:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("meeting_plans", sa.Column("party_locations", sa.JSON(), nullable=True))


def downgrade() -> None:
    op.drop_column("meeting_plans", "party_locations")
