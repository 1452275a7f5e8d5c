"""What a volunteer's record asks a coordinator to do on a day: checks about to lapse,
supervision overdue, CPD short with the year ending, no case for weeks, the RJC register rule
(trained or delivered a case in the last 12 months), more hours this month than offered.
Pure: the facts come in, the reminders go out; the service turns them into worklist items."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from pydantic import Field

from models.common import Model
from models.volunteers import Check, CheckKind, TrainingEvent
from rules.volunteering import (
    VolunteerPolicy,
    add_months,
    check_expiry,
    cpd_done,
    cpd_year,
    current_check,
    month_capacity,
    practitioner_level,
    supervision_due,
)

CHECK_NAMES = {
    CheckKind.FORCE: "force vetting",
    CheckKind.NSV: "national security vetting",
    CheckKind.PRISON: "prison clearance",
}


class VolunteerFacts(Model):
    """What the reminders read about one volunteer on a day."""

    id: str
    active: bool = True
    started_on: dt.date | None = None
    weekly_hours: float = 0.0
    force_expires: dt.date | None = None
    checks: list[Check] = Field(default_factory=list)
    training: list[TrainingEvent] = Field(default_factory=list)
    last_supervision: dt.date | None = None
    on_a_case: bool = False
    last_case_day: dt.date | None = None
    month_hours: float = 0.0


class Reminder(Model):
    """One thing to do about one volunteer, due on a day (before `day` when overdue)."""

    kind: str
    facilitator: str
    due: dt.date
    title: str
    action: str


Rule = Callable[[VolunteerFacts, dt.date, VolunteerPolicy], list[Reminder]]


def reminders(facts: VolunteerFacts, day: dt.date, policy: VolunteerPolicy) -> list[Reminder]:
    """Every reminder about this volunteer on `day`, in the order of RULES."""
    return [r for rule in RULES for r in rule(facts, day, policy)]


def notice_within(days_left: int, notices: tuple[int, ...]) -> int | None:
    """The tightest notice (e.g. 60, 30 or 7 days) that `days_left` falls within."""
    within = [n for n in notices if days_left <= n]
    return min(within) if within else None


def expiring_checks(facts: VolunteerFacts, day: dt.date, policy: VolunteerPolicy) -> list[Reminder]:
    """A check lapsing within the longest notice, or lapsed: force vetting (its effective
    expiry, as the allocator reads it), national security vetting and prison clearance."""
    expiries = {CheckKind.FORCE: facts.force_expires}
    for kind in (CheckKind.NSV, CheckKind.PRISON):
        held = current_check(facts.checks, kind, day)
        expiries[kind] = check_expiry(held, policy) if held else None
    out = []
    for kind, expiry in expiries.items():
        if expiry is None:
            continue
        left = (expiry - day).days
        notice = notice_within(left, policy.expiry_notice_days)
        if notice is None:
            continue
        name = CHECK_NAMES[kind]
        when = f"lapsed on {expiry}" if left <= 0 else f"expires on {expiry}, in {left} days"
        out.append(
            Reminder(
                kind=f"{kind.value}_expiring" if left > 0 else f"{kind.value}_lapsed",
                facilitator=facts.id,
                due=expiry,
                title=f"{facts.id}'s {name} {when} ({notice}-day notice)",
                action=f"renew the {name} and record it on the volunteer's record",
            )
        )
    return out


def supervision_overdue(
    facts: VolunteerFacts, day: dt.date, policy: VolunteerPolicy
) -> list[Reminder]:
    """Supervision due (every `supervision_every_weeks`) on or before `day`."""
    due = supervision_due(facts.last_supervision, facts.started_on, policy)
    if not facts.active or due is None or due > day:
        return []
    last = f"last on {facts.last_supervision}" if facts.last_supervision else "never supervised"
    return [
        Reminder(
            kind="supervision_overdue",
            facilitator=facts.id,
            due=due,
            title=f"{facts.id}'s supervision was due on {due} ({last})",
            action="hold an individual or group supervision and record it",
        )
    ]


def cpd_short(facts: VolunteerFacts, day: dt.date, policy: VolunteerPolicy) -> list[Reminder]:
    """Fewer CPD hours than the level asks, with the CPD year ending within the notice."""
    first, last = cpd_year(day, policy)
    required = policy.cpd_hours[practitioner_level(facts.training)]
    done = cpd_done(facts.training, first, day)
    if not facts.active or done >= required or (last - day).days > policy.cpd_notice_days:
        return []
    return [
        Reminder(
            kind="cpd_short",
            facilitator=facts.id,
            due=last,
            title=f"{facts.id} has {done:g} of {required:g} CPD hours, with the year ending {last}",
            action=f"book {required - done:g} more hours of training before {last}",
        )
    ]


def no_case(facts: VolunteerFacts, day: dt.date, policy: VolunteerPolicy) -> list[Reminder]:
    """An active volunteer with no case for `idle_weeks` (since their last case, or their
    start when they never had one)."""
    since = facts.last_case_day or facts.started_on
    if not facts.active or facts.on_a_case or since is None:
        return []
    due = since + dt.timedelta(weeks=policy.idle_weeks)
    if due > day:
        return []
    had = f"since {facts.last_case_day}" if facts.last_case_day else f"since starting on {since}"
    return [
        Reminder(
            kind="no_case",
            facilitator=facts.id,
            due=due,
            title=f"{facts.id} has had no case {had}",
            action="offer a case or talk about their availability",
        )
    ]


def register_lapsing(
    facts: VolunteerFacts, day: dt.date, policy: VolunteerPolicy
) -> list[Reminder]:
    """The RJC register rule: neither trained nor on a case in the last `register_months`;
    warned from the longest expiry notice before. Silent when the record holds no date."""
    trained = [e.completed_on for e in facts.training if e.completed_on is not None]
    last_case = day if facts.on_a_case else facts.last_case_day
    evidence = max([*trained, *([last_case] if last_case else [])], default=None)
    if not facts.active or evidence is None:
        return []
    due = add_months(evidence, policy.register_months)
    if (due - day).days > max(policy.expiry_notice_days):
        return []
    return [
        Reminder(
            kind="register_lapsing",
            facilitator=facts.id,
            due=due,
            title=f"{facts.id} has neither trained nor had a case since {evidence} "
            f"(the RJC register asks for one within {policy.register_months} months, by {due})",
            action="offer a case or a refresher course",
        )
    ]


def over_capacity(facts: VolunteerFacts, day: dt.date, policy: VolunteerPolicy) -> list[Reminder]:
    """More hours logged this calendar month than the volunteer offers in it."""
    offered = month_capacity(facts.weekly_hours, day)
    if not facts.active or facts.month_hours <= offered:
        return []
    return [
        Reminder(
            kind="hours_over_capacity",
            facilitator=facts.id,
            due=day,
            title=f"{facts.id} has logged {facts.month_hours:g} hours this month, "
            f"over the {offered:.0f} they offer",
            action="talk with the volunteer about their load",
        )
    ]


RULES: tuple[Rule, ...] = (
    expiring_checks,
    supervision_overdue,
    cpd_short,
    no_case,
    register_lapsing,
    over_capacity,
)
