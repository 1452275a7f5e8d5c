"""The meetings planner: preparation visits and restorative meetings, placed with CP-SAT.

The function API the CLI and the service call:

- `plan_meetings(problem, SolveSettings(...)) -> MeetingSchedule`: plan everything it can;
  every meeting it cannot place is listed with a reason (rule id + sentence).
- `check_schedule(problem, schedule) -> list[Violation]`: every hard rule re-checked from the
  problem alone, independent of the solver (empty list = valid).
- `calendars(problem, schedule, stamp)` -> {file name: .ics bytes} per facilitator, venue and
  prison; `facilitator_calendar(problem, schedule, facilitator_id, stamp)` for one
  facilitator's own feed (`stamp`: when the files are made, their DTSTAMP).
- `booking_rows(problem, schedule)` -> {place: [BookingRow]}; `booking_csv(rows)` as CSV.
- `meetings_problem_for(problem, allocation, venues)`: the meetings to plan for committed
  pairs; `meetings_problem_for_pairs(problem, pairs, venues, prisons, party_homes)` from the
  pairs themselves and the parties' own homes where known (see `bridge.py`).
- `example_problem(...)`: a seeded, realistic Essex problem (venues, prisons, cases).
- `RULES`: the hard rules M1..M13 by id, as sentences.
"""

from allocator.meetings.bookings import BookingRow, booking_csv, booking_rows
from allocator.meetings.bridge import PartyHomes, meetings_problem_for, meetings_problem_for_pairs
from allocator.meetings.check import check_schedule
from allocator.meetings.check_base import Violation
from allocator.meetings.example import example_prisons, example_venues
from allocator.meetings.example_cases import example_problem
from allocator.meetings.ics import calendars, facilitator_calendar
from allocator.meetings.rules import RULES
from allocator.meetings.solve import SolveSettings, plan_meetings

__all__ = [
    "RULES",
    "BookingRow",
    "PartyHomes",
    "SolveSettings",
    "Violation",
    "booking_csv",
    "booking_rows",
    "calendars",
    "check_schedule",
    "example_prisons",
    "example_problem",
    "example_venues",
    "facilitator_calendar",
    "meetings_problem_for",
    "meetings_problem_for_pairs",
    "plan_meetings",
]
