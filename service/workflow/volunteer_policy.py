"""The volunteer policy in force: RJC defaults until a manager sets one; every change audited."""

from __future__ import annotations

from rules.volunteering import VolunteerPolicy
from service.store import tables as t
from service.store.uow import UnitOfWork
from service.workflow.audit import diff
from service.workflow.auth import Principal
from service.workflow.schemas.volunteers import PolicyOut

ENTITY = "volunteer_policy"


def in_force(uow: UnitOfWork) -> VolunteerPolicy:
    """The policy set last, or the defaults."""
    row = uow.volunteers.policy()
    return VolunteerPolicy() if row is None else VolunteerPolicy.model_validate(row.document)


def show(uow: UnitOfWork) -> PolicyOut:
    """The policy in force with who set it and when (null for the defaults)."""
    row = uow.volunteers.policy()
    if row is None:
        return PolicyOut(policy=VolunteerPolicy(), set_by=None, set_at=None)
    return PolicyOut(
        policy=VolunteerPolicy.model_validate(row.document), set_by=row.set_by, set_at=row.set_at
    )


def put(uow: UnitOfWork, who: Principal, policy: VolunteerPolicy) -> PolicyOut:
    """Set the policy (a new version; the old ones stay for the record); audited."""
    before = in_force(uow).model_dump(mode="json")
    document = policy.model_dump(mode="json")
    uow.volunteers.add(
        t.VolunteerPolicyRecord(document=document, set_by=who.username, set_at=uow.clock.now())
    )
    uow.audit.record(who.username, "set", ENTITY, "in_force", diff(before, document))
    uow.commit()
    return show(uow)
