"""Reporting: past referrals imported from a spreadsheet (history_imports, history_referrals)
and an index on cases.referral_id, the join every report makes from a referral to its case.

Revision ID: 0012
Revises: 0010
Create Date: 2026-12-06 15:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "history_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("imported_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_history_imports")),
    )
    op.create_table(
        "history_referrals",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("received", sa.Date(), nullable=False),
        sa.Column("referrer", sa.String(length=32), nullable=False),
        sa.Column("district", sa.String(length=64), nullable=False),
        sa.Column("offence", sa.String(length=32), nullable=True),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("paired_on", sa.Date(), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.Column("declined_by", sa.String(length=16), nullable=True),
        sa.Column("method", sa.String(length=16), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("harmed_contacted", sa.Integer(), nullable=False),
        sa.Column("responsible_contacted", sa.Integer(), nullable=False),
        sa.Column("took_up", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["history_imports.id"],
            name=op.f("fk_history_referrals_import_id_history_imports"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_history_referrals")),
    )
    for column in ("import_id", "received", "district"):
        op.create_index(
            op.f(f"ix_history_referrals_{column}"), "history_referrals", [column], unique=False
        )
    op.create_index(op.f("ix_cases_referral_id"), "cases", ["referral_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_cases_referral_id"), table_name="cases")
    for column in ("import_id", "received", "district"):
        op.drop_index(op.f(f"ix_history_referrals_{column}"), table_name="history_referrals")
    op.drop_table("history_referrals")
    op.drop_table("history_imports")
