"""`rjplan meetings check`: verify every hard rule of a schedule, independently of the solver.

Nothing here uses the planner's candidates, filters or model: the rules are re-read from the
problem and tested on the published schedule alone (cross-meeting rules in `check_cross.py`).
Only the definitions shared by the format are reused: session times and travel minutes.
"""

from __future__ import annotations

import datetime as dt

from allocator.meetings.check_base import (
    Violation,
    attendees,
    expected_ids,
    free,
    party,
    roles_of,
)
from allocator.meetings.check_cross import cross_meeting_violations
from allocator.meetings.check_place import place_violations
from models.meetings import (
    SESSION_TIMES,
    MeetingCase,
    MeetingSchedule,
    MeetingsProblem,
    PlannedMeeting,
    Session,
)


def check_schedule(problem: MeetingsProblem, schedule: MeetingSchedule) -> list[Violation]:
    """Every hard rule the schedule breaks (empty when it keeps them all)."""
    cases = {c.id: c for c in problem.cases}
    found = _completeness(problem, schedule)
    for m in schedule.meetings:
        case = cases.get(m.case)
        if case is None or expected_ids(case).get(m.id) is not m.kind:
            found.append(Violation("M0", m.id, "not a meeting of a case in the problem"))
            continue
        found += _time_violations(problem, case, m) + place_violations(problem, case, m)
    return found + cross_meeting_violations(problem, schedule)


def _completeness(problem: MeetingsProblem, schedule: MeetingSchedule) -> list[Violation]:
    listed = [m.id for m in schedule.meetings] + [u.id for u in schedule.unplaced]
    found = [
        Violation("M0", i, "listed more than once") for i in set(listed) if listed.count(i) > 1
    ]
    for case in problem.cases:
        for mid in expected_ids(case):
            if mid not in listed:
                found.append(Violation("M0", mid, "neither planned nor listed as unplaced"))
    return found


def _time_violations(
    problem: MeetingsProblem, case: MeetingCase, m: PlannedMeeting
) -> list[Violation]:
    found: list[Violation] = []
    first, last = (
        problem.as_of + dt.timedelta(days=1),
        problem.as_of + dt.timedelta(days=7 * problem.horizon_weeks),
    )
    if not first <= m.date <= last:
        found.append(Violation("M0", m.id, f"{m.date} is outside the horizon {first}..{last}"))
    if m.date.weekday() >= 5 and m.session is Session.EVENING:
        found.append(Violation("M0", m.id, "weekends have no evening session"))
    start, end = SESSION_TIMES[m.session]
    if (m.start.time(), m.end.time(), m.start.date()) != (start, end, m.date):
        found.append(Violation("M0", m.id, f"start/end do not match the {m.session} session"))
    if sorted(m.facilitators) != sorted(case.facilitators):
        found.append(
            Violation("M4", m.id, f"facilitators {m.facilitators} are not the case's pair")
        )
    for fac in problem.facilitators:
        if fac.id in m.facilitators and not free(fac.availability, fac.unavailable, m):
            found.append(Violation("M4", m.id, f"facilitator {fac.id} is not free then"))
    for role in roles_of(m.kind):
        person = party(case, role)
        if person.prison is None and not free(person.availability, person.unavailable, m):
            found.append(Violation("M5", m.id, f"the {role} is not free then"))
    if m.attendees != attendees(case, m.kind):
        found.append(Violation("M8", m.id, f"attendees {m.attendees} != {attendees(case, m.kind)}"))
    return found
