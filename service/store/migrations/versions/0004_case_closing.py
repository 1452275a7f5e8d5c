"""Closing cases and reviewing pairs: how a case ended, and whether a pairing went well.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 16:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("closed_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("outcome", sa.String(length=32), nullable=True))

    with op.batch_alter_table("pairs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("went_well", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("reviewed_by", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("reviewed_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    # in place (SQLite 3.35+: ALTER TABLE ... DROP COLUMN): a batch copy of `cases` would drop
    # the table that the pairs' foreign keys point at, which SQLite refuses
    with op.batch_alter_table("pairs", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("reviewed_at")
        batch_op.drop_column("reviewed_by")
        batch_op.drop_column("went_well")

    with op.batch_alter_table("cases", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("outcome")
        batch_op.drop_column("closed_on")
