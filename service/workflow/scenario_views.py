"""A finished scenario run as the pages show it: the numbers, each chart drawn by matplotlib
(scenarios/sim_charts.py, as in the HTML report) with the table of what it draws beneath it,
and two runs' headline numbers side by side (as `rjplan scenario compare` prints them)."""

from __future__ import annotations

from typing import Any

from scenarios.sim_report import ROWS
from scenarios.sim_summary import headline
from service.errors import NotFoundError
from service.store.uow import UnitOfWork
from service.workflow import scenario_runs
from service.workflow.schemas.scenario_views import (
    Chart,
    ChartName,
    ComparedRow,
    ComparisonOut,
    Interval,
    NumberRow,
    ScenarioChartsOut,
)

LABELS = dict(ROWS)
TITLES: dict[ChartName, tuple[str, str]] = {
    "backlog": (
        "Waiting cases on Monday mornings",
        "Line chart: the mean number of cases waiting for a pair each Monday, week by week, "
        "inside a band of its 90% interval; the table below gives every week's numbers.",
    ),
    "waits": (
        "Days from acceptance to allocation",
        "Bar chart: the share of allocated cases by days waited; the table below gives each bar.",
    ),
    "districts": (
        "Utilisation by district",
        "Bar chart: hours worked over hours offered in each district, with its 90% interval; "
        "the table below gives each bar.",
    ),
    "skills": (
        "Utilisation by skill",
        "Bar chart: hours worked over hours offered by skill, with its 90% interval; the "
        "table below gives each bar.",
    ),
}


def charts(uow: UnitOfWork, run_id: str) -> ScenarioChartsOut:
    """A finished run's numbers and charts (with their tables); 409 before it is done."""
    document = scenario_runs.result(uow, run_id)
    s = document["summary"]
    return ScenarioChartsOut(
        run=scenario_runs.get(uow, run_id),
        counted_from=str(document["counted_from"]),
        counted_to=str(document["counted_to"]),
        numbers=[NumberRow(label=label, value=Interval(**s[key])) for key, label in ROWS],
        charts=[_chart(name, s) for name in TITLES],
    )


def chart_svg(uow: UnitOfWork, run_id: str, name: str) -> str:
    """One chart of a finished run as an SVG document."""
    # matplotlib takes a few tenths of a second to load: only when a chart is drawn
    from scenarios.sim_charts import backlog_svg, bars_svg, histogram_svg

    if name not in TITLES:
        raise NotFoundError("chart", name, "/path/name")
    s = scenario_runs.result(uow, run_id)["summary"]
    drawn = {
        "backlog": lambda: backlog_svg(s["backlog"]),
        "waits": lambda: histogram_svg(s["wait_histogram"]),
        "districts": lambda: bars_svg(s["utilisation_by_district"]),
        "skills": lambda: bars_svg(s["utilisation_by_skill"]),
    }[name]()
    if not drawn.startswith("<svg"):  # nothing to draw: the chart says so in words
        text = drawn.removeprefix("<p>").removesuffix("</p>")
        drawn = (
            "<svg xmlns='http://www.w3.org/2000/svg' width='420' height='30'>"
            f"<text x='0' y='20' font-family='sans-serif' font-size='16'>{text}</text></svg>"
        )
    return drawn


def compare(uow: UnitOfWork, first: str, second: str) -> ComparisonOut:
    """Two finished runs' headline numbers side by side, with the difference of the means."""
    a = headline(scenario_runs.result(uow, first)["summary"])
    b = headline(scenario_runs.result(uow, second)["summary"])
    rows = [
        ComparedRow(
            label=LABELS.get(key, key.replace("_", " ")),
            first=Interval(**a[key]),
            second=Interval(**b[key]),
            difference=round(b[key]["mean"] - a[key]["mean"], 4),
        )
        for key in a
    ]
    return ComparisonOut(
        first=scenario_runs.get(uow, first), second=scenario_runs.get(uow, second), rows=rows
    )


def _chart(name: ChartName, s: dict[str, Any]) -> Chart:
    title, description = TITLES[name]
    if name == "backlog":
        columns = ["Week", "Mean waiting", "90% interval"]
        rows = [[str(p["week"]), _n(p["mean"]), _range(p)] for p in s["backlog"]]
    elif name == "waits":
        columns = ["Days waited", "Share of allocated cases"]
        rows = [[_days(b["from"], b["to"]), f"{b['share']:.0%}"] for b in s["wait_histogram"]]
    else:
        groups = s["utilisation_by_district" if name == "districts" else "utilisation_by_skill"]
        columns = [
            "District" if name == "districts" else "Skill",
            "Mean utilisation",
            "90% interval",
        ]
        rows = [
            [group, f"{v['mean']:.0%}", f"{v['low']:.0%} to {v['high']:.0%}"]
            for group, v in groups.items()
        ]
    return Chart(name=name, title=title, description=description, columns=columns, rows=rows)


def _days(first: int, after: int) -> str:
    """A bin of whole days [first, after) in words."""
    return str(first) if after - first == 1 else f"{first} to {after - 1}"


def _n(x: float) -> str:
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:,.1f}"


def _range(v: dict[str, float]) -> str:
    return f"{_n(v['low'])} to {_n(v['high'])}"
