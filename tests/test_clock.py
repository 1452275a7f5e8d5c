"""The one clock: nothing outside service/clock.py reads the wall clock, and tests can set it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from service.clock import SYSTEM_CLOCK, FixedClock

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("models", "rules", "geo", "allocator", "scenarios", "service")
WALL_CLOCK = re.compile(
    r"\b(date\.today\(|datetime\.now\(|datetime\.utcnow\(|utcnow\(\)|time\.time\(\))"
)
THE_CLOCK = ROOT / "service" / "clock.py"


def wall_clock_reads() -> list[str]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if path == THE_CLOCK:
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if WALL_CLOCK.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    return found


def test_only_the_service_clock_reads_the_wall_clock() -> None:
    assert wall_clock_reads() == []


def test_the_search_for_wall_clock_reads_finds_one() -> None:
    assert WALL_CLOCK.search("    day = dt.date.today()")
    assert WALL_CLOCK.search("now = dt.datetime.now(dt.UTC)")
    assert not WALL_CLOCK.search("started = time.monotonic()")


@pytest.mark.today("2026-03-29")
def test_a_today_mark_sets_the_service_day_in_england() -> None:
    # 29 March 2026 is the day the clocks go forward: 09:00 in England is 08:00 UTC
    assert SYSTEM_CLOCK.today() == dt.date(2026, 3, 29)
    assert SYSTEM_CLOCK.now().replace(second=0, microsecond=0) == dt.datetime(2026, 3, 29, 8, 0)


def test_the_service_day_is_the_day_in_england_not_in_utc() -> None:
    late_summer_evening = FixedClock(dt.datetime(2026, 7, 1, 23, 30))  # UTC: 00:30 in England
    assert late_summer_evening.today() == dt.date(2026, 7, 2)
    winter = FixedClock(dt.datetime(2026, 12, 1, 23, 30, tzinfo=dt.UTC))
    assert (winter.today(), winter.now()) == (
        dt.date(2026, 12, 1),
        dt.datetime(2026, 12, 1, 23, 30),
    )


def test_a_fixed_clock_moves_only_when_told() -> None:
    clock = FixedClock(dt.datetime(2026, 11, 23, 9, 0))
    clock.advance(dt.timedelta(days=2))
    assert clock.today() == dt.date(2026, 11, 25)
