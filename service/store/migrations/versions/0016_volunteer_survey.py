"""The anonymous volunteer survey: its rounds, who has answered each round (round and
facilitator only) and the answers as counts per round, question and answer, with no person,
time or row per response (see service.workflow.survey).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06 18:20:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "survey_rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("opened_by", sa.String(length=64), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("closed_by", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_rounds")),
    )
    op.create_table(
        "survey_responders",
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("facilitator_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["survey_rounds.id"],
            name=op.f("fk_survey_responders_round_id_survey_rounds"),
        ),
        sa.ForeignKeyConstraint(
            ["facilitator_id"],
            ["facilitators.id"],
            name=op.f("fk_survey_responders_facilitator_id_facilitators"),
        ),
        sa.PrimaryKeyConstraint("round_id", "facilitator_id", name=op.f("pk_survey_responders")),
    )
    op.create_table(
        "survey_tallies",
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("question", sa.String(length=32), nullable=False),
        sa.Column("answer", sa.String(length=16), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["survey_rounds.id"],
            name=op.f("fk_survey_tallies_round_id_survey_rounds"),
        ),
        sa.PrimaryKeyConstraint("round_id", "question", "answer", name=op.f("pk_survey_tallies")),
    )


def downgrade() -> None:
    op.drop_table("survey_tallies")
    op.drop_table("survey_responders")
    op.drop_table("survey_rounds")
