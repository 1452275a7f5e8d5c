"""The CP-SAT pair model: one boolean per (case, eligible facilitator), one per case.

Variables exist only where every person-level rule allows them (eligibility.py); pair-level
rules are added by the functions in constraints.py; pinned cases (H10) are constants.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from ortools.sat.python import cp_model

from allocator.baseline import Baseline, h10_pinned_pairs
from allocator.eligibility import BoolMatrix, PersonRule, person_rules
from allocator.facts import Facts
from allocator.pair_rules import CaseRules, case_rules

UTIL_SCALE = 10_000  # max_utilisation in units of 1/10,000


class CpModel(cp_model.CpModel):
    """CP-SAT's model without the camelCase aliases its constructor adds for old callers.

    Adding them walks every method by reflection: 0.37 ms per model (timeit), about 3 % of a
    scenario's small morning solve, paid again on every morning of every replicate. We use
    only the PEP 8 names, so the aliases are never needed.
    """

    def _add_pre_pep8_methods(self) -> None:
        return None


@dataclass
class PairModel:
    """A built model and the indices needed to read a solution back."""

    facts: Facts
    baseline: Baseline
    cp: CpModel
    free_hours: list[int]
    free_cases: list[int]
    rules: list[tuple[PersonRule, BoolMatrix]] = field(default_factory=list)
    pruned: bool = False  # True when only the k nearest candidates per case have variables
    x: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    y: dict[int, cp_model.IntVar] = field(default_factory=dict)
    by_case: dict[int, list[int]] = field(default_factory=dict)
    by_fac: dict[int, list[int]] = field(default_factory=dict)
    minutes: dict[tuple[int, int], int] = field(default_factory=dict)  # road time, when known
    _pair_rules: dict[int, CaseRules] = field(default_factory=dict)

    def pair_rules(self, ci: int) -> CaseRules:
        """Who may work with whom on case ci (pair_rules.py), over its candidates."""
        rules = self._pair_rules.get(ci)
        if rules is None:
            rules = self._pair_rules[ci] = case_rules(self.facts, ci, self.by_case[ci])
        return rules

    def weight(self) -> cp_model.LinearExprT:
        """Level 1: allocated weight of the cases with variables (pinned ones are constant)."""
        cases = self.facts.problem.cases
        return sum(cases[ci].priority * y for ci, y in self.y.items())

    def changes(self) -> cp_model.LinearExprT:
        """Level 2: current facilitators who leave their case (variable part)."""
        terms: list[cp_model.LinearExprT] = []
        for ci in self.y:
            for fid in self.facts.problem.cases[ci].current:
                var = self.x.get((ci, self.facts.fac_index[fid]))
                terms.append(1 - var if var is not None else 1)
        return sum(terms)

    def travel_metres(self) -> cp_model.LinearExprT:
        """Level 3: metres from home to case over all variable assignments."""
        metres = self.facts.metres
        keys = list(self.x)
        coefs = [int(metres[fi, ci]) for ci, fi in keys]
        return cp_model.LinearExpr.weighted_sum([self.x[k] for k in keys], coefs)

    def load(self, fi: int) -> cp_model.LinearExprT:
        """Scaled hours facilitator fi carries: fixed cases plus those chosen."""
        mine = self.by_fac[fi]
        hours = [self.facts.case_hours[ci] for ci in mine]
        chosen = cp_model.LinearExpr.weighted_sum([self.x[ci, fi] for ci in mine], hours)
        return chosen + self.baseline.load_hours[fi]


def build_pair_model(facts: Facts, candidates_per_case: int | None = None) -> PairModel:
    """Variables for every allowed (case, facilitator); the pair-level rules are added after."""
    baseline = h10_pinned_pairs(facts)
    free_hours, free_cases = baseline.free_hours(facts), baseline.free_cases(facts)
    rules = [(rule, rule.matrix(facts)) for rule in person_rules(free_hours, free_cases)]
    allowed = np.logical_and.reduce([matrix for _, matrix in rules])
    pruned = candidates_per_case is not None
    if candidates_per_case is not None:
        allowed &= _nearest(facts, allowed, candidates_per_case)
    m = PairModel(facts, baseline, CpModel(), free_hours, free_cases, rules, pruned)
    for ci, case in enumerate(facts.problem.cases):
        if case.pinned:
            continue
        m.y[ci] = m.cp.new_bool_var(f"alloc[{case.id}]")
        facs = [int(fi) for fi in np.flatnonzero(allowed[:, ci])]
        m.by_case[ci] = facs
        for fi in facs:
            m.x[ci, fi] = m.cp.new_bool_var(f"on[{case.id},{facts.problem.facilitators[fi].id}]")
            m.by_fac.setdefault(fi, []).append(ci)
    return m


def _nearest(facts: Facts, allowed: np.ndarray, k: int) -> np.ndarray:
    """Keep, per case, the k nearest allowed facilitators, and always its current ones."""
    km = np.where(allowed, facts.km, np.inf)
    keep = np.zeros_like(allowed)
    if k < km.shape[0]:
        nearest = np.argpartition(km, k, axis=0)[:k]
        np.put_along_axis(keep, nearest, True, axis=0)
    else:
        keep[:] = True
    for ci, case in enumerate(facts.problem.cases):
        for fid in [*case.current, *case.keep]:
            keep[facts.fac_index[fid], ci] = True
    return keep
