"""Working days in England and Wales, across the bank holidays of 2026."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from rules.working_days import add_working_days, is_working_day, working_days_between

D = dt.date


def test_good_friday_and_easter_monday_2026_are_not_working_days() -> None:
    assert not is_working_day(D(2026, 4, 3))
    assert not is_working_day(D(2026, 4, 6))
    assert is_working_day(D(2026, 4, 7))


def test_five_working_days_from_the_thursday_before_easter_end_on_the_monday_after_next() -> None:
    assert add_working_days(D(2026, 4, 2), 5) == D(2026, 4, 13)
    assert add_working_days(D(2026, 4, 2), 2) == D(2026, 4, 8)


def test_christmas_2026_skips_christmas_day_the_weekend_and_the_boxing_day_substitute() -> None:
    assert not is_working_day(D(2026, 12, 28))  # Boxing Day (Saturday) observed on Monday
    assert add_working_days(D(2026, 12, 24), 2) == D(2026, 12, 30)
    assert add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 4)  # New Year's Day, a Friday


def test_zero_working_days_is_the_start_day_itself() -> None:
    assert add_working_days(D(2026, 4, 3), 0) == D(2026, 4, 3)


@given(st.dates(D(2025, 1, 1), D(2028, 12, 31)), st.integers(0, 40))
def test_adding_n_working_days_lands_on_a_working_day_exactly_n_working_days_on(
    start: dt.date, n: int
) -> None:
    end = add_working_days(start, n)
    assert working_days_between(start, end) == n
    assert n == 0 or is_working_day(end)


@given(st.dates(D(2025, 1, 1), D(2028, 12, 31)), st.integers(0, 40))
def test_the_cached_answers_are_the_walked_ones(start: dt.date, count: int) -> None:
    """Both functions are cached (a worklist read asks them some 1,260 times): the cache must
    give what walking the days gives, whatever was asked before."""
    walked = add_working_days.__wrapped__(start, count)
    assert add_working_days(start, count) == walked
    assert add_working_days(start, count) == walked  # the second time from the cache
    assert working_days_between(start, walked) == working_days_between.__wrapped__(start, walked)
    assert working_days_between(start, walked) == count
