"""Timeliness standards as data: loading (file and line for every mistake) and the clocks'
due days and states across the Easter and Christmas weeks of 2026."""

from __future__ import annotations

import datetime as dt

import pytest

from models.casefile import CaseEvent, CaseEventKind
from rules.source import PolicyError
from rules.timeliness import (
    ClockState,
    evaluate,
    list_timeliness,
    load_timeliness,
    parse_timeliness,
)

D = dt.date
E = CaseEventKind
POLICY = load_timeliness("essex-2018")


def _clocks(events: list[CaseEvent], today: dt.date) -> dict[str, tuple[dt.date, str]]:
    return {c.rule.id: (c.due, c.state.value) for c in evaluate(POLICY, events, today)}


def test_both_shipped_standards_load() -> None:
    assert list_timeliness() == ["essex-2015", "essex-2018"]
    assert len(load_timeliness("essex-2015").clocks) < len(POLICY.clocks)


def test_first_contact_for_a_case_accepted_before_easter_is_due_after_the_bank_holidays() -> None:
    accepted = [CaseEvent(E.CASE_ACCEPTED, D(2026, 4, 2))]
    clocks = _clocks(accepted, today=D(2026, 4, 7))
    assert clocks["harmed-first-contact"] == (D(2026, 4, 13), "due")
    assert clocks["referrer-updated-at-acceptance"] == (D(2026, 4, 8), "due")
    assert _clocks(accepted, today=D(2026, 4, 9))["referrer-updated-at-acceptance"][1] == "overdue"


def test_a_clock_met_on_its_due_day_is_met_and_one_met_after_is_met_late() -> None:
    events = [
        CaseEvent(E.CASE_ACCEPTED, D(2026, 12, 23)),
        CaseEvent(E.REFERRER_UPDATED, D(2026, 12, 29)),  # due 29th: 24th, then 29th
        CaseEvent(E.HARMED_REACHED, D(2027, 1, 5)),  # due 4 Jan: 24, 29, 30, 31 Dec, 4 Jan
    ]
    clocks = _clocks(events, today=D(2027, 1, 8))
    assert clocks["referrer-updated-at-acceptance"] == (D(2026, 12, 29), "met")
    assert clocks["harmed-first-contact"] == (D(2027, 1, 4), "met_late")


def test_a_clock_that_follows_another_starts_the_day_that_one_was_met() -> None:
    events = [
        CaseEvent(E.CASE_ACCEPTED, D(2026, 3, 30)),
        CaseEvent(E.HARMED_REACHED, D(2026, 4, 2)),
    ]
    clocks = {c.rule.id: c for c in evaluate(POLICY, events, D(2026, 4, 8))}
    follow = clocks["responsible-first-contact"]
    assert (follow.started, follow.due, follow.state) == (
        D(2026, 4, 2),
        D(2026, 4, 13),
        ClockState.DUE,
    )


def test_a_closed_case_owes_no_first_contact_but_still_owes_the_referrer_its_outcome() -> None:
    events = [CaseEvent(E.CASE_ACCEPTED, D(2026, 11, 2)), CaseEvent(E.CASE_CLOSED, D(2026, 11, 4))]
    clocks = _clocks(events, today=D(2026, 11, 30))
    assert "harmed-first-contact" not in clocks
    assert clocks["referrer-told-outcome"] == (D(2026, 11, 11), "overdue")
    assert clocks["evaluation-sent"] == (D(2026, 11, 14), "overdue")  # calendar days


def test_every_change_of_a_partys_answer_starts_its_own_referrer_update_clock() -> None:
    events = [
        CaseEvent(E.PARTY_STATUS_CHANGED, D(2026, 11, 2)),
        CaseEvent(E.REFERRER_UPDATED, D(2026, 11, 3)),
        CaseEvent(E.PARTY_STATUS_CHANGED, D(2026, 11, 10)),
    ]
    updates = [c for c in evaluate(POLICY, events, D(2026, 11, 20)) if c.rule.each]
    assert [(c.started, c.state.value) for c in updates] == [
        (D(2026, 11, 2), "met"),
        (D(2026, 11, 10), "overdue"),
    ]


GOOD = """timeliness: mine
title: Mine
clocks:
  - id: a
    title: A
    starts: case_accepted
    stops: harmed_reached
    within: {working_days: 5}
    action: Do A
"""


def _refused(text: str) -> list[str]:
    with pytest.raises(PolicyError) as refused:
        parse_timeliness(text, "mine.yaml")
    assert refused.value.source == "mine.yaml"
    return [str(e) for e in refused.value.errors]


def test_an_unknown_event_is_refused_with_its_line_and_the_closest_names() -> None:
    errors = _refused(GOOD.replace("stops: harmed_reached", "stops: harmed_reachd"))
    assert errors == [
        "line 7: clocks[0].stops: unknown event 'harmed_reachd'; did you mean 'harmed_reached'?"
    ]


def test_clocks_that_start_each_other_in_a_cycle_are_refused() -> None:
    text = GOOD.replace("starts: case_accepted", "starts: {clock: b}") + (
        "  - id: b\n    title: B\n    starts: {clock: a}\n    stops: case_closed\n"
        "    within: {days: 3}\n    action: Do B\n"
    )
    errors = _refused(text)
    assert len(errors) == 1
    assert "cycle" in errors[0]
    assert "a -> b -> a" in errors[0] or "b -> a -> b" in errors[0]


def test_a_clock_started_by_a_clock_that_does_not_exist_is_refused() -> None:
    errors = _refused(GOOD.replace("starts: case_accepted", "starts: {clock: nope}"))
    assert "no clock 'nope'" in errors[0]


def test_a_clock_without_an_action_or_with_a_bad_unit_is_refused_at_its_line() -> None:
    errors = _refused(GOOD.replace("    action: Do A\n", "").replace("working_days", "weeks"))
    assert any("line 6" in e or "line 4" in e for e in errors)
    assert any("a clock needs `action:`" in e for e in errors)


def test_days_taken_skip_the_easter_bank_holidays_on_a_working_day_clock_only() -> None:
    by_id = {rule.id: rule for rule in POLICY.clocks}
    harmed, evaluation = by_id["harmed-first-contact"], by_id["evaluation-sent"]
    assert harmed.taken(D(2026, 4, 1), D(2026, 4, 13)) == 6
    assert evaluation.taken(D(2026, 4, 1), D(2026, 4, 13)) == 12
    assert (harmed.unit, evaluation.unit) == ("working days", "calendar days")


def test_a_clock_rule_in_words() -> None:
    by_id = {rule.id: rule for rule in POLICY.clocks}
    assert by_id["responsible-first-contact"].describe() == (
        "From clock harmed-first-contact met to responsible_reached, within 5 working days; "
        "not owed once case_closed."
    )
    assert (
        by_id["referrer-updated-at-status-change"].describe().endswith("; a clock for every start.")
    )
