"""The volunteers' personal details still in clear encrypted at rest (a data migration), and the
registers of venues and prisons the meetings planner books.

Sealed (service.store.crypto, like the facilitators' names in 0007): a recruit's name and home
outcode, a facilitator's reason for leaving, an expense claim's description and a recruitment
stage's note. Each becomes a nullable TEXT column of the same name holding the value sealed
under the data key; a store holding any of them refuses to migrate without the key. Each step
runs in place (ADD, DROP and RENAME COLUMN), so SQLite never copies a table others point at.

New: `venues` (the register of neutral venues; the booking contact sealed), empty, and
`prisons` (the prisons visited, with their sessions, lead time, clearance and visitor rules),
seeded with every prison of the gazetteer (geo/data/prisons.csv, from shared/data) at the
planner's default arrangements: Tuesday and Thursday morning and afternoon sessions, 4 visitors
a session, 10 working days' notice, prison clearance; staff edit them (PUT /prisons/{name}).

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-06 15:00:00.000000
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import NamedTuple

import sqlalchemy as sa
from alembic import context, op

from geo import default_gazetteer
from models.places import Prison
from service.store.crypto import Cipher

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


SEEDED_AT = dt.datetime(2026, 12, 6, 15, 0)
SEEDED_BY = "migration-0010"
SEED_SESSIONS = {"tue": ["morning", "afternoon"], "thu": ["morning", "afternoon"]}


class _Clear(NamedTuple):
    """A column in clear before this migration: its table, key, name and old declaration."""

    table: str
    key: str
    column: str
    length: int
    required: bool  # NOT NULL DEFAULT '' before


SEALED_NOW = (
    _Clear("recruits", "id", "name", 200, True),
    _Clear("recruits", "id", "home_outcode", 8, False),
    _Clear("facilitators", "id", "left_reason", 200, False),
    _Clear("expense_claims", "id", "description", 200, True),
    _Clear("recruit_stages", "id", "note", 200, False),
)


def _cipher() -> Cipher:
    cipher = context.config.attributes.get("cipher")
    if not isinstance(cipher, Cipher):
        raise RuntimeError(
            "this store holds volunteers' details to encrypt: migrate it with `rjplan db "
            "upgrade` (which reads RJPLAN_DATA_KEY or the key file beside a SQLite database)"
        )
    return cipher


def _table(spec: _Clear, *names: str) -> sa.TableClause:
    return sa.table(spec.table, sa.column(spec.key), *(sa.column(n) for n in names))


def _needs_cipher() -> None:
    """Refuse before any change (SQLite commits DDL at once) when a value is there and no key."""
    bind = op.get_bind()
    for spec in SEALED_NOW:
        name = spec.column
        table = _table(spec, name)
        if bind.execute(
            sa.select(table.c[spec.key]).where(table.c[name].is_not(None)).limit(1)
        ).first():
            _cipher()
            return


def _move(
    spec: _Clear, source: str, target: str, change: Callable[[Cipher], Callable[[str], str]]
) -> None:
    bind = op.get_bind()
    table = _table(spec, source, target)
    rows = bind.execute(
        sa.select(table.c[spec.key], table.c[source]).where(table.c[source].is_not(None))
    ).all()
    if not rows:
        return
    convert = change(_cipher())
    for key, value in rows:
        bind.execute(
            table.update().where(table.c[spec.key] == key).values({target: convert(value)})
        )


def _seal(spec: _Clear) -> None:
    staged = f"{spec.column}_sealed"
    op.add_column(spec.table, sa.Column(staged, sa.Text(), nullable=True))
    _move(spec, spec.column, staged, lambda cipher: cipher.seal)
    op.execute(f"ALTER TABLE {spec.table} DROP COLUMN {spec.column}")
    op.execute(f"ALTER TABLE {spec.table} RENAME COLUMN {staged} TO {spec.column}")


def _open(spec: _Clear) -> None:
    staged = f"{spec.column}_sealed"
    op.execute(f"ALTER TABLE {spec.table} RENAME COLUMN {spec.column} TO {staged}")
    if spec.required:
        clear = sa.Column(spec.column, sa.String(spec.length), nullable=False, server_default="")
    else:
        clear = sa.Column(spec.column, sa.String(spec.length), nullable=True)
    op.add_column(spec.table, clear)
    _move(spec, staged, spec.column, lambda cipher: cipher.open)
    op.execute(f"ALTER TABLE {spec.table} DROP COLUMN {staged}")


def _registers() -> None:
    op.create_table(
        "venues",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("postcode", sa.String(length=10), nullable=False),
        sa.Column("district", sa.String(length=64), nullable=True),
        sa.Column("lat", sa.Double(), nullable=False),
        sa.Column("lon", sa.Double(), nullable=False),
        sa.Column("rooms", sa.JSON(), nullable=False),
        sa.Column("step_free", sa.Boolean(), nullable=False),
        sa.Column("hearing_loop", sa.Boolean(), nullable=False),
        sa.Column("high_risk_suitable", sa.Boolean(), nullable=False),
        sa.Column("opening", sa.JSON(), nullable=False),
        sa.Column("neutral_for", sa.JSON(), nullable=False),
        sa.Column("risk_notes", sa.String(length=1000), nullable=False),
        sa.Column("contact", sa.Text(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_venues")),
    )
    op.create_index(op.f("ix_venues_district"), "venues", ["district"], unique=False)
    prisons = op.create_table(
        "prisons",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("lat", sa.Double(), nullable=False),
        sa.Column("lon", sa.Double(), nullable=False),
        sa.Column("postcode", sa.String(length=10), nullable=False),
        sa.Column("category", sa.String(length=64), nullable=False),
        sa.Column("sessions", sa.JSON(), nullable=False),
        sa.Column("visitors_per_session", sa.Integer(), nullable=False),
        sa.Column("lead_time_working_days", sa.Integer(), nullable=False),
        sa.Column("clearance", sa.String(length=16), nullable=False),
        sa.Column("visitor_rules", sa.String(length=1000), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_prisons")),
    )
    op.bulk_insert(prisons, [_seed(p) for p in default_gazetteer().prisons.values()])


def _seed(prison: Prison) -> dict[str, object]:
    return {
        "name": prison.name,
        "lat": prison.lat,
        "lon": prison.lon,
        "postcode": prison.postcode[:10],
        "category": prison.category[:64],
        "sessions": SEED_SESSIONS,
        "visitors_per_session": 4,
        "lead_time_working_days": 10,
        "clearance": "prison",
        "visitor_rules": "",
        "active": True,
        "version": 1,
        "updated_at": SEEDED_AT,
        "updated_by": SEEDED_BY,
    }


def upgrade() -> None:
    _needs_cipher()
    for spec in SEALED_NOW:
        _seal(spec)
    _registers()


def downgrade() -> None:
    _needs_cipher()
    op.drop_table("prisons")
    op.drop_index(op.f("ix_venues_district"), table_name="venues")
    op.drop_table("venues")
    for spec in reversed(SEALED_NOW):
        _open(spec)
