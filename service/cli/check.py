"""`rjplan check PROBLEM RESULT`: judge any allocation result by formats.md, whoever made it.

Exit status: 0 valid, 1 hard-constraint violations or misreported metrics, 2 unreadable input.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from service.cli.output import console

if TYPE_CHECKING:
    from allocator.check import CheckReport
    from models import AllocationResult

METRICS = ("allocated_weight", "changes", "travel_km", "max_utilisation")


def check(
    problem_file: Annotated[Path, typer.Argument(help="the rjplan.problem/1 document")],
    result_file: Annotated[Path, typer.Argument(help="an rjplan.allocation/1 result of it")],
) -> None:
    """Check a result against its problem: every broken hard constraint and the four metrics."""
    from allocator.check import check_allocation
    from models import AllocationResult
    from service.cli.loading import load_as, load_problem

    problem = load_problem(problem_file)
    result = load_as(result_file, AllocationResult)
    report = check_allocation(problem, result)
    _print_report(report, result)
    if not report.valid:
        raise typer.Exit(code=1)


def _print_report(report: CheckReport, result: AllocationResult) -> None:
    from rich.table import Table

    plan = f"{len(result.assignments)} allocated, {len(result.unallocated)} unallocated"
    console.print(f"status {result.status.value}: {plan}", highlight=False)
    if report.violations:
        table = Table("constraint", "case", "facilitator", "violation", title="Violations")
        for v in report.violations:
            table.add_row(v.constraint, v.case or "-", v.facilitator or "-", v.text)
        console.print(table)
    metrics = Table("metric", "reported", "canonical", title="Canonical metrics")
    for name in METRICS:
        reported, canonical = getattr(report.reported, name), getattr(report.metrics, name)
        metrics.add_row(name, _fmt(reported), _fmt(canonical))
    console.print(metrics)
    for line in report.metric_mismatches:
        console.print(f"[red]misreported:[/] {line}", highlight=False)
    if report.valid:
        console.print("[green]VALID[/]: every hard constraint holds and the metrics are right")
    else:
        count = len(report.violations)
        console.print(
            f"[red]INVALID[/]: {count} violation(s), {len(report.metric_mismatches)} "
            "misreported metric(s)",
            highlight=False,
        )


def _fmt(value: float) -> str:
    return f"{value:g}" if isinstance(value, int) else f"{value:.4f}"


def register(app: typer.Typer) -> None:
    """Add `rjplan check` to the CLI."""
    app.command()(check)
