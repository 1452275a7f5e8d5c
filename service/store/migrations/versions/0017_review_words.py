"""The annual review's own words: the aims a manager writes for a service year (review_aims)
and the feedback quotes they choose for it, without names (review_quotes, the text sealed).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06 18:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "review_aims",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("set_by", sa.String(length=64), nullable=False),
        sa.Column("set_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_review_aims")),
    )
    op.create_table(
        "review_quotes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("speaker", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("chosen_by", sa.String(length=64), nullable=False),
        sa.Column("chosen_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_quotes")),
        sa.UniqueConstraint("year", "source", "source_id", name="uq_review_quotes_year_source"),
    )
    op.create_index(op.f("ix_review_quotes_year"), "review_quotes", ["year"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_review_quotes_year"), table_name="review_quotes")
    op.drop_table("review_quotes")
    op.drop_table("review_aims")
