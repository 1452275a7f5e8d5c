"""Screening: a referral and a policy in, one decision with its reasons out.

Every rule whose condition holds fires. The decision is the first, in precedence order
(redirect, decline, hold, needs_info, accept), among the decisions of the rules that fired, or
accept when none fired; `reasons` lists every rule that fired, in file order. Nothing here
depends on time, randomness or set order: the same referral and policy give the same decision.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from typing import Any

from models import Decision, DecisionKind, InputError, Referral, Requirements, Risk, Skill
from models.decision import DECISION_PRECEDENCE
from rules.compiled import Check, trace
from rules.policy import Policy, Rule

_RANK = {kind: rank for rank, kind in enumerate(DECISION_PRECEDENCE)}
_SKILL_ORDER = {skill: rank for rank, skill in enumerate(Skill)}
_RISK_ORDER = {risk: rank for rank, risk in enumerate(Risk)}


class ScreeningError(InputError):
    """A referral the policy cannot screen, e.g. a district outside the policy's area list."""


def screen(referral: Referral, policy: Policy) -> Decision:
    """The decision of `policy` on `referral`; ScreeningError names a field it cannot use."""
    errors = policy.referral_errors(referral)
    if errors:
        raise ScreeningError(f"referral {referral.id}", errors)
    return decide(referral, policy, [rule for rule in policy.rules if rule.holds(referral)])


def decide(referral: Referral, policy: Policy, fired: list[Rule]) -> Decision:
    """The decision given the rules that fired, in file order."""
    kinds = [rule.outcome.decision for rule in fired]
    kind = min(kinds, key=_RANK.__getitem__, default=DecisionKind.ACCEPT)
    redirect = next((r.outcome.redirect_to for r in fired if r.outcome.decision is kind), None)
    missing: list[str] = []
    if kind is DecisionKind.NEEDS_INFO:
        missing = list(dict.fromkeys(f for rule in fired for f in rule.outcome.missing))
    return Decision(
        referral=referral.id,
        policy=policy.id,
        decision=kind,
        redirect_to=redirect if kind is DecisionKind.REDIRECT else None,
        reasons=[rule.record for rule in fired],
        missing=missing,
        requirements=requirements(referral, policy, fired) if kind is DecisionKind.ACCEPT else None,
    )


def requirements(referral: Referral, policy: Policy, fired: list[Rule]) -> Requirements:
    """What the accepted case needs: union of skills, most hours, highest risk of the rules.

    A rule asking for prison clearance sets the case's prison to the first prison a party is
    held in and adds `prison` to the skills both facilitators must hold.
    """
    both: set[Skill] = set()
    either: set[Skill] = set()
    hours: list[float] = []
    risk, prison = policy.risk, None
    for rule in fired:
        needs = rule.outcome.needs
        both.update(needs.both)
        either.update(needs.either)
        if needs.hours is not None:
            hours.append(needs.hours)
        if needs.risk is not None and _RISK_ORDER[needs.risk] > _RISK_ORDER[risk]:
            risk = needs.risk
        if needs.prison and referral.prisons:
            prison = referral.prisons[0]
            both.add(Skill.PRISON)
    return Requirements(
        both=sorted(both, key=_SKILL_ORDER.__getitem__),
        either=sorted(either - both, key=_SKILL_ORDER.__getitem__),
        prison=prison,
        hours=max(hours, default=policy.hours),
        risk=risk,
    )


@dataclass(frozen=True)
class Finding:
    """One rule evaluated for the record: whether it fired, and every comparison it made."""

    rule: str
    text: str
    line: int
    decision: DecisionKind
    fired: bool
    checks: tuple[Check, ...]


def explain(referral: Referral, policy: Policy) -> list[Finding]:
    """Every rule of the policy, in file order, with the fact, expected and actual values."""
    findings = []
    for rule in policy.rules:
        held, checks = trace(rule.condition, referral)
        findings.append(
            Finding(rule.id, rule.reason, rule.line, rule.outcome.decision, held, tuple(checks))
        )
    return findings


def record(findings: list[Finding]) -> list[dict[str, Any]]:
    """The rules that fired, with each comparison made, as JSON-ready data."""
    return [
        {
            "rule": f.rule,
            "line": f.line,
            "checks": [
                {
                    "fact": c.fact,
                    "operator": c.operator,
                    "expected": _plain(c.expected),
                    "actual": _plain(c.actual),
                    "held": c.held,
                }
                for c in f.checks
            ],
        }
        for f in findings
        if f.fired
    ]


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
