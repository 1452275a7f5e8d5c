"""Committing a meetings plan: one transaction, idempotent, refused when its input changed.

Like a pair commit (commit.py) it first takes the commit lock, so it never interleaves with a
pair commit, and locks the rows of the facilitators the plan was made for (SELECT ... FOR
UPDATE on PostgreSQL, as the pair commit does); then it rebuilds the plan's input from the
store on the plan's day and compares fingerprints: a pair committed or ended, or a facilitator,
venue, prison or party's address changed, since the plan was made means the plan may no
longer hold (409, make a new plan).
"""

from __future__ import annotations

from geo import Gazetteer
from service.errors import ConflictError
from service.store import tables as t
from service.store.mapping import fingerprint
from service.store.uow import UnitOfWork
from service.workflow.auth import Principal
from service.workflow.idempotency import first_answer
from service.workflow.meetings import PLAN_POINTER, existing, meetings_problem
from service.workflow.schemas.meetings import MeetingCommitOut


def commit(
    uow: UnitOfWork, who: Principal, plan_id: str, key: str | None, gaz: Gazetteer
) -> MeetingCommitOut:
    """Make a proposed plan the committed one; a retry with the same key repeats the answer."""
    uow.proposals.lock_commits()
    if key:
        earlier = uow.meetings.idempotency(key)
        repeated = first_answer(earlier, "plan_id", plan_id, "meetings plan")
        if repeated is not None:
            return MeetingCommitOut.model_validate(repeated)
    plan = existing(uow, plan_id)
    # the facilitators the plan was made for: no change to them until this commit is in
    uow.facilitators.lock(str(f["id"]) for f in plan.problem.get("facilitators", []))
    if plan.status != "proposed":
        raise ConflictError(
            PLAN_POINTER,
            f"the plan was {plan.status} at {plan.committed_at} by {plan.committed_by}; "
            "make a new plan",
        )
    if fingerprint(meetings_problem(uow, plan.as_of, gaz)[0]) != plan.fingerprint:
        raise ConflictError(
            PLAN_POINTER,
            "committed pairs, their cases or their facilitators changed since this plan was "
            "made; make a new plan (POST /meetings/plans)",
        )
    answer = _finish(uow, who, plan, key)
    uow.commit()
    return answer


def _finish(
    uow: UnitOfWork, who: Principal, plan: t.MeetingPlan, key: str | None
) -> MeetingCommitOut:
    now = uow.clock.now()
    plan.status, plan.committed_at, plan.committed_by = "committed", now, who.username
    placed = len(plan.schedule.get("meetings", []))
    unplaced = len(plan.schedule.get("unplaced", []))
    answer = MeetingCommitOut(
        plan=plan.id, committed_at=now, committed_by=who.username, placed=placed, unplaced=unplaced
    )
    cases = sorted({str(m["case"]) for m in plan.schedule.get("meetings", [])})
    summary = {"as_of": plan.as_of.isoformat(), "placed": placed, "unplaced": unplaced}
    uow.audit.record(who.username, "commit", "meeting_plan", plan.id, summary | {"cases": cases})
    if key:
        uow.meetings.add(
            t.MeetingPlanKey(
                key=key, plan_id=plan.id, response=answer.model_dump(mode="json"), created_at=now
            )
        )
    return answer
