"""The independent checker: does a result obey H1-H10, and does it report the canonical metrics?

`check_allocation` runs every hard-constraint check of `allocator.check_rules` and recomputes
the four metrics with `allocator.metrics`; neither shares code with the solver. A result that
misreports its metrics is not valid either: formats.md requires them exactly as defined.
Problem locations must already have coordinates (the CLI resolves outcodes first). A result
with no plan (e.g. status timeout_no_solution, nothing listed) fails H1 for every case: there
is no plan to accept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from allocator.check_rules import CHECKS, Violation
from allocator.metrics import canonical_metrics
from models import AllocationResult, InputError, Metrics, Problem

KM_TOLERANCE: Final = 0.01
RELATIVE_TOLERANCE: Final = 1e-6

__all__ = ["CHECKS", "CheckReport", "Violation", "check_allocation", "compare_metrics"]


@dataclass(frozen=True)
class CheckReport:
    """Every violation found, the recomputed canonical metrics and any misreported metric."""

    violations: list[Violation]
    metrics: Metrics
    reported: Metrics
    metric_mismatches: list[str] = field(default_factory=list)

    @property
    def metrics_match(self) -> bool:
        """True when the result reports the canonical metrics (within tolerance)."""
        return not self.metric_mismatches

    @property
    def valid(self) -> bool:
        """True when no hard constraint is broken and the metrics are reported correctly."""
        return not self.violations and self.metrics_match


def check_allocation(problem: Problem, result: AllocationResult) -> CheckReport:
    """Check `result` against `problem`: every violation of H1-H10 (and `keep`) and the metrics.

    Raises InputError when a case or facilitator location has no coordinates.
    """
    _require_coordinates(problem)
    violations = [v for check in CHECKS for v in check(problem, result)]
    known = {c.id for c in problem.cases}
    pairs = {cid: pair for cid, pair in result.pairs().items() if cid in known}
    metrics = canonical_metrics(problem, pairs)
    return CheckReport(
        violations, metrics, result.metrics, compare_metrics(result.metrics, metrics)
    )


def compare_metrics(reported: Metrics, canonical: Metrics) -> list[str]:
    """Sentences naming each reported metric that differs from the canonical value.

    Weight and changes must be equal; travel within 0.01 km (or 1e-6 relative, if larger);
    utilisation within 1e-6 relative. A bound below the plan's own weight is also reported.
    """
    out = []
    for name in ("allocated_weight", "changes"):
        got, want = getattr(reported, name), getattr(canonical, name)
        if got != want:
            out.append(f"{name} is reported as {got} but is {want}")
    km_slack = max(KM_TOLERANCE, RELATIVE_TOLERANCE * canonical.travel_km)
    if abs(reported.travel_km - canonical.travel_km) > km_slack:
        out.append(f"travel_km is reported as {reported.travel_km} but is {canonical.travel_km}")
    util_slack = RELATIVE_TOLERANCE * max(1.0, abs(canonical.max_utilisation))
    if abs(reported.max_utilisation - canonical.max_utilisation) > util_slack:
        out.append(
            f"max_utilisation is reported as {reported.max_utilisation} "
            f"but is {canonical.max_utilisation}"
        )
    if reported.bound is not None and reported.bound < canonical.allocated_weight - 1e-6:
        out.append(
            f"bound {reported.bound} is below the plan's own allocated_weight "
            f"{canonical.allocated_weight}, so it is no bound"
        )
    return out


def _require_coordinates(problem: Problem) -> None:
    unresolved = [
        (f"/facilitators/{i}/home", f.home.outcode)
        for i, f in enumerate(problem.facilitators)
        if not f.home.resolved
    ] + [
        (f"/cases/{i}/location", c.location.outcode)
        for i, c in enumerate(problem.cases)
        if not c.location.resolved
    ]
    if unresolved:
        pointer, outcode = unresolved[0]
        raise InputError.single(
            "problem",
            pointer,
            f"location {outcode!r} has no lat/lon; resolve outcodes with the gazetteer first "
            f"({len(unresolved)} location(s) unresolved)",
        )
