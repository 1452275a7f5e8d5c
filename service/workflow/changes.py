"""What a proposal changes in the store, and why each facilitator who leaves a case leaves.

A proposal describes the whole new state: every case whose stored pair the result changes or
releases is listed, so a commit makes the store exactly the plan the solver checked.
"""

from __future__ import annotations

import datetime as dt

from allocator.facts import is_vetted
from models import AllocationResult, Facilitator, Problem
from service.workflow.schemas.proposals import ChangeOut


def current_pairs(problem: Problem) -> dict[str, list[str]]:
    """Case id -> its pair in the store (before any coordinator's pin)."""
    return {c.id: list(c.current) for c in problem.cases if c.current}


def changes(
    problem: Problem, result: AllocationResult, pairs: dict[str, list[str]]
) -> list[ChangeOut]:
    """The cases of `problem` whose stored pair (`pairs`) the result changes or releases,
    each with the reasons its leaving facilitators leave."""
    after = result.pairs()
    people = {f.id: f for f in problem.facilitators}
    out = []
    for case in problem.cases:
        before = list(pairs.get(case.id, []))
        new = list(after.get(case.id, ()))
        if set(before) != set(new):
            gone = [people[fid] for fid in before if fid not in new and fid in people]
            reasons = [why_leaves(f, problem.as_of) for f in gone]
            if before and not new:
                reasons.append("no pair can take it now: see the reasons it is unallocated")
            out.append(ChangeOut(case=case.id, before=before, after=new, reasons=reasons))
    return out


def why_leaves(facilitator: Facilitator, as_of: dt.date) -> str:
    """Why a facilitator leaves a case they are on, as one sentence."""
    fid = facilitator.id
    if not facilitator.active:
        return f"{fid} is no longer active (H2)"
    if not is_vetted(facilitator, as_of):
        return f"{fid}'s vetting lapsed on {facilitator.vetting_expires} (H2)"
    if not facilitator.is_available_on(as_of) or any(
        w.end >= as_of for w in facilitator.unavailable
    ):
        windows = ", ".join(
            f"{w.start} to {w.end}" for w in facilitator.unavailable if w.end >= as_of
        )
        return f"{fid} is unavailable ({windows})"
    return f"{fid} moves so that the plan as a whole is better (fewest changes first)"
