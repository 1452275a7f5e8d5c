"""Retention: the personal details of cases closed long enough ago are erased, their
statistics kept. Every sealed column of the case file (service.store.tables, `info=SEALED`) of
such a case is blanked: a nullable one emptied, a required one sealed as the empty text; the
rows stay, with their plain columns (roles, kinds, days, outcomes, scores), so every count the
reports make is the same after as before. Parties are marked `erased_on`. Audited per case."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from rules.retention import RetentionPolicy, list_retention, load_retention
from service.errors import InputError
from service.store import tables as t
from service.store.uow import UnitOfWork
from service.workflow.schemas.retention import ErasureOut

SETTING = "retention_in_force"
CASE_FILE: tuple[type[t.Base], ...] = (
    t.Party,
    t.Contact,
    t.AgreementAction,
    t.OnwardReferral,
    t.Evaluation,
    t.ReferrerFeedback,
    t.Complaint,
)
"""The case file's tables that hold sealed personal values, by case."""


def policy(uow: UnitOfWork) -> RetentionPolicy:
    """The retention policy in force: the stored setting, else the newest shipped one."""
    return load_retention(uow.settings.get(SETTING) or max(list_retention()))


def sealed_columns(model: type[t.Base]) -> list[str]:
    """The sealed (personal) columns of a table."""
    return [c.key for c in model.__table__.columns if c.info.get("sealed")]


def erase(uow: UnitOfWork, actor: str, before: dt.date | None, dry_run: bool) -> ErasureOut:
    """Erase the personal details of every case closed before `before` (by default: the day
    the retention policy gives), or on a dry run only count them. Nothing else changes."""
    rules = policy(uow)
    today = uow.clock.today()
    cutoff = before or rules.erase_closed_before(today)
    if cutoff > today:
        msg = f"{cutoff} is in the future; cases closed before today ({today}) at the latest"
        raise InputError.single("erase", "--before", msg)
    ids = list(uow.casefile.closed_before(cutoff))
    by_table: Counter[str] = Counter()
    by_case: Counter[str] = Counter()
    for model in CASE_FILE:
        columns = sealed_columns(model)
        nullable = {c.key: c.nullable for c in model.__table__.columns}
        for row in uow.casefile.of_cases(model, ids):
            held = [c for c in columns if _held(uow, getattr(row, c))]
            if not held:
                continue
            by_table[model.__tablename__] += len(held)
            by_case[row.case_id] += len(held)
            if dry_run:
                continue
            for column in held:
                setattr(row, column, None if nullable[column] else uow.cipher.seal(""))
            if isinstance(row, t.Party):
                row.erased_on = today
    if not dry_run:
        for cid, count in sorted(by_case.items()):
            changes = {"values": count, "policy": rules.retention, "before": cutoff.isoformat()}
            uow.audit.record(actor, "erase", "case", cid, changes)
        uow.commit()
    return ErasureOut(
        policy=rules.retention,
        before=cutoff,
        dry_run=dry_run,
        cases=len(by_case),
        values=sum(by_table.values()),
        by_table=dict(sorted(by_table.items())),
        case_ids=sorted(by_case),
    )


def _held(uow: UnitOfWork, value: str | None) -> bool:
    """True when a sealed value still holds something (not None, not the sealed empty text)."""
    return value is not None and uow.cipher.open(value) != ""
