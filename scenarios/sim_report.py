"""An HTML report of a scenario run: tables and inline SVG charts, no scripts, no network.

Charts: waiting cases on Monday mornings over the weeks (mean and 90% band), the distribution of
days from acceptance to allocation, and utilisation by district and by skill (mean and 90%
interval). Every number is the run's own; nothing is fetched.
"""

from __future__ import annotations

from html import escape
from typing import Any

WIDTH, HEIGHT, PAD = 640, 220, 40
STYLE = """
body{font-family:system-ui,sans-serif;max-width:760px;margin:2em auto;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{padding:.2em .7em;text-align:right}
th:first-child,td:first-child{text-align:left}tr:nth-child(even){background:#f3f3f3}
svg{display:block;margin:.5em 0 1.5em}.band{fill:#9ecae1}.line{fill:none;stroke:#08519c;
stroke-width:2}.bar{fill:#3182bd}.axis{stroke:#555}text{font-size:11px}
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


def _frame(inner: list[str], label: str) -> str:
    axes = (
        f"<line class='axis' x1='{PAD}' y1='{HEIGHT - PAD}' x2='{WIDTH - 10}' "
        f"y2='{HEIGHT - PAD}'/><line class='axis' x1='{PAD}' y1='10' x2='{PAD}' "
        f"y2='{HEIGHT - PAD}'/>"
    )
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{WIDTH}' height='{HEIGHT}' "
        f"role='img' aria-label='{escape(label)}'>{axes}{''.join(inner)}</svg>"
    )


def backlog_svg(series: list[dict[str, float]]) -> str:
    """Line of the mean waiting cases each week over a band of the 90% interval."""
    if not series:
        return "<p>No weeks counted.</p>"
    top = max(1.0, max(p["high"] for p in series))
    span = max(1, len(series) - 1)

    def xy(i: int, v: float) -> str:
        x = PAD + i * (WIDTH - PAD - 10) / span
        return f"{x:.1f},{HEIGHT - PAD - v / top * (HEIGHT - PAD - 10):.1f}"

    upper = [xy(i, p["high"]) for i, p in enumerate(series)]
    lower = [xy(i, p["low"]) for i, p in reversed(list(enumerate(series)))]
    mean = [xy(i, p["mean"]) for i, p in enumerate(series)]
    inner = [
        f"<polygon class='band' points='{' '.join(upper + lower)}'/>",
        f"<polyline class='line' points='{' '.join(mean)}'/>",
        f"<text x='{PAD - 4}' y='16' text-anchor='end'>{top:.0f}</text>",
        f"<text x='{WIDTH - 10}' y='{HEIGHT - PAD + 14}' text-anchor='end'>week "
        f"{len(series) - 1}</text>",
        f"<text x='{PAD}' y='{HEIGHT - PAD + 14}'>week 0</text>",
    ]
    return _frame(inner, "waiting cases by week")


def histogram_svg(bins: list[dict[str, Any]]) -> str:
    """Bars: the share of allocated cases by days waited."""
    if not bins:
        return "<p>No case was allocated.</p>"
    top = max(0.01, max(b["share"] for b in bins))
    step = (WIDTH - PAD - 10) / len(bins)
    inner = []
    for i, b in enumerate(bins):
        h = b["share"] / top * (HEIGHT - PAD - 10)
        x = PAD + i * step
        inner.append(
            f"<rect class='bar' x='{x + 2:.1f}' y='{HEIGHT - PAD - h:.1f}' width="
            f"'{step - 4:.1f}' height='{h:.1f}'><title>{b['from']}-{b['to'] - 1} days: "
            f"{b['share']:.1%}</title></rect><text x='{x + step / 2:.1f}' y='{HEIGHT - PAD + 14}'"
            f" text-anchor='middle'>{b['from']}</text>"
        )
    inner.append(f"<text x='{PAD - 4}' y='16' text-anchor='end'>{top:.0%}</text>")
    return _frame(inner, "days waited")


def bars_svg(groups: dict[str, dict[str, float]]) -> str:
    """Horizontal bars of mean utilisation with a whisker for the 90% interval."""
    if not groups:
        return "<p>No volunteers.</p>"
    row, left = 18, 120
    height = row * len(groups) + 20
    scale = (WIDTH - left - 20) / max(1.0, max(v["high"] for v in groups.values()))
    inner = []
    for i, (name, v) in enumerate(groups.items()):
        y = 10 + i * row
        inner.append(
            f"<text x='{left - 6}' y='{y + 12}' text-anchor='end'>{escape(name)}</text>"
            f"<rect class='bar' x='{left}' y='{y + 2}' width='{v['mean'] * scale:.1f}' "
            f"height='{row - 6}'><title>{v['mean']:.0%} ({v['low']:.0%}-{v['high']:.0%})"
            f"</title></rect><line class='axis' x1='{left + v['low'] * scale:.1f}' "
            f"y1='{y + 8}' x2='{left + v['high'] * scale:.1f}' y2='{y + 8}'/>"
            f"<text x='{left + v['high'] * scale + 4:.1f}' y='{y + 12}'>{v['mean']:.0%}</text>"
        )
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{WIDTH}' height='{height}' "
        f"role='img' aria-label='utilisation'>{''.join(inner)}</svg>"
    )
