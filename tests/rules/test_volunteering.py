"""Skills, checks, supervision and CPD derived from a volunteer's record by the policy."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from models import Skill
from models.volunteers import Check, CheckKind, Course, Level, TrainingEvent
from rules.volunteering import (
    CourseRule,
    VolunteerPolicy,
    add_months,
    check_expiry,
    cpd_done,
    cpd_year,
    derived_skills,
    in_force,
    mileage_pence,
    month_capacity,
    practitioner_level,
    skills_granted,
    supervision_due,
)

POLICY = VolunteerPolicy()
DAY = dt.date(2026, 11, 25)


def a_course(
    course: Course = Course.PRACTITIONER,
    on: dt.date | None = dt.date(2025, 5, 1),
    level: Level = Level.FOUNDATION,
    hours: float = 0.0,
) -> TrainingEvent:
    return TrainingEvent(course=course, completed_on=on, level=level, hours=hours)


def test_a_mediation_course_grants_mediation_from_the_day_it_was_completed() -> None:
    skills = derived_skills([a_course(Course.MEDIATION)], [], DAY, POLICY)
    assert skills == {Skill.MEDIATION: dt.date(2025, 5, 1)}


def test_the_practitioner_course_alone_grants_no_skill() -> None:
    assert derived_skills([a_course()], [], DAY, POLICY) == {}


def test_domestic_violence_needs_the_course_at_intermediate_level_or_above() -> None:
    foundation = a_course(Course.DOMESTIC_SEXUAL_VIOLENCE)
    intermediate = a_course(Course.DOMESTIC_SEXUAL_VIOLENCE, level=Level.INTERMEDIATE)
    assert Skill.DV not in derived_skills([foundation], [], DAY, POLICY)
    assert Skill.DV in derived_skills([intermediate], [], DAY, POLICY)


def test_a_service_may_accept_complex_cases_from_a_foundation_course() -> None:
    rules = POLICY.skill_courses | {Skill.COMPLEX: CourseRule(course=Course.COMPLEX_SENSITIVE)}
    policy = POLICY.model_copy(update={"skill_courses": rules})
    assert Skill.COMPLEX in derived_skills([a_course(Course.COMPLEX_SENSITIVE)], [], DAY, policy)


def test_a_course_completed_after_the_day_grants_nothing_yet() -> None:
    later = a_course(Course.MEDIATION, on=DAY + dt.timedelta(days=1))
    assert derived_skills([later], [], DAY, POLICY) == {}


def test_an_undated_declared_course_grants_its_skill_without_a_date() -> None:
    assert derived_skills([a_course(Course.COMMUNITY_JUSTICE_PANEL, on=None)], [], DAY, POLICY) == {
        Skill.CJP: None
    }


def test_prison_is_held_only_while_a_prison_clearance_is_in_force() -> None:
    cleared = Check(kind=CheckKind.PRISON, granted_on=dt.date(2026, 1, 10))
    assert Skill.PRISON in derived_skills([], [cleared], dt.date(2027, 1, 9), POLICY)
    assert Skill.PRISON not in derived_skills([], [cleared], dt.date(2027, 1, 10), POLICY)


def test_force_vetting_lapses_twelve_months_after_it_was_granted_and_nsv_after_five_years() -> None:
    force = Check(kind=CheckKind.FORCE, granted_on=dt.date(2026, 2, 28))
    nsv = Check(kind=CheckKind.NSV, granted_on=dt.date(2026, 2, 28))
    assert check_expiry(force, POLICY) == dt.date(2027, 2, 28)
    assert check_expiry(nsv, POLICY) == dt.date(2031, 2, 28)


def test_a_check_given_its_own_expiry_keeps_it() -> None:
    check = Check(kind=CheckKind.FORCE, granted_on=DAY, expires_on=dt.date(2027, 6, 1))
    assert check_expiry(check, POLICY) == dt.date(2027, 6, 1)


def test_a_check_is_not_in_force_before_it_is_granted() -> None:
    check = Check(kind=CheckKind.PRISON, granted_on=DAY)
    assert not in_force(check, DAY - dt.timedelta(days=1), POLICY)
    assert in_force(check, DAY, POLICY)


def test_the_level_is_the_highest_of_the_courses_completed() -> None:
    courses = [a_course(), a_course(Course.COMPLEX_SENSITIVE, level=Level.INTERMEDIATE)]
    assert practitioner_level(courses) is Level.INTERMEDIATE
    assert practitioner_level([]) is Level.FOUNDATION


def test_the_cpd_year_runs_from_april_to_march() -> None:
    assert cpd_year(dt.date(2027, 2, 1), POLICY) == (dt.date(2026, 4, 1), dt.date(2027, 3, 31))
    assert cpd_year(dt.date(2026, 4, 1), POLICY) == (dt.date(2026, 4, 1), dt.date(2027, 3, 31))


def test_cpd_counts_the_hours_of_dated_courses_inside_the_year() -> None:
    courses = [
        a_course(Course.REFRESHER, on=dt.date(2026, 5, 1), hours=3),
        a_course(Course.OTHER, on=dt.date(2026, 3, 31), hours=4),
        a_course(Course.OTHER, on=None, hours=9),
    ]
    assert cpd_done(courses, dt.date(2026, 4, 1), dt.date(2027, 3, 31)) == 3


def test_supervision_is_due_twelve_weeks_after_the_last_or_after_starting() -> None:
    assert supervision_due(dt.date(2026, 9, 1), None, POLICY) == dt.date(2026, 11, 24)
    assert supervision_due(None, dt.date(2026, 9, 1), POLICY) == dt.date(2026, 11, 24)
    assert supervision_due(None, None, POLICY) is None


def test_mileage_pays_the_rate_to_the_nearest_penny() -> None:
    assert mileage_pence(12.5, 45) == 562
    assert mileage_pence(0, 45) == 0


def test_a_month_offers_the_weekly_hours_for_each_of_its_weeks() -> None:
    assert month_capacity(7, dt.date(2026, 2, 10)) == 28
    assert month_capacity(7, dt.date(2026, 3, 10)) == 31


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2900, 1, 1)), st.integers(0, 120))
def test_adding_months_moves_the_month_and_never_past_its_end(day: dt.date, months: int) -> None:
    later = add_months(day, months)
    assert (later.year - day.year) * 12 + later.month - day.month == months
    assert later.day <= day.day


@given(st.lists(st.sampled_from(list(Course)), max_size=6), st.integers(0, 800))
def test_a_skill_once_gained_from_training_is_never_lost(courses: list[Course], days: int) -> None:
    training = [a_course(c, level=Level.ADVANCED) for c in courses]
    earlier = derived_skills(training, [], DAY, POLICY)
    later = derived_skills(training, [], DAY + dt.timedelta(days=days), POLICY)
    assert earlier.keys() <= later.keys()


def test_a_course_gives_the_skills_its_policy_rule_names_at_its_level_or_above() -> None:
    dv = TrainingEvent(course=Course.DOMESTIC_SEXUAL_VIOLENCE, level=Level.INTERMEDIATE)
    too_low = TrainingEvent(course=Course.DOMESTIC_SEXUAL_VIOLENCE, level=Level.FOUNDATION)
    refresher = TrainingEvent(course=Course.REFRESHER, level=Level.ADVANCED)
    assert skills_granted(dv, POLICY) == [Skill.DV]
    assert skills_granted(too_low, POLICY) == []
    assert skills_granted(refresher, POLICY) == []
