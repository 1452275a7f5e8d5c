"""The case file's contributions to the worklist: clocks due or overdue, held referrals to
review, agreed actions not done, and cases whose pair's vetting has lapsed. Each source takes
the unit of work and the day and yields WorkItems; service.workflow.worklist registers them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from rules.timeliness import ClockState
from rules.working_days import add_working_days
from service.store.uow import UnitOfWork
from service.workflow import clocks
from service.workflow.schemas.worklist import Urgency, WorkItem

SOON_WORKING_DAYS = 3
"""An item shows this many working days before it is due."""
CLOSED_CLOCKS_DAYS = 60
"""Cases closed this many days ago or less still have clocks running (referrer, evaluation)."""
WAITING = ("hold", "needs_info")


def urgency(due: dt.date, day: dt.date) -> Urgency | None:
    """Overdue, due today, due soon (within SOON_WORKING_DAYS), or None: not yet shown."""
    if due < day:
        return Urgency.OVERDUE
    if due == day:
        return Urgency.DUE_TODAY
    if due <= add_working_days(day, SOON_WORKING_DAYS):
        return Urgency.DUE_SOON
    return None


def clock_items(uow: UnitOfWork, day: dt.date) -> Iterator[WorkItem]:
    """Every clock not yet met that is overdue, due today or due soon."""
    ids = uow.casefile.case_ids_with_clocks(day - dt.timedelta(days=CLOSED_CLOCKS_DAYS))
    for cid, running in clocks.of_cases(uow, uow.cases.by_ids(ids), day).items():
        for clock in running:
            if clock.state not in (ClockState.DUE, ClockState.OVERDUE):
                continue
            level = urgency(clock.due, day)
            if level is None:
                continue
            yield WorkItem(
                kind=f"clock:{clock.rule.id}",
                subject="case",
                subject_id=cid,
                due=clock.due,
                urgency=level,
                title=f"{clock.rule.title} (case {cid}, since {clock.started})",
                action=clock.rule.action,
                link=f"/cases/{cid}",
            )


def hold_reviews(uow: UnitOfWork, day: dt.date) -> Iterator[WorkItem]:
    """Held and needs-information referrals whose review day has come or is near."""
    horizon = add_working_days(day, SOON_WORKING_DAYS)
    reviews = uow.reviews.due_by(horizon)
    current = uow.referrals.latest_decisions(r.referral_id for r in reviews)
    for review in reviews:
        decision = current.get(review.referral_id)
        level = urgency(review.review_on, day)
        if decision is None or decision.outcome not in WAITING or level is None:
            continue
        yield WorkItem(
            kind="hold_review",
            subject="referral",
            subject_id=review.referral_id,
            due=review.review_on,
            urgency=level,
            title=f"Referral {review.referral_id} is {decision.outcome}: {review.reason}",
            action="Update the referral and screen it again, or set a later review day",
            link=f"/referrals/{review.referral_id}",
        )


def agreement_actions(uow: UnitOfWork, day: dt.date) -> Iterator[WorkItem]:
    """Actions of agreed outcomes not done by their day (or due soon)."""
    for action in uow.casefile.open_actions_due_by(add_working_days(day, SOON_WORKING_DAYS)):
        level = urgency(action.due, day)
        if level is None:
            continue
        yield WorkItem(
            kind="agreement_action",
            subject="case",
            subject_id=action.case_id,
            due=action.due,
            urgency=level,
            title=f"Agreed action {action.id} of case {action.case_id} ({action.owner})",
            action="Check the action was done and mark it done, or follow it up",
            link=f"/cases/{action.case_id}/file",
        )


def vetting_blocks(uow: UnitOfWork, day: dt.date) -> Iterator[WorkItem]:
    """Open cases whose current pair has a facilitator whose vetting lapses by soon: the case
    cannot go on with them (H2)."""
    lapsing = uow.facilitators.vetting_lapsing_by(add_working_days(day, SOON_WORKING_DAYS))
    for cid, pair in sorted(uow.pairs.current().items()):
        for fid in (pair.facilitator_a, pair.facilitator_b):
            expires = lapsing.get(fid)
            if expires is None:
                continue
            level = urgency(expires, day) or Urgency.DUE_SOON
            yield WorkItem(
                kind="vetting_blocks_case",
                subject="case",
                subject_id=cid,
                due=expires,
                urgency=level,
                title=f"{fid}'s vetting lapses on {expires}; case {cid} is theirs",
                action=f"Renew {fid}'s vetting, or re-plan their cases from their page",
                link=f"/facilitators/{fid}",
            )
