"""Builders of a service's record straight into the store, for the reports' tests: referrals,
decisions, cases, parties, contacts, outcomes, facilitators and pairs with few fields each."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from service.store import tables as t

AT = dt.datetime(2026, 1, 1, 9, 0)


class Record:
    """Adds rows to a session; `commit()` when done."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def commit(self) -> None:
        self.session.commit()

    def referral(
        self,
        rid: str,
        received: dt.date,
        referrer: str = "police",
        district: str = "Chelmsford",
        case_type: str = "low_level_crime",
    ) -> str:
        document: dict[str, Any] = {
            "id": rid,
            "received": received.isoformat(),
            "referrer": {"organisation": referrer},
            "case_type": case_type,
            "district": district,
        }
        self.session.add(
            t.Referral(
                id=rid, received=received, district=district, document=document, created_at=AT
            )
        )
        self.session.flush()
        return rid

    def decision(self, rid: str, outcome: str, on: dt.date) -> None:
        self.session.add(
            t.Decision(
                referral_id=rid,
                policy="essex-2018",
                outcome=outcome,
                document={},
                decided_at=dt.datetime.combine(on, dt.time(10, 30)),
                decided_by="coordinator",
            )
        )
        self.session.flush()

    def case(self, rid: str, closed_on: dt.date | None = None) -> str:
        self.session.add(
            t.Case(
                id=rid,
                referral_id=rid,
                status="closed" if closed_on else "open",
                district="Chelmsford",
                lat=51.73,
                lon=0.47,
                hours=19.0,
                created_at=AT,
                closed_on=closed_on,
            )
        )
        self.session.flush()
        return rid

    def outcome(
        self,
        cid: str,
        kind: str,
        on: dt.date,
        declined_by: str | None = None,
        method: str | None = None,
    ) -> None:
        self.session.add(
            t.CaseOutcome(
                case_id=cid,
                kind=kind,
                declined_by=declined_by,
                method=method,
                recorded_on=on,
                recorded_by="coordinator",
            )
        )
        self.session.flush()

    def party(self, cid: str, role: str) -> int:
        row = t.Party(
            case_id=cid, role=role, age_band="25_64", created_at=AT, created_by="coordinator"
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def contacts(self, cid: str, party: int, *outcomes: str, on: dt.date = AT.date()) -> None:
        for i, outcome in enumerate(outcomes):
            self.session.add(
                t.Contact(
                    case_id=cid,
                    party_id=party,
                    counterpart="party",
                    kind="call",
                    purpose="general",
                    made_on=on + dt.timedelta(days=i),
                    made_by="F-1",
                    outcome=outcome,
                    created_at=AT,
                )
            )
        self.session.flush()

    def evaluation(self, cid: str, party: int, on: dt.date, **answers: Any) -> None:
        self.session.add(t.Evaluation(case_id=cid, party_id=party, received_on=on, **answers))
        self.session.flush()

    def referrer_feedback(self, cid: str, on: dt.date, **answers: Any) -> None:
        self.session.add(t.ReferrerFeedback(case_id=cid, received_on=on, **answers))
        self.session.flush()

    def empathy(self, cid: str, party: int, stage: str, score: int, on: dt.date) -> None:
        self.session.add(
            t.EmpathyScore(case_id=cid, party_id=party, stage=stage, score=score, taken_on=on)
        )
        self.session.flush()

    def facilitator(
        self,
        fid: str,
        district: str = "Chelmsford",
        started_on: dt.date | None = None,
        left_on: dt.date | None = None,
        active: bool = True,
    ) -> str:
        self.session.add(
            t.Facilitator(
                id=fid,
                home_lat=51.73,
                home_lon=0.47,
                district=district,
                weekly_hours=6.0,
                max_cases=3,
                vetting_expires=dt.date(2030, 1, 1),
                active=active,
                avoid_partners=[],
                started_on=started_on,
                left_on=left_on,
            )
        )
        self.session.flush()
        return fid

    def pair(
        self, cid: str, a: str, b: str, started_on: dt.date, ended_on: dt.date | None = None
    ) -> None:
        self.session.add(
            t.Pair(
                case_id=cid,
                facilitator_a=a,
                facilitator_b=b,
                started_on=started_on,
                ended_on=ended_on,
            )
        )
        self.session.flush()

    def hours(self, fid: str, on: dt.date, hours: float, case: str | None = None) -> None:
        self.session.add(
            t.HoursEntry(
                facilitator_id=fid,
                case_id=case,
                worked_on=on,
                hours=hours,
                activity="case",
                recorded_by="test",
                recorded_at=AT,
            )
        )
        self.session.flush()
