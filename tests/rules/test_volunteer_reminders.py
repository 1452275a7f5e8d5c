"""The reminders a volunteer's record raises on a day, one rule at a time."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from models.volunteers import Check, CheckKind, Course, TrainingEvent
from rules.volunteer_reminders import VolunteerFacts, reminders
from rules.volunteering import VolunteerPolicy

POLICY = VolunteerPolicy()
DAY = dt.date(2026, 11, 25)


def a_volunteer(**fields: Any) -> VolunteerFacts:
    """A volunteer with nothing to remind about on DAY, with `fields` changed."""
    base: dict[str, Any] = {
        "id": "F1",
        "started_on": dt.date(2025, 1, 6),
        "weekly_hours": 6,
        "force_expires": dt.date(2027, 6, 1),
        "training": [TrainingEvent(course=Course.REFRESHER, completed_on=DAY, hours=8)],
        "last_supervision": DAY - dt.timedelta(weeks=4),
        "on_a_case": True,
    }
    return VolunteerFacts(**(base | fields))


def kinds(facts: VolunteerFacts, day: dt.date = DAY) -> list[str]:
    return [r.kind for r in reminders(facts, day, POLICY)]


def test_a_volunteer_with_everything_in_order_raises_nothing() -> None:
    assert kinds(a_volunteer()) == []


@pytest.mark.parametrize(("days", "notice"), [(60, 60), (31, 60), (30, 30), (8, 30), (7, 7)])
def test_force_vetting_is_flagged_at_its_60_30_and_7_day_notice(days: int, notice: int) -> None:
    facts = a_volunteer(force_expires=DAY + dt.timedelta(days=days))
    (reminder,) = reminders(facts, DAY, POLICY)
    assert reminder.kind == "force_expiring"
    assert f"({notice}-day notice)" in reminder.title


def test_force_vetting_further_off_than_60_days_is_not_flagged() -> None:
    assert kinds(a_volunteer(force_expires=DAY + dt.timedelta(days=61))) == []


def test_lapsed_vetting_is_flagged_as_lapsed() -> None:
    assert kinds(a_volunteer(force_expires=DAY)) == ["force_lapsed"]


def test_national_security_vetting_is_flagged_from_its_five_year_expiry() -> None:
    nsv = Check(kind=CheckKind.NSV, granted_on=dt.date(2021, 12, 20))
    assert kinds(a_volunteer(checks=[nsv])) == ["nsv_expiring"]


def test_a_renewed_prison_clearance_silences_the_old_one() -> None:
    old = Check(kind=CheckKind.PRISON, granted_on=dt.date(2025, 12, 1))
    new = Check(kind=CheckKind.PRISON, granted_on=dt.date(2026, 11, 1))
    assert kinds(a_volunteer(checks=[old])) == ["prison_expiring"]
    assert kinds(a_volunteer(checks=[old, new])) == []


def test_supervision_twelve_weeks_ago_is_overdue() -> None:
    facts = a_volunteer(last_supervision=DAY - dt.timedelta(weeks=12, days=1))
    (reminder,) = reminders(facts, DAY, POLICY)
    assert reminder.kind == "supervision_overdue"
    assert reminder.due == DAY - dt.timedelta(days=1)


def test_a_volunteer_never_supervised_is_due_twelve_weeks_after_starting() -> None:
    facts = a_volunteer(last_supervision=None, started_on=DAY - dt.timedelta(weeks=12))
    assert kinds(facts) == ["supervision_overdue"]


def test_cpd_short_is_flagged_only_within_the_notice_before_the_years_end() -> None:
    facts = a_volunteer(training=[])
    assert kinds(facts, dt.date(2026, 12, 30)) == []
    assert "cpd_short" in kinds(facts, dt.date(2026, 12, 31))


def test_a_volunteer_with_no_case_for_twelve_weeks_is_flagged() -> None:
    idle = a_volunteer(on_a_case=False, last_case_day=DAY - dt.timedelta(weeks=12))
    busy_lately = a_volunteer(on_a_case=False, last_case_day=DAY - dt.timedelta(weeks=11))
    assert kinds(idle) == ["no_case"]
    assert kinds(busy_lately) == []


def test_the_register_rule_warns_before_twelve_months_without_training_or_a_case() -> None:
    old = [TrainingEvent(course=Course.PRACTITIONER, completed_on=dt.date(2025, 12, 20))]
    facts = a_volunteer(training=old, on_a_case=False, last_case_day=dt.date(2025, 11, 1))
    assert "register_lapsing" in kinds(facts)
    recent_case = facts.model_copy(update={"last_case_day": dt.date(2026, 10, 1)})
    assert "register_lapsing" not in kinds(recent_case)


def test_more_hours_this_month_than_offered_is_flagged() -> None:
    assert kinds(a_volunteer(month_hours=25.8)) == ["hours_over_capacity"]
    assert kinds(a_volunteer(month_hours=25.7)) == []


def test_a_paused_volunteer_is_reminded_only_of_checks() -> None:
    facts = a_volunteer(
        active=False,
        force_expires=DAY + dt.timedelta(days=3),
        last_supervision=None,
        training=[],
        on_a_case=False,
        month_hours=99,
    )
    assert kinds(facts) == ["force_expiring"]
