"""Logins and the scenario runner: usernames are one account whatever their case (a unique
index on lower(username)), failed logins are kept for the lockout window, and one lease row
says which process runs the scenario runs of this database.

The upgrade refuses, naming the usernames, when two existing users differ only by case: an
admin renames or removes one first (nothing is changed for them).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 15:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_USERS = sa.table("users", sa.column("username", sa.String))


class UsernameCollisionError(RuntimeError):
    """Existing users whose names differ only by case: the upgrade cannot make them one."""


def upgrade() -> None:
    _refuse_case_collisions()
    op.create_index("uq_users_username_lower", "users", [sa.text("lower(username)")], unique=True)
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=64), nullable=False),
        sa.Column("failed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_failures")),
    )
    op.create_index(
        "ix_login_failures_subject_at", "login_failures", ["subject", "failed_at"], unique=False
    )
    op.create_index(
        op.f("ix_login_failures_failed_at"), "login_failures", ["failed_at"], unique=False
    )
    op.create_table(
        "runner_leases",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("holder", sa.String(length=64), nullable=False),
        sa.Column("acquired_at", sa.DateTime(), nullable=False),
        sa.Column("heartbeat_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_runner_leases")),
    )


def _refuse_case_collisions() -> None:
    lowered = sa.func.lower(_USERS.c.username)
    query = (
        sa.select(lowered, sa.func.count())
        .group_by(lowered)
        .having(sa.func.count() > 1)
        .order_by(lowered)
    )
    clashes = [name for name, _count in op.get_bind().execute(query)]
    if clashes:
        named = ", ".join(repr(n) for n in clashes)
        raise UsernameCollisionError(
            "usernames are now one account whatever their case, and these names are held by "
            f"more than one user: {named}. Rename or remove all but one of each (the database "
            "was not changed), then run the upgrade again."
        )


def downgrade() -> None:
    op.drop_table("runner_leases")
    op.drop_index(op.f("ix_login_failures_failed_at"), table_name="login_failures")
    op.drop_index("ix_login_failures_subject_at", table_name="login_failures")
    op.drop_table("login_failures")
    op.drop_index("uq_users_username_lower", table_name="users")
