"""`rjplan allocate` and `rjplan replan`: the morning allocation and re-planning."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from service.cli.output import checked, console, write_json

if TYPE_CHECKING:
    from allocator import SolveOptions
    from models import AllocationResult, Objective, Problem

TimeLimit = Annotated[float, typer.Option("--time-limit", help="seconds the solver may use")]
Workers = Annotated[
    int | None,
    typer.Option("--workers", min=1, help="CP-SAT worker threads (default: 1, or 2 when large)"),
]
TravelSlack = Annotated[
    float,
    typer.Option(
        "--travel-slack",
        min=0,
        max=100,
        help="percent of extra travel km the service's own goals may spend (fair spread, "
        "road time, variety, mentoring, known pairs); 0 keeps the canonical optimum",
    ),
]
OwnGoals = Annotated[
    bool,
    typer.Option(
        "--own-goals/--canonical-only", help="break ties by the service's own goals (level 5)"
    ),
]


def solve_options(
    time_limit: float, workers: int | None, travel_slack: float, own_goals: bool
) -> SolveOptions:
    """The solver options the allocate and replan commands were given. Travel slack is spent
    only by the own goals (level 5), so asking for it without them is refused, not quietly
    turned into a different objective."""
    if travel_slack > 0 and not own_goals:
        raise typer.BadParameter(
            "the slack is extra travel km for the service's own goals (level 5) to spend, and "
            "--canonical-only turns them off; drop one of the two flags",
            param_hint="'--travel-slack' with '--canonical-only'",
        )
    from allocator import SolveOptions

    return SolveOptions(
        time_limit_s=time_limit,
        workers=workers,
        own_goals=own_goals,
        travel_slack=travel_slack / 100,
    )


Out = Annotated[
    Path | None, typer.Option("-o", "--output", help="write the result JSON here ('-': stdout)")
]


def print_plan(problem: Problem, result: AllocationResult) -> None:
    """The plan as a coordinator reads it: pairs with reasons, then unallocated cases."""
    from rich.table import Table

    m = result.metrics
    console.print(
        f"[bold]{result.status.value}[/]: {len(result.assignments)} cases paired, "
        f"{len(result.unallocated)} unallocated; weight {m.allocated_weight} "
        f"(bound {m.bound}), {m.changes} changes, {m.travel_km:.1f} km, "
        f"max utilisation {m.max_utilisation:.2f}, {m.solve_seconds:.2f} s",
        highlight=False,
    )
    if result.objective is not None:
        console.print(_objective_line(result.objective), highlight=False)
    table = Table("case", "pair", "why", title="Pairs", show_lines=True)
    for a in result.assignments:
        table.add_row(a.case, " + ".join(a.facilitators), "\n".join(a.explanation))
    console.print(table)
    if result.unallocated:
        missing = Table("case", "constraint", "why not", title="Unallocated", show_lines=True)
        for u in result.unallocated:
            for r in u.reasons:
                missing.add_row(u.case, r.constraint, r.text)
        console.print(missing)


def _objective_line(objective: Objective) -> str:
    """Which canonical levels the plan is proven optimal on, and what level 5 was allowed."""
    proven = ", ".join(objective.proven) or "none"
    goals = "own goals chose among them" if objective.own_goals else "canonical levels only"
    if objective.own_goals and objective.travel_slack > 0:
        goals += f", with up to {objective.travel_slack:.0%} more travel"
    return f"proven optimal on: {proven} ({goals})"


def _emit(problem: Problem, result: AllocationResult, out: Path | None) -> None:
    if out is not None:
        write_json(result.model_dump(mode="json"), out)
    if out is None or str(out) != "-":
        print_plan(problem, result)


def allocate(
    problem_file: Annotated[Path, typer.Argument(help="a rjplan.problem/1 document")],
    output: Out = None,
    time_limit: TimeLimit = 10.0,
    workers: Workers = None,
    travel_slack: TravelSlack = 0.0,
    own_goals: OwnGoals = True,
    alternatives_for: Annotated[
        str | None, typer.Option("--alternatives", help="list the next best pairs for this case")
    ] = None,
    k: Annotated[int, typer.Option("-k", help="how many alternatives")] = 5,
) -> None:
    """Pair two facilitators with every case: the best plan within the time limit, with reasons."""
    options = solve_options(time_limit, workers, travel_slack, own_goals)
    from allocator import solve
    from service.cli.loading import load_problem

    problem = load_problem(problem_file)
    result = solve(problem, options)
    _emit(problem, result, output)
    if alternatives_for is not None:
        _print_alternatives(problem, result, alternatives_for, k)


def _print_alternatives(problem: Problem, result: AllocationResult, case: str, k: int) -> None:
    from rich.table import Table

    from allocator.alternatives import alternatives

    table = Table("pair", "weight", "changes", "km", "max util", title=case)
    for alt in alternatives(problem, result, case, k):
        d = alt.delta
        label = " + ".join(alt.pair) + (" (chosen)" if alt.current else "")
        table.add_row(
            label,
            f"{d['allocated_weight']:+.0f}",
            f"{d['changes']:+.0f}",
            f"{d['travel_km']:+.1f}",
            f"{d['max_utilisation']:+.3f}",
        )
    console.print(table)


def replan(
    problem_file: Annotated[Path, typer.Argument(help="a rjplan.problem/1 with current pairs")],
    unavailable: Annotated[
        list[str] | None, typer.Option("--unavailable", help="facilitator id (repeatable)")
    ] = None,
    lost_vetting: Annotated[
        list[str] | None, typer.Option("--lost-vetting", help="facilitator id (repeatable)")
    ] = None,
    from_date: Annotated[
        dt.datetime | None,
        typer.Option("--from", formats=["%Y-%m-%d"], help="first day away (default: as_of)"),
    ] = None,
    output: Out = None,
    problem_out: Annotated[
        Path | None, typer.Option("--problem-out", help="write the re-planning problem here")
    ] = None,
    time_limit: TimeLimit = 10.0,
    workers: Workers = None,
    travel_slack: TravelSlack = 0.0,
    own_goals: OwnGoals = True,
) -> None:
    """Re-plan when facilitators become unavailable or lose vetting: move only what must move."""
    options = solve_options(time_limit, workers, travel_slack, own_goals)
    from allocator import solve
    from allocator.replan import replan_problem
    from models.values import check_day, check_id
    from service.cli.loading import load_problem

    away = [checked("replan", "--unavailable", check_id, f) for f in unavailable or []]
    lost = [checked("replan", "--lost-vetting", check_id, f) for f in lost_vetting or []]
    first = checked("replan", "--from", check_day, from_date.date()) if from_date else None
    problem = load_problem(problem_file)
    scoped = replan_problem(problem, away, first, lost)
    result = solve(scoped, options)
    if problem_out is not None:
        write_json(scoped.model_dump(mode="json"), problem_out)
    _emit(scoped, result, output)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the CLI."""
    app.command()(allocate)
    app.command()(replan)
