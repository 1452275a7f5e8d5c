"""An HTML report of a scenario run: tables and inline SVG charts, no scripts, no network.

Charts (scenarios/sim_charts.py, drawn by matplotlib): waiting cases on Monday mornings over the
weeks (mean and 90% band), the distribution of days from acceptance to allocation, and
utilisation by district and by skill (mean and 90% interval). Every number is the run's own;
nothing is fetched.
"""

from __future__ import annotations

from html import escape
from typing import Any

STYLE = """
body{font-family:system-ui,sans-serif;max-width:760px;margin:2em auto;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{padding:.2em .7em;text-align:right}
th:first-child,td:first-child{text-align:left}tr:nth-child(even){background:#f3f3f3}
svg{display:block;margin:.5em 0 1.5em;max-width:100%;height:auto}
"""
ROWS = (
    ("referrals", "Referrals"),
    ("accepted", "Accepted by the rules"),
    ("taken_up", "Cases taken up"),
    ("people_taking_up", "People taking up the offer"),
    ("allocated", "Cases allocated"),
    ("wait_days_median", "Days to allocation, median"),
    ("wait_days_p90", "Days to allocation, 90th percentile"),
    ("still_waiting", "Still waiting at the end"),
    ("reallocated", "Handed on when a volunteer left"),
    ("positive_outcomes", "Positive outcomes"),
    ("volunteer_hours", "Volunteer hours"),
    ("hours_per_volunteer", "Hours per volunteer"),
)


def report_html(run: dict[str, Any]) -> str:
    """The whole report of one run document (see sim_run.run_scenario)."""
    # matplotlib takes a few tenths of a second to load: only when a report is drawn
    from scenarios.sim_charts import backlog_svg, bars_svg, histogram_svg

    s = run["summary"]
    title = f"Scenario {run['scenario']}: {run['title']}" if run["title"] else run["scenario"]
    parts = [
        f"<!doctype html><html lang='en'><meta charset='utf-8'><title>{escape(title)}</title>",
        f"<style>{STYLE}</style><h1>{escape(title)}</h1>",
        f"<p>Policy {escape(run['policy'])}; {run['replicates']} replicates from seed "
        f"{run['seed']}; counted {run['counted_from']} to {run['counted_to']}. Each figure is "
        "the mean over replicates with its 90% interval (5th to 95th percentile).</p>",
        _table("Numbers", [(label, s[key]) for key, label in ROWS]),
        _table("Screening decisions", sorted(s["decisions"].items())),
        _table("Outcomes", sorted(s["outcomes"].items())),
        _table("Unallocated case-mornings by constraint", sorted(s["unallocated"].items())),
        "<h2>Waiting cases on Monday mornings</h2>",
        backlog_svg(s["backlog"]),
        "<h2>Days from acceptance to allocation</h2>",
        histogram_svg(s["wait_histogram"]),
        "<h2>Utilisation by district</h2>",
        bars_svg(s["utilisation_by_district"]),
        "<h2>Utilisation by skill</h2>",
        bars_svg(s["utilisation_by_skill"]),
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _table(title: str, rows: list[tuple[str, dict[str, float]]]) -> str:
    if not rows:
        return f"<h2>{escape(title)}</h2><p>None.</p>"
    body = "".join(
        f"<tr><td>{escape(name)}</td><td>{_n(v['mean'])}</td>"
        f"<td>{_n(v['low'])} - {_n(v['high'])}</td></tr>"
        for name, v in rows
    )
    return (
        f"<h2>{escape(title)}</h2><table><tr><th></th><th>mean</th><th>90% interval</th></tr>"
        f"{body}</table>"
    )


def _n(x: float) -> str:
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:,.2f}".rstrip("0").rstrip(".")
