"""Who may work with whom is written once (pair_rules.py): every reader of it agrees.

On random problems with either-skills, newer volunteers, avoided partners and kept
facilitators, each pair of a case's candidates is allowed or refused alike by the CP-SAT model,
the level-1 LP, the one-case enumeration, the pair test the greedy and the LP's rounding use,
and the alternatives a coordinator is shown; and the greedy's and the rounding's plans are
plans the CP-SAT model accepts.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from allocator.alternatives import valid_pairs
from allocator.constraints import PAIR_CONSTRAINTS
from allocator.facts import Facts
from allocator.greedy import greedy_plan
from allocator.model import PairModel, build_pair_model
from allocator.pair_rules import Need, case_rules
from allocator.relaxation import level_one_lp, rounded_plan, solve_relaxation
from allocator.single import pairs_allowed
from models import Problem
from tests.allocator.check_builders import a_case, a_facilitator, a_problem
from tests.allocator.test_properties import problems

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def problems_with_pair_rules(draw: st.DrawFn) -> Problem:
    """A random problem whose facilitators avoid some others and whose free cases keep some."""
    problem = draw(problems())
    ids = [f.id for f in problem.facilitators]
    people = [
        f.model_copy(update={"avoid_partners": draw(st.lists(st.sampled_from(ids), max_size=2))})
        for f in problem.facilitators
    ]
    cases = [
        c
        if c.pinned
        else c.model_copy(update={"keep": draw(st.lists(st.sampled_from(ids), max_size=1))})
        for c in problem.cases
    ]
    return problem.model_copy(update={"facilitators": people, "cases": cases})


def built(problem: Problem) -> PairModel:
    m = build_pair_model(Facts(problem))
    for _, add in PAIR_CONSTRAINTS:
        add(m)
    return m


def cp_sat_allows(m: PairModel, ci: int, a: int, b: int) -> bool:
    """The CP-SAT model has a plan with exactly this pair on case ci and no other free case."""
    return plan_accepted(m, {ci: (a, b)})


def lp_allows(m: PairModel, ci: int, a: int, b: int) -> bool:
    """Every row of the level-1 LP holds at the point of that one pair on case ci."""
    model, col = level_one_lp(m)
    point = np.zeros(len(model.variable))
    point[[col[ci, a], col[ci, b], len(col) + list(m.y).index(ci)]] = 1.0
    for row in model.constraint:
        value = float(point[list(row.var_index)] @ np.array(row.coefficient))
        if not row.lower_bound - 1e-9 <= value <= row.upper_bound + 1e-9:
            return False
    return True


def plan_accepted(m: PairModel, plan: dict[int, tuple[int, int]]) -> bool:
    """The CP-SAT model has this exact plan of its free cases (the others unallocated)."""
    chosen = [m.y[ci] if ci in plan else ~m.y[ci] for ci in m.y]
    for (ci, fi), x in m.x.items():
        chosen.append(x if fi in plan.get(ci, ()) else ~x)
    m.cp.clear_assumptions()
    m.cp.add_assumptions(chosen)
    status = cp_model.CpSolver().solve(m.cp)
    m.cp.clear_assumptions()
    return status in (cp_model.OPTIMAL, cp_model.FEASIBLE)


@SETTINGS
@given(problems_with_pair_rules())
def test_the_model_the_lp_the_enumeration_and_the_pair_test_allow_the_same_pairs(
    problem: Problem,
) -> None:
    m = built(problem)
    ids = [f.id for f in problem.facilitators]
    kept = {problem.cases[ci].id: (ids[p], ids[q]) for ci, (p, q) in m.baseline.fixed.items()}
    for ci, facs in m.by_case.items():
        rules = m.pair_rules(ci)
        a, b = pairs_allowed(m, ci, np.array(facs, dtype=np.int64))
        enumerated = {(facs[i], facs[j]) for i, j in zip(a, b, strict=True)}
        shown = set(valid_pairs(m.facts, problem.cases[ci].id, kept))
        for p, q in combinations(facs, 2):
            allowed = rules.allows(p, q)
            assert cp_sat_allows(m, ci, p, q) == allowed, (ci, p, q)
            assert lp_allows(m, ci, p, q) == allowed, (ci, p, q)
            assert ((p, q) in enumerated) == allowed, (ci, p, q)
            assert ((p, q) in shown) == allowed, (ci, p, q)


@SETTINGS
@given(problems_with_pair_rules())
def test_the_greedy_and_the_lp_rounding_build_plans_the_model_accepts(problem: Problem) -> None:
    m = built(problem)
    assert plan_accepted(m, greedy_plan(m))
    lp = solve_relaxation(m, 5.0)
    assert (lp is None) == (not m.y)  # no LP without a free case
    if lp is not None:
        assert plan_accepted(m, rounded_plan(m, lp))


def test_two_who_avoid_each_other_are_one_not_both_group_of_the_case() -> None:
    people = [a_facilitator("A", avoid=["B"]), a_facilitator("B"), a_facilitator("C")]
    problem = a_problem(people, [a_case("C1")])
    rules = case_rules(Facts(problem), 0, [0, 1, 2])
    [group] = rules.groups
    assert (group.constraint, group.need, group.members) == ("H8", Need.NOT_BOTH, (0, 1))
    assert not rules.allows(0, 1)
    assert rules.allows(0, 2)


def test_a_kept_facilitator_who_is_no_candidate_leaves_no_pair() -> None:
    people = [a_facilitator("A"), a_facilitator("B"), a_facilitator("K")]
    problem = a_problem(people, [a_case("C1", keep=["K"])])
    rules = case_rules(Facts(problem), 0, [0, 1])
    assert not rules.allows(0, 1)
    assert rules.shortfall([0, 1]) is rules.groups[0]


def test_only_newer_volunteers_fall_short_of_h9_in_words() -> None:
    people = [a_facilitator(f, experienced=False) for f in ("A", "B", "C")]
    problem = a_problem(people, [a_case("C1")])
    group = case_rules(Facts(problem), 0, [0, 1, 2]).shortfall([0, 1, 2])
    assert group is not None
    assert group.constraint == "H9"
    assert group.shortfall.format(n=3) == (
        "none of the 3 eligible facilitators is experienced; a pair needs one."
    )


def test_many_groups_are_tested_as_python_integers_alike() -> None:
    """Over 62 groups the bit sets leave int64; the array test still agrees with the pair test."""
    people = [a_facilitator(f"F{i}", avoid=[f"F{j}" for j in range(i)]) for i in range(13)]
    people.append(a_facilitator("Z"))
    problem = a_problem(people, [a_case("C1")])
    facs = np.arange(len(people), dtype=np.int64)
    rules = case_rules(Facts(problem), 0, list(range(len(people))))
    assert len(rules.groups) > 62
    a, b = np.triu_indices(len(facs), 1)
    allowed = rules.allowed(facs, a, b)
    assert list(allowed) == [rules.allows(int(p), int(q)) for p, q in zip(a, b, strict=True)]
    assert allowed.sum() == 13  # everyone avoids everyone but Z
