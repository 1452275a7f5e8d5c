"""The recruitment pipeline's moves and the funnel of a cohort."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from models.volunteers import PIPELINE, Stage
from rules.recruitment import History, allowed_next, funnel, in_cohort, percentile

DAY = dt.date(2018, 3, 31)


def walked(start: dt.date, gaps: list[int], then: Stage | None = None) -> History:
    """A recruit who applied on `start` and moved on after each gap (days), then maybe left."""
    history = [(Stage.APPLICANT, start)]
    for stage, gap in zip(PIPELINE[1:], gaps, strict=False):
        history.append((stage, history[-1][1] + dt.timedelta(days=gap)))
    if then is not None:
        history.append((then, history[-1][1] + dt.timedelta(days=1)))
    return history


def test_the_pipeline_is_walked_one_stage_at_a_time_and_anyone_may_leave() -> None:
    assert allowed_next(None) == {Stage.APPLICANT}
    assert allowed_next(Stage.TRAINED) == {Stage.VETTING_SUBMITTED, Stage.LEFT}
    assert allowed_next(Stage.ACTIVE) == {Stage.PAUSED, Stage.LEFT}
    assert allowed_next(Stage.PAUSED) == {Stage.ACTIVE, Stage.LEFT}
    assert allowed_next(Stage.LEFT) == frozenset()


def test_twenty_five_trained_nine_started_is_one_reading_of_the_funnel() -> None:
    started = [walked(dt.date(2017, 5, 1), [14, 30, 7, 90 + i, 5]) for i in range(9)]
    waiting = [walked(dt.date(2017, 9, 1), [14, 30, 7]) for _ in range(16)]
    rows = {r.stage: r for r in funnel(started + waiting, DAY)}
    assert rows[Stage.TRAINED].reached == 25
    assert rows[Stage.ACTIVE].reached == 9
    vetting = rows[Stage.VETTING_SUBMITTED]
    assert (vetting.moved_on, vetting.waiting, vetting.days_median, vetting.days_p90) == (
        9,
        16,
        94,
        98,
    )
    assert vetting.waiting_days_median == (DAY - dt.date(2017, 10, 22)).days


def test_those_who_left_are_counted_at_the_stage_they_left_from() -> None:
    rows = {r.stage: r for r in funnel([walked(DAY.replace(month=1), [3], Stage.LEFT)], DAY)}
    assert (rows[Stage.INTERVIEWED].left, rows[Stage.INTERVIEWED].waiting) == (1, 0)
    assert rows[Stage.APPLICANT].moved_on == 1


def test_a_cohort_is_who_reached_a_stage_within_the_dates() -> None:
    history = walked(dt.date(2017, 3, 1), [10, 40])
    assert in_cohort(history, Stage.TRAINED, dt.date(2017, 4, 1), dt.date(2018, 3, 31))
    assert not in_cohort(history, Stage.APPLICANT, dt.date(2017, 4, 1), dt.date(2018, 3, 31))


def test_the_90th_percentile_is_the_nearest_rank() -> None:
    assert percentile(list(range(1, 11)), 90) == 9
    assert percentile([5], 90) == 5
    assert percentile([], 90) is None


@given(st.lists(st.lists(st.integers(0, 60), max_size=5), max_size=30))
def test_each_recruit_at_a_stage_has_moved_on_left_or_is_waiting(
    gap_lists: list[list[int]],
) -> None:
    histories = [walked(dt.date(2017, 1, 1), gaps) for gaps in gap_lists]
    for row in funnel(histories, DAY):
        assert row.reached == row.moved_on + row.waiting + row.left
