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
