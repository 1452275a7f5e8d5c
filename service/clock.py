"""The service's one source of time. Everything in `service` that needs "now" or "today" is
given a `Clock` (through the unit of work, the app's state or the CLI) and never reads the wall
clock itself; tests freeze it with time-machine, and CI runs them a year ahead too.

Times are stored as naive UTC (alike on SQLite and PostgreSQL); "today" is the service's own
calendar day, in England (Europe/London), where its working days and deadlines are counted.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol
from zoneinfo import ZoneInfo

SERVICE_ZONE = ZoneInfo("Europe/London")


class Clock(Protocol):
    """Where the service reads the time."""

    def now(self) -> dt.datetime:
        """The current time in UTC, without a zone (as the store keeps it)."""
        ...

    def today(self) -> dt.date:
        """The service's calendar day (in England) at this moment."""
        ...


class SystemClock:
    """The machine's clock: the default everywhere outside tests."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC).replace(tzinfo=None)

    def today(self) -> dt.date:
        return dt.datetime.now(SERVICE_ZONE).date()


class FixedClock:
    """A clock that stands still at one moment (naive UTC), for pure unit tests and for
    replaying a day; `advance` moves it on."""

    def __init__(self, at: dt.datetime) -> None:
        self._at = at.astimezone(dt.UTC).replace(tzinfo=None) if at.tzinfo else at

    def now(self) -> dt.datetime:
        return self._at

    def today(self) -> dt.date:
        return self._at.replace(tzinfo=dt.UTC).astimezone(SERVICE_ZONE).date()

    def advance(self, by: dt.timedelta) -> None:
        """Move the clock on by `by`."""
        self._at += by


SYSTEM_CLOCK = SystemClock()
"""The one system clock (it holds no state, so one instance serves every caller)."""
