"""Keep the CP-SAT model small: only options near the greedy plan reach the solver.

Each meeting keeps options up to SLACK_DAYS after the day the greedy plan gave it (all days
when the greedy plan could not place it), restorative meetings only from the earliest day
their preparation could allow, and in each session its PLACES_PER_SLOT cheapest places (the
greedy choice always stays). Each day later costs a meeting 100 points (25 minutes of a
victim's travel), so options far beyond the greedy day rarely pay; but the bound the solver
proves is the bound of this focused model, not of every option.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Final

from allocator.meetings.candidates import Candidate, Options
from models.meetings import MeetingsProblem, UnplacedReason

SLACK_DAYS: Final = 4
PLACES_PER_SLOT: Final = 2


def focus(
    problem: MeetingsProblem,
    options: list[Options],
    points: dict[str, list[int]],
    first: dict[str, Candidate],
) -> tuple[list[Options], dict[str, list[int]]]:
    """The options and aligned costs the model is built from."""
    earliest = {o.meeting.id: min((c.slot.day for c in o.candidates), default=0) for o in options}
    kept_options, kept_points = [], {}
    for opt in options:
        greedy = first.get(opt.meeting.id)
        last = greedy.slot.day + SLACK_DAYS if greedy else problem.horizon_weeks * 7
        start = _first_day(problem, opt, earliest)
        per_slot: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for i, c in enumerate(opt.candidates):
            if c is greedy or start <= c.slot.day <= last:
                per_slot[c.slot.index].append((points[opt.meeting.id][i], i))
        keep = sorted(
            i
            for group in per_slot.values()
            for rank, (_, i) in enumerate(sorted(group))
            if rank < PLACES_PER_SLOT or opt.candidates[i] is greedy
        )
        reason = opt.reason
        if opt.candidates and not keep:
            text = (
                f"no option lies {problem.prep_days_before} day(s) after the earliest "
                "possible preparation visits"
            )
            reason = UnplacedReason(rule="M11", text=text)
        kept_options.append(Options(opt.meeting, [opt.candidates[i] for i in keep], reason))
        kept_points[opt.meeting.id] = [points[opt.meeting.id][i] for i in keep]
    return kept_options, kept_points


def _first_day(problem: MeetingsProblem, opt: Options, earliest: dict[str, int]) -> int:
    if not opt.meeting.is_restorative:
        return 0
    case = opt.meeting.case.id
    preps = (earliest.get(f"{case}/prep-victim", 0), earliest.get(f"{case}/prep-harmer", 0))
    return max(preps) + problem.prep_days_before
