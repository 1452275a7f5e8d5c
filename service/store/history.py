"""The imported history's rows: which ids are taken, and loading a file's rows in one go."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from service.store import tables as t


def taken_ids(session: Session, ids: Iterable[str]) -> set[str]:
    """Which of these history ids were imported before."""
    wanted = list(ids)
    found: set[str] = set()
    for start in range(0, len(wanted), 500):  # an IN list of bounded size per query
        chunk = wanted[start : start + 500]
        query = select(t.HistoryReferral.id).where(t.HistoryReferral.id.in_(chunk))
        found |= set(session.scalars(query).all())
    return found


def add_import(session: Session, record: t.HistoryImport, rows: Iterable[Mapping[str, Any]]) -> int:
    """Store the import and its rows (one executemany); the import's id."""
    session.add(record)
    session.flush()
    values = [dict(row, import_id=record.id) for row in rows]
    if values:
        session.execute(insert(t.HistoryReferral), values)
    return record.id


def imports(session: Session, limit: int = 50) -> list[t.HistoryImport]:
    """The history files loaded, the latest first."""
    query = select(t.HistoryImport).order_by(t.HistoryImport.id.desc()).limit(limit)
    return list(session.scalars(query))
