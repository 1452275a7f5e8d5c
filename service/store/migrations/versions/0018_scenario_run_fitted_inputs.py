"""A scenario run keeps what its `source: store` parts were fitted from:
`scenario_runs.fitted` (the history's days, each fitted part with its samples and intervals).
None for runs that fitted nothing, and for runs made before.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 18:20:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("scenario_runs", sa.Column("fitted", sa.JSON(), nullable=True))


def downgrade() -> None:
    op.drop_column("scenario_runs", "fitted")
