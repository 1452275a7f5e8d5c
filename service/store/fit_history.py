"""The service's history as plain facts for fitting a scenario (service.workflow.scenario_fit):
referrals, screening decisions, closed cases' outcomes and hours, recruits' vetting waits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select

from service.store import tables as t
from service.store.repositories import Repository


class PastRepository(Repository):
    """Read-only facts of the past, for the scenario fit."""

    def referrals(self, first: dt.date, last: dt.date) -> Sequence[tuple[str, str, dict[str, Any]]]:
        """(id, district, document) of every referral received from `first` to `last`."""
        query = select(t.Referral.id, t.Referral.district, t.Referral.document).where(
            t.Referral.received.between(first, last)
        )
        return [(r, d, doc) for r, d, doc in self.session.execute(query.order_by(t.Referral.id))]

    def received_span(self) -> tuple[dt.date | None, dt.date | None]:
        """The first and last day a referral was received (None, None: no referral yet)."""
        first, last = self.session.execute(
            select(func.min(t.Referral.received), func.max(t.Referral.received))
        ).one()
        return first, last

    def closed_outcomes(self, first: dt.date, last: dt.date) -> dict[str, str]:
        """Case id -> the outcome kind of every case closed from `first` to `last`."""
        query = (
            select(t.Case.id, t.CaseOutcome.kind)
            .join(t.CaseOutcome, t.CaseOutcome.case_id == t.Case.id)
            .where(t.Case.closed_on.between(first, last))
        )
        return dict(self.session.execute(query).tuples().all())

    def hours_of_cases(self, case_ids: Sequence[str]) -> dict[str, float]:
        """Case id -> the volunteer hours logged on it (cases with none are left out)."""
        query = (
            select(t.HoursEntry.case_id, func.sum(t.HoursEntry.hours))
            .where(t.HoursEntry.case_id.in_(list(case_ids)))
            .group_by(t.HoursEntry.case_id)
        )
        return {cid: float(h) for cid, h in self.session.execute(query) if cid is not None}

    def stage_days(self, stage: str) -> dict[str, dt.date]:
        """Recruit id -> the first day they reached `stage`."""
        query = (
            select(t.RecruitStage.recruit_id, func.min(t.RecruitStage.reached_on))
            .where(t.RecruitStage.stage == stage)
            .group_by(t.RecruitStage.recruit_id)
        )
        return dict(self.session.execute(query).tuples().all())
