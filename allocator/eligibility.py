"""Person-level hard constraints: may facilitator f be on case c at all?

Each rule is a small named function returning a boolean matrix [facilitators x cases]; the
model creates a variable only where every rule allows it, and the explanations replay the same
rules, in the same order, to say which one emptied a case's pool. Pinned cases are exempt
(H10: the coordinator's override); they never get variables.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from allocator.facts import Facts
from models import Skill

BoolMatrix = NDArray[np.bool_]
SKILL_BITS = {skill: 1 << i for i, skill in enumerate(Skill)}


def _mask(skills: frozenset[Skill]) -> int:
    bits = 0
    for s in skills:
        bits |= SKILL_BITS[s]
    return bits


def h2_vetted_and_active(facts: Facts) -> BoolMatrix:
    """H2: forbids a facilitator who is inactive or whose vetting has expired by as_of."""
    return np.repeat(np.array(facts.vetted, dtype=bool)[:, None], len(facts.problem.cases), axis=1)


def h3_both_skills(facts: Facts) -> BoolMatrix:
    """H3 (per person): forbids a facilitator missing a skill the case needs of both."""
    have = np.array([_mask(f.skills) for f in facts.problem.facilitators], dtype=np.int64)
    need = np.array([_mask(c.requires.both) for c in facts.problem.cases], dtype=np.int64)
    return np.asarray((have[:, None] & need[None, :]) == need[None, :])


def h4_prison_clearance(facts: Facts) -> BoolMatrix:
    """H4: forbids a facilitator without prison clearance on a case held in a prison."""
    cleared = np.array([f.has(Skill.PRISON) for f in facts.problem.facilitators], dtype=bool)
    in_prison = np.array([c.prison is not None for c in facts.problem.cases], dtype=bool)
    return np.asarray(cleared[:, None] | ~in_prison[None, :])


def h5_room_for_the_case(facts: Facts, free_hours: list[int], free_cases: list[int]) -> BoolMatrix:
    """H5 (per person): forbids a case whose hours exceed the facilitator's free hours."""
    hours = np.array([facts.hours_scaled(c) for c in facts.problem.cases], dtype=np.int64)
    room = np.array(free_hours, dtype=np.int64)[:, None] >= hours[None, :]
    return np.asarray(room & (np.array(free_cases, dtype=np.int64)[:, None] >= 1))


def h6_starts_soon(facts: Facts) -> BoolMatrix:
    """H6: forbids a newcomer to a case who is away for all of the first start_within_days."""
    soon = np.repeat(
        np.array(facts.starts_soon, dtype=bool)[:, None], len(facts.problem.cases), axis=1
    )
    return soon | _current_matrix(facts)


def h7_travel_limit(facts: Facts) -> BoolMatrix:
    """H7: forbids a case further from home than the facilitator's max_travel_km."""
    limit = np.array(
        [
            np.inf if f.max_travel_km is None else f.max_travel_km
            for f in facts.problem.facilitators
        ],
        dtype=np.float64,
    )
    return np.asarray(facts.km <= limit[:, None] + 1e-9)


def h8_not_excluded(facts: Facts) -> BoolMatrix:
    """H8 (per person): forbids a facilitator named in the case's `exclude` list."""
    allowed = np.ones((len(facts.problem.facilitators), len(facts.problem.cases)), dtype=bool)
    for ci, case in enumerate(facts.problem.cases):
        for fid in case.exclude:
            allowed[facts.fac_index[fid], ci] = False
    return allowed


def _current_matrix(facts: Facts) -> BoolMatrix:
    on = np.zeros((len(facts.problem.facilitators), len(facts.problem.cases)), dtype=bool)
    for ci, case in enumerate(facts.problem.cases):
        for fid in case.current:
            on[facts.fac_index[fid], ci] = True
    return on


@dataclass(frozen=True)
class PersonRule:
    """A person-level rule with the words used when it empties a case's pool."""

    constraint: str
    words: str  # completes "no facilitator ... <words>"
    matrix: Callable[[Facts], BoolMatrix]


def person_rules(free_hours: list[int], free_cases: list[int]) -> list[PersonRule]:
    """Every person-level rule, in the order explanations replay them."""
    return [
        PersonRule("H2", "is active and vetted", h2_vetted_and_active),
        PersonRule("H3", "holds the skills both facilitators need", h3_both_skills),
        PersonRule("H4", "is cleared for prison visits", h4_prison_clearance),
        PersonRule("H7", "lives within their travel limit of the case", h7_travel_limit),
        PersonRule("H8", "is not excluded from the case", h8_not_excluded),
        PersonRule("H6", "can start within the first days", h6_starts_soon),
        PersonRule(
            "H5",
            "has room for the case's hours",
            lambda facts: h5_room_for_the_case(facts, free_hours, free_cases),
        ),
    ]


def eligible_matrix(facts: Facts, rules: list[PersonRule]) -> BoolMatrix:
    """True where every person-level rule allows facilitator f on case c."""
    allowed = np.ones((len(facts.problem.facilitators), len(facts.problem.cases)), dtype=bool)
    for rule in rules:
        allowed &= rule.matrix(facts)
    return allowed
