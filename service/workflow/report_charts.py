"""Charts of report tables as SVG (matplotlib, no pyplot: a Figure per chart, safe in any
thread). Each chart is shown with its table beneath, which carries the same numbers for anyone
who cannot see it. Charts are cached by their data: the same figures draw once."""

from __future__ import annotations

import base64
import io
from functools import lru_cache
from typing import Any

import matplotlib
from matplotlib.figure import Figure

INK = "#0b0c0c"
BLUE = "#1d70b8"
GREY = "#505a5f"
FONT = 9
WIDTH = 6.4


@lru_cache(maxsize=256)
def bars(labels: tuple[str, ...], values: tuple[float, ...], unit: str) -> str:
    """Horizontal bars in the order given (the tables' order: the largest first)."""
    figure = Figure(figsize=(WIDTH, max(1.4, 0.26 * len(labels) + 0.6)), dpi=100)
    figure.subplots_adjust(left=0.3, right=0.95, top=0.97, bottom=min(0.4, 0.5 / len(labels)))
    axes = figure.add_subplot()
    positions = list(range(len(labels)))
    axes.barh(positions, values, color=BLUE)
    axes.set_yticks(positions, labels=labels)
    axes.invert_yaxis()
    axes.set_xlabel(unit, color=GREY)
    for position, value in zip(positions, values, strict=True):
        axes.annotate(
            f"{value:g}", (value, position), xytext=(3, 0), textcoords="offset points",
            va="center", fontsize=FONT, color=INK,
        )  # fmt: skip
    axes.margins(x=0.12)
    _plain(axes)
    return _svg(figure)


@lru_cache(maxsize=64)
def trend(labels: tuple[str, ...], values: tuple[float, ...], unit: str) -> str:
    """A line over the months."""
    figure = Figure(figsize=(WIDTH, 2.4), dpi=100)
    figure.subplots_adjust(left=0.1, right=0.97, top=0.95, bottom=0.3)
    axes = figure.add_subplot()
    positions = list(range(len(labels)))
    axes.plot(positions, values, color=BLUE, marker="o", markersize=3)
    step = max(1, len(labels) // 12)
    axes.set_xticks(positions[::step], labels=labels[::step], rotation=45)
    axes.set_ylabel(unit, color=GREY)
    axes.set_ylim(bottom=0)
    _plain(axes)
    return _svg(figure)


def _plain(axes: Any) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(labelsize=FONT, colors=INK)


def _svg(figure: Figure) -> str:
    """The chart as a data: URI (the pages' CSP allows images from data:, no inline SVG);
    text stays text (smaller and quicker than glyphs drawn as paths)."""
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "font.size": FONT}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
