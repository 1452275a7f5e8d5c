"""The coordinator's morning board: the referrals that came in lately with their decisions, and
the proposal under review today. The board's actions (propose, pin, forbid, keep, re-solve,
commit, re-plan) are the allocation workflow's own (service.workflow.proposals and commit)."""

from __future__ import annotations

import datetime as dt

from service.errors import NotFoundError
from service.store.uow import UnitOfWork
from service.workflow import proposals, referrals
from service.workflow.schemas.proposals import ProposalOut
from service.workflow.schemas.referrals import ReferralOut

NEW_REFERRAL_DAYS = 14
"""A referral received this many days before the day or later is new on the board."""
NEW_REFERRALS_SHOWN = 100
RECENT_PROPOSALS = 20


def new_referrals(uow: UnitOfWork, day: dt.date) -> list[ReferralOut]:
    """Referrals received in the last NEW_REFERRAL_DAYS days (up to NEW_REFERRALS_SHOWN), the
    newest first, each with its current decision (none: not yet screened)."""
    since = day - dt.timedelta(days=NEW_REFERRAL_DAYS)
    found = referrals.listing(uow, None, since, None, NEW_REFERRALS_SHOWN, 0)
    return sorted(found, key=lambda r: (r.referral.received, r.referral.id), reverse=True)


def proposal(uow: UnitOfWork, pid: str) -> ProposalOut:
    """One proposal with its changes (404 for an unknown id)."""
    row = uow.proposals.get(pid)
    if row is None:
        raise NotFoundError("proposal", pid, "/path/proposal_id")
    return proposals.view(row)


def under_review(uow: UnitOfWork, day: dt.date) -> ProposalOut | None:
    """The proposal the board shows for `day`: the newest open one made for that day that no
    re-solve has replaced (none is its parent) and no commit has overtaken (made after the last
    commit); None when there is none."""
    rows = uow.proposals.recent(RECENT_PROPOSALS, 0)
    last_commit = max((r.committed_at for r in rows if r.committed_at), default=None)
    replaced = {r.parent_id for r in rows if r.parent_id}
    for row in rows:
        overtaken = last_commit is not None and row.created_at <= last_commit
        if row.status == "open" and row.as_of == day and row.id not in replaced and not overtaken:
            return proposals.view(row)
    return None
