"""The hard rules that decide where and when a meeting may happen (candidate filters).

Each filter is one small named function that says whether one option is allowed, with its
rule id; `why` sentences explain a meeting whose options a rule removed entirely. The rules
that couple meetings (double-booking, travel, daily limit, order) are model constraints in
`constraints.py`. Rule ids are listed in RULES and used in every reason we give.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from allocator.meetings.calendar import (
    Slot,
    earliest_after_lead_time,
    is_free,
    opening_allows,
)
from allocator.meetings.meetings import Meeting, PlaceOption, Point, point_of, prison_visitors
from allocator.meetings.travel import TravelTable
from geo import haversine_km
from models.common import Skill
from models.meetings import MeetingFacilitator, MeetingsProblem

RULES: Final[dict[str, str]] = {
    "M0": "every meeting is in a real session inside the horizon, planned or unplaced, once",
    "M1": "no facilitator is at two meetings in one session",
    "M2": "no room is booked twice in one session, nor over an existing booking",
    "M3": "a prison session takes no more visitors than it allows",
    "M4": "both facilitators attend every meeting, inside their weekly pattern and not absent",
    "M5": "every party attending is free (weekly pattern, absences)",
    "M6": "prison visits: cleared facilitators, inside visit sessions, after the lead time",
    "M7": "a venue is used only in its opening sessions and not on blackout dates",
    "M8": "the room holds everyone coming and the venue meets their access needs",
    "M9": "a high-risk case meets only at a venue suitable for high-risk meetings",
    "M10": "a conference or panel is on neutral ground: never a party's home, and at a venue "
    "the register calls neutral for its parties and area",
    "M11": "the preparation visits come before the conference or panel",
    "M12": "a facilitator has time to travel between meetings on the same day",
    "M13": "at most N meetings a day per facilitator",
}
NEUTRAL_METRES: Final = 100.0


@dataclass(frozen=True)
class Context:
    """The problem with its look-ups resolved once."""

    problem: MeetingsProblem
    facilitators: dict[str, MeetingFacilitator]
    homes: dict[tuple[str, str], Point]
    facilitator_homes: dict[str, Point]
    travel: TravelTable

    @classmethod
    def of(cls, problem: MeetingsProblem) -> Context:
        homes = {
            (c.id, role): point_of(getattr(c, role).home, f"cases/{c.id}/{role}/home")
            for c in problem.cases
            for role in ("victim", "harmer")
        }
        facilitator_homes = {
            f.id: point_of(f.home, f"facilitators/{f.id}/home") for f in problem.facilitators
        }
        people = {f.id: f for f in problem.facilitators}
        return cls(problem, people, homes, facilitator_homes, TravelTable.of(problem))


TimeRule = Callable[[Context, Meeting, Slot], bool]
PlaceRule = Callable[[Context, Meeting, PlaceOption], bool]
PlaceTimeRule = Callable[[Context, PlaceOption, Slot], bool]


def both_facilitators_free(ctx: Context, meeting: Meeting, slot: Slot) -> bool:
    """M4: both facilitators' weekly patterns cover the slot and neither is absent."""
    people = (ctx.facilitators[f] for f in meeting.facilitators)
    return all(is_free(f.availability, f.unavailable, slot) for f in people)


def parties_free(ctx: Context, meeting: Meeting, slot: Slot) -> bool:
    """M5: every attending party is free; a party in prison is governed by the prison (M6)."""
    parties = (meeting.party(r) for r in meeting.roles)
    return all(p.prison or is_free(p.availability, p.unavailable, slot) for p in parties)


def prison_visits_need_cleared_facilitators(
    ctx: Context, meeting: Meeting, place: PlaceOption
) -> bool:
    """M6: a meeting in a prison needs both facilitators to hold prison clearance."""
    if place.kind != "prison":
        return True
    return all(Skill.PRISON in ctx.facilitators[f].skills for f in meeting.facilitators)


def room_holds_everyone_with_access(ctx: Context, meeting: Meeting, place: PlaceOption) -> bool:
    """M8: the room (or prison session) takes everyone coming; the place meets access needs."""
    if place.kind == "home":
        return True
    if place.room is not None:
        return place.room.capacity >= meeting.attendees and meeting.access <= place.venue_features
    if place.prison is not None:
        visitors = prison_visitors(meeting)
        return (
            visitors <= place.prison.visitors_per_session
            and meeting.visitor_access <= place.prison.features
        )
    return True


def high_risk_needs_suitable_venue(ctx: Context, meeting: Meeting, place: PlaceOption) -> bool:
    """M9: a high-risk case's venue meetings use only venues marked suitable for high risk."""
    if meeting.case.risk != "high" or place.venue is None:
        return True
    return place.venue.high_risk_suitable


def restorative_meeting_on_neutral_ground(
    ctx: Context, meeting: Meeting, place: PlaceOption
) -> bool:
    """M10: a conference or panel is never at a home nor within 100 m of either party's home."""
    if not meeting.is_restorative:
        return True
    if place.kind == "home":
        return False
    homes = (ctx.homes[(meeting.case.id, r)] for r in ("victim", "harmer"))
    return all(haversine_km(place.point, h) * 1000.0 > NEUTRAL_METRES for h in homes)


def restorative_meeting_at_a_venue_neutral_for_the_case(
    ctx: Context, meeting: Meeting, place: PlaceOption
) -> bool:
    """M10: a conference or panel uses a venue only if it is neutral for the parties coming and
    the case's area (MeetingVenue.is_neutral_for)."""
    if not meeting.is_restorative or place.venue is None:
        return True
    return place.venue.is_neutral_for(meeting.roles, meeting.case.area)


def venue_open_and_room_free(ctx: Context, place: PlaceOption, slot: Slot) -> bool:
    """M7 and M2: the venue is open that session, not blacked out, the room not already booked."""
    venue, room = place.venue, place.room
    if venue is None or room is None:
        return True
    if not opening_allows(venue.opening, slot) or any(
        w.contains(slot.date) for w in venue.blackout
    ):
        return False
    return not any(
        b.date == slot.date and b.session is slot.session and b.room == room.id
        for b in venue.bookings
    )


def prison_session_after_lead_time(ctx: Context, place: PlaceOption, slot: Slot) -> bool:
    """M6: a professional-visit session, on or after the lead time, on a day the prison is open."""
    prison = place.prison
    if prison is None:
        return True
    earliest = earliest_after_lead_time(ctx.problem.as_of, prison.lead_time_working_days)
    return (
        slot.date >= earliest
        and opening_allows(prison.sessions, slot)
        and not any(w.contains(slot.date) for w in prison.closed)
    )


TIME_RULES: Final[tuple[tuple[str, TimeRule], ...]] = (
    ("M4", both_facilitators_free),
    ("M5", parties_free),
)
PLACE_RULES: Final[tuple[tuple[str, PlaceRule], ...]] = (
    ("M6", prison_visits_need_cleared_facilitators),
    ("M10", restorative_meeting_on_neutral_ground),
    ("M10", restorative_meeting_at_a_venue_neutral_for_the_case),
    ("M8", room_holds_everyone_with_access),
    ("M9", high_risk_needs_suitable_venue),
)
PLACE_TIME_RULES: Final[tuple[tuple[str, PlaceTimeRule], ...]] = (
    ("M7", venue_open_and_room_free),
    ("M6", prison_session_after_lead_time),
)
