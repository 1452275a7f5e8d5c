"""The worklist gathered by what each item is about (service.workflow.worklist.by_subject)."""

from __future__ import annotations

import datetime as dt

from service.workflow.schemas.worklist import Urgency, WorkItem
from service.workflow.worklist import by_subject

DAY = dt.date(2026, 11, 25)


def _item(kind: str, subject: str, sid: str, urgency: Urgency) -> WorkItem:
    return WorkItem(
        kind=kind,
        subject=subject,
        subject_id=sid,
        due=DAY,
        urgency=urgency,
        title=f"{kind} for {sid}",
        action="do it",
        link=None,
    )


def test_a_cases_clocks_stand_together_in_the_order_of_its_most_urgent() -> None:
    items = [
        _item("clock:first_contact_harmed", "case", "C-2", Urgency.OVERDUE),
        _item("vetting_expiring", "facilitator", "F001", Urgency.OVERDUE),
        _item("clock:first_contact_responsible", "case", "C-1", Urgency.DUE_TODAY),
        _item("clock:first_contact_responsible", "case", "C-2", Urgency.DUE_SOON),
        _item("hold_review", "referral", "C-2", Urgency.DUE_SOON),
    ]
    grouped = by_subject(items)
    assert [(g.subject, g.subject_id) for g in grouped] == [
        ("case", "C-2"),
        ("facilitator", "F001"),
        ("case", "C-1"),
        ("referral", "C-2"),  # a referral and a case of one id are two subjects
    ]
    assert [i.kind for i in grouped[0].items] == [
        "clock:first_contact_harmed",
        "clock:first_contact_responsible",
    ]
    assert grouped[0].urgency is Urgency.OVERDUE
    assert grouped[2].urgency is Urgency.DUE_TODAY


def test_an_empty_worklist_has_no_subjects() -> None:
    assert by_subject([]) == []
