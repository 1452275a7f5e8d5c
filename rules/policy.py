"""A screening policy: one YAML file of rules, checked and compiled when it loads.

    policy: essex-2015
    title: Essex Restorative Justice Hub, 2015
    area: [Basildon, Braintree, ...]      # districts served; `district` must be one of these
    defaults: {hours: 19, risk: standard} # what an accepted case needs when no rule says more
    rules:
      - id: out-of-area
        reason: The referral is from outside the area the service covers.
        when: {district: out_of_area}
        then: {decision: decline}

The shipped policies live in rules/policies/; any other file can be given by its path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from models import FieldError, Reason, Referral, Risk
from rules.compiled import compile_condition
from rules.conditions import Condition, Context, Predicate, parse_condition
from rules.facts import referral_facts
from rules.outcomes import Outcome, parse_outcome
from rules.source import At, Entry, PolicyError, Problems, compose, mapping, scalar, sequence

OUT_OF_AREA = "out_of_area"
TOP_KEYS = ("policy", "title", "source", "area", "defaults", "rules")
RULE_KEYS = ("id", "reason", "when", "then")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Rule:
    """One rule: when its condition holds for a referral, its outcome applies, for its reason."""

    id: str
    reason: str
    condition: Condition
    outcome: Outcome
    line: int
    holds: Predicate
    record: Reason


@dataclass(frozen=True)
class Policy:
    """A loaded, checked policy. Immutable: safe to share between threads and requests."""

    id: str
    title: str
    file: str
    area: tuple[str, ...]
    hours: float
    risk: Risk
    rules: tuple[Rule, ...]

    def referral_errors(self, referral: Referral) -> list[FieldError]:
        """What in this referral the policy cannot screen (a district it does not know)."""
        if self.area and referral.district not in self.area and referral.district != OUT_OF_AREA:
            known = ", ".join(self.area)
            msg = f"unknown district {referral.district!r}; use one of {known} or {OUT_OF_AREA}"
            return [FieldError("/district", msg)]
        return []


def shipped_dir() -> Path:
    """The folder of the policies shipped with rjplan."""
    return Path(str(resources.files("rules") / "policies"))


def list_policies() -> list[str]:
    """The ids of the shipped policies, sorted."""
    return sorted(p.stem for p in shipped_dir().glob("*.yaml"))


def load_policy(id_or_path: str | Path) -> Policy:
    """A shipped policy by id (e.g. 'essex-2018') or any policy file by path; checked fully."""
    path = Path(id_or_path)
    if not path.is_file():
        shipped = shipped_dir() / f"{id_or_path}.yaml"
        if not shipped.is_file():
            choices = ", ".join(list_policies())
            msg = f"no such policy or file; use one of {choices}, or the path of a .yaml file"
            raise PolicyError(str(id_or_path), [FieldError("", msg)])
        path = shipped
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(str(path), [FieldError("", f"cannot read the file: {exc}")]) from None
    return _parsed(text, str(path))


@lru_cache(maxsize=16)
def _parsed(text: str, source: str) -> Policy:
    """parse_policy, once per text: a Policy is immutable, and a simulation loads its policy
    for every replicate (parsing and checking the YAML took 70 ms of a 1.2 s replicate). An
    edited file has a new text, so it is parsed again; a bad one raises every time."""
    return parse_policy(text, source)


def parse_policy(text: str, source: str) -> Policy:
    """A policy from the text of a YAML file; raises PolicyError with every problem found."""
    root, loader = compose(text, source)
    problems = Problems(source)
    top = mapping(root, At(1, ""), problems, TOP_KEYS) or {}
    for key in ("policy", "rules"):
        if key not in top:
            problems.add(At(1, ""), f"add a top-level `{key}:`")
    policy_id = _text(top.get("policy"), loader, problems, name=True)
    area = _area(top.get("area"), loader, problems)
    hours, risk = _defaults(top.get("defaults"), loader, problems)
    facts = dict(referral_facts())
    if area:
        facts["district"] = facts["district"].with_values((*area, OUT_OF_AREA))
    ctx = Context(loader, facts, problems)
    rules = _rules(top["rules"], ctx) if "rules" in top else []
    title = _text(top.get("title"), loader, problems) or policy_id
    problems.raise_if_any()
    return Policy(policy_id, title, source, area, hours, risk, tuple(rules))


def _text(
    entry: Entry | None, loader: yaml.SafeLoader, problems: Problems, name: bool = False
) -> str:
    if entry is None:
        return ""
    node, at = entry
    value = scalar(node, loader) if isinstance(node, yaml.ScalarNode) else None
    if not isinstance(value, str) or not value.strip():
        problems.add(at, "expected some text here")
        return ""
    if name and not _NAME.match(value):
        problems.add(at, f"{value!r}: use lower-case letters, digits and dashes, e.g. essex-2018")
    return value.strip()


def _area(entry: Entry | None, loader: yaml.SafeLoader, problems: Problems) -> tuple[str, ...]:
    if entry is None:
        return ()
    districts: list[str] = []
    for node, at in sequence(*entry, problems) or []:
        name = _text((node, at), loader, problems)
        if name in districts:
            problems.add(at, f"{name!r} is listed twice; keep one")
        elif name:
            districts.append(name)
    return tuple(districts)


def _defaults(
    entry: Entry | None, loader: yaml.SafeLoader, problems: Problems
) -> tuple[float, Risk]:
    hours, risk = 19.0, Risk.STANDARD
    if entry is None:
        return hours, risk
    parts = mapping(*entry, problems, ("hours", "risk")) or {}
    if "hours" in parts:
        value = scalar(parts["hours"][0], loader)
        if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
            hours = float(value)
        else:
            problems.add(parts["hours"][1], f"hours is a number above 0, not {value!r}")
    if "risk" in parts:
        value = scalar(parts["risk"][0], loader)
        if value in (r.value for r in Risk):
            risk = Risk(value)
        else:
            problems.add(parts["risk"][1], f"risk is standard or high, not {value!r}")
    return hours, risk


def _rules(entry: Entry, ctx: Context) -> list[Rule]:
    rules: list[Rule] = []
    seen: dict[str, int] = {}
    for node, at in sequence(*entry, ctx.problems) or []:
        rule = _rule(node, at, ctx)
        if rule is None:
            continue
        if rule.id in seen:
            msg = f"rule id {rule.id!r} is already used at line {seen[rule.id]}; rename one"
            ctx.problems.add(at, msg)
        seen[rule.id] = rule.line
        rules.append(rule)
    return rules


def _rule(node: yaml.Node, at: At, ctx: Context) -> Rule | None:
    parts = mapping(node, at, ctx.problems, RULE_KEYS)
    if parts is None:
        return None
    absent = [key for key in RULE_KEYS if key not in parts]
    if absent:
        ctx.problems.add(at, f"a rule needs {', '.join(RULE_KEYS)}; add {', '.join(absent)}")
        return None
    rule_id = _text(parts["id"], ctx.loader, ctx.problems, name=True)
    reason = _text(parts["reason"], ctx.loader, ctx.problems)
    condition = parse_condition(*parts["when"], ctx)
    outcome = parse_outcome(*parts["then"], ctx)
    if not rule_id or not reason or condition is None or outcome is None:
        return None
    holds = compile_condition(condition)
    record = Reason(rule=rule_id, text=reason)
    return Rule(rule_id, reason, condition, outcome, at.line, holds, record)
