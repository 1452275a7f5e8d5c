"""Two policies side by side on the same referrals: what changes, and what it would need.

A manager's first answer to "what if we take complex cases": which referrals change decision,
how many of each decision each policy gives, and how many accepted cases need each skill.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from models import Decision, DecisionKind, Referral, Skill
from rules.evaluate import screen
from rules.policy import Policy


@dataclass(frozen=True)
class Change:
    """One referral decided differently by the two policies."""

    referral: str
    before: Decision
    after: Decision


@dataclass(frozen=True)
class Comparison:
    """The result of screening the same referrals under policies `before` and `after`."""

    before: str
    after: str
    total: int
    changes: tuple[Change, ...]
    by_decision: dict[str, tuple[int, int]]
    by_skill: dict[str, tuple[int, int]]
    hours: tuple[float, float]

    def as_data(self) -> dict[str, Any]:
        """Plain JSON-ready data (the CLI's `--compare -o FILE` output)."""
        return {
            "policies": [self.before, self.after],
            "referrals": self.total,
            "changed": [
                {
                    "referral": c.referral,
                    "before": _label(c.before),
                    "after": _label(c.after),
                    "reasons_after": [r.rule for r in c.after.reasons],
                }
                for c in self.changes
            ],
            "by_decision": {k: list(v) for k, v in self.by_decision.items()},
            "by_required_skill": {k: list(v) for k, v in self.by_skill.items()},
            "facilitator_hours": list(self.hours),
        }


def _label(decision: Decision) -> str:
    if decision.redirect_to is not None:
        return f"{decision.decision.value} to {decision.redirect_to.value}"
    return decision.decision.value


def _skill_counts(decisions: list[Decision]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for decision in decisions:
        if decision.requirements is None:
            continue
        for skill in decision.requirements.both:
            counts[f"{skill.value} (both)"] += 1
        for skill in decision.requirements.either:
            counts[f"{skill.value} (either)"] += 1
    return counts


def compare(referrals: Iterable[Referral], before: Policy, after: Policy) -> Comparison:
    """Screen every referral under both policies and summarise the differences."""
    pairs = [(screen(r, before), screen(r, after)) for r in referrals]
    firsts, seconds = [a for a, _ in pairs], [b for _, b in pairs]
    changes = tuple(Change(a.referral, a, b) for a, b in pairs if _label(a) != _label(b))
    kinds_a = Counter(d.decision for d in firsts)
    kinds_b = Counter(d.decision for d in seconds)
    by_decision = {k.value: (kinds_a[k], kinds_b[k]) for k in DecisionKind}
    skills_a, skills_b = _skill_counts(firsts), _skill_counts(seconds)
    labels = [f"{s.value} ({side})" for s in Skill for side in ("both", "either")]
    by_skill = {k: (skills_a[k], skills_b[k]) for k in labels if skills_a[k] or skills_b[k]}
    hours = (_hours(firsts), _hours(seconds))
    return Comparison(before.id, after.id, len(pairs), changes, by_decision, by_skill, hours)


def _hours(decisions: list[Decision]) -> float:
    """Facilitator hours the accepted cases need in all (each case has two facilitators)."""
    return sum(2 * d.requirements.hours for d in decisions if d.requirements is not None)
