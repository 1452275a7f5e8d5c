"""The `then:` of a rule: a decision, where to redirect, what is missing, what it requires.

    then: {decision: redirect, redirect_to: youth_offending_service}
    then: {decision: needs_info, missing: [responsibility_accepted]}
    then:
      decision: accept
      requires: {both: [complex], either: [dv], prison: true, hours: 30, risk: high}

`prison: true` means both facilitators need clearance for the prison a party is held in: the
case takes that prison's name and `prison` is added to the skills both must hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from models import DecisionKind, RedirectTo, Risk, Skill
from rules.conditions import Context
from rules.source import At, Entry, did_you_mean, mapping, scalar, sequence

OUTCOME_KEYS = ("decision", "redirect_to", "missing", "requires")
REQUIRES_KEYS = ("both", "either", "prison", "hours", "risk")


@dataclass(frozen=True)
class Needs:
    """What an accept-rule adds to a case; None means 'no opinion' (the policy default)."""

    both: tuple[Skill, ...] = ()
    either: tuple[Skill, ...] = ()
    prison: bool = False
    hours: float | None = None
    risk: Risk | None = None


@dataclass(frozen=True)
class Outcome:
    """What a rule decides when it fires."""

    decision: DecisionKind
    redirect_to: RedirectTo | None = None
    missing: tuple[str, ...] = ()
    needs: Needs = Needs()


def parse_outcome(node: yaml.Node, at: At, ctx: Context) -> Outcome | None:
    """The outcome written at `node`, or None after recording every problem in it."""
    entries = mapping(node, at, ctx.problems, OUTCOME_KEYS)
    if entries is None:
        return None
    if "decision" not in entries:
        ctx.problems.add(at, f"say what to decide: decision: one of {_choices(DecisionKind)}")
        return None
    decision = _enum(DecisionKind, *entries["decision"], ctx)
    if decision is None:
        return None
    errors_before = len(ctx.problems.errors)
    redirect = _redirect(decision, entries, at, ctx)
    missing = _missing(decision, entries, at, ctx)
    needs = _needs(decision, entries, ctx)
    if len(ctx.problems.errors) > errors_before:
        return None
    return Outcome(decision, redirect, missing, needs or Needs())


def _choices(enum: Any) -> str:
    return ", ".join(m.value for m in enum)


def _enum(enum: Any, node: yaml.Node, at: At, ctx: Context) -> Any:
    value = scalar(node, ctx.loader) if isinstance(node, yaml.ScalarNode) else None
    try:
        return enum(value)
    except ValueError:
        what = _NOUNS.get(enum.__name__, enum.__name__)
        ctx.problems.add(at, f"{value!r} is not {what}; {did_you_mean(str(value), _values(enum))}")
        return None


_NOUNS = {
    "DecisionKind": "a decision",
    "RedirectTo": "a service to redirect to",
    "Skill": "a skill",
    "Risk": "a risk level",
}


def _values(enum: Any) -> list[str]:
    return [m.value for m in enum]


def _redirect(
    decision: DecisionKind, entries: dict[str, Entry], at: At, ctx: Context
) -> RedirectTo | None:
    if decision is not DecisionKind.REDIRECT:
        if "redirect_to" in entries:
            ctx.problems.add(entries["redirect_to"][1], "redirect_to only goes with redirect")
        return None
    if "redirect_to" not in entries:
        ctx.problems.add(at, f"a redirect says where: redirect_to: one of {_choices(RedirectTo)}")
        return None
    found: RedirectTo | None = _enum(RedirectTo, *entries["redirect_to"], ctx)
    return found


def _missing(
    decision: DecisionKind, entries: dict[str, Entry], at: At, ctx: Context
) -> tuple[str, ...]:
    if decision is not DecisionKind.NEEDS_INFO:
        if "missing" in entries:
            ctx.problems.add(entries["missing"][1], "missing only goes with needs_info")
        return ()
    if "missing" not in entries:
        ctx.problems.add(at, "needs_info says which fields to supply: missing: [field, ...]")
        return ()
    items = sequence(*entries["missing"], ctx.problems) or []
    fields = []
    for item, where in items:
        name = scalar(item, ctx.loader) if isinstance(item, yaml.ScalarNode) else None
        if not isinstance(name, str) or name not in ctx.facts:
            ctx.problems.add(where, f"unknown field {name!r}; {did_you_mean(str(name), ctx.facts)}")
        else:
            fields.append(name)
    if not items:
        ctx.problems.add(entries["missing"][1], "name at least one field the referrer must supply")
    return tuple(fields)


def _needs(decision: DecisionKind, entries: dict[str, Entry], ctx: Context) -> Needs | None:
    if "requires" not in entries:
        return None
    node, at = entries["requires"]
    if decision is not DecisionKind.ACCEPT:
        ctx.problems.add(at, "requires only goes with accept (it is what an accepted case needs)")
        return None
    parts = mapping(node, at, ctx.problems, REQUIRES_KEYS)
    if parts is None:
        return None
    both, either = _skills(parts.get("both"), ctx), _skills(parts.get("either"), ctx)
    prison = _typed(parts.get("prison"), bool, "true or false", ctx)
    hours = _typed(parts.get("hours"), float, "a number of hours above 0", ctx)
    risk = _enum(Risk, *parts["risk"], ctx) if "risk" in parts else None
    return Needs(both, either, bool(prison), hours, risk)


def _skills(entry: Entry | None, ctx: Context) -> tuple[Skill, ...]:
    if entry is None:
        return ()
    items = sequence(*entry, ctx.problems) or []
    found = [_enum(Skill, item, where, ctx) for item, where in items]
    return tuple(s for s in found if s is not None)


def _typed(entry: Entry | None, kind: type, what: str, ctx: Context) -> Any:
    if entry is None:
        return None
    node, at = entry
    value = scalar(node, ctx.loader) if isinstance(node, yaml.ScalarNode) else None
    if kind is float and isinstance(value, int | float) and not isinstance(value, bool):
        if value > 0:
            return float(value)
    elif kind is bool and isinstance(value, bool):
        return value
    ctx.problems.add(at, f"expected {what}, not {value!r}")
    return None
