"""The case file: parties, contacts, referral reviews and versions, outcomes in the seeds' words
with the agreement and onward referrals, and feedback (evaluations, referrer feedback, victim
empathy, complaints). A data migration moves the closing words of 0004 into the seeds' words:

    completed      -> direct, method not recorded (a restorative process took place; whether
                      by conference, letter or shuttle was never recorded)
    withdrawn      -> declined, by a party not recorded
    not_proceeding -> no_outcome (it was not possible to progress)
    transferred    -> declined by the service (passed to another service)

each kept in `case_outcomes.migrated_from`, so nothing is lost and a report can tell them
apart; the downgrade puts the old word back.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 14:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

LEGACY = {
    "completed": ("direct", None),
    "withdrawn": ("declined", None),
    "not_proceeding": ("no_outcome", None),
    "transferred": ("declined", "service"),
}
MIGRATOR = "migration-0008"

_CASES = sa.table(
    "cases",
    sa.column("id", sa.String),
    sa.column("status", sa.String),
    sa.column("closed_on", sa.Date),
    sa.column("outcome", sa.String),
)
_OUTCOMES = sa.table(
    "case_outcomes",
    sa.column("case_id", sa.String),
    sa.column("kind", sa.String),
    sa.column("declined_by", sa.String),
    sa.column("method", sa.String),
    sa.column("recorded_on", sa.Date),
    sa.column("recorded_by", sa.String),
    sa.column("migrated_from", sa.String),
)


def upgrade() -> None:
    op.create_table(
        "referral_reviews",
        sa.Column("referral_id", sa.String(length=64), nullable=False),
        sa.Column("review_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("set_at", sa.DateTime(), nullable=False),
        sa.Column("set_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["referral_id"],
            ["referrals.id"],
            name=op.f("fk_referral_reviews_referral_id_referrals"),
        ),
        sa.PrimaryKeyConstraint("referral_id", name=op.f("pk_referral_reviews")),
    )
    op.create_index(
        op.f("ix_referral_reviews_review_on"), "referral_reviews", ["review_on"], unique=False
    )
    op.create_table(
        "referral_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("referral_id", sa.String(length=64), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("replaced_at", sa.DateTime(), nullable=False),
        sa.Column("replaced_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["referral_id"],
            ["referrals.id"],
            name=op.f("fk_referral_versions_referral_id_referrals"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referral_versions")),
    )
    op.create_index(
        op.f("ix_referral_versions_referral_id"), "referral_versions", ["referral_id"], unique=False
    )
    op.create_table(
        "agreement_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.String(length=64), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(length=16), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_agreement_actions_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_actions")),
    )
    op.create_index(
        op.f("ix_agreement_actions_case_id"), "agreement_actions", ["case_id"], unique=False
    )
    op.create_index(op.f("ix_agreement_actions_due"), "agreement_actions", ["due"], unique=False)
    op.create_table(
        "case_outcomes",
        sa.Column("case_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("declined_by", sa.String(length=16), nullable=True),
        sa.Column("method", sa.String(length=16), nullable=True),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("migrated_from", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_outcomes_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_case_outcomes")),
    )
    op.create_index(op.f("ix_case_outcomes_kind"), "case_outcomes", ["kind"], unique=False)
    op.create_table(
        "parties",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("supports_id", sa.Integer(), nullable=True),
        sa.Column("age_band", sa.String(length=16), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=True),
        sa.Column("details", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("erased_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_parties_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["supports_id"], ["parties.id"], name=op.f("fk_parties_supports_id_parties")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_parties")),
    )
    op.create_index(op.f("ix_parties_case_id"), "parties", ["case_id"], unique=False)
    op.create_table(
        "referrer_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.String(length=64), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("referral_process", sa.Integer(), nullable=True),
        sa.Column("initial_response", sa.Integer(), nullable=True),
        sa.Column("kept_updated", sa.Integer(), nullable=True),
        sa.Column("effectiveness", sa.Integer(), nullable=True),
        sa.Column("would_refer_again", sa.Boolean(), nullable=True),
        sa.Column("would_recommend", sa.Boolean(), nullable=True),
        sa.Column("comments", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_referrer_feedback_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referrer_feedback")),
    )
    op.create_index(
        op.f("ix_referrer_feedback_case_id"), "referrer_feedback", ["case_id"], unique=False
    )
    op.create_table(
        "complaints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.String(length=64), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("resolved_on", sa.Date(), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.Column("upheld", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_complaints_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["party_id"], ["parties.id"], name=op.f("fk_complaints_party_id_parties")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaints")),
    )
    op.create_index(op.f("ix_complaints_case_id"), "complaints", ["case_id"], unique=False)
    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.String(length=64), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=True),
        sa.Column("counterpart", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("purpose", sa.String(length=32), nullable=False),
        sa.Column("made_on", sa.Date(), nullable=False),
        sa.Column("made_by", sa.String(length=64), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("next_step_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_contacts_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["party_id"], ["parties.id"], name=op.f("fk_contacts_party_id_parties")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
    )
    op.create_index("ix_contacts_case_made_on", "contacts", ["case_id", "made_on"], unique=False)
    op.create_index(op.f("ix_contacts_party_id"), "contacts", ["party_id"], unique=False)
    op.create_table(
        "empathy_scores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.String(length=64), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=8), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_empathy_scores_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["party_id"], ["parties.id"], name=op.f("fk_empathy_scores_party_id_parties")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_empathy_scores")),
    )
    op.create_index(op.f("ix_empathy_scores_case_id"), "empathy_scores", ["case_id"], unique=False)
    op.create_table(
        "evaluations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.String(length=64), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("satisfaction", sa.Integer(), nullable=True),
        sa.Column("facilitator_rating", sa.Integer(), nullable=True),
        sa.Column("positive_outcome", sa.Boolean(), nullable=True),
        sa.Column("felt_better", sa.Boolean(), nullable=True),
        sa.Column("would_recommend", sa.Boolean(), nullable=True),
        sa.Column("impact", sa.String(length=16), nullable=True),
        sa.Column("comments", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_evaluations_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["party_id"], ["parties.id"], name=op.f("fk_evaluations_party_id_parties")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluations")),
    )
    op.create_index(op.f("ix_evaluations_case_id"), "evaluations", ["case_id"], unique=False)
    op.create_table(
        "onward_referrals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.String(length=64), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=True),
        sa.Column("agency", sa.String(length=32), nullable=False),
        sa.Column("referred_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_onward_referrals_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["party_id"], ["parties.id"], name=op.f("fk_onward_referrals_party_id_parties")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_onward_referrals")),
    )
    op.create_index(
        op.f("ix_onward_referrals_case_id"), "onward_referrals", ["case_id"], unique=False
    )
    _outcomes_in_the_seeds_words()


def _outcomes_in_the_seeds_words() -> None:
    bind = op.get_bind()
    closed = bind.execute(
        sa.select(_CASES.c.id, _CASES.c.closed_on, _CASES.c.outcome).where(
            _CASES.c.outcome.in_(list(LEGACY))
        )
    ).all()
    for case_id, closed_on, old in closed:
        kind, declined_by = LEGACY[old]
        bind.execute(
            _OUTCOMES.insert().values(
                case_id=case_id,
                kind=kind,
                declined_by=declined_by,
                method=None,
                recorded_on=closed_on,
                recorded_by=MIGRATOR,
                migrated_from=old,
            )
        )
        bind.execute(_CASES.update().where(_CASES.c.id == case_id).values(outcome=kind))


def _outcomes_in_the_old_words() -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(
            _OUTCOMES.c.case_id,
            _OUTCOMES.c.kind,
            _OUTCOMES.c.declined_by,
            _OUTCOMES.c.migrated_from,
        )
    ).all()
    for case_id, kind, declined_by, migrated_from in rows:
        old = migrated_from or _old_word(kind, declined_by)
        bind.execute(_CASES.update().where(_CASES.c.id == case_id).values(outcome=old))


def _old_word(kind: str, declined_by: str | None) -> str:
    if kind in ("direct", "indirect"):
        return "completed"
    if kind == "declined" and declined_by in ("harmed", "responsible"):
        return "withdrawn"
    return "not_proceeding"


def downgrade() -> None:
    _outcomes_in_the_old_words()

    op.drop_index(op.f("ix_onward_referrals_case_id"), table_name="onward_referrals")
    op.drop_table("onward_referrals")
    op.drop_index(op.f("ix_evaluations_case_id"), table_name="evaluations")
    op.drop_table("evaluations")
    op.drop_index(op.f("ix_empathy_scores_case_id"), table_name="empathy_scores")
    op.drop_table("empathy_scores")
    op.drop_index(op.f("ix_contacts_party_id"), table_name="contacts")
    op.drop_index("ix_contacts_case_made_on", table_name="contacts")
    op.drop_table("contacts")
    op.drop_index(op.f("ix_complaints_case_id"), table_name="complaints")
    op.drop_table("complaints")
    op.drop_index(op.f("ix_referrer_feedback_case_id"), table_name="referrer_feedback")
    op.drop_table("referrer_feedback")
    op.drop_index(op.f("ix_parties_case_id"), table_name="parties")
    op.drop_table("parties")
    op.drop_index(op.f("ix_case_outcomes_kind"), table_name="case_outcomes")
    op.drop_table("case_outcomes")
    op.drop_index(op.f("ix_agreement_actions_due"), table_name="agreement_actions")
    op.drop_index(op.f("ix_agreement_actions_case_id"), table_name="agreement_actions")
    op.drop_table("agreement_actions")
    op.drop_index(op.f("ix_referral_versions_referral_id"), table_name="referral_versions")
    op.drop_table("referral_versions")
    op.drop_index(op.f("ix_referral_reviews_review_on"), table_name="referral_reviews")
    op.drop_table("referral_reviews")
