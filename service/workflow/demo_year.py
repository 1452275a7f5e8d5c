"""The demo year in the store: the plan of scenarios.demo_year carried out act by act through
the service's own workflow (receive, screen, review, parties, contacts, close, outcome, actions,
feedback), each on its day, on a clock moved from act to act, as a coordinator would have done
it. The only rows not written by a use case are the pairs (the allocator's proposals would need
a solve per case): they are added as the demo loader adds them, with their audit line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import rules
from geo import Gazetteer
from scenarios import demo_year as y
from service.clock import FixedClock
from service.store import tables as t
from service.store.uow import UnitOfWork
from service.workflow import (
    case_changes,
    contacts,
    feedback,
    outcomes,
    parties,
    referral_updates,
    referrals,
)
from service.workflow.auth import Principal, Role
from service.workflow.schemas.casefile import ContactIn, PartyDetails, PartyIn, ReferralReviewIn
from service.workflow.schemas.cases import CloseIn
from service.workflow.schemas.outcomes import (
    ActionIn,
    ComplaintIn,
    ComplaintResolved,
    EmpathyIn,
    EvaluationIn,
    OnwardIn,
    ReferrerFeedbackIn,
)

WORKING_HOURS_START = dt.time(9, 0)
YEAR_ACTOR = "coordinator"
"""The demo coordinator (service.workflow.demo.demo_logins) does the year's work."""


@dataclass(frozen=True)
class YearLoaded:
    """What the year put in the store."""

    referrals: int
    cases: int
    acts: int


class _Replay:
    def __init__(self, uow: UnitOfWork, clock: FixedClock, who: Principal, plan: y.YearPlan):
        self.uow, self.clock, self.who, self.plan = uow, clock, who, plan
        self.policies = {plan.policy: rules.load_policy(plan.policy)}
        self.party_ids: dict[tuple[str, int], int] = {}
        self.action_ids: dict[int, int] = {}
        self.complaint_ids: dict[str, int] = {}
        self.gazetteer: Gazetteer | None = None
        self.day: dt.date | None = None
        self.minute = 0

    def at(self, day: dt.date) -> None:
        """Move the clock to the next minute of `day`'s working hours."""
        self.minute = self.minute + 1 if day == self.day else 0
        self.day = day
        target = dt.datetime.combine(day, WORKING_HOURS_START) + dt.timedelta(minutes=self.minute)
        self.clock.advance(target - self.clock.now())

    def party(self, act: y.Act, key: int | None) -> int | None:
        return None if key is None else self.party_ids[(act.case, key)]

    def run(self, act: y.Act) -> None:
        self.at(act.on)
        handler = _HANDLERS[type(act)]
        handler(self, act)


def _receive(r: _Replay, act: Any) -> None:
    referrals.create(r.uow, r.who, act.referral)


def _screen(r: _Replay, act: Any) -> None:
    assert r.gazetteer is not None
    referrals.screen(r.uow, r.who, act.case, r.plan.policy, r.policies, r.gazetteer)


def _review(r: _Replay, act: Any) -> None:
    body = ReferralReviewIn(review_on=act.review_on, reason=act.reason)
    referral_updates.set_review(r.uow, r.who, act.case, body)


def _resubmit(r: _Replay, act: Any) -> None:
    assert r.gazetteer is not None
    referral_updates.update_and_screen(
        r.uow, r.who, act.case, act.referral, r.plan.policy, r.policies, r.gazetteer
    )


def _add_party(r: _Replay, act: Any) -> None:
    details = PartyDetails(name=act.name, phone=act.phone, email=act.email)
    body = PartyIn(
        role=act.role,
        age_band=act.age_band,
        channel=act.channel,
        supports=r.party(act, act.supports),
        details=details,
    )
    r.party_ids[(act.case, act.key)] = parties.add(r.uow, r.who, act.case, body).id


def _contact(r: _Replay, act: Any) -> None:
    body = ContactIn(
        counterpart=act.counterpart,
        party=r.party(act, act.party),
        kind=act.kind,
        purpose=act.purpose,
        made_on=act.on,
        outcome=act.outcome,
        notes=act.notes,
    )
    contacts.log(r.uow, r.who, act.case, body)


def _allocate(r: _Replay, act: Any) -> None:
    a, b = act.pair
    uow = r.uow
    uow.pairs.add(t.Pair(case_id=act.case, facilitator_a=a, facilitator_b=b, started_on=act.on))
    uow.audit.record(r.who.username, "pair", "case", act.case, {"facilitators": [a, b]})
    uow.commit()


def _close(r: _Replay, act: Any) -> None:
    body = CloseIn(
        outcome=act.outcome,
        declined_by=act.declined_by,
        method=act.method,
        closed_on=act.on,
        pair_went_well=True if act.method is not None else None,
    )
    if r.uow.pairs.current_of(act.case) is None:
        body = body.model_copy(update={"pair_went_well": None})
    case_changes.close(r.uow, r.who, act.case, body)


def _agree(r: _Replay, act: Any) -> None:
    body = ActionIn(description=act.description, owner=act.owner, due=act.due)
    r.action_ids[act.key] = outcomes.add_action(r.uow, r.who, act.case, body).id


def _done(r: _Replay, act: Any) -> None:
    outcomes.action_done(r.uow, r.who, act.case, r.action_ids[act.key], act.on)


def _refer_on(r: _Replay, act: Any) -> None:
    body = OnwardIn(party=r.party(act, act.party), agency=act.agency, on=act.on)
    outcomes.add_onward(r.uow, r.who, act.case, body)


def _empathy(r: _Replay, act: Any) -> None:
    party = r.party(act, act.party)
    assert party is not None
    body = EmpathyIn(party=party, stage=act.stage, score=act.score, taken_on=act.on)
    feedback.empathy(r.uow, r.who, act.case, body)


def _evaluation(r: _Replay, act: Any) -> None:
    party = r.party(act, act.party)
    assert party is not None
    body = EvaluationIn(
        party=party,
        received_on=act.on,
        satisfaction=act.satisfaction,
        facilitator_rating=act.facilitator_rating,
        positive_outcome=act.positive_outcome,
        felt_better=act.felt_better,
        would_recommend=act.would_recommend,
        impact=act.impact,
        comments=act.comments,
    )
    feedback.evaluate(r.uow, r.who, act.case, body)


def _referrer_feedback(r: _Replay, act: Any) -> None:
    body = ReferrerFeedbackIn(
        received_on=act.on,
        kept_updated=act.kept_updated,
        effectiveness=act.effectiveness,
        would_refer_again=act.would_refer_again,
        would_recommend=act.would_refer_again,
    )
    feedback.referrer(r.uow, r.who, act.case, body)


def _complaint(r: _Replay, act: Any) -> None:
    body = ComplaintIn(party=r.party(act, act.party), received_on=act.on, summary=act.summary)
    feedback.complain(r.uow, r.who, act.case, body)
    rows = r.uow.casefile.of_case(t.Complaint, act.case)
    r.complaint_ids[act.case] = rows[-1].id


def _resolve(r: _Replay, act: Any) -> None:
    body = ComplaintResolved(resolved_on=act.on, resolution=act.resolution, upheld=act.upheld)
    feedback.resolve(r.uow, r.who, act.case, r.complaint_ids[act.case], body)


_HANDLERS: dict[type[y.Act], Callable[[_Replay, Any], None]] = {
    y.Receive: _receive,
    y.Screen: _screen,
    y.SetReview: _review,
    y.Resubmit: _resubmit,
    y.AddParty: _add_party,
    y.Contact: _contact,
    y.Allocate: _allocate,
    y.Close: _close,
    y.Agree: _agree,
    y.Done: _done,
    y.ReferOn: _refer_on,
    y.Empathy: _empathy,
    y.Evaluation: _evaluation,
    y.ReferrerFeedback: _referrer_feedback,
    y.Complaint: _complaint,
    y.Resolve: _resolve,
}


def load_year(
    uow: UnitOfWork,
    facilitators: Sequence[tuple[str, bool]],
    gazetteer: Gazetteer,
    seed: int,
) -> YearLoaded:
    """Play the demo year before the unit of work's today into its store (see `replay`)."""
    plan = y.plan_year(uow.clock.today(), facilitators, gazetteer, seed)
    return replay(uow, plan, gazetteer, seed)


def replay(uow: UnitOfWork, plan: y.YearPlan, gazetteer: Gazetteer, seed: int) -> YearLoaded:
    """Carry out a plan's acts through the use cases, each on its day (a clock of its own),
    in one transaction; the demo coordinator must exist (service.workflow.demo)."""
    user = uow.users.by_username(YEAR_ACTOR)
    if user is None:
        raise LookupError(f"the demo user {YEAR_ACTOR!r} is not in the store; load the demo first")
    who = Principal(user.id, user.username, Role(user.role), None)
    clock = FixedClock(dt.datetime.combine(plan.start, WORKING_HOURS_START))
    real = uow.clock
    uow.clock, uow.audit.clock = clock, clock
    try:
        run = _Replay(uow, clock, who, plan)
        run.gazetteer = gazetteer
        with uow.one_transaction():
            for act in plan.acts:
                run.run(act)
            opened = sum(1 for a in plan.acts if isinstance(a, y.AddParty) and a.key == 1)
            about = {"seed": seed, "acts": len(plan.acts), "from": plan.start.isoformat()}
            uow.audit.record(who.username, "load", "demo", "year", about)
    finally:
        uow.clock, uow.audit.clock = real, real
    return YearLoaded(referrals=len(plan.referrals), cases=opened, acts=len(plan.acts))
