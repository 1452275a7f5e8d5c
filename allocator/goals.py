"""Level 5: the service's own goals, chosen among plans the canonical levels leave equal.

formats.md fixes four canonical levels (weight, changes, travel km, max utilisation) so any two
results can be compared. Once they are fixed, the plan still has freedom wherever several pairs
tie on them, or, when the coordinator allows it (`SolveOptions.travel_slack`), within a small
share of extra travel. Level 5 spends that freedom on what the service cares about next:

- road time: minutes of driving on the shipped road network, not straight lines;
- fair spread: a new case goes to someone carrying a lighter load today, by utilisation;
- variety: a volunteer is not given another case of a kind they already hold;
- mentoring: a newer volunteer learns beside an experienced one (H9 already forbids two newer
  volunteers together; this prefers giving newer volunteers cases at all);
- pairs that work together: two facilitators already paired on an ongoing case are paired
  again, and more so two whose earlier case together went well (`worked_well_with`, an rjplan
  extension of the problem that the service fills from coordinators' reviews). A pair a
  coordinator split on purpose should be kept apart with `avoid_partners`.

Each goal is a weight per assignment (or per pair) in one linear objective; the weights are data
(`GoalWeights`) so a service can tune them, and each term can be read back for explanations.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from numpy.typing import NDArray
from ortools.sat.python import cp_model

from allocator.model import PairModel
from geo import travel_minutes_matrix
from models import Case, Skill


class CaseKind(StrEnum):
    """The kind of work a case is, for variety: the most demanding requirement names it."""

    PRISON = "prison"
    DV = "domestic violence"
    COMPLEX = "complex"
    STANDARD = "standard"


def case_kind(case: Case) -> CaseKind:
    """prison if held in a prison, else domestic violence, complex or standard by its skills."""
    needs = case.requires.both | case.requires.either
    if case.prison is not None:
        return CaseKind.PRISON
    if Skill.DV in needs:
        return CaseKind.DV
    if Skill.COMPLEX in needs:
        return CaseKind.COMPLEX
    return CaseKind.STANDARD


@dataclass(frozen=True)
class GoalWeights:
    """Points per unit of each goal; level 5 minimises the total.

    Scale: a minute of driving is one point, so a weight says how many minutes of extra driving
    the goal is worth.
    """

    road_minute: int = 1  # per minute of estimated driving, home to case
    load_point: int = 1  # per percentage point of capacity the facilitator already uses
    same_kind: int = 20  # a new case of a kind the facilitator already holds
    mentoring: int = 30  # reward: a newer volunteer on a new case (beside an experienced one)
    known_pair: int = 30  # reward: two facilitators already paired elsewhere, paired again
    worked_well: int = 40  # reward: two whose earlier case together went well, paired again


@dataclass(frozen=True)
class GoalTerms:
    """The goal data of one model, per (case index, facilitator index) variable."""

    minutes: dict[tuple[int, int], int]
    load_percent: list[int]  # per facilitator: fixed load / capacity, in whole percent
    held_kinds: list[frozenset[CaseKind]]  # per facilitator: kinds of the fixed cases they hold
    known_pairs: frozenset[tuple[int, int]]  # (low, high) facilitator indices paired already
    good_pairs: frozenset[tuple[int, int]]  # (low, high): an earlier case together went well

    def cost(self, w: GoalWeights, ci: int, fi: int, m: PairModel) -> int:
        """Level-5 points of putting facilitator fi on case ci (before pair rewards)."""
        case = m.facts.problem.cases[ci]
        points = w.road_minute * self.minutes[ci, fi] + w.load_point * self.load_percent[fi]
        if case_kind(case) in self.held_kinds[fi]:
            points += w.same_kind
        if not m.facts.problem.facilitators[fi].experienced:
            points -= w.mentoring
        return points

    def pair_reward(self, w: GoalWeights, a: int, b: int) -> int:
        """Level-5 points saved by pairing facilitators a and b together (0: none)."""
        key = (min(a, b), max(a, b))
        known = w.known_pair if key in self.known_pairs else 0
        return known + (w.worked_well if key in self.good_pairs else 0)

    def rewarded_pairs(self) -> list[tuple[int, int]]:
        """Every (low, high) pair that earns a reward, in a fixed order."""
        return sorted(self.known_pairs | self.good_pairs)


def road_minutes(m: PairModel, keys: Iterable[tuple[int, int]]) -> dict[tuple[int, int], int]:
    """Whole minutes of estimated driving for each (case, facilitator) in `keys`."""
    wanted = list(keys)
    if not wanted:
        return {}
    problem = m.facts.problem
    facs = sorted({fi for _, fi in wanted})
    cases = sorted({ci for ci, _ in wanted})
    matrix: NDArray[np.float64] = travel_minutes_matrix(
        [problem.facilitators[fi].home.point() for fi in facs],
        [problem.cases[ci].place() for ci in cases],
    )
    row = {fi: r for r, fi in enumerate(facs)}
    col = {ci: c for c, ci in enumerate(cases)}
    return {(ci, fi): round(float(matrix[row[fi], col[ci]])) for ci, fi in wanted}


def fill_minutes(m: PairModel, pairs: dict[int, tuple[int, int]]) -> None:
    """Road minutes for the chosen pairs of free cases that level 5 did not already price."""
    chosen = {(ci, fi) for ci, pair in pairs.items() if ci in m.y for fi in pair}
    m.minutes.update(road_minutes(m, chosen - set(m.minutes)))


def goal_terms(m: PairModel) -> GoalTerms:
    """What level 5 needs to know about this model's people and their fixed cases (the road
    minutes are kept on the model too, for the explanations)."""
    facts, n = m.facts, len(m.facts.problem.facilitators)
    caps = facts.capacity_scaled
    load_percent = [
        round(100 * m.baseline.load_hours[fi] / caps[fi]) if caps[fi] > 0 else 100
        for fi in range(n)
    ]
    held: list[set[CaseKind]] = [set() for _ in range(n)]
    known: set[tuple[int, int]] = set()
    for ci, (a, b) in m.baseline.fixed.items():
        kind = case_kind(facts.problem.cases[ci])
        held[a].add(kind)
        held[b].add(kind)
        known.add((min(a, b), max(a, b)))
    minutes = road_minutes(m, m.x)
    m.minutes.update(minutes)  # the explanations reuse them
    kinds = [frozenset(k) for k in held]
    good = frozenset(facts.named_pairs(lambda f: f.worked_well_with))
    return GoalTerms(minutes, load_percent, kinds, frozenset(known), good)


def own_goals(m: PairModel, weights: GoalWeights, terms: GoalTerms) -> cp_model.LinearExprT:
    """The level-5 objective (to minimise): goal points over every possible assignment."""
    total: list[cp_model.LinearExprT] = [
        terms.cost(weights, ci, fi, m) * x for (ci, fi), x in m.x.items()
    ]
    for ci, facs in m.by_case.items():
        on = set(facs)
        for a, b in terms.rewarded_pairs():
            reward = terms.pair_reward(weights, a, b)
            if a in on and b in on and reward > 0:
                together = m.cp.new_bool_var(f"again[{ci},{a},{b}]")
                m.cp.add_implication(together, m.x[ci, a])
                m.cp.add_implication(together, m.x[ci, b])
                total.append(-reward * together)
    return sum(total)
