"""The condition language beyond what the shipped policies use: not, not_in, order, dates."""

from __future__ import annotations

import pytest

import rules
from models import Referral
from rules.compiled import trace
from tests.rules.builders import a_referral, in_prison


def fires(condition: str, referral: Referral) -> bool:
    text = (
        "policy: test-policy\nrules:\n  - id: r\n    reason: test\n"
        f"    when: {condition}\n    then: {{decision: hold}}\n"
    )
    (rule,) = rules.parse_policy(text, "test.yaml").rules
    held, _ = trace(rule.condition, referral)
    assert held == rule.holds(referral)
    return held


@pytest.mark.parametrize(
    ("condition", "changes", "expected"),
    [
        ("{not: {court: pending}}", {"court": "pending"}, False),
        ("{not: {court: pending}}", {}, True),
        ("{route: {not_in: [partner, other]}}", {"route": "partner"}, False),
        ("{route: {not_in: [partner, other]}}", {}, True),
        ("{referrer.organisation: {is_not: police}}", {}, False),
        ("{consent.victim: {is_not: null}}", {"consent__victim": None}, False),
        ("{parties.count: {at_least: 3}}", {}, False),
        ("{parties.count: {below: 3}}", {}, True),
        ("{received: {above: 2026-01-01}}", {}, True),
        ("{received: {at_most: '2026-01-01'}}", {}, False),
        ("{location.lat: {above: 51.0}}", {}, False),  # unknown (null) is never above anything
        ("{any: [{court: pending}, {parties.prison: true}]}", {"parties": in_prison()}, True),
    ],
)
def test_each_operator_means_what_it_says(
    condition: str, changes: dict[str, object], expected: bool
) -> None:
    assert fires(condition, a_referral(**changes)) is expected
