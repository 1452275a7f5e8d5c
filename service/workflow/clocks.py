"""The timeliness clocks of cases under the standard in force (rules/timeliness/), on a day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rules.timeliness import Clock, TimelinessPolicy, evaluate, list_timeliness, load_timeliness
from service.errors import InputError
from service.store import tables as t
from service.store.uow import UnitOfWork
from service.workflow.auth import Principal
from service.workflow.case_access import case_for
from service.workflow.schemas.timeline import ClockOut, EventOut, TimelineOut
from service.workflow.timeline import events_of

SETTING = "timeliness_in_force"


def standard(uow: UnitOfWork) -> TimelinessPolicy:
    """The timeliness standard in force: the stored setting, else the newest shipped one."""
    return load_timeliness(uow.settings.get(SETTING) or max(list_timeliness()))


def set_standard(uow: UnitOfWork, who: Principal, ident: str) -> None:
    """Put a shipped timeliness standard in force (audited)."""
    known = list_timeliness()
    if ident not in known:
        msg = f"unknown timeliness standard {ident!r}; use {', '.join(known)}"
        raise InputError.single("timeliness", "/body/standard", msg)
    previous = uow.settings.put(SETTING, ident)
    uow.audit.record(who.username, "set", "timeliness", SETTING, {"from": previous, "to": ident})
    uow.commit()


def of_cases(uow: UnitOfWork, cases: Sequence[t.Case], day: dt.date) -> dict[str, list[Clock]]:
    """Case id -> its clocks on `day`."""
    policy = standard(uow)
    return {cid: evaluate(policy, events, day) for cid, events in events_of(uow, cases).items()}


def timeline(uow: UnitOfWork, who: Principal, cid: str, day: dt.date | None) -> TimelineOut:
    """A case's events and clocks on `day` (today by default)."""
    case = case_for(uow, who, cid)
    on = day or uow.clock.today()
    policy = standard(uow)
    events = events_of(uow, [case])[cid]
    return TimelineOut(
        case_id=cid,
        standard=policy.id,
        day=on,
        events=[EventOut(kind=e.kind, on=e.on, about=e.about) for e in events],
        clocks=[clock_out(c) for c in evaluate(policy, events, on)],
    )


def clock_out(clock: Clock) -> ClockOut:
    """A clock as a body."""
    return ClockOut(
        id=clock.rule.id,
        title=clock.rule.title,
        started=clock.started,
        due=clock.due,
        met_on=clock.met_on,
        state=clock.state.value,
        action=clock.rule.action,
    )
