"""What changed, for the audit log: personal values are never copied, only that they changed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from service.clock import SERVICE_ZONE
from service.store.tables import PERSONAL_COLUMNS
from service.store.uow import UnitOfWork
from service.workflow.auth import Principal
from service.workflow.schemas.audit import AuditQuery
from service.workflow.schemas.views import AuditOut

PERSONAL_FIELDS = PERSONAL_COLUMNS | {"home", "password"}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """Fields whose value differs, as {field: {"from": old, "to": new}} (personal: redacted)."""
    changes: dict[str, Any] = {}
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if key in PERSONAL_FIELDS:
            changes[key] = {"changed": True}
        else:
            changes[key] = {"from": old, "to": new}
    return changes


def created(values: dict[str, Any]) -> dict[str, Any]:
    """A new record's fields for the audit log (personal: redacted)."""
    return {k: ("<personal>" if k in PERSONAL_FIELDS else v) for k, v in sorted(values.items())}


def read_personal(
    uow: UnitOfWork, who: Principal, entity: str, entity_id: str, fields: list[str]
) -> None:
    """Record that `who` read these personal fields of a record (which fields, never their
    values); the caller commits. Every read of personal details goes through here."""
    uow.audit.record(who.username, "read", entity, entity_id, {"fields": sorted(fields)})


def search(
    uow: UnitOfWork, entity: str | None, entity_id: str | None, limit: int, offset: int
) -> list[AuditOut]:
    """Audit entries matching the filters, oldest first."""
    return [AuditOut.model_validate(e) for e in uow.audit.search(entity, entity_id, limit, offset)]


def find(uow: UnitOfWork, query: AuditQuery, limit: int, offset: int) -> list[AuditOut]:
    """Audit entries matching every filter given (who, action, entity, its id, days)."""
    fields = ("actor", "action", "entity", "entity_id")
    equal = {k: v for k in fields if (v := getattr(query, k))}
    after, before = day_bounds(query.since, query.until)
    found = uow.audit.filtered(equal, after, before, query.newest_first, limit, offset)
    return [AuditOut.model_validate(e) for e in found]


def day_bounds(
    since: dt.date | None, until: dt.date | None
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """Days in the service's zone as naive-UTC bounds: [start of `since`, start of the day
    after `until`)."""

    def utc(day: dt.date) -> dt.datetime:
        local = dt.datetime.combine(day, dt.time(0), SERVICE_ZONE)
        return local.astimezone(dt.UTC).replace(tzinfo=None)

    return (utc(since) if since else None, utc(until + dt.timedelta(days=1)) if until else None)
