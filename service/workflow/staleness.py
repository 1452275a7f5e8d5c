"""What changed in the store since a proposal was made, in words: the reasons a commit is
refused (409) when the store's fingerprint no longer matches the proposal's.

The proposal keeps the problem it solved (after its coordinator's controls, the re-opening of
lapsed pairs and, for a re-plan, the absence it plans around) and the pairs the store had.
`what_changed` compares that with the problem built from the store now, field by field, on
what none of those adjustments touch: the pairs as stored, which cases are open, each case's
needs, and each facilitator's availability, vetting, capacity, skills and places.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from models import Case, Facilitator, FieldError, Problem
from service.errors import ConflictError

REPLAN = "replan"
SOMETHING_ELSE = (
    "something else the solver reads changed (a facilitator's home, partners or travel "
    "limit, or a case's place)"
)

_CASE_FIELDS: tuple[tuple[str, str], ...] = (
    ("hours", "hours still to do"),
    ("priority", "priority"),
    ("requires", "needs"),
    ("district", "district"),
    ("prison", "prison"),
    ("location", "place"),
)
_FACILITATOR_FIELDS: tuple[tuple[str, str], ...] = (
    ("active", "active"),
    ("vetting_expires", "vetting expiry"),
    ("weekly_hours", "weekly hours"),
    ("max_cases", "most cases"),
    ("skills", "skills"),
    ("home", "home"),
    ("district", "district"),
    ("max_travel_km", "travel limit"),
    ("avoid_partners", "partners to avoid"),
    ("worked_well_with", "partners who worked well"),
    ("experienced", "experienced"),
)


class StaleProposalError(ConflictError):
    """A commit refused because the store changed since the proposal was made: the message
    says so, and `changed` lists what changed, one sentence each (each also a field error)."""

    def __init__(self, changed: list[str]) -> None:
        super().__init__(
            "/path/proposal_id",
            "cases, pairs or facilitators changed since this proposal was made; make a new one",
        )
        self.changed = changed

    @property
    def errors(self) -> list[FieldError]:
        return [FieldError(self.pointer, self.message)] + [
            FieldError(self.pointer, f"changed: {c}") for c in self.changed
        ]


def what_changed(
    then: Problem, pairs_then: dict[str, list[str]], kind: str, now: Problem
) -> list[str]:
    """Each difference between a proposal's problem (`then`, solved from the store's pairs
    `pairs_then`, a proposal of `kind`) and the store's problem `now`, as one sentence; the
    one sentence SOMETHING_ELSE when none of the fields compared here differ (called when the
    fingerprints differ: something did)."""
    found = [
        *_pairs(pairs_then, {c.id: list(c.current) for c in now.cases if c.current}),
        *_cases(then, now, kind),
        *_facilitators(then, now, kind),
    ]
    return found or [SOMETHING_ELSE]


def _pairs(before: dict[str, list[str]], after: dict[str, list[str]]) -> Iterator[str]:
    for cid in sorted(before.keys() | after.keys()):
        old, new = before.get(cid, []), after.get(cid, [])
        if set(old) == set(new):
            continue
        if not old:
            yield f"case {cid} was given a pair: {' and '.join(new)}"
        elif not new:
            yield f"case {cid} lost its pair ({' and '.join(old)})"
        else:
            yield f"case {cid}'s pair changed from {' and '.join(old)} to {' and '.join(new)}"


def _cases(then: Problem, now: Problem, kind: str) -> Iterator[str]:
    old = {c.id: c for c in then.cases}
    new = {c.id: c for c in now.cases}
    for cid in sorted(old.keys() - new.keys()):
        yield f"case {cid} was closed"
    if kind != REPLAN:  # a re-plan leaves out the cases waiting for a pair on purpose
        for cid in sorted(new.keys() - old.keys()):
            yield f"case {cid} was opened"
    for cid in sorted(old.keys() & new.keys()):
        yield from _fields(f"case {cid}", old[cid], new[cid], _CASE_FIELDS)


def _facilitators(then: Problem, now: Problem, kind: str) -> Iterator[str]:
    old = {f.id: f for f in then.facilitators}
    new = {f.id: f for f in now.facilitators}
    for fid in sorted(old.keys() - new.keys()):
        yield f"facilitator {fid} was removed"
    for fid in sorted(new.keys() - old.keys()):
        yield f"facilitator {fid} was added"
    for fid in sorted(old.keys() & new.keys()):
        a, b = old[fid], new[fid]
        yield from _fields(fid, a, b, _FACILITATOR_FIELDS)
        yield from _absences(fid, a, b, kind)


def _absences(fid: str, then: Facilitator, now: Facilitator, kind: str) -> Iterator[str]:
    before, after = set(then.unavailable), set(now.unavailable)
    for w in sorted(after - before, key=lambda w: w.start):
        yield f"{fid} was marked unavailable from {w.start} to {w.end}"
    if kind != REPLAN:  # a re-plan adds the absence it plans around to its own problem only
        for w in sorted(before - after, key=lambda w: w.start):
            yield f"{fid}'s absence from {w.start} to {w.end} was removed"


def _fields(
    who: str, then: Case | Facilitator, now: Case | Facilitator, fields: tuple[tuple[str, str], ...]
) -> Iterator[str]:
    for name, words in fields:
        a, b = getattr(then, name), getattr(now, name)
        if a != b:
            yield f"{who}: {words} changed from {_shown(a)} to {_shown(b)}"


def _shown(value: Any) -> str:
    if isinstance(value, frozenset | set | list):
        return ", ".join(sorted(str(v) for v in value)) or "none"
    if value is None:
        return "none"
    if hasattr(value, "model_dump"):
        return ", ".join(f"{k} {_shown(v)}" for k, v in value.model_dump().items() if v)
    return str(value)
