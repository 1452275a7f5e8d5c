"""Volunteer records: training (skills are derived from it), security checks, supervision,
hours, expenses, the volunteer policy and the recruitment pipeline; a facilitator's start and
leaving. The stored skills become training and prison clearances, then their table goes.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 12:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

ACTOR = "migration-0006"
LEGACY = "recorded before training records were kept"
# a stored skill -> the course and level that grant it (rules.volunteering's defaults)
COURSES = {
    "mediation": ("mediation", "foundation"),
    "complex": ("complex_sensitive", "intermediate"),
    "dv": ("dv_sv", "intermediate"),
    "cjp": ("cjp", "foundation"),
}
SKILLS = sa.table(
    "facilitator_skills",
    sa.column("facilitator_id", sa.String),
    sa.column("skill", sa.String),
    sa.column("trained_on", sa.Date),
)
TRAINING = sa.table(
    "training_events",
    sa.column("facilitator_id", sa.String),
    sa.column("course", sa.String),
    sa.column("level", sa.String),
    sa.column("provider", sa.String),
    sa.column("completed_on", sa.Date),
    sa.column("hours", sa.Float),
    sa.column("recorded_by", sa.String),
    sa.column("recorded_at", sa.DateTime),
)
CHECKS = sa.table(
    "vetting_checks",
    sa.column("facilitator_id", sa.String),
    sa.column("kind", sa.String),
    sa.column("granted_on", sa.Date),
    sa.column("expires_on", sa.Date),
    sa.column("recorded_by", sa.String),
    sa.column("recorded_at", sa.DateTime),
)


def _skills_to_records() -> None:
    """Each stored skill becomes the course that grants it, dated as it was; a prison skill
    becomes an undated prison clearance (in force until a dated one is recorded)."""
    conn = op.get_bind()
    rows = conn.execute(sa.select(SKILLS)).all()
    stamp = {"recorded_by": ACTOR, "recorded_at": sa.func.current_timestamp()}
    for fid, skill, trained_on in rows:
        if skill == "prison":
            conn.execute(CHECKS.insert().values(facilitator_id=fid, kind="prison", **stamp))
        elif skill in COURSES:
            course, level = COURSES[skill]
            conn.execute(
                TRAINING.insert().values(
                    facilitator_id=fid,
                    course=course,
                    level=level,
                    provider=LEGACY,
                    completed_on=trained_on,
                    hours=0.0,
                    **stamp,
                )
            )


def _records_to_skills() -> None:
    """Back to stored skills: every course that granted one, and every prison clearance."""
    conn = op.get_bind()
    found: dict[tuple[str, str], object] = {}
    by_course = {course: skill for skill, (course, _) in COURSES.items()}
    for fid, course, completed_on in conn.execute(
        sa.select(TRAINING.c.facilitator_id, TRAINING.c.course, TRAINING.c.completed_on)
    ):
        if course in by_course:
            found.setdefault((fid, by_course[course]), completed_on)
    for fid, granted_on in conn.execute(
        sa.select(CHECKS.c.facilitator_id, CHECKS.c.granted_on).where(CHECKS.c.kind == "prison")
    ):
        found.setdefault((fid, "prison"), granted_on)
    for (fid, skill), day in sorted(found.items()):
        conn.execute(SKILLS.insert().values(facilitator_id=fid, skill=skill, trained_on=day))


def upgrade() -> None:
    op.create_table(
        "volunteer_policies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("set_by", sa.String(length=64), nullable=False),
        sa.Column("set_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volunteer_policies")),
    )
    op.create_table(
        "recruits",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("home_outcode", sa.String(length=8), nullable=True),
        sa.Column("district", sa.String(length=64), nullable=True),
        sa.Column("stage", sa.String(length=24), nullable=False),
        sa.Column("facilitator_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["facilitator_id"],
            ["facilitators.id"],
            name=op.f("fk_recruits_facilitator_id_facilitators"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recruits")),
        sa.UniqueConstraint("facilitator_id", name=op.f("uq_recruits_facilitator_id")),
    )
    with op.batch_alter_table("recruits", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_recruits_district"), ["district"], unique=False)
        batch_op.create_index(batch_op.f("ix_recruits_stage"), ["stage"], unique=False)

    op.create_table(
        "supervisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("facilitator_id", sa.String(length=64), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("supervisor", sa.String(length=100), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["facilitator_id"],
            ["facilitators.id"],
            name=op.f("fk_supervisions_facilitator_id_facilitators"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supervisions")),
    )
    with op.batch_alter_table("supervisions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_supervisions_facilitator_held", ["facilitator_id", "held_on"], unique=False
        )

    op.create_table(
        "training_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("facilitator_id", sa.String(length=64), nullable=False),
        sa.Column("course", sa.String(length=32), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("provider", sa.String(length=200), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("hours", sa.Double(), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["facilitator_id"],
            ["facilitators.id"],
            name=op.f("fk_training_events_facilitator_id_facilitators"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_events")),
    )
    with op.batch_alter_table("training_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_training_events_facilitator_id"), ["facilitator_id"], unique=False
        )

    op.create_table(
        "vetting_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("facilitator_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("granted_on", sa.Date(), nullable=True),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["facilitator_id"],
            ["facilitators.id"],
            name=op.f("fk_vetting_checks_facilitator_id_facilitators"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vetting_checks")),
    )
    with op.batch_alter_table("vetting_checks", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_vetting_checks_facilitator_id"), ["facilitator_id"], unique=False
        )

    op.create_table(
        "expense_claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("facilitator_id", sa.String(length=64), nullable=False),
        sa.Column("case_id", sa.String(length=64), nullable=True),
        sa.Column("incurred_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("miles", sa.Double(), nullable=True),
        sa.Column("pence_per_mile", sa.Integer(), nullable=True),
        sa.Column("amount_pence", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("submitted_by", sa.String(length=64), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.Column("decided_by", sa.String(length=64), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("paid_by", sa.String(length=64), nullable=True),
        sa.Column("paid_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_expense_claims_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["facilitator_id"],
            ["facilitators.id"],
            name=op.f("fk_expense_claims_facilitator_id_facilitators"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expense_claims")),
    )
    with op.batch_alter_table("expense_claims", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_expense_claims_facilitator_id"), ["facilitator_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_expense_claims_status"), ["status"], unique=False)

    op.create_table(
        "recruit_stages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recruit_id", sa.String(length=64), nullable=False),
        sa.Column("stage", sa.String(length=24), nullable=False),
        sa.Column("reached_on", sa.Date(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["recruit_id"], ["recruits.id"], name=op.f("fk_recruit_stages_recruit_id_recruits")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recruit_stages")),
    )
    with op.batch_alter_table("recruit_stages", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_recruit_stages_recruit_id"), ["recruit_id"], unique=False
        )

    op.create_table(
        "volunteer_hours",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("facilitator_id", sa.String(length=64), nullable=False),
        sa.Column("case_id", sa.String(length=64), nullable=True),
        sa.Column("worked_on", sa.Date(), nullable=False),
        sa.Column("hours", sa.Double(), nullable=False),
        sa.Column("activity", sa.String(length=16), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_volunteer_hours_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["facilitator_id"],
            ["facilitators.id"],
            name=op.f("fk_volunteer_hours_facilitator_id_facilitators"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volunteer_hours")),
    )
    with op.batch_alter_table("volunteer_hours", schema=None) as batch_op:
        batch_op.create_index(
            "ix_volunteer_hours_facilitator_day", ["facilitator_id", "worked_on"], unique=False
        )

    _skills_to_records()
    op.drop_table("facilitator_skills")
    with op.batch_alter_table("facilitators", schema=None) as batch_op:
        batch_op.add_column(sa.Column("started_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("left_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("left_reason", sa.String(length=200), nullable=True))


def downgrade() -> None:
    # in place: a batch copy of `facilitators` would drop the table every other one points at
    with op.batch_alter_table("facilitators", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("left_reason")
        batch_op.drop_column("left_on")
        batch_op.drop_column("started_on")

    op.create_table(
        "facilitator_skills",
        sa.Column("facilitator_id", sa.VARCHAR(length=64), nullable=False),
        sa.Column("skill", sa.VARCHAR(length=16), nullable=False),
        sa.Column("trained_on", sa.DATE(), nullable=True),
        sa.ForeignKeyConstraint(
            ["facilitator_id"],
            ["facilitators.id"],
            name=op.f("fk_facilitator_skills_facilitator_id_facilitators"),
        ),
        sa.PrimaryKeyConstraint("facilitator_id", "skill", name=op.f("pk_facilitator_skills")),
    )
    _records_to_skills()
    with op.batch_alter_table("volunteer_hours", schema=None) as batch_op:
        batch_op.drop_index("ix_volunteer_hours_facilitator_day")

    op.drop_table("volunteer_hours")
    with op.batch_alter_table("recruit_stages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recruit_stages_recruit_id"))

    op.drop_table("recruit_stages")
    with op.batch_alter_table("expense_claims", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expense_claims_status"))
        batch_op.drop_index(batch_op.f("ix_expense_claims_facilitator_id"))

    op.drop_table("expense_claims")
    with op.batch_alter_table("vetting_checks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vetting_checks_facilitator_id"))

    op.drop_table("vetting_checks")
    with op.batch_alter_table("training_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_events_facilitator_id"))

    op.drop_table("training_events")
    with op.batch_alter_table("supervisions", schema=None) as batch_op:
        batch_op.drop_index("ix_supervisions_facilitator_held")

    op.drop_table("supervisions")
    with op.batch_alter_table("recruits", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recruits_stage"))
        batch_op.drop_index(batch_op.f("ix_recruits_district"))

    op.drop_table("recruits")
    op.drop_table("volunteer_policies")
