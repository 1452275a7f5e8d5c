"""The charts of a scenario report, drawn by matplotlib as SVG to inline in the HTML page.

Figures are built with `matplotlib.figure.Figure`, never pyplot, so no global figure state is
kept and drawing is safe in the service's scenario threads; only the SVG backend renders them.
Text stays text (`svg.fonttype: none`, so labels are searchable and read aloud), the output has
no date and fixed ids (the same run draws the same bytes), and nothing refers outside the page.
Each bar carries an id (`bin-N`, `group-N`) so a reader or a test can find it.
"""

from __future__ import annotations

import io
from html import escape
from typing import Any

import matplotlib as mpl
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

WIDTH_IN, HEIGHT_IN = 7.0, 2.6
BAND, LINE, BAR = "#9ecae1", "#08519c", "#3182bd"


def backlog_svg(series: list[dict[str, float]]) -> str:
    """The mean number of cases waiting each Monday, over a band of the 90% interval."""
    if not series:
        return "<p>No weeks counted.</p>"
    fig, ax = _figure()
    weeks = list(range(len(series)))
    ax.fill_between(weeks, [p["low"] for p in series], [p["high"] for p in series], color=BAND)
    ax.plot(weeks, [p["mean"] for p in series], color=LINE, linewidth=2, gid="mean")
    ax.set(xlabel="week", ylabel="cases waiting", xlim=(0, max(1, len(series) - 1)))
    ax.set_ylim(bottom=0)
    for axis in (ax.xaxis, ax.yaxis):  # whole weeks, whole cases
        axis.set_major_locator(MaxNLocator(integer=True))
    return _svg(fig, "waiting cases by week: mean and 90% interval")


def histogram_svg(bins: list[dict[str, Any]]) -> str:
    """The share of allocated cases by days waited, one bar per bin of days."""
    if not bins:
        return "<p>No case was allocated.</p>"
    fig, ax = _figure()
    for i, b in enumerate(bins):
        ax.bar(
            b["from"],
            b["share"],
            width=b["to"] - b["from"],
            align="edge",
            color=BAR,
            edgecolor="white",
            gid=f"bin-{i}",
        )
    ax.set(xlabel="days from acceptance to allocation", ylabel="share of allocated cases")
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    return _svg(fig, "days waited")


def bars_svg(groups: dict[str, dict[str, float]]) -> str:
    """Mean utilisation by group, each bar with a whisker for its 90% interval."""
    if not groups:
        return "<p>No volunteers.</p>"
    fig, ax = _figure(height=0.3 * len(groups) + 0.8)
    names = list(groups)
    for i, name in enumerate(names):
        v = groups[name]
        whisker = [[v["mean"] - v["low"]], [v["high"] - v["mean"]]]
        ax.barh(i, v["mean"], xerr=whisker, color=BAR, ecolor="#555", gid=f"group-{i}")
        ax.annotate(
            f"{v['mean']:.0%}",
            (v["high"], i),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
        )
    ax.set_yticks(range(len(names)), names)
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set(xlabel="utilisation (hours worked / hours offered)")
    return _svg(fig, "utilisation")


def _figure(height: float = HEIGHT_IN) -> tuple[Figure, Any]:
    fig = Figure(figsize=(WIDTH_IN, height), layout="constrained")
    ax = fig.add_subplot()
    ax.spines[["top", "right"]].set_visible(False)
    return fig, ax


def _svg(fig: Figure, label: str) -> str:
    """The figure as an <svg> element to inline: no XML prologue, a label for screen readers."""
    out = io.StringIO()
    with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "rjplan-report"}):
        fig.savefig(out, format="svg", metadata={"Date": None})
    svg = out.getvalue()
    svg = svg[svg.index("<svg") :]
    return svg.replace("<svg ", f"<svg role='img' aria-label='{escape(label)}' ", 1)
