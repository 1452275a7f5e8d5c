"""Referrals as a coordinator types them (a partner's email or phone call) or uploads them: a
typed referral is checked whole before anything is written, stored and screened under the
policy in force; a CSV is previewed row by row, with every error, before its import."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import rules
from geo import Gazetteer
from geo.resolve import resolve_referral
from models import InputError, Referral
from rules.policy import OUT_OF_AREA
from service.errors import ConflictError
from service.store.uow import UnitOfWork
from service.workflow import referrals
from service.workflow.auth import Principal
from service.workflow.schemas.board import ImportPreview, PreviewRow, RowError
from service.workflow.schemas.referrals import ScreeningOut


def districts(uow: UnitOfWork, policies: Mapping[str, rules.Policy]) -> list[str]:
    """The districts the policy in force serves, then OUT_OF_AREA: the intake form's choice."""
    policy = referrals.choose_policy(uow, None, policies)
    return [*policy.area, OUT_OF_AREA]


def receive(
    uow: UnitOfWork,
    who: Principal,
    referral: Referral,
    policies: Mapping[str, rules.Policy],
    gazetteer: Gazetteer,
) -> ScreeningOut:
    """Store a typed referral and screen it under the policy in force (an accepted one opens
    its case). Everything screening and opening the case need is checked first (a district the
    policy serves, a known outcode and prison, an id not taken): a bad referral is a 4xx
    naming each field, with nothing written."""
    policy = referrals.choose_policy(uow, None, policies)
    errors = policy.referral_errors(referral)
    if errors:
        raise InputError("referral", errors)
    resolve_referral(referral, gazetteer, "referral")  # an unknown outcode: named, not stored
    for i, party in enumerate(referral.parties):
        if party.prison:
            gazetteer.prison(party.prison, "referral", f"/parties/{i}/prison")
    if uow.referrals.get(referral.id) is not None:
        raise ConflictError("/id", f"referral {referral.id!r} exists; give a new reference")
    referrals.create(uow, who, referral)
    return referrals.screen(uow, who, referral.id, policy.id, policies, gazetteer)


def preview_csv(uow: UnitOfWork, text: str) -> ImportPreview:
    """What importing this CSV would store (each row's referral) and every error that would
    stop it, without writing anything."""
    rows, errors = referrals.check_csv(uow, text)
    return ImportPreview(
        rows=[PreviewRow(row=place, referral=referral) for place, referral in rows],
        errors=[RowError(where=e.pointer, message=e.message) for e in errors],
    )


MAX_SCREENED = 1000
"""The most referrals screened in one request."""


def screen_unscreened(
    uow: UnitOfWork,
    who: Principal,
    ids: Sequence[str],
    policies: Mapping[str, rules.Policy],
    gazetteer: Gazetteer,
) -> list[ScreeningOut]:
    """Screen those of these referrals that have no decision yet under the policy in force
    (after an import); those screened already are left as they are."""
    decided = uow.referrals.latest_decisions(ids)
    policy = referrals.choose_policy(uow, None, policies)
    return [
        referrals.screen(uow, who, rid, policy.id, policies, gazetteer)
        for rid in dict.fromkeys(ids)
        if rid not in decided
    ]
