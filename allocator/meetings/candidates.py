"""Pre-filtered options for every meeting: (place, slot) pairs where every filter rule holds.

A meeting with no option left is not given to the solver; it gets the reason of the rule that
removed its last option. Restorative meetings consider the NEAREST_VENUES venues nearest the
parties (by their total travel) among those that fit and have a usable session; neutral
preparation visits the NEAREST_PREP_VENUES nearest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from allocator.meetings.calendar import Slot, earliest_after_lead_time
from allocator.meetings.meetings import (
    Meeting,
    PlaceOption,
    home_place,
    prison_place,
    prison_visitors,
)
from allocator.meetings.rules import PLACE_RULES, PLACE_TIME_RULES, TIME_RULES, Context
from models.meetings import UnplacedReason

NEAREST_VENUES: Final = 6
NEAREST_PREP_VENUES: Final = 3


@dataclass(frozen=True)
class Candidate:
    """One way to hold a meeting: a place at a slot."""

    meeting: Meeting
    place: PlaceOption
    slot: Slot


@dataclass
class Options:
    """A meeting's candidates, or the reason it has none."""

    meeting: Meeting
    candidates: list[Candidate] = field(default_factory=list)
    reason: UnplacedReason | None = None


def options_for(
    ctx: Context,
    meeting: Meeting,
    slots: list[Slot],
    rooms: list[PlaceOption],
    open_slots: dict[str, frozenset[int]],
) -> Options:
    """Apply every filter rule to one meeting; `open_slots` caches place-time rules per place."""
    times = slots
    for rule, allows in TIME_RULES:
        times = [s for s in times if allows(ctx, meeting, s)]
        if not times:
            why = UnplacedReason(rule=rule, text=_why_time(rule, meeting))
            return Options(meeting, reason=why)
    places = _places(ctx, meeting, rooms)
    if not places:
        text = "the problem lists no venue with a room; add venues with rooms"
        return Options(meeting, reason=UnplacedReason(rule="M7", text=text))
    for rule, fits in PLACE_RULES:
        places = [p for p in places if fits(ctx, meeting, p)]
        if not places:
            return Options(
                meeting, reason=UnplacedReason(rule=rule, text=_why_place(ctx, rule, meeting))
            )
    found: list[Candidate] = []
    usable = []
    for place in places:
        if place.key not in open_slots:
            open_slots[place.key] = _open(ctx, place, slots)
        mine = [Candidate(meeting, place, s) for s in times if s.index in open_slots[place.key]]
        if mine:
            usable.append(place)
            found += mine
    chosen = {p.key for p in _nearest(ctx, meeting, usable)}
    found = [c for c in found if c.place.key in chosen]
    if not found:
        return Options(meeting, reason=_why_never_open(ctx, meeting, places))
    return Options(meeting, found)


def _places(ctx: Context, meeting: Meeting, rooms: list[PlaceOption]) -> list[PlaceOption]:
    if meeting.prison is not None:
        return [prison_place(ctx.problem, meeting.prison)]
    role = meeting.roles[0]
    if not meeting.is_restorative and meeting.party(role).prep_at == "home":
        return [home_place(meeting, role)]
    return rooms


def _nearest(ctx: Context, meeting: Meeting, places: list[PlaceOption]) -> list[PlaceOption]:
    homes = [ctx.homes[(meeting.case.id, r)] for r in meeting.roles]

    def minutes(p: PlaceOption) -> tuple[int, str]:
        return (sum(ctx.travel.minutes(h, p.point) for h in homes), p.id)

    venues = sorted({p.id: p for p in places if p.kind == "venue"}.values(), key=minutes)
    keep = NEAREST_VENUES if meeting.is_restorative else NEAREST_PREP_VENUES
    chosen = {p.id for p in venues[:keep]}
    return [p for p in places if p.kind != "venue" or p.id in chosen]


def _open(ctx: Context, place: PlaceOption, slots: list[Slot]) -> frozenset[int]:
    return frozenset(
        s.index for s in slots if all(allows(ctx, place, s) for _, allows in PLACE_TIME_RULES)
    )


def _why_time(rule: str, meeting: Meeting) -> str:
    a, b = meeting.facilitators
    if rule == "M4":
        return f"facilitators {a} and {b} are never both free inside the horizon"
    roles = " and ".join(meeting.roles)
    return (
        f"the {roles} of case {meeting.case.id} and facilitators {a} and {b} have no "
        "free session in common inside the horizon"
    )


def _why_place(ctx: Context, rule: str, meeting: Meeting) -> str:
    case = meeting.case.id
    if rule == "M6":
        pair = " and ".join(meeting.facilitators)
        return f"the meeting is in {meeting.prison}, but {pair} are not both prison-cleared"
    if rule == "M8":
        return _why_too_small(ctx, meeting)
    if rule == "M9":
        return f"case {case} is high-risk and no venue suitable for high-risk meetings fits it"
    return (
        f"no neutral venue is available for case {case}: a conference is never at a home, "
        "and only at a venue the register calls neutral for its parties and area"
    )


def _why_too_small(ctx: Context, meeting: Meeting) -> str:
    prison = next((p for p in ctx.problem.prisons if p.name == meeting.prison), None)
    if prison is None:
        needs = " and ".join(sorted(meeting.access))
        access = f" with {needs} access" if needs else ""
        return f"no venue room holds the {meeting.attendees} people coming{access}"
    if prison_visitors(meeting) > prison.visitors_per_session:
        return (
            f"{prison.name} takes {prison.visitors_per_session} visitors a session; "
            f"this meeting brings {prison_visitors(meeting)}"
        )
    missing = " and ".join(sorted(meeting.visitor_access - prison.features))
    return f"{prison.name} does not offer {missing} access"


def _why_never_open(ctx: Context, meeting: Meeting, places: list[PlaceOption]) -> UnplacedReason:
    prison = next((p.prison for p in places if p.prison), None)
    if prison is not None:
        earliest = earliest_after_lead_time(ctx.problem.as_of, prison.lead_time_working_days)
        text = (
            f"no professional-visit session of {prison.name} after the "
            f"{prison.lead_time_working_days}-working-day lead time (earliest {earliest}) "
            f"falls inside the horizon (to {ctx.problem.last_day}) when the facilitators are free"
        )
        return UnplacedReason(rule="M6", text=text)
    count = len({p.id for p in places})
    text = (
        f"none of the {count} venues that fit the meeting is open with a free room "
        "in a session when the facilitators and parties are free"
    )
    return UnplacedReason(rule="M7", text=text)
