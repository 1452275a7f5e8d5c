"""The vocabulary of facts a policy may test, derived from `models.Referral`.

A fact is a field path such as `consent.victim` with a kind (bool, enum, text, number, date),
whether it may be null (not yet known), and for enums the allowed values. A few facts are
derived from the list of parties (`parties.prison`, `parties.count`). The vocabulary is data:
`vocabulary()` publishes it, with the operators, for a person or a user interface.
"""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from enum import Enum, StrEnum
from functools import cache
from operator import attrgetter
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from models import DecisionKind, RedirectTo, Referral, Risk, Skill


class Kind(StrEnum):
    """What sort of value a fact holds."""

    BOOL = "bool"
    ENUM = "enum"
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"


@dataclass(frozen=True)
class Fact:
    """One thing a rule can test about a referral."""

    path: str
    kind: Kind
    nullable: bool
    values: tuple[str, ...]
    description: str
    get: Callable[[Referral], Any]

    def with_values(self, values: tuple[str, ...]) -> Fact:
        """This fact as an enum of `values` (e.g. `district` limited to a policy's area)."""
        return replace(self, kind=Kind.ENUM, values=values)


# Field paths that name the document, not the case: no rule may depend on them.
_NOT_FACTS = frozenset({"format", "id"})

_DESCRIPTIONS = {
    "received": "the day the service received the referral",
    "referrer.organisation": "who referred the case",
    "route": "how the referral reached the service",
    "case_type": "the kind of harm or conflict",
    "offence": "free text, e.g. criminal damage",
    "flags.serious_complex": "a serious, complex offence, e.g. serious assault or homicide",
    "youth.under_18": "a participant is under 18",
    "consent.victim": "the victim consents; null = not yet sought",
    "consent.perpetrator": "the person who caused harm consents; null = not yet sought",
    "youth.youth_justice": "a young participant is on a youth caution or a YOT caseload",
    "responsibility_accepted": "the person who caused harm accepts (some) responsibility",
    "restorative_element": "something restorative is asked for (not, e.g., a bare letter)",
    "district": "the district the case is in, or out_of_area",
    "court": "none, pending (not yet sentenced) or sentenced",
}

_DERIVED: tuple[tuple[str, Kind, str, Callable[[Referral], Any]], ...] = (
    (
        "parties.prison",
        Kind.BOOL,
        "any party is held in a prison",
        lambda r: any(p.prison for p in r.parties),
    ),
    ("parties.count", Kind.NUMBER, "how many parties are named", lambda r: len(r.parties)),
)


def _kind_of(annotation: Any) -> tuple[Kind, bool, tuple[str, ...]] | None:
    """(kind, nullable, enum values) of a leaf annotation, or None when it is not a leaf."""
    args = get_args(annotation)
    nullable = False
    if get_origin(annotation) in (Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        nullable = len(inner) < len(args)
        if len(inner) != 1:
            return None
        annotation = inner[0]
    if annotation is bool:
        return Kind.BOOL, nullable, ()
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return Kind.ENUM, nullable, tuple(str(m.value) for m in annotation)
    if annotation is str:
        return Kind.TEXT, nullable, ()
    if annotation in (int, float):
        return Kind.NUMBER, nullable, ()
    if annotation is dt.date:
        return Kind.DATE, nullable, ()
    return None


def _walk(model: type[BaseModel], prefix: str) -> Iterator[Fact]:
    for name, field in model.model_fields.items():
        path = f"{prefix}{name}"
        if path in _NOT_FACTS:
            continue
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            yield from _walk(annotation, f"{path}.")
            continue
        leaf = _kind_of(annotation)
        if leaf is None:  # lists: their facts are derived below
            continue
        kind, nullable, values = leaf
        text = _DESCRIPTIONS.get(path, field.description or path.replace("_", " "))
        yield Fact(path, kind, nullable, values, text, attrgetter(path))


@cache
def referral_facts() -> dict[str, Fact]:
    """Every fact of a referral, by path, in the order of the referral format."""
    facts = {f.path: f for f in _walk(Referral, "")}
    for path, kind, text, get in _DERIVED:
        facts[path] = Fact(path, kind, False, (), text, get)
    return facts


@dataclass(frozen=True)
class Operator:
    """A comparison a condition may use, and the kinds of fact it applies to."""

    name: str
    kinds: frozenset[Kind]
    takes_list: bool
    description: str


_ALL = frozenset(Kind)
_ORDERED = frozenset({Kind.NUMBER, Kind.DATE})

OPERATORS: dict[str, Operator] = {
    op.name: op
    for op in (
        Operator("is", _ALL, False, "equals the value (null: not yet known)"),
        Operator("is_not", _ALL, False, "differs from the value"),
        Operator("in", _ALL, True, "is one of the listed values"),
        Operator("not_in", _ALL, True, "is none of the listed values"),
        Operator("at_least", _ORDERED, False, ">= the value"),
        Operator("at_most", _ORDERED, False, "<= the value"),
        Operator("above", _ORDERED, False, "> the value"),
        Operator("below", _ORDERED, False, "< the value"),
    )
}


def vocabulary() -> dict[str, Any]:
    """The facts, operators and outcomes a policy may use, as plain data (for a rule editor).

    Decisions are listed in precedence order: when several rules fire, the first wins.
    """
    return {
        "facts": [
            {
                "path": f.path,
                "kind": f.kind.value,
                "nullable": f.nullable,
                "values": list(f.values),
                "description": f.description,
            }
            for f in referral_facts().values()
        ],
        "operators": [
            {
                "name": op.name,
                "applies_to": sorted(k.value for k in op.kinds),
                "takes_list": op.takes_list,
                "description": op.description,
            }
            for op in OPERATORS.values()
        ],
        "combinators": ["all", "any", "not"],
        "decisions": [d.value for d in DecisionKind],
        "redirect_to": [r.value for r in RedirectTo],
        "skills": [s.value for s in Skill],
        "risk": [r.value for r in Risk],
        "requires": ["both", "either", "prison", "hours", "risk"],
    }
