"""`rjplan scenario fit`: a scenario's rates estimated from the store's own history (the maths
in scenarios.fit; here only what the store holds): monthly referrals by referrer and district,
the share of screened referrals accepted, take-up and outcomes of closed cases, the volunteer
hours logged per closed case and the vetting wait of recruits (submitted to vetted)."""

from __future__ import annotations

import datetime as dt

from models.volunteers import Stage
from scenarios.fit import HistoryFit, fit_history
from service.errors import InputError
from service.store.uow import UnitOfWork

ENTITY = "scenario fit"
ACCEPT, DECLINE = "accept", "decline"


def months_between(first: dt.date, last: dt.date) -> int:
    """Calendar months from `first`'s to `last`'s, both counted (Jan to Mar: 3)."""
    return (last.year - first.year) * 12 + last.month - first.month + 1


def window(uow: UnitOfWork, first: dt.date | None, last: dt.date | None) -> tuple[dt.date, dt.date]:
    """The days a fit covers: those given, else the first and last referral received (today
    before any)."""
    seen_first, seen_last = uow.past.received_span()
    start = first or seen_first or uow.clock.today()
    end = last or seen_last or uow.clock.today()
    if start > end:
        raise InputError.single(ENTITY, "/from", f"{start} is after `to` ({end})")
    return start, end


def fit(uow: UnitOfWork, first: dt.date | None = None, last: dt.date | None = None) -> HistoryFit:
    """The fit of the history from `first` to `last` (by default: all of it)."""
    start, end = window(uow, first, last)
    referrals = uow.past.referrals(start, end)
    cells = [
        (str(doc.get("referrer", {}).get("organisation", "unknown")), d) for _, d, doc in referrals
    ]
    decisions = uow.referrals.latest_decisions(r for r, _, _ in referrals)
    accepted = sum(d.outcome == ACCEPT for d in decisions.values())
    screened = sum(d.outcome in (ACCEPT, DECLINE) for d in decisions.values())
    closed = uow.past.closed_outcomes(start, end)
    hours = uow.past.hours_of_cases(sorted(closed))
    submitted = uow.past.stage_days(Stage.VETTING_SUBMITTED.value)
    vetted = uow.past.stage_days(Stage.VETTED.value)
    waits = [
        float((vetted[r] - day).days)
        for r, day in submitted.items()
        if r in vetted and vetted[r] > day
    ]
    return fit_history(
        referrals=cells,
        months=months_between(start, end) if referrals else 0,
        screened=(accepted, screened),
        closed_outcomes=list(closed.values()),
        case_hours=list(hours.values()),
        vetting_days=waits,
    )
