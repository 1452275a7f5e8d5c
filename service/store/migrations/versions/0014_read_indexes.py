"""Indexes for the worklist's reads, whose tables grow with every year of service:
`cases.closed_on` (open cases or those closed since a day: an OR that otherwise scans every case
ever opened), `facilitators.vetting_expires` (whose vetting lapses by a day) and the current
pairs alone (`pairs.case_id` where `ended_on` is null: every ended pair stays in the table).

Revision ID: 0014
Revises: 0012
Create Date: 2026-12-06 15:10:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0012"
branch_labels = None
depends_on = None

OPEN = sa.text("ended_on IS NULL")


def upgrade() -> None:
    op.create_index("ix_cases_closed_on", "cases", ["closed_on"])
    op.create_index("ix_facilitators_vetting_expires", "facilitators", ["vetting_expires"])
    op.create_index("ix_pairs_open", "pairs", ["case_id"], postgresql_where=OPEN, sqlite_where=OPEN)


def downgrade() -> None:
    op.drop_index("ix_pairs_open", table_name="pairs")
    op.drop_index("ix_facilitators_vetting_expires", table_name="facilitators")
    op.drop_index("ix_cases_closed_on", table_name="cases")
