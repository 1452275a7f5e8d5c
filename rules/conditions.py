"""Conditions over referral facts: parsed from YAML nodes, checked, compiled to closures.

A condition is a mapping with exactly one key:

    all: [condition, ...]          every one holds
    any: [condition, ...]          at least one holds
    not: condition                 it does not hold
    consent.victim: false          shorthand for `consent.victim: {is: false}`
    route: {in: [community_resolution, conditional_caution]}

Nothing is ever passed to eval() or exec(): a condition is data, compiled once at load into
small closures, so screening is a few attribute reads and comparisons per rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from models import Referral
from rules.facts import OPERATORS, Fact, Kind
from rules.source import At, Problems, did_you_mean, mapping, scalar, sequence

Predicate = Callable[[Referral], bool]
COMBINATORS = ("all", "any", "not")


@dataclass(frozen=True)
class Test:
    """One comparison of one fact with an expected value (a tuple for in / not_in)."""

    fact: Fact
    operator: str
    expected: Any


@dataclass(frozen=True)
class AllOf:
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class AnyOf:
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class Not:
    item: Condition


Condition = Test | AllOf | AnyOf | Not


@dataclass(frozen=True)
class Context:
    """What parsing needs: the loader (for scalars), the facts known, and where errors go."""

    loader: yaml.SafeLoader
    facts: dict[str, Fact]
    problems: Problems


def parse_condition(node: yaml.Node, at: At, ctx: Context) -> Condition | None:
    """The condition written at `node`, or None after recording every problem in it."""
    entries = mapping(node, at, ctx.problems)
    if entries is None:
        return None
    if len(entries) != 1:
        msg = "a condition has exactly one key (all, any, not or a fact); put several under all:"
        ctx.problems.add(at, msg)
        return None
    ((key, (value, where)),) = entries.items()
    if key == "not":
        inner = parse_condition(value, where, ctx)
        return Not(inner) if inner is not None else None
    if key in ("all", "any"):
        return _parse_group(key, value, where, ctx)
    fact = ctx.facts.get(key)
    if fact is None:
        ctx.problems.add(where, f"unknown fact {key!r}; {did_you_mean(key, _names(ctx))}")
        return None
    return _parse_test(fact, value, where, ctx)


def _names(ctx: Context) -> list[str]:
    return [*COMBINATORS, *ctx.facts]


def _parse_group(key: str, node: yaml.Node, at: At, ctx: Context) -> Condition | None:
    items = sequence(node, at, ctx.problems)
    if items is None:
        return None
    if not items:
        ctx.problems.add(at, f"{key}: needs at least one condition")
        return None
    parsed = [parse_condition(item, where, ctx) for item, where in items]
    if any(p is None for p in parsed):
        return None
    conditions = tuple(p for p in parsed if p is not None)
    return AllOf(conditions) if key == "all" else AnyOf(conditions)


def _parse_test(fact: Fact, node: yaml.Node, at: At, ctx: Context) -> Test | None:
    operator, value_node, where = "is", node, at
    if isinstance(node, yaml.MappingNode):
        entries = mapping(node, at, ctx.problems)
        if entries is None or len(entries) != 1:
            ctx.problems.add(at, f"write one operator, e.g. {{in: [..]}}; use {list(OPERATORS)}")
            return None
        ((operator, (value_node, where)),) = entries.items()
    op = OPERATORS.get(operator)
    if op is None:
        fix = did_you_mean(operator, OPERATORS)
        ctx.problems.add(where, f"unknown operator {operator!r}; {fix}")
        return None
    if fact.kind not in op.kinds:
        ctx.problems.add(where, f"{operator} does not apply to {fact.path} ({fact.kind} fact)")
        return None
    if not op.takes_list:
        if isinstance(value_node, yaml.SequenceNode):
            ctx.problems.add(where, f"a list needs `in:` or `not_in:`, not {operator}")
            return None
        value = _value(fact, value_node, where, ctx)
        return Test(fact, operator, value) if value is not _BAD else None
    items = sequence(value_node, where, ctx.problems)
    if not items:
        if items == []:
            ctx.problems.add(where, f"{operator} needs at least one value")
        return None
    values = [_value(fact, item, item_at, ctx) for item, item_at in items]
    return None if _BAD in values else Test(fact, operator, tuple(values))


_BAD = object()  # marks a value that was refused (None is a legal value: "not yet known")


def _value(fact: Fact, node: yaml.Node, at: At, ctx: Context) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        ctx.problems.add(at, f"expected one value for {fact.path}")
        return _BAD
    value = scalar(node, ctx.loader)
    error = _value_error(fact, value)
    if error:
        ctx.problems.add(at, error)
        return _BAD
    if fact.kind is Kind.DATE and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def _value_error(fact: Fact, value: Any) -> str | None:
    if value is None:
        return None if fact.nullable else f"{fact.path} is never null; give a {fact.kind} value"
    if fact.kind is Kind.BOOL and not isinstance(value, bool):
        nulls = " or null (not yet known)" if fact.nullable else ""
        return f"{fact.path} is true or false{nulls}, not {value!r}"
    if fact.kind is Kind.ENUM and value not in fact.values:
        return f"{value!r} is not a value of {fact.path}; {did_you_mean(str(value), fact.values)}"
    if fact.kind is Kind.TEXT and not isinstance(value, str):
        return f"{fact.path} is text; quote the value: '{value}'"
    if fact.kind is Kind.NUMBER and (isinstance(value, bool) or not isinstance(value, int | float)):
        return f"{fact.path} is a number, not {value!r}"
    if fact.kind is Kind.DATE and not _is_date(value):
        return f"{fact.path} is a date; write it as YYYY-MM-DD, not {value!r}"
    return None


def _is_date(value: Any) -> bool:
    if isinstance(value, dt.date):
        return True
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def describe(condition: Condition) -> str:
    """The condition as one line of text, e.g. `(route in (a, b) and consent.victim is null)`."""
    if isinstance(condition, Test):
        value = condition.expected
        many = isinstance(value, tuple)
        shown = "(" + ", ".join(map(_show, value)) + ")" if many else _show(value)
        return f"{condition.fact.path} {condition.operator.replace('_', ' ')} {shown}"
    if isinstance(condition, Not):
        return f"not ({describe(condition.item)})"
    joiner = " and " if isinstance(condition, AllOf) else " or "
    parts = [describe(c) for c in condition.items]
    return parts[0] if len(parts) == 1 else "(" + joiner.join(parts) + ")"


def _show(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)
