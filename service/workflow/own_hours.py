"""A facilitator's own hours as a report: by month and by case over the period. Only ever of
the signed-in facilitator (service.workflow.reports.run fills in who, never the request)."""

from __future__ import annotations

from service.store import volunteer_reports as vq
from service.store.reports import Window
from service.store.uow import UnitOfWork
from service.workflow.schemas.reports import Cell, Definition, ReportColumn, ReportTable

NOT_ON_A_CASE = "Not on a case"
HOURS = ReportColumn(key="hours", label="Hours", kind="hours")
DEFINITIONS = [
    Definition(
        term="Hours",
        meaning="The hours you logged on days in the period (the day worked), as recorded.",
    ),
    Definition(
        term=NOT_ON_A_CASE,
        meaning="Hours logged on no case: training, supervision, meetings and the like.",
    ),
]


def _total(hours: list[float]) -> float:
    return round(sum(hours), 2)


def by_month(uow: UnitOfWork, fid: str, window: Window) -> ReportTable:
    """The facilitator's hours in each month of the period that has any."""
    found = vq.own_hours_by_month(uow.session, fid, window)
    rows: list[list[Cell]] = [[month, round(hours, 2)] for month, hours in found]
    return ReportTable(
        key="by_month",
        title="My hours by month",
        columns=[ReportColumn(key="month", label="Month", kind="text"), HOURS],
        rows=rows,
        totals=["Total", _total([h for _, h in found])],
    )


def by_case(uow: UnitOfWork, fid: str, window: Window) -> ReportTable:
    """The facilitator's hours on each case in the period, and on no case."""
    found = vq.own_hours_by_case(uow.session, fid, window)
    rows: list[list[Cell]] = [[case or NOT_ON_A_CASE, round(hours, 2)] for case, hours in found]
    return ReportTable(
        key="by_case",
        title="My hours by case",
        columns=[ReportColumn(key="case", label="Case", kind="text"), HOURS],
        rows=rows,
        totals=["Total", _total([h for _, h in found])],
    )
