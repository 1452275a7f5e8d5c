"""Screening policies: which exist and which is in force (a change is audited)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from service.api.deps import Overseer, Staff, UowDep
from service.api.schemas.common import AUTHED, error_responses
from service.api.schemas.referrals import PoliciesOut, PolicyIn
from service.workflow import referrals

router = APIRouter(prefix="/policies", tags=["referrals"])


@router.get("", responses=error_responses(*AUTHED))
def list_policies(_user: Staff, uow: UowDep, request: Request) -> PoliciesOut:
    """The shipped screening policies and the one in force."""
    policies = request.app.state.policies
    return PoliciesOut(policies=sorted(policies), in_force=referrals.in_force(uow, policies))


@router.put("/in-force", responses=error_responses(*AUTHED))
def set_policy(body: PolicyIn, user: Overseer, uow: UowDep, request: Request) -> PoliciesOut:
    """Put another shipped policy in force (admins and managers)."""
    policies = request.app.state.policies
    referrals.set_in_force(uow, user, body.policy, sorted(policies))
    return PoliciesOut(policies=sorted(policies), in_force=body.policy)
