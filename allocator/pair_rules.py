"""Who may work with whom: the pair-level rules of one case, written once.

Every pair-level rule is a group of the case's candidates and what a pair asks of it:
- H3 (either): at least one of the pair holds the skill: at least one of its holders;
- H8 (avoid): not both of two who name each other in `avoid_partners`;
- H9: at least one of the pair is experienced: not both of the newer volunteers;
- keep: the facilitator the coordinator keeps is in the pair: at least one of {them}.

So a group asks for "at least one member" (`Need.ONE`) or "not both" (`Need.NOT_BOTH`), and
each reader takes the same groups in its own form: the CP-SAT model (constraints.py) and the
LP (relaxation.py) as one row over the case's variables, sum(x of the group) - y within
`Group.bounds`; the greedy, the LP's rounding and the alternatives as `CaseRules.allows` on a
pair; the one-case enumeration (single.py) as `CaseRules.allowed` on arrays of pairs; the
explanations as `CaseRules.shortfall`, a group that no two of the pool can meet. Person-level
rules (H2, H3 both, H4-H8 exclude) decide who is a candidate at all (eligibility.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import numpy as np
from numpy.typing import NDArray

from allocator.facts import Facts
from models.common import SKILL_NAMES

IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]
INT64_BITS = 62  # groups a case may have before its bit sets leave int64 for Python ints


class Need(Enum):
    """What a pair asks of a group of candidates."""

    ONE = "at least one"  # sum(x) >= y
    NOT_BOTH = "not both"  # sum(x) <= y


@dataclass(frozen=True)
class Group:
    """One pair-level rule of a case: its constraint, what it asks and of whom (facilitator
    indices, candidates of the case only), and the sentence for a pool that cannot meet it
    (`{n}`: the size of the pool)."""

    constraint: str
    need: Need
    members: tuple[int, ...]
    shortfall: str
    about: int | None = None  # keep: the facilitator kept (a candidate or not)

    def bounds(self) -> tuple[int | None, int | None]:
        """Bounds on sum(x of the members) - y, the case's row in the CP-SAT model and the LP
        (None: unbounded on that side)."""
        return (0, None) if self.need is Need.ONE else (None, 0)

    def unmet_by(self, pool: Sequence[int]) -> bool:
        """True when no two of `pool` meet this group."""
        inside = sum(1 for fi in pool if fi in self.members)
        return inside == 0 if self.need is Need.ONE else inside == len(pool)


@dataclass(frozen=True)
class CaseRules:
    """The groups of one case, and the same groups as bit sets for testing pairs quickly."""

    groups: tuple[Group, ...]
    bits: dict[int, int] = field(init=False)
    need: int = field(init=False)  # bits of the "at least one" groups
    apart: int = field(init=False)  # bits of the "not both" groups

    def __post_init__(self) -> None:
        bits: dict[int, int] = {}
        need = apart = 0
        for k, group in enumerate(self.groups):
            if group.need is Need.ONE:
                need |= 1 << k
            else:
                apart |= 1 << k
            for fi in group.members:
                bits[fi] = bits.get(fi, 0) | 1 << k
        object.__setattr__(self, "bits", bits)
        object.__setattr__(self, "need", need)
        object.__setattr__(self, "apart", apart)

    def allows(self, a: int, b: int) -> bool:
        """True when the pair of facilitators a and b (distinct) meets every group."""
        return bool(_meets(self.bits.get(a, 0), self.bits.get(b, 0), self.need, self.apart))

    def allowed(self, facs: IntArray, a: IntArray, b: IntArray) -> BoolArray:
        """`allows` for many pairs at once: pair k is facs[a[k]] and facs[b[k]]."""
        kind: Any = np.int64 if len(self.groups) <= INT64_BITS else object
        bits = np.array([self.bits.get(int(fi), 0) for fi in facs], dtype=kind)
        return np.asarray(_meets(bits[a], bits[b], self.need, self.apart), dtype=bool)

    def shortfall(self, pool: Sequence[int]) -> Group | None:
        """The first group no two of `pool` can meet (None: each can be met on its own)."""
        return next((g for g in self.groups if g.unmet_by(pool)), None)


def _meets(a: Any, b: Any, need: int, apart: int) -> Any:
    """Every "at least one" group has a member in the pair, no "not both" group has both
    (bit sets as Python ints or numpy arrays)."""
    return (((a | b) & need) == need) & ((a & b & apart) == 0)


def case_rules(facts: Facts, ci: int, candidates: Sequence[int]) -> CaseRules:
    """The pair-level rules of case `ci` over its candidates (facilitator indices)."""
    people, case = facts.problem.facilitators, facts.problem.cases[ci]
    mine = set(candidates)
    groups: list[Group] = []
    for skill in sorted(case.requires.either):
        holders = tuple(fi for fi in candidates if people[fi].has(skill))
        groups.append(Group("H3", Need.ONE, holders, _none_is(SKILL_NAMES[skill])))
    novices = tuple(fi for fi in candidates if not people[fi].experienced)
    if len(novices) > 1:
        text = _none_is("experienced; a pair needs one")
        groups.append(Group("H9", Need.NOT_BOTH, novices, text))
    for fid in case.keep:
        fi = facts.fac_index[fid]
        text = f"{fid}, whom the coordinator asked to keep, cannot take this case."
        groups.append(Group("keep", Need.ONE, (fi,) if fi in mine else (), text, fi))
    for a in sorted(mine):
        for b in sorted(facts.avoiding.get(a, frozenset()) & mine):
            if a < b:
                text = f"{people[a].id} and {people[b].id} are the only two and avoid each other."
                groups.append(Group("H8", Need.NOT_BOTH, (a, b), text))
    return CaseRules(tuple(groups))


def _none_is(words: str) -> str:
    return f"none of the {{n}} eligible facilitators is {words}."
