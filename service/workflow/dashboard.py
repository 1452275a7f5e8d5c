"""The manager's dashboard and the printable annual review: the 2017-18 dashboard's headline
figures for any period, and its charts, each drawn from a report's table (shown beneath it)."""

from __future__ import annotations

import datetime as dt

from service.store.uow import UnitOfWork
from service.workflow import report_charts, reports
from service.workflow.auth import STAFF, Principal
from service.workflow.reports import service_year
from service.workflow.schemas.reports import (
    Chart,
    DashboardOut,
    Figure,
    Report,
    ReportTable,
)

TOP = 12
"""Bars shown per chart; the table beneath lists them all."""


def _count(table: ReportTable, column: int = 1) -> list[tuple[str, float]]:
    pairs: list[tuple[str, float]] = []
    for row in table.rows:
        value = row[column]
        if isinstance(value, int | float):
            pairs.append((str(row[0]), float(value)))
    return pairs


def _bar_chart(key: str, title: str, table: ReportTable, unit: str) -> Chart:
    pairs = _count(table)[:TOP]
    labels = tuple(label for label, _ in pairs)
    values = tuple(value for _, value in pairs)
    shown = f"the {len(pairs)} largest of {len(table.rows)}" if len(table.rows) > TOP else "all"
    return Chart(
        key=key,
        title=title,
        image=report_charts.bars(labels, values, unit),
        alt=f"Bar chart of {title.lower()} ({shown}); the numbers are in the table below.",
        table=table,
    )


def _funnel_table(funnel: Report) -> ReportTable:
    table = funnel.tables[0]
    return table.model_copy(
        update={"columns": table.columns[:2], "rows": [row[:2] for row in table.rows]}
    )


def dashboard(
    uow: UnitOfWork,
    who: Principal,
    start: dt.date | None,
    end: dt.date | None,
    district: str | None,
) -> DashboardOut:
    """The dashboard over the referrals received from start to end (the current April-March
    year by default), in one district or all."""
    who.require(STAFF, "the dashboard")
    default_start, default_end = service_year(uow.clock.today())
    first, last = start or default_start, end or default_end
    p = reports.Params(start=first, end=last, district=district or None)
    by = reports.Params(start=first, end=last)
    referrers = reports.run(uow, who, "referrals", _with(p, "referrer"))
    districts = reports.run(uow, who, "referrals", _with(by, "district"))
    months = reports.run(uow, who, "referrals", _with(p, "month"))
    funnel = reports.run(uow, who, "funnel", p)
    outcomes = reports.run(uow, who, "outcomes", p)
    feedback = reports.run(uow, who, "feedback", p)
    district_table = districts.tables[0]
    if district:
        district_table = district_table.model_copy(
            update={"rows": [r for r in district_table.rows if r[0] == district]}
        )
    month_pairs = _count(months.tables[0])
    charts = [
        _bar_chart("referrers", "Referrals by referrer", referrers.tables[0], "referrals"),
        _bar_chart("districts", "Referrals by district", district_table, "referrals"),
        _bar_chart("funnel", "From referral to positive outcome", _funnel_table(funnel), "number"),
        _bar_chart("outcomes", "Case outcomes", outcomes.tables[0], "cases"),
        Chart(
            key="months",
            title="Referrals by month",
            image=report_charts.trend(
                tuple(m for m, _ in month_pairs), tuple(v for _, v in month_pairs), "referrals"
            ),
            alt="Line chart of referrals by month; the numbers are in the table below.",
            table=months.tables[0],
        ),
    ]
    return DashboardOut(
        start=first,
        end=last,
        district=district or None,
        figures=_figures(referrers, districts, funnel, feedback),
        charts=charts,
        districts=[str(r[0]) for r in districts.tables[0].rows],
        definitions=[*funnel.definitions, *outcomes.definitions],
    )


def _with(p: reports.Params, dimension: str) -> reports.Params:
    return reports.Params(start=p.start, end=p.end, district=p.district, by=(dimension,))


def _figures(
    referrers: Report, districts: Report, funnel: Report, feedback: Report
) -> list[Figure]:
    stages = {str(row[0]): row[1] for row in funnel.tables[0].rows}
    conversion = funnel.headlines[0].value
    top_referrer = referrers.tables[0].rows[0][0] if referrers.tables[0].rows else "none"
    top_area = districts.tables[0].rows[0][0] if districts.tables[0].rows else "none"
    satisfied = {str(row[0]): row[3] for row in feedback.tables[0].rows}
    rating = satisfied.get("Rated the service 4 out of 5 or higher")
    return [
        Figure(
            label="Referrals",
            value=f"{stages['Referrals']:,}",
            definition="Received in the period.",
        ),
        Figure(
            label="Top referrer",
            value=str(top_referrer),
            definition="The type of organisation that referred most.",
        ),
        Figure(
            label="Top area",
            value=str(top_area),
            definition="The district with most referrals (all districts).",
        ),
        Figure(
            label="People contacted",
            value=f"{stages['People harmed contacted']:,} harmed, "
            f"{stages['People responsible contacted']:,} responsible",
            definition="People a contact reached, counted once each.",
        ),
        Figure(
            label="Took up the offer",
            value=f"{stages['Took up the offer']:,}",
            definition="People who agreed to take part.",
        ),
        Figure(
            label="Positive outcomes",
            value=f"{stages['Positive outcomes']:,}",
            definition="Cases where the parties communicated, directly or not.",
        ),
        Figure(
            label="Conversion rate",
            value="none" if conversion is None else f"{conversion:.0f} %",
            definition=reports.CONVERSION,
        ),
        Figure(
            label="Participant satisfaction",
            value="fewer than 5 answers" if rating is None else f"{rating:.0f} %",
            definition="Participants rating the service 4 out of 5 or higher.",
        ),
    ]
