"""Search for a small recruitment plan that brings the 90th-percentile wait under a target.

A plan is a list of groups (how many volunteers, in which district, with which skills) trained
at the start of the counted window and vetted after the scenario's usual delay, or a delay the
manager gives (with a median of 240 days, recruits trained now barely help this year). The search is
greedy: from no extra volunteers, it tries adding `step` volunteers of each candidate kind,
keeps the kind that lowers the mean p90 wait most, and stops when the target is met (or the
budget is spent); then it drops any step it can do without. Every candidate is a full run of
`replicates` replicates with the same seed, so candidates are compared on the same referrals.
The result is a small plan that meets the target, not a proven smallest one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from models import Skill
from scenarios.sim_run import Backend, run_replicates
from scenarios.sim_spec import Cohort, Group, Scenario, VettingDelay
from scenarios.sim_summary import p90_wait

Kind = tuple[str | None, frozenset[Skill]]  # (district or anywhere, skills)
BASIC = frozenset({Skill.MEDIATION})


@dataclass(frozen=True)
class Evaluation:
    """How one plan did over the replicates."""

    plan: tuple[Kind, ...]
    p90_waits: tuple[float, ...]
    target: float

    @property
    def mean(self) -> float:
        """Mean over replicates of the 90th-percentile wait (days)."""
        return float(np.mean(self.p90_waits))

    @property
    def confidence(self) -> float:
        """Share of replicates whose p90 wait met the target."""
        return float(np.mean([w <= self.target for w in self.p90_waits]))

    @property
    def meets(self) -> bool:
        """True when the mean p90 wait is within the target."""
        return self.mean <= self.target

    def as_dict(self, step: int) -> dict[str, Any]:
        """The plan and its numbers, as JSON-able data."""
        low, high = np.percentile(self.p90_waits, [5, 95])
        return {
            "volunteers": step * len(self.plan),
            "groups": plan_groups(self.plan, step),
            "target_p90_wait_days": self.target,
            "p90_wait_days": {
                "mean": round(self.mean, 2),
                "low": round(float(low), 2),
                "high": round(float(high), 2),
            },
            "confidence": round(self.confidence, 3),
            "meets_target": self.meets,
        }


def plan_groups(plan: tuple[Kind, ...], step: int) -> list[dict[str, Any]]:
    """A plan as groups of volunteers (kinds added more than once are summed)."""
    counts = Counter(plan)
    return [
        {"count": n * step, "district": d, "skills": sorted(s.value for s in skills)}
        for (d, skills), n in sorted(counts.items(), key=lambda kv: (kv[0][0] or "", -kv[1]))
    ]


def with_plan(
    scenario: Scenario, plan: tuple[Kind, ...], step: int, vetting: VettingDelay | None = None
) -> Scenario:
    """The scenario with one extra cohort for the plan, trained at the window's start and
    vetted after `vetting` (None: the scenario's usual delay)."""
    if not plan:
        return scenario
    groups = [Group.model_validate(g) for g in plan_groups(plan, step)]
    cohort = Cohort(month=0, groups=groups, vetting_delay=vetting)
    return scenario.model_copy(update={"cohorts": [*scenario.cohorts, cohort]})


def default_kinds(districts: list[str]) -> list[Kind]:
    """Candidates: mediation-trained volunteers anywhere or in each given district, plus
    prison-cleared and community-panel ones (the skills a new recruit can be trained in)."""
    kinds: list[Kind] = [(None, BASIC)]
    kinds += [(d, BASIC) for d in districts]
    kinds += [(None, BASIC | {Skill.PRISON}), (None, BASIC | {Skill.CJP})]
    return kinds


@dataclass(frozen=True)
class Search:
    """What to search for and how hard."""

    target_p90_days: float
    kinds: list[Kind]
    step: int = 2
    max_volunteers: int = 40
    replicates: int = 5
    backend: Backend | None = None
    vetting: VettingDelay | None = None  # None: the scenario's usual vetting delay


def evaluate(scenario: Scenario, plan: tuple[Kind, ...], search: Search) -> Evaluation:
    """Run the scenario with the plan and note each replicate's p90 wait."""
    planned = with_plan(scenario, plan, search.step, search.vetting)
    runs = run_replicates(planned, search.replicates, search.backend)
    waits = tuple(p90_wait(r) for r in runs)
    return Evaluation(plan, waits, search.target_p90_days)


def recruit(
    scenario: Scenario, search: Search, progress: Callable[[str], None] | None = None
) -> tuple[Evaluation, list[Evaluation]]:
    """The chosen plan's evaluation, and every evaluation made on the way."""
    say = progress or (lambda text: None)
    tried: list[Evaluation] = []
    best = evaluate(scenario, (), search)
    tried.append(best)
    say(f"no recruits: p90 wait {best.mean:.1f} days")
    while not best.meets and search.step * (len(best.plan) + 1) <= search.max_volunteers:
        options = [evaluate(scenario, (*best.plan, k), search) for k in search.kinds]
        tried += options
        best = min(options, key=lambda e: (e.mean, -e.confidence))
        say(f"{search.step * len(best.plan)} recruits: p90 wait {best.mean:.1f} days")
    if best.meets:
        best = _prune(scenario, best, search, tried)
    return best, tried


def _prune(
    scenario: Scenario, best: Evaluation, search: Search, tried: list[Evaluation]
) -> Evaluation:
    """Drop steps one at a time while the target is still met."""
    i = 0
    while i < len(best.plan):
        smaller = evaluate(scenario, best.plan[:i] + best.plan[i + 1 :], search)
        tried.append(smaller)
        if smaller.meets:
            best = smaller
        else:
            i += 1
    return best
