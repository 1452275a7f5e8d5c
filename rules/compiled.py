"""Conditions turned into closures once, at load; and traced, for the record, on demand.

`compile_condition` is the fast path used by `screen`. `trace` evaluates the same condition
step by step and records every comparison (fact, operator, expected, actual), so a reviewer can
see exactly why a rule fired; the two always agree (a property test checks it).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from models import Referral
from rules.conditions import AllOf, Condition, Not, Predicate, Test


def compile_condition(condition: Condition) -> Predicate:
    """A function of a referral that is True exactly when the condition holds."""
    if isinstance(condition, Test):
        return _compile_test(condition)
    if isinstance(condition, Not):
        inner = compile_condition(condition.item)
        return lambda r: not inner(r)
    parts = tuple(compile_condition(c) for c in condition.items)
    if isinstance(condition, AllOf):
        return _all(parts)
    return _any(parts)


def _all(parts: tuple[Predicate, ...]) -> Predicate:
    # a chain of two-part closures: cheaper per call than all() over a generator
    return functools.reduce(_and, parts)


def _any(parts: tuple[Predicate, ...]) -> Predicate:
    return functools.reduce(_or, parts)


def _and(first: Predicate, second: Predicate) -> Predicate:
    return lambda r: first(r) and second(r)


def _or(first: Predicate, second: Predicate) -> Predicate:
    return lambda r: first(r) or second(r)


def _compile_test(test: Test) -> Predicate:
    get, expected = test.fact.get, test.expected
    if test.operator in ("in", "not_in"):
        return _membership(get, frozenset(expected), negate=test.operator == "not_in")
    if test.operator in ("is", "is_not"):
        negate = test.operator == "is_not"
        if expected is None or isinstance(expected, bool):  # singletons: compare identity
            return (lambda r: get(r) is not expected) if negate else (lambda r: get(r) is expected)
        return (lambda r: get(r) != expected) if negate else (lambda r: get(r) == expected)
    compare = _ORDER[test.operator]
    return lambda r: _ordered(compare, get(r), expected)


def _membership(get: Callable[[Referral], Any], values: frozenset[Any], negate: bool) -> Predicate:
    if negate:
        return lambda r: get(r) not in values
    return lambda r: get(r) in values


_ORDER: dict[str, Callable[[Any, Any], bool]] = {
    "at_least": lambda a, b: bool(a >= b),
    "at_most": lambda a, b: bool(a <= b),
    "above": lambda a, b: bool(a > b),
    "below": lambda a, b: bool(a < b),
}


def _ordered(compare: Callable[[Any, Any], bool], actual: Any, expected: Any) -> bool:
    # an unknown (null) value is neither above nor below anything
    return actual is not None and compare(actual, expected)


@dataclass(frozen=True)
class Check:
    """One comparison made while evaluating a rule: the record behind a reason."""

    fact: str
    operator: str
    expected: Any
    actual: Any
    held: bool


def trace(condition: Condition, referral: Referral) -> tuple[bool, list[Check]]:
    """Whether the condition holds, and every comparison made (none skipped)."""
    if isinstance(condition, Test):
        held = _compile_test(condition)(referral)
        actual = condition.fact.get(referral)
        expected = condition.expected
        check = Check(condition.fact.path, condition.operator, expected, actual, held)
        return held, [check]
    if isinstance(condition, Not):
        held, checks = trace(condition.item, referral)
        return not held, checks
    results = [trace(c, referral) for c in condition.items]
    checks = [check for _, part in results for check in part]
    verdicts = [held for held, _ in results]
    return (all(verdicts) if isinstance(condition, AllOf) else any(verdicts)), checks
