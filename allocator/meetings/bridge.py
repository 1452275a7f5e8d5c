"""From committed pairs to a meetings problem: what the service plans after a commit.

The allocation problem knows each facilitator's home, skills and absences and each case's
place and prison, but not the parties' own details: a caller that knows a party's home gives
it in `party_homes` (the service's case file); any other party lives at the case location.
Both keep `party_availability`, and want home visits; the
harmer is in the case's prison when it has one. A case needing `dv` or `complex` skills is
high-risk. A prison the caller gives no details for gets DEFAULT_PRISON_SESSIONS.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from models.allocation import AllocationResult
from models.common import Location, Skill
from models.meetings import (
    MeetingCase,
    MeetingFacilitator,
    MeetingPrison,
    MeetingsProblem,
    MeetingVenue,
    PartyDetails,
    Pattern,
    Session,
    Weekday,
)
from models.problem import Case, Problem

DEFAULT_PATTERNS: Final = frozenset({Pattern.WEEKDAY_DAYTIME, Pattern.WEEKDAY_EVENING})
DEFAULT_PRISON_SESSIONS: Final = {
    Weekday.TUE: [Session.MORNING, Session.AFTERNOON],
    Weekday.THU: [Session.MORNING, Session.AFTERNOON],
}
HIGH_RISK_SKILLS: Final = frozenset({Skill.DV, Skill.COMPLEX})
PartyHomes = Mapping[str, Location]
"""A case's parties' own homes by role (victim, harmer); a role not in it lives at the case."""


def meetings_problem_for(
    problem: Problem,
    allocation: AllocationResult,
    venues: list[MeetingVenue],
    prisons: list[MeetingPrison] | None = None,
    facilitator_availability: frozenset[Pattern] = DEFAULT_PATTERNS,
    party_availability: frozenset[Pattern] = DEFAULT_PATTERNS,
) -> MeetingsProblem:
    """The meetings to plan for every allocated case of `allocation`."""
    return meetings_problem_for_pairs(
        problem,
        allocation.pairs(),
        venues,
        prisons,
        facilitator_availability=facilitator_availability,
        party_availability=party_availability,
    )


def meetings_problem_for_pairs(
    problem: Problem,
    pairs: Mapping[str, tuple[str, str]],
    venues: list[MeetingVenue],
    prisons: list[MeetingPrison] | None = None,
    party_homes: Mapping[str, PartyHomes] | None = None,
    facilitator_availability: frozenset[Pattern] = DEFAULT_PATTERNS,
    party_availability: frozenset[Pattern] = DEFAULT_PATTERNS,
) -> MeetingsProblem:
    """The meetings to plan for every case of `pairs` (case -> its pair); each party lives
    where `party_homes` says (case -> role -> home), or at the case's location."""
    cases = {c.id: c for c in problem.cases}
    homes = party_homes or {}
    people = {f for pair in pairs.values() for f in pair}
    return MeetingsProblem(
        as_of=problem.as_of,
        horizon_weeks=problem.horizon_weeks,
        facilitators=[
            MeetingFacilitator(
                id=f.id,
                home=f.home,
                skills=f.skills,
                unavailable=f.unavailable,
                availability=facilitator_availability,
            )
            for f in problem.facilitators
            if f.id in people
        ],
        cases=[
            _case(cases[cid], pair, party_availability, homes.get(cid, {}))
            for cid, pair in pairs.items()
        ],
        venues=venues,
        prisons=_prisons([cases[cid] for cid in pairs], prisons or []),
    )


def _prisons(cases: list[Case], given: list[MeetingPrison]) -> list[MeetingPrison]:
    """The given prisons, plus DEFAULT_PRISON_SESSIONS for any other a case names."""
    known = {p.name: p for p in given}
    for ref in (c.prison for c in cases):
        if ref is not None and ref.name not in known:
            where = Location(lat=ref.lat, lon=ref.lon)
            known[ref.name] = MeetingPrison(
                name=ref.name, location=where, sessions=DEFAULT_PRISON_SESSIONS
            )
    return list(known.values())


def _case(
    case: Case,
    pair: tuple[str, str],
    availability: frozenset[Pattern],
    homes: Mapping[str, Location],
) -> MeetingCase:
    needs = case.requires.both | case.requires.either
    prison = case.prison.name if case.prison else None
    victim = homes.get("victim", case.location)
    harmer = homes.get("harmer", case.location)
    return MeetingCase(
        id=case.id,
        facilitators=list(pair),
        risk="high" if needs & HIGH_RISK_SKILLS else "standard",
        area=case.district,
        victim=PartyDetails(home=victim, availability=availability),
        harmer=PartyDetails(home=harmer, availability=availability, prison=prison),
    )
