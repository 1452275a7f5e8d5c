"""Referrals: receive (JSON or CSV), list and filter, screen under a named policy."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, UploadFile, status

from models import DecisionKind, Referral
from models.values import Day, EntityId, Name
from service.api.deps import GazetteerDep, Planner, Staff, UowDep
from service.api.schemas.common import AUTHED, PageOffset, error_responses
from service.api.schemas.referrals import ScreenIn
from service.workflow import csv_import, referrals
from service.workflow.schemas.referrals import ReferralImport, ReferralOut, ScreeningOut

router = APIRouter(prefix="/referrals", tags=["referrals"])


@router.post("", status_code=status.HTTP_201_CREATED, responses=error_responses(*AUTHED, 409))
def create_referral(body: Referral, user: Planner, uow: UowDep) -> ReferralOut:
    """Receive one referral (format rjplan.referral/1)."""
    return referrals.create(uow, user, body)


@router.post("/import", status_code=status.HTTP_201_CREATED, responses=error_responses(*AUTHED))
def import_referrals(file: UploadFile, user: Planner, uow: UowDep) -> ReferralImport:
    """Import a CSV of referrals (columns are JSON paths): all or none; every bad row listed.
    (A plain function: run in the thread pool, never on the event loop.)"""
    text = csv_import.decode(file.file.read(csv_import.MAX_BYTES + 1), "/body/file")
    return referrals.import_csv(uow, user, text)


@router.get("", responses=error_responses(*AUTHED))
def list_referrals(
    _user: Staff,
    uow: UowDep,
    district: Annotated[Name | None, Query(examples=["Braintree"])] = None,
    received_from: Annotated[Day | None, Query(examples=["2026-11-01"])] = None,
    decision: Annotated[DecisionKind | None, Query(examples=["accept"])] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: PageOffset = 0,
) -> list[ReferralOut]:
    """Referrals, oldest first, filtered by district, date received and current decision."""
    return referrals.listing(uow, district, received_from, decision, limit, offset)


@router.get("/{referral_id}", responses=error_responses(*AUTHED, 404))
def get_referral(referral_id: EntityId, _user: Staff, uow: UowDep) -> ReferralOut:
    """One referral with its current decision."""
    return referrals.get(uow, referral_id)


@router.post("/{referral_id}/screen", responses=error_responses(*AUTHED, 404))
def screen_referral(
    referral_id: EntityId,
    body: ScreenIn,
    user: Planner,
    uow: UowDep,
    gaz: GazetteerDep,
    request: Request,
) -> ScreeningOut:
    """Screen under a named policy; the decision is stored with its reasons; accept opens a case."""
    policies = request.app.state.policies
    return referrals.screen(uow, user, referral_id, body.policy, policies, gaz)
