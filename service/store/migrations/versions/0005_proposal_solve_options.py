"""Proposals record how they were solved (time limit, workers, seed, travel slack), so the
same store and the same options give the same proposal, and a reader can tell which.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 12:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("solve_options", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("proposals", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("solve_options")
