"""Working days in England and Wales: Monday to Friday except bank holidays, from the
`holidays` package (its England subdivision, which Wales shares), never a hand-kept list."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

SATURDAY = 5


@lru_cache(maxsize=64)
def bank_holidays(year: int) -> frozenset[dt.date]:
    """The bank holidays of England and Wales in `year` (substitute days included)."""
    days = holidays.country_holidays("GB", subdiv="ENG", years=year)
    return frozenset(day for day in days if isinstance(day, dt.date))


def is_working_day(day: dt.date) -> bool:
    """True on a weekday that is not a bank holiday."""
    return day.weekday() < SATURDAY and day not in bank_holidays(day.year)


@lru_cache(maxsize=16_384)
def add_working_days(start: dt.date, count: int) -> dt.date:
    """The `count`-th working day after `start` (`start` itself never counts; 0 gives `start`):
    "within 5 working days of Thursday 2 April 2026" ends on Monday 13 April, Good Friday and
    Easter Monday skipped.

    Cached: a worklist read asks it some 1,260 times, for a few hundred distinct days (the
    clocks of every open case), and walking the days was a tenth of the read's CPU."""
    day, left = start, count
    while left > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day


@lru_cache(maxsize=16_384)
def working_days_between(start: dt.date, end: dt.date) -> int:
    """How many working days after `start`, up to and including `end` (0 when end <= start)."""
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        count += is_working_day(day)
    return count
