"""Why a meeting was not placed, in words: a missing preparation visit, or what blocked it.

Every unplaced meeting carries one reason naming a rule (M1..M13). For a meeting the solver
left out, each candidate is tested against the plan it chose and the most common clash named.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING

from allocator.meetings.calendar import gap_minutes
from allocator.meetings.meetings import Meeting, prison_visitors
from allocator.meetings.travel import TravelTable
from models.meetings import UnplacedReason

if TYPE_CHECKING:
    from allocator.meetings.candidates import Candidate, Options
    from allocator.meetings.constraints import Choice
    from allocator.meetings.rules import Context


CLASH_TEXT = {
    "M1": "a facilitator already has another meeting in that session",
    "M2": "the room is already taken in that session",
    "M3": "the prison session is already full",
    "M11": "a preparation visit is not early enough before it",
    "M12": "a facilitator could not travel there in time from another meeting that day",
    "M13": "a facilitator already has the most meetings allowed that day",
}


def depends_reason(meeting: Meeting, found: Mapping[str, Options]) -> UnplacedReason | None:
    """M11: a restorative meeting cannot happen without both preparation visits."""
    for prep in (f"{meeting.case.id}/prep-victim", f"{meeting.case.id}/prep-harmer"):
        why = found[prep].reason
        if why is not None:
            text = f"its preparation visit {prep} cannot be placed first ({why.rule}: {why.text})"
            return UnplacedReason(rule="M11", text=text)
    return None


def blocked_reason(ctx: Context, options: Options, chosen: list[Choice]) -> UnplacedReason:
    """The clash that blocks most of a meeting's candidates in the chosen plan."""
    plan = [c.candidate for c in chosen]
    if options.meeting.is_restorative:
        case = options.meeting.case.id
        done = {c.meeting.id for c in plan}
        for prep in (f"{case}/prep-victim", f"{case}/prep-harmer"):
            if prep not in done:
                return UnplacedReason(rule="M11", text=f"its preparation visit {prep} is unplaced")
    counts: Counter[str] = Counter()
    for candidate in options.candidates:
        counts.update(_clashes(ctx, candidate, plan))
    total = len(options.candidates)
    if not counts:
        text = f"placing it would have displaced other meetings (all {total} options clash)"
        return UnplacedReason(rule="solver", text=text)
    rule, n = counts.most_common(1)[0]
    detail = "; ".join(f"{k} x{v}" for k, v in counts.most_common())
    text = f"in {n} of its {total} options {CLASH_TEXT[rule]} ({detail})"
    return UnplacedReason(rule=rule, text=text)


def _clashes(ctx: Context, c: Candidate, plan: list[Candidate]) -> set[str]:
    found: set[str] = set()
    mine = set(c.meeting.facilitators)
    same_day = [p for p in plan if p.slot.day == c.slot.day and mine & set(p.meeting.facilitators)]
    for p in same_day:
        if p.slot.index == c.slot.index:
            found.add("M1")
        elif _too_far(ctx.travel, c, p):
            found.add("M12")
    if len(same_day) >= ctx.problem.max_meetings_per_day:
        found.add("M13")
    if c.place.kind == "venue" and any(
        p.place.key == c.place.key and p.slot.index == c.slot.index for p in plan
    ):
        found.add("M2")
    if c.place.prison is not None:
        used = sum(
            prison_visitors(p.meeting)
            for p in plan
            if p.place.id == c.place.id and p.slot.index == c.slot.index
        )
        if used + prison_visitors(c.meeting) > c.place.prison.visitors_per_session:
            found.add("M3")
    if c.meeting.is_restorative and any(
        p.meeting.case.id == c.meeting.case.id
        and not p.meeting.is_restorative
        and p.slot.day + ctx.problem.prep_days_before > c.slot.day
        for p in plan
    ):
        found.add("M11")
    return found


def _too_far(travel: TravelTable, a: Candidate, b: Candidate) -> bool:
    first, second = sorted((a, b), key=lambda x: x.slot.index)
    gap = gap_minutes(first.slot.session, second.slot.session)
    return travel.minutes(first.place.point, second.place.point) > gap
