"""A facilitator's own volunteer record, as their page shows it: training, checks, supervision
and CPD (the record staff keep), the hours they logged this month, this year and per case,
and their expense claims. Always the signed-in facilitator's own (never an id from the
request)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from models.common import Skill
from models.volunteers import TrainingEvent
from rules.volunteering import skills_granted
from service.errors import InputError
from service.store.uow import UnitOfWork
from service.workflow import expenses, volunteer_hours, volunteer_policy, volunteer_record
from service.workflow.auth import Principal
from service.workflow.own_record import own_id
from service.workflow.schemas.base import Schema
from service.workflow.schemas.hours import (
    ExpenseIn,
    ExpenseOut,
    HoursIn,
    HoursOut,
    Total,
)
from service.workflow.schemas.volunteers import TrainingOut, VolunteerRecordOut

MAX_CLAIMS = 200
CLAIM_FIELDS = ("incurred_on", "kind", "miles", "description", "case")


class MyCourse(Schema):
    """A course I completed and the skills it gives me by the policy in force."""

    training: TrainingOut
    skills: list[Skill]


class MyRecordOut(Schema):
    """My record: the volunteer record, my hours (this month, this calendar year, per case this
    year), my claims newest first, and the mileage rate a claim is paid at now."""

    record: VolunteerRecordOut
    courses: list[MyCourse]
    month_from: dt.date
    month_hours: float
    year_from: dt.date
    year_hours: float
    year_by_case: list[Total]
    claims: list[ExpenseOut]
    pence_per_mile: int


def mine(uow: UnitOfWork, who: Principal) -> MyRecordOut:
    """My record today."""
    fid = own_id(who)
    today = uow.clock.today()
    record = volunteer_record.record(uow, who, fid)
    policy = volunteer_policy.in_force(uow)
    month = volunteer_hours.summary(uow, who, fid, today.replace(day=1), today)
    year = volunteer_hours.summary(uow, who, fid, today.replace(month=1, day=1), today)
    return MyRecordOut(
        record=record,
        courses=[
            MyCourse(training=c, skills=skills_granted(_event(c), policy)) for c in record.training
        ],
        month_from=month.from_day,
        month_hours=round(month.total, 2),
        year_from=year.from_day,
        year_hours=round(year.total, 2),
        year_by_case=year.by_case,
        claims=expenses.listing(uow, who, fid, None, MAX_CLAIMS, 0),
        pence_per_mile=policy.mileage_pence_per_mile,
    )


def _event(course: TrainingOut) -> TrainingEvent:
    return TrainingEvent(course=course.course, level=course.level, hours=course.hours)


def log_my_hours(uow: UnitOfWork, who: Principal, data: HoursIn) -> HoursOut:
    """Log hours I worked (audited as mine)."""
    return volunteer_hours.log(uow, who, own_id(who), data)


def claim(uow: UnitOfWork, who: Principal, data: ExpenseIn) -> ExpenseOut:
    """Submit my expense claim: mileage priced at the policy's rate now."""
    return expenses.submit(uow, who, own_id(who), data)


def pence(pounds: str, pointer: str) -> int | None:
    """An amount typed in pounds ("4.50", "£12", "1,200.00") in pence; None when blank; an
    InputError at `pointer` for anything else or a fraction of a penny."""
    text = pounds.strip().removeprefix("£").replace(",", "").strip()
    if not text:
        return None
    try:
        value = Decimal(text) * 100
    except InvalidOperation:
        raise InputError.single("expense", pointer, "an amount in pounds, like 4.50") from None
    if not value.is_finite() or value != value.to_integral_value():
        raise InputError.single("expense", pointer, "pounds and pence, like 4.50") from None
    return int(value)


def claim_fields(form: Mapping[str, str]) -> dict[str, object]:
    """A claim form's fields as the body of a claim: the amount read in pounds, blanks left
    out (so the claim's own rules name what is missing)."""
    body: dict[str, object] = {k: v for k, v in form.items() if k in CLAIM_FIELDS and v}
    amount = pence(form.get("amount", ""), "/body/amount")
    if amount is not None:
        body["amount_pence"] = amount
    return body
