"""Held and needs-information referrals: when to look at them again, and an update that is
screened again at once. Every decision stays (the latest is current); the document before an
update is kept in referral_versions."""

from __future__ import annotations

from collections.abc import Mapping

import rules
from geo import Gazetteer
from models import DecisionKind, Referral
from service.errors import ConflictError, InputError, NotFoundError
from service.store import tables as t
from service.store.uow import UnitOfWork
from service.workflow import referrals
from service.workflow.auth import Principal
from service.workflow.case_access import planner
from service.workflow.schemas.casefile import ReferralReviewIn, ReferralReviewOut
from service.workflow.schemas.referrals import ScreeningOut

WAITING = frozenset({DecisionKind.HOLD.value, DecisionKind.NEEDS_INFO.value})
POINTER = "/path/referral_id"


def set_review(
    uow: UnitOfWork, who: Principal, rid: str, body: ReferralReviewIn
) -> ReferralReviewOut:
    """Set the day a held or needs-information referral is to be looked at again."""
    planner(who, "setting a referral's review")
    _waiting(uow, rid)
    if body.review_on < uow.clock.today():
        raise InputError.single("review", "/body/review_on", "a review is today or later")
    row = uow.reviews.get(rid)
    if row is None:
        row = t.ReferralReview(referral_id=rid)
        uow.reviews.add(row)
    row.review_on, row.reason = body.review_on, body.reason
    row.set_at, row.set_by = uow.clock.now(), who.username
    changes = {"review_on": body.review_on.isoformat(), "reason": body.reason}
    uow.audit.record(who.username, "review", "referral", rid, changes)
    uow.commit()
    return ReferralReviewOut(
        referral_id=rid, review_on=row.review_on, reason=row.reason, set_by=who.username
    )


def update_and_screen(
    uow: UnitOfWork,
    who: Principal,
    rid: str,
    referral: Referral,
    policy_id: str | None,
    policies: Mapping[str, rules.Policy],
    gazetteer: Gazetteer,
) -> ScreeningOut:
    """Replace a held or needs-information referral's document and screen it again; the old
    document and decision are kept. A review set for it ends when it is no longer waiting."""
    planner(who, "updating a referral")
    row = _waiting(uow, rid)
    if referral.id != rid:
        raise InputError.single("referral", "/body/id", f"the body's id must be {rid!r}")
    policy = referrals.choose_policy(uow, policy_id, policies)
    errors = policy.referral_errors(referral)
    if errors:
        raise InputError("referral", [type(e)(f"/body{e.pointer}", e.message) for e in errors])
    uow.referrals.add(
        t.ReferralVersion(
            referral_id=rid,
            document=row.document,
            replaced_at=uow.clock.now(),
            replaced_by=who.username,
        )
    )
    row.document = referral.model_dump(mode="json")
    row.received, row.district = referral.received, referral.district
    uow.audit.record(who.username, "update", "referral", rid, {"district": referral.district})
    screened = referrals.screen(uow, who, rid, policy.id, policies, gazetteer)
    if screened.decision.decision.value not in WAITING:
        review = uow.reviews.get(rid)
        if review is not None:
            uow.session.delete(review)
            uow.commit()
    return screened


def _waiting(uow: UnitOfWork, rid: str) -> t.Referral:
    row = uow.referrals.get(rid)
    if row is None:
        raise NotFoundError("referral", rid, POINTER)
    decision = uow.referrals.latest_decisions([rid]).get(rid)
    if decision is None or decision.outcome not in WAITING:
        now = decision.outcome if decision else "not screened"
        raise ConflictError(
            POINTER, f"referral {rid} is {now}; only a held or needs_info referral waits"
        )
    return row
