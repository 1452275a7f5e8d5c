"""Facts the model is built from: absent days are counted once, however absences overlap."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from allocator.facts import _covered_days, can_start_soon
from tests.allocator.check_builders import AS_OF, a_facilitator, a_problem

_windows = st.lists(st.tuples(st.integers(-10, 60), st.integers(0, 20)), max_size=4)


@given(_windows, st.integers(-5, 20), st.integers(0, 45))
def test_covered_days_equal_the_days_of_the_union(
    windows: list[tuple[int, int]], start: int, length: int
) -> None:
    def day(offset: int) -> dt.date:
        return AS_OF + dt.timedelta(days=offset)

    person = a_facilitator("A", away=[(a, a + n) for a, n in windows])
    first, last = day(start), day(start + length)
    days = {day(d) for a, n in windows for d in range(a, a + n + 1) if first <= day(d) <= last}
    assert _covered_days(person, first, last) == len(days)


def test_a_facilitator_away_all_the_first_week_cannot_start_soon() -> None:
    away = a_facilitator("A", away=[(0, 3), (2, 6)])
    back_on_day_6 = a_facilitator("B", away=[(0, 5)])
    problem = a_problem([away, back_on_day_6], [])
    assert not can_start_soon(away, problem)
    assert can_start_soon(back_on_day_6, problem)


@given(_windows)
def test_the_checker_and_the_model_count_the_same_absent_days(
    windows: list[tuple[int, int]],
) -> None:
    from allocator.facts import capacity_hours
    from allocator.metrics import capacity_hours as checked_capacity
    from allocator.metrics import unavailable_days

    person = a_facilitator("A", away=[(a, a + n) for a, n in windows])
    problem = a_problem([person], [])
    horizon = {
        AS_OF + dt.timedelta(days=d)
        for a, n in windows
        for d in range(a, a + n + 1)
        if 0 <= d < 7 * problem.horizon_weeks
    }
    assert unavailable_days(person, problem) == len(horizon)
    assert capacity_hours(person, problem) == checked_capacity(person, problem)
