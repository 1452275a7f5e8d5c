"""Settings for the whole suite, and the clock every test runs under.

Time in the code comes from one injected clock (service.clock), and tests freeze the machine's
clock with time-machine, so a test passes on any day it is run:
- `@pytest.mark.today("2026-11-25")` runs a test at 09:00 in England on that day (the clock
  still ticks, so waits and timeouts work);
- `RJPLAN_TEST_CLOCK_AHEAD_DAYS=365` runs the whole session that many days ahead (.ci/run does
  so for the service tests), so a test that quietly depends on today's date fails the day it is
  written, not the day it goes off.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator

import pytest
import time_machine
from hypothesis import settings

from service.clock import SERVICE_ZONE

# Property tests check behaviour, not speed: on a shared 2-core CI machine a slow example is
# load, not a bug, so hypothesis's per-example deadline is off (speed lives in benchmarks/).
settings.register_profile("rjplan", deadline=None)
settings.load_profile("rjplan")

CLOCK_AHEAD_DAYS = int(os.environ.get("RJPLAN_TEST_CLOCK_AHEAD_DAYS", "0"))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "today(day): run the test at 09:00 (England) on this ISO day, clock ticking"
    )


def pytest_report_header() -> str | None:
    if CLOCK_AHEAD_DAYS:
        return f"clock moved {CLOCK_AHEAD_DAYS} days ahead (RJPLAN_TEST_CLOCK_AHEAD_DAYS)"
    return None


@pytest.fixture(autouse=True, scope="session")
def _clock_ahead() -> Iterator[None]:
    """The whole session CLOCK_AHEAD_DAYS days ahead of the machine's clock, when asked."""
    if not CLOCK_AHEAD_DAYS:
        yield
        return
    ahead = dt.datetime.now(dt.UTC) + dt.timedelta(days=CLOCK_AHEAD_DAYS)
    with time_machine.travel(ahead, tick=True):
        yield


@pytest.fixture(autouse=True)
def _today(request: pytest.FixtureRequest) -> Iterator[None]:
    """The day of the test's `today` mark, if it has one."""
    marker = request.node.get_closest_marker("today")
    if marker is None:
        yield
        return
    day = dt.date.fromisoformat(marker.args[0])
    with time_machine.travel(dt.datetime.combine(day, dt.time(9), SERVICE_ZONE), tick=True):
        yield
