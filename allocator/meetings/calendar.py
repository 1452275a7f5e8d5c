"""Discrete time for the meetings planner: days of the horizon, sessions, availability patterns.

A slot is one session of one day; slots are numbered in time order so that "earlier" is "a
smaller index". Weekends have morning and afternoon sessions only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

from models.common import DateWindow
from models.meetings import SESSION_TIMES, MeetingsProblem, Opening, Pattern, Session, Weekday

WEEKDAYS: Final = tuple(Weekday)
WEEKEND_SESSIONS: Final = (Session.MORNING, Session.AFTERNOON)


@dataclass(frozen=True)
class Slot:
    """One session of one day; `index` orders slots in time, `day` counts from the first day."""

    index: int
    day: int
    date: dt.date
    session: Session

    @property
    def weekday(self) -> Weekday:
        return WEEKDAYS[self.date.weekday()]

    def start(self) -> dt.datetime:
        return dt.datetime.combine(self.date, SESSION_TIMES[self.session][0])

    def end(self) -> dt.datetime:
        return dt.datetime.combine(self.date, SESSION_TIMES[self.session][1])


def sessions_on(day: dt.date) -> tuple[Session, ...]:
    """The sessions a day has: three on weekdays, two at weekends."""
    return tuple(Session) if day.weekday() < 5 else WEEKEND_SESSIONS


def horizon_slots(problem: MeetingsProblem) -> list[Slot]:
    """Every slot from the day after `as_of` to the end of the horizon, in time order."""
    slots: list[Slot] = []
    day = problem.first_day
    while day <= problem.last_day:
        for session in sessions_on(day):
            slots.append(Slot(len(slots), (day - problem.first_day).days, day, session))
        day += dt.timedelta(days=1)
    return slots


def pattern_allows(patterns: frozenset[Pattern], slot: Slot) -> bool:
    """True when a weekly availability pattern covers the slot."""
    if slot.date.weekday() >= 5:
        return Pattern.WEEKEND in patterns
    if slot.session is Session.EVENING:
        return Pattern.WEEKDAY_EVENING in patterns
    return Pattern.WEEKDAY_DAYTIME in patterns


def is_free(patterns: frozenset[Pattern], absences: list[DateWindow], slot: Slot) -> bool:
    """True when the pattern covers the slot and no absence covers its day."""
    return pattern_allows(patterns, slot) and not any(w.contains(slot.date) for w in absences)


def opening_allows(opening: Opening, slot: Slot) -> bool:
    """True when a weekly opening table lists the slot's session on its weekday."""
    return slot.session in opening.get(slot.weekday, ())


def earliest_after_lead_time(as_of: dt.date, working_days: int) -> dt.date:
    """First day with `working_days` full working days (Mon-Fri) between `as_of` and it."""
    day, counted = as_of, 0
    while counted < working_days:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            counted += 1
    return day + dt.timedelta(days=1)


def gap_minutes(first: Session, second: Session) -> int:
    """Minutes between the end of session `first` and the start of a later session `second`."""
    end = SESSION_TIMES[first][1]
    start = SESSION_TIMES[second][0]
    return (start.hour * 60 + start.minute) - (end.hour * 60 + end.minute)
