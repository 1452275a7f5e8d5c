"""Hours a volunteer works: logged by staff or by the volunteer for themself, read back in
total, by week, by case and by activity."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable

from service.errors import InputError, NotFoundError
from service.store import tables as t
from service.store.uow import UnitOfWork
from service.workflow.auth import Principal
from service.workflow.schemas.hours import Activity, HoursIn, HoursOut, HoursSummary, Total
from service.workflow.training import not_after
from service.workflow.volunteer_record import existing, owner

MAX_DAYS = 731


def on_the_case(uow: UnitOfWork, fid: str, case: str | None, pointer: str) -> None:
    """A named case must exist and have had this facilitator in one of its pairs."""
    if case is None:
        return
    if uow.cases.get(case) is None:
        raise NotFoundError("case", case, pointer)
    pairs = uow.pairs.history(case)
    if not any(fid in (p.facilitator_a, p.facilitator_b) for p in pairs):
        raise InputError.single("hours", pointer, f"{fid} has never been on case {case!r}")


def log(uow: UnitOfWork, who: Principal, fid: str, data: HoursIn) -> HoursOut:
    """Record hours worked on a day; audited."""
    owner(who, fid)
    existing(uow, fid)
    not_after(data.worked_on, uow.clock.today(), "/body/worked_on", "hours")
    on_the_case(uow, fid, data.case, "/body/case")
    row = t.HoursEntry(
        facilitator_id=fid,
        case_id=data.case,
        worked_on=data.worked_on,
        hours=data.hours,
        activity=data.activity.value,
        recorded_by=who.username,
        recorded_at=uow.clock.now(),
    )
    uow.volunteers.add(row)
    uow.audit.record(who.username, "hours", "facilitator", fid, data.model_dump(mode="json"))
    uow.commit()
    return _out(row)


def summary(
    uow: UnitOfWork, who: Principal, fid: str, first: dt.date | None, last: dt.date | None
) -> HoursSummary:
    """The volunteer's hours from `first` to `last` (the last 12 weeks to today by default)."""
    owner(who, fid)
    existing(uow, fid)
    last = last or uow.clock.today()
    first = first or last - dt.timedelta(weeks=12) + dt.timedelta(days=1)
    if first > last or (last - first).days > MAX_DAYS:
        raise InputError.single("hours", "/query/from", f"give a range of 1 to {MAX_DAYS} days")
    rows = uow.volunteers.hours(fid, first, last)
    return HoursSummary(
        facilitator=fid,
        from_day=first,
        to_day=last,
        total=sum(r.hours for r in rows),
        by_week=_totals(rows, lambda r: str(r.worked_on - dt.timedelta(r.worked_on.weekday()))),
        by_case=_totals([r for r in rows if r.case_id], lambda r: str(r.case_id)),
        by_activity=_totals(rows, lambda r: Activity(r.activity).value),
        entries=[_out(r) for r in rows],
    )


def _totals(rows: Iterable[t.HoursEntry], key: Callable[[t.HoursEntry], str]) -> list[Total]:
    sums: dict[str, float] = defaultdict(float)
    for row in rows:
        sums[key(row)] += row.hours
    return [Total(key=k, hours=round(v, 2)) for k, v in sorted(sums.items())]


def _out(row: t.HoursEntry) -> HoursOut:
    return HoursOut(
        id=row.id,
        facilitator=row.facilitator_id,
        worked_on=row.worked_on,
        hours=row.hours,
        activity=Activity(row.activity),
        case=row.case_id,
    )
