"""From an accepted referral to a case the allocator can pair.

Priority (1-5) follows the Victims' Code idea that victims should not wait and that risk
matters: 1, plus 2 for a high-risk case, plus 1 for a hate crime, plus 1 when the referral has
waited more than ten days since it was received. The wait changes every day, so a service
stores the base and asks `priority_on` each morning. A service can change these rules here.
"""

from __future__ import annotations

import datetime as dt

from geo import Gazetteer
from models import Case, CaseRequirements, Decision, DecisionKind, InputError, PrisonRef, Referral
from models.decision import Risk

LONG_WAIT_DAYS = 10


def base_priority(referral: Referral, decision: Decision) -> int:
    """1-5 before any wait: higher for high risk and hate crime."""
    priority = 1
    if decision.requirements is not None and decision.requirements.risk is Risk.HIGH:
        priority += 2
    if referral.flags.hate_crime:
        priority += 1
    return min(priority, 5)


def priority_on(base: int, waiting_since: dt.date, as_of: dt.date) -> int:
    """A waiting case's priority on `as_of`: its base, plus one once it has waited more than
    LONG_WAIT_DAYS since `waiting_since` (the day the referral was received), at most 5."""
    long_wait = (as_of - waiting_since).days > LONG_WAIT_DAYS
    return min(base + int(long_wait), 5)


def case_priority(referral: Referral, decision: Decision, as_of: dt.date) -> int:
    """1-5 on `as_of`: higher for high risk, hate crime and long waits."""
    return priority_on(base_priority(referral, decision), referral.received, as_of)


def case_from_decision(
    referral: Referral, decision: Decision, gazetteer: Gazetteer, as_of: dt.date
) -> Case:
    """The case to allocate for an accepted referral, with its skills, hours and prison."""
    if decision.decision is not DecisionKind.ACCEPT or decision.requirements is None:
        raise InputError.single(
            referral.id,
            "/decision",
            f"referral {referral.id} was not accepted ({decision.decision}); only accepted "
            "referrals become cases",
        )
    req = decision.requirements
    prison = None
    if req.prison is not None:
        found = gazetteer.prison(req.prison, source=referral.id)
        prison = PrisonRef(name=found.name, lat=found.lat, lon=found.lon)
    return Case(
        id=referral.id,
        location=gazetteer.resolve(referral.location, source=referral.id),
        district=referral.district,
        requires=CaseRequirements(both=frozenset(req.both), either=frozenset(req.either)),
        hours=req.hours,
        priority=case_priority(referral, decision, as_of),
        prison=prison,
    )
