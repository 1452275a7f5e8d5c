"""Plain-English reasons: why each pair was chosen, and why a case has no pair.

An unallocated case either has no valid pair at all (the person-level rules are replayed in
order and the first that empties the pool is named, then the pair-level rules) or lost to
other cases (the cases that took its candidates' hours are named).
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping

import numpy as np

from allocator.model import PairModel
from allocator.pair_rules import case_rules
from models import Skill, UnallocatedReason
from models.common import SKILL_NAMES

Pairs = Mapping[str, tuple[str, str]]


def _skills(skills: frozenset[Skill]) -> str:
    return " and ".join(SKILL_NAMES[s] for s in sorted(skills)) or "no special skill"


def plan_loads(m: PairModel, pairs: Pairs) -> dict[str, float]:
    """Hours each facilitator carries in the plan."""
    loads: dict[str, float] = {}
    for cid, pair in pairs.items():
        for fid in pair:
            loads[fid] = loads.get(fid, 0.0) + m.facts.case(cid).hours
    return loads


def explain_assignment(m: PairModel, cid: str, pairs: Pairs, loads: dict[str, float]) -> list[str]:
    """Sentences for one assignment: how it was set, skills, distance, hours before and after."""
    facts, case = m.facts, m.facts.case(cid)
    pair = pairs[cid]
    out = []
    if case.pinned:
        out.append("Pinned by the coordinator: the current pair is kept as set.")
    else:
        kept = [fid for fid in pair if fid in case.current]
        if kept:
            out.append(f"Kept from the current pair: {', '.join(kept)}.")
    need = []
    if case.requires.both:
        need.append(f"both {_skills(case.requires.both)}")
    if case.requires.either:
        need.append(f"at least one {_skills(case.requires.either)}")
    if case.prison is not None:
        need.append(f"both cleared for {case.prison.name}")
    if need:
        out.append(f"The case needs {'; '.join(need)}.")
    ci = facts.case_index[cid]
    for fid in pair:
        f, fi = facts.facilitator(fid), facts.fac_index[fid]
        after = loads.get(fid, 0.0)
        role = "experienced" if f.experienced else "newer volunteer"
        skills = ", ".join(sorted(s.value for s in f.skills)) or "no special training"
        minutes = m.minutes.get((ci, fi))
        drive = f" (about {minutes} min by road)" if minutes is not None else ""
        out.append(
            f"{fid} ({role}; {skills}) lives {facts.km[fi, ci]:.1f} km away{drive} and carries "
            f"{after - case.hours:.1f} h before this case and {after:.1f} h after, "
            f"of {facts.capacity[fi]:.1f} h capacity."
        )
    if not case.pinned:
        out.extend(_already_paired(m, pair))
    return out


def _already_paired(m: PairModel, pair: tuple[str, str]) -> list[str]:
    """Sentences when the two already work together on a fixed case, or an earlier case of
    theirs went well (level-5 goals)."""
    facts = m.facts
    mine = {facts.fac_index[pair[0]], facts.fac_index[pair[1]]}
    out = []
    ci = m.baseline.case_of_pair.get(frozenset(mine))
    if ci is not None:
        other = facts.problem.cases[ci].id
        out.append(f"{pair[0]} and {pair[1]} already work together on case {other}.")
    people = facts.problem.facilitators
    first, second = people[facts.fac_index[pair[0]]], people[facts.fac_index[pair[1]]]
    if second.id in first.worked_well_with or first.id in second.worked_well_with:
        out.append(f"{pair[0]} and {pair[1]} worked well together on an earlier case.")
    return out


def _pool_sentence(case_words: list[str]) -> str:
    if len(case_words) == 1:
        return case_words[0]
    return ", ".join(case_words[:-1]) + " and " + case_words[-1]


def _person_shortfall(m: PairModel, ci: int) -> tuple[UnallocatedReason | None, list[int]]:
    """Replay the person-level rules; the first that leaves fewer than two names the reason."""
    pool = np.ones(len(m.facts.problem.facilitators), dtype=bool)
    if pool.sum() < 2:
        text = f"the problem has {int(pool.sum())} facilitator(s); a case needs two."
        return UnallocatedReason(constraint="H1", text=text), []
    words: list[str] = []
    for rule, matrix in m.rules:
        pool &= matrix[:, ci]
        words.append(rule.words)
        if pool.sum() < 2:
            found = ", ".join(m.facts.problem.facilitators[i].id for i in np.flatnonzero(pool))
            who = f"only {found}" if found else "no facilitator"
            text = f"{who} {_pool_sentence(words)}; a case needs two."
            return UnallocatedReason(constraint=rule.constraint, text=text), []
    return None, [int(i) for i in np.flatnonzero(pool)]


def _pair_shortfall(m: PairModel, ci: int, pool: list[int]) -> UnallocatedReason | None:
    """With enough eligible people, is there a pair-level rule (pair_rules.py) that no two of
    them can meet? A kept facilitator outside the pool is named with the person-level rule
    that keeps them out."""
    group = case_rules(m.facts, ci, pool).shortfall(pool)
    if group is None:
        return None
    constraint = group.constraint
    if group.about is not None:
        out = (rule.constraint for rule, matrix in m.rules if not matrix[group.about, ci])
        constraint = next(out, "H5")
    return UnallocatedReason(constraint=constraint, text=group.shortfall.format(n=len(pool)))


def cases_by_person(pairs: Pairs) -> dict[str, list[str]]:
    """The cases each facilitator is on in the plan (built once per result: looking them up
    case by case was quadratic, a third of a national result's 1 s)."""
    mine: dict[str, list[str]] = {}
    for cid, pair in pairs.items():
        for fid in pair:
            mine.setdefault(fid, []).append(cid)
    return mine


def explain_unallocated(
    m: PairModel, cid: str, by_person: Mapping[str, list[str]]
) -> list[UnallocatedReason]:
    """Why a case has no pair: the constraint that empties its pool, or the cases it lost to
    (`by_person`: `cases_by_person` of the plan)."""
    ci = m.facts.case_index[cid]
    if ci in m.baseline.broken:
        who = ", ".join(m.baseline.broken[ci])
        text = (
            f"pinned pair kept as the coordinator set it, but {who} is inactive or unvetted "
            "(H2); the case is left unallocated rather than changed."
        )
        return [UnallocatedReason(constraint="H10", text=text)]
    reason, pool = _person_shortfall(m, ci)
    reason = reason or _pair_shortfall(m, ci, pool)
    if reason is not None:
        return [reason]
    return [_lost_to_others(m, ci, pool, by_person)]


def _lost_to_others(
    m: PairModel, ci: int, pool: list[int], by_person: Mapping[str, list[str]]
) -> UnallocatedReason:
    facts = m.facts
    taken = {cid for fi in pool for cid in by_person.get(facts.problem.facilitators[fi].id, ())}
    rivals = heapq.nsmallest(5, taken, key=lambda cid: (-facts.case(cid).priority, cid))
    hours = facts.problem.cases[ci].hours
    shown = ", ".join(f"{cid} (priority {facts.case(cid).priority})" for cid in rivals)
    more = f" and {len(taken) - 5} more" if len(taken) > 5 else ""
    text = (
        f"{len(pool)} facilitators could take it, but not {hours:g} h each alongside their other "
        f"work: their time went to {shown or 'no other case'}{more}, which together weigh more "
        "under the objective (priority first, then fewer changes to ongoing pairs, then travel)."
    )
    return UnallocatedReason(constraint="H5", text=text)
