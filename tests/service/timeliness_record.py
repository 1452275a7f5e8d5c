"""A record for the timeliness report, counted by hand against the essex-2018 standard on
Monday 20 April 2026 (Good Friday 3 and Easter Monday 6 April are bank holidays).

A received Wed 1 Apr, accepted 1 Apr; referrer acknowledged Thu 2 Apr; person harmed spoken
  to Thu 2 Apr.
B received Wed 1 Apr, accepted 1 Apr; person harmed spoken to Mon 13 Apr (due Fri 10 Apr:
  six working days, the two bank holidays skipped, met late).
C received Mon 13 Apr, accepted Tue 14 Apr; referrer acknowledged Thu 16 Apr (due 15 Apr).
D received Mon 2 Mar, accepted Tue 3 Mar, closed Fri 20 Mar; referrer told the outcome Tue
  24 Mar; evaluation sent to the person harmed Wed 25 Mar (its first contact).
E received and accepted in February: outside the period. F declined: no case.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from service.store import tables as t
from service.workflow.clocks import SETTING
from tests.service.record_builders import AT, Record

TODAY = "2026-04-20"
FROM, TO = dt.date(2026, 3, 1), dt.date(2026, 4, 30)


def d(month: int, day: int) -> dt.date:
    return dt.date(2026, month, day)


def _contact(
    session: Session, cid: str, on: dt.date, purpose: str, party: int | None = None
) -> None:
    session.add(
        t.Contact(
            case_id=cid,
            party_id=party,
            counterpart="party" if party is not None else "referrer",
            kind="call",
            purpose=purpose,
            made_on=on,
            made_by="F-1",
            outcome="spoke",
            created_at=AT,
        )
    )
    session.flush()


def _accepted(r: Record, rid: str, received: dt.date, accepted: dt.date) -> str:
    r.referral(rid, received)
    r.decision(rid, "accept", accepted)
    cid = r.case(rid)
    case = r.session.get(t.Case, cid)
    assert case is not None
    case.created_at = dt.datetime.combine(accepted, dt.time(11))
    return cid


def spring_2026(session: Session, extra: int = 0) -> None:
    """The record above, with `extra` more cases like A (for counting statements)."""
    r = Record(session)
    session.add(t.ServiceSetting(key=SETTING, value="essex-2018"))
    a = _accepted(r, "A", d(4, 1), d(4, 1))
    _contact(session, a, d(4, 2), "acknowledgement")
    r.contacts(a, r.party(a, "harmed"), "spoke", on=d(4, 2))

    b = _accepted(r, "B", d(4, 1), d(4, 1))
    r.contacts(b, r.party(b, "harmed"), "spoke", on=d(4, 13))

    c = _accepted(r, "C", d(4, 13), d(4, 14))
    _contact(session, c, d(4, 16), "acknowledgement")

    dd = _accepted(r, "D", d(3, 2), d(3, 3))
    case = session.get(t.Case, dd)
    assert case is not None
    case.status, case.closed_on = "closed", d(3, 20)
    _contact(session, dd, d(3, 24), "outcome_notice")
    _contact(session, dd, d(3, 25), "evaluation_request", r.party(dd, "harmed"))

    _accepted(r, "E", d(2, 2), d(2, 3))
    r.referral("F", d(4, 2))
    r.decision("F", "decline", d(4, 3))

    for i in range(extra):
        x = _accepted(r, f"X{i}", d(4, 1), d(4, 1))
        _contact(session, x, d(4, 2), "acknowledgement")
        r.contacts(x, r.party(x, "harmed"), "spoke", "agreed", on=d(4, 2))
    r.commit()
