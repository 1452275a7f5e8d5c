"""Re-encrypting every sealed value under the first data key (`rjplan db rotate-key`).

The columns are found by their SEALED mark in tables.py, so a new sealed column is rotated
without a change here. One transaction: a failure leaves every value under its old key.
"""

from __future__ import annotations

from sqlalchemy import Column, Table, select, update
from sqlalchemy.orm import Session

from service.store.crypto import SEALED, Cipher
from service.store.tables import Base


def sealed_columns() -> list[tuple[Table, Column[str]]]:
    """Every (table, column) marked SEALED, in table then column order."""
    found = []
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if column.info.get("sealed") is SEALED["sealed"]:
                found.append((table, column))
    return found


def rotate_all(session: Session, cipher: Cipher) -> dict[str, int]:
    """Seal every sealed value again under the cipher's first key; "table.column" -> values
    rotated. The caller commits."""
    counts: dict[str, int] = {}
    for table, column in sealed_columns():
        keys = list(table.primary_key.columns)
        rows = session.execute(select(*keys, column).where(column.is_not(None))).all()
        for row in rows:
            match = [k == row[i] for i, k in enumerate(keys)]
            session.execute(
                update(table).where(*match).values({column.name: cipher.rotate(row[-1])})
            )
        counts[f"{table.name}.{column.name}"] = len(rows)
    return counts
