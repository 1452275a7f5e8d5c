"""Across replicates: means with 90% intervals (5th to 95th percentile of the replicates)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

SCALARS = (
    "referrals",
    "accepted",
    "taken_up",
    "people_taking_up",
    "allocated",
    "reallocated",
    "still_waiting",
    "positive_outcomes",
    "volunteer_hours",
    "volunteers",
    "hours_per_volunteer",
    "solves",
    "solve_seconds",
)
GROUPED = (
    "decisions",
    "outcomes",
    "unallocated",
    "utilisation_by_district",
    "utilisation_by_skill",
)
WAIT_BINS = (0, 1, 2, 3, 5, 7, 10, 14, 21, 28, 42, 56, 84)


def interval(values: Iterable[float]) -> dict[str, float]:
    """Mean and the 90% interval of a quantity over replicates."""
    arr = np.asarray(list(values), dtype=np.float64)
    if arr.size == 0:
        return {"mean": 0.0, "low": 0.0, "high": 0.0}
    low, high = np.percentile(arr, [5, 95])
    return {"mean": _r(arr.mean()), "low": _r(low), "high": _r(high)}


def _r(x: float) -> float:
    return round(float(x), 4)


def summarise(results: list[dict[str, Any]]) -> dict[str, Any]:
    """The summary of a run: every count with its interval, waits, backlog and utilisation."""
    out: dict[str, Any] = {key: interval(r[key] for r in results) for key in SCALARS}
    for key in GROUPED:
        names = sorted({name for r in results for name in r[key]})
        out[key] = {n: interval(r[key].get(n, 0) for r in results) for n in names}
    out["wait_days_median"] = interval(_quantile(all_waits(r), 50) for r in results)
    out["wait_days_p90"] = interval(p90_wait(r) for r in results)
    out["wait_histogram"] = wait_histogram(w for r in results for w in r["waits"])
    out["backlog"] = _series([r["backlog"] for r in results])
    return out


def all_waits(result: dict[str, Any]) -> list[int]:
    """Days to allocation of the allocated cases, and days waited so far by those still
    waiting at the end (so a run that allocates nothing does not look like one with no wait)."""
    return [*result["waits"], *result["unfinished_waits"]]


def p90_wait(result: dict[str, Any]) -> float:
    """The 90th percentile of `all_waits` of one replicate (0 when no case waited)."""
    return _quantile(all_waits(result), 90)


def _quantile(values: list[int], q: float) -> float:
    return float(np.percentile(values, q)) if values else 0.0


def wait_histogram(waits: Iterable[int]) -> list[dict[str, Any]]:
    """Share of allocated cases by days waited, in bins [lo, hi)."""
    arr = np.asarray(list(waits), dtype=np.int64)
    edges = [*WAIT_BINS, max(WAIT_BINS[-1] + 1, int(arr.max(initial=0)) + 1)]
    counts, _ = np.histogram(arr, bins=edges)
    total = max(1, int(arr.size))
    return [
        {"from": lo, "to": hi, "share": _r(n / total)}
        for lo, hi, n in zip(edges[:-1], edges[1:], counts.tolist(), strict=True)
    ]


def _series(runs: list[list[int]]) -> list[dict[str, float]]:
    """Week by week: mean and 90% interval of the waiting cases on Monday mornings."""
    weeks = min((len(r) for r in runs), default=0)
    return [{"week": w, **interval(r[w] for r in runs)} for w in range(weeks)]


def headline(summary: dict[str, Any]) -> dict[str, dict[str, float]]:
    """The few numbers `compare` puts side by side."""
    keys = (
        "referrals",
        "accepted",
        "allocated",
        "still_waiting",
        "wait_days_median",
        "wait_days_p90",
        "positive_outcomes",
        "volunteer_hours",
        "hours_per_volunteer",
    )
    return {k: summary[k] for k in keys}
