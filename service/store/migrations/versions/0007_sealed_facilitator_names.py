"""Facilitators' names encrypted at rest (Fernet, service.store.crypto): a data migration.

The plaintext `name` column is replaced by a TEXT column of the same name holding each name
sealed under the data key (the cipher the migration is given: `rjplan db upgrade` and
`rjplan serve` pass it); a store with facilitators refuses to migrate without one. Each step
runs in place (ADD, DROP and RENAME COLUMN), so SQLite never copies the table that pairs,
users and skills point at.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 12:00:00.000000
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from alembic import context, op

from service.store.crypto import Cipher

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_TABLE = sa.table(
    "facilitators",
    sa.column("id", sa.String),
    sa.column("name", sa.String),
    sa.column("name_sealed", sa.Text),
)


def _cipher() -> Cipher:
    cipher = context.config.attributes.get("cipher")
    if not isinstance(cipher, Cipher):
        raise RuntimeError(
            "this store holds facilitators' names to encrypt: migrate it with `rjplan db "
            "upgrade` (which reads RJPLAN_DATA_KEY or the key file beside a SQLite database)"
        )
    return cipher


def _needs_cipher() -> None:
    """Refuse before any change (SQLite commits DDL at once) when there are names and no key."""
    if op.get_bind().execute(sa.select(_TABLE.c.id).limit(1)).first() is not None:
        _cipher()


def _move(source: str, target: str, change: Callable[[Cipher], Callable[[str], str]]) -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.select(_TABLE.c.id, _TABLE.c[source])).all()
    if not rows:
        return
    convert = change(_cipher())
    for fid, value in rows:
        new = convert(value if value is not None else "")
        bind.execute(_TABLE.update().where(_TABLE.c.id == fid).values({target: new}))


def upgrade() -> None:
    _needs_cipher()
    op.add_column("facilitators", sa.Column("name_sealed", sa.Text(), nullable=True))
    _move("name", "name_sealed", lambda cipher: cipher.seal)
    op.execute("ALTER TABLE facilitators DROP COLUMN name")
    op.execute("ALTER TABLE facilitators RENAME COLUMN name_sealed TO name")


def downgrade() -> None:
    _needs_cipher()
    op.execute("ALTER TABLE facilitators RENAME COLUMN name TO name_sealed")
    op.add_column(
        "facilitators", sa.Column("name", sa.String(200), nullable=False, server_default="")
    )
    _move("name_sealed", "name", lambda cipher: cipher.open)
    op.execute("ALTER TABLE facilitators DROP COLUMN name_sealed")
