"""Re-planning when facilitators drop out: move only what must move.

Every case not touched by the absence is pinned to its pair; the cases the absent people were
on are re-solved under the canonical objective, so the partner who can stay stays (fewest
changes) and a new partner is the nearest that fits. Cases that have no pair yet are left
to the morning allocation and are not part of the re-plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from allocator.facts import is_vetted
from allocator.solve import SolveOptions, solve
from models import AllocationResult, Case, DateWindow, Facilitator, InputError, Problem


def _drop_out(
    f: Facilitator, from_date: dt.date, unavailable: set[str], lapsed: set[str], end: dt.date
) -> Facilitator:
    if f.id in lapsed:
        return f.model_copy(update={"vetting_expires": min(f.vetting_expires, from_date)})
    if f.id in unavailable:
        window = DateWindow(start=from_date, end=max(from_date, end))
        return f.model_copy(update={"unavailable": [*f.unavailable, window]})
    return f


def _rescope(case: Case, affected: set[str]) -> Case:
    touched = bool(affected & set(case.current))
    if not touched:
        return case.model_copy(update={"pinned": True})
    keep = [fid for fid in case.keep if fid not in affected]
    exclude = sorted({*case.exclude, *affected})
    return case.model_copy(update={"pinned": False, "keep": keep, "exclude": exclude})


def replan_problem(
    problem: Problem,
    unavailable: Sequence[str] = (),
    from_date: dt.date | None = None,
    lost_vetting: Sequence[str] = (),
) -> Problem:
    """The re-planning problem: absences applied, untouched cases pinned, new cases left out."""
    known = {f.id for f in problem.facilitators}
    for fid in [*unavailable, *lost_vetting]:
        if fid not in known:
            raise InputError.single(
                "replan", "/facilitators", f"unknown facilitator {fid!r}; check the id"
            )
    start = from_date or problem.as_of
    if start < problem.as_of:
        msg = f"--from {start} is before the planning day {problem.as_of}; give a later date"
        raise InputError.single("replan", "/from", msg)
    gone, lapsed = set(unavailable), set(lost_vetting)
    facilitators = [
        _drop_out(f, start, gone, lapsed, problem.horizon_end) for f in problem.facilitators
    ]
    cases = [_rescope(c, gone | lapsed) for c in problem.cases if c.current]
    return problem.model_copy(update={"facilitators": facilitators, "cases": cases})


def reopen_lapsed(problem: Problem) -> Problem:
    """The problem with every kept pair that can no longer be kept re-opened: a pinned case
    whose pair has a facilitator who is inactive or whose vetting has expired by as_of (H2)
    keeps the partner who can stay and excludes the one who cannot, so the solver finds the
    new partner with the fewest changes (or says why none fits), instead of keeping a pair H10
    could only report as unallocated."""
    lapsed = {f.id for f in problem.facilitators if not is_vetted(f, problem.as_of)}
    cases = [
        _reopen(c, lapsed & set(c.current)) if c.pinned and lapsed & set(c.current) else c
        for c in problem.cases
    ]
    return problem.model_copy(update={"cases": cases})


def _reopen(case: Case, lapsed: set[str]) -> Case:
    stays = [fid for fid in case.current if fid not in lapsed]
    exclude = sorted({*case.exclude, *lapsed})
    return case.model_copy(update={"pinned": False, "keep": stays, "exclude": exclude})


def replan(
    problem: Problem,
    unavailable: Sequence[str] = (),
    from_date: dt.date | None = None,
    lost_vetting: Sequence[str] = (),
    options: SolveOptions | None = None,
) -> AllocationResult:
    """Re-solve only the cases of facilitators who became unavailable or lost vetting."""
    scoped = replan_problem(problem, unavailable, from_date, lost_vetting)
    return solve(scoped, options)
