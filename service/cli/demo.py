"""`rjplan demo`: the morning allocation on the embedded essex demo data.

Screen this week's referrals under the current policy, turn the accepted ones into cases,
allocate them next to the ongoing ones, and print the plan with its reasons.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Annotated

import typer

from scenarios.demo_scales import Scale
from service.cli.output import console

if TYPE_CHECKING:
    from models import Decision, Problem, Referral


def screen_week(referrals: list[Referral], policy_id: str) -> list[Decision]:
    """Every referral's decision under the policy, printed as a table."""
    from rich.table import Table

    from rules import load_policy, screen

    policy = load_policy(policy_id)
    decisions = [screen(r, policy) for r in referrals]
    table = Table("referral", "decision", "reasons", title=f"Screening under {policy.id}")
    for d in decisions:
        outcome = d.decision.value + (f" -> {d.redirect_to.value}" if d.redirect_to else "")
        table.add_row(d.referral, outcome, "\n".join(r.text for r in d.reasons) or "-")
    console.print(table)
    counts = Counter(d.decision.value for d in decisions)
    console.print(", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())))
    return decisions


def morning_problem(
    problem: Problem, referrals: list[Referral], decisions: list[Decision]
) -> Problem:
    """The demo problem plus one new case per accepted referral."""
    from allocator.case_from_referral import case_from_decision
    from geo import default_gazetteer
    from models import DecisionKind

    gazetteer = default_gazetteer()
    new_cases = [
        case_from_decision(r, d, gazetteer, problem.as_of)
        for r, d in zip(referrals, decisions, strict=True)
        if d.decision is DecisionKind.ACCEPT
    ]
    known = {c.id for c in problem.cases}
    fresh = [c for c in new_cases if c.id not in known]
    return problem.model_copy(update={"cases": [*problem.cases, *fresh]})


def print_year(problem: Problem) -> None:
    """The demo year before today (the one `rjplan serve` loads), in the dashboard's terms."""
    from geo import default_gazetteer
    from scenarios.demo_year import count, default_seed, plan_year
    from service.clock import SYSTEM_CLOCK

    people = [(f.id, f.experienced) for f in problem.facilitators]
    today = SYSTEM_CLOCK.today()
    plan = plan_year(today, people, default_gazetteer(), default_seed())
    n = count(plan)
    kinds = ", ".join(f"{k} {v}" for k, v in n.outcomes.items())
    console.print(
        f"The year before {today} (loaded by `rjplan serve`): {n.referrals} referrals, "
        f"{n.accepted} cases; {n.harmed_contacted} people harmed and "
        f"{n.responsible_contacted} responsible contacted; {n.took_up} took up the offer; "
        f"{n.positive} positive outcomes ({kinds}); {n.evaluations} evaluations returned; "
        f"{n.open_cases} cases still open.",
        highlight=False,
        soft_wrap=True,
    )


def demo(
    policy: Annotated[str, typer.Option(help="policy id or file to screen with")] = "essex-2018",
    time_limit: Annotated[float, typer.Option("--time-limit", help="solver seconds")] = 10.0,
    scale: Annotated[Scale, typer.Option(help="which demo service")] = Scale.ESSEX,
    year: Annotated[
        bool, typer.Option("--year/--no-year", help="also sum up the demo year before today")
    ] = True,
) -> None:
    """Run the morning job on the demo data: screen, allocate, and explain the plan; then sum
    up the demo year of the case file that `rjplan serve` loads."""
    from allocator import SolveOptions, solve
    from allocator.check import check_allocation
    from geo import default_gazetteer, resolve_problem
    from scenarios.demo_data import load_demo
    from service.cli.allocate import print_plan

    data = load_demo(scale)
    console.rule(f"rjplan demo: {scale.value} service, {data.problem.as_of}")
    decisions = screen_week(data.referrals, policy)
    problem = resolve_problem(
        morning_problem(data.problem, data.referrals, decisions), default_gazetteer()
    )
    ongoing = sum(1 for c in problem.cases if c.current)
    console.print(
        f"Allocating {len(problem.cases) - ongoing} new cases next to {ongoing} ongoing ones, "
        f"with {len(problem.facilitators)} facilitators."
    )
    result = solve(problem, SolveOptions(time_limit_s=time_limit))
    print_plan(problem, result)
    report = check_allocation(problem, result)
    verdict = "every hard constraint H1-H10 holds" if report.valid else "VIOLATIONS FOUND"
    console.print(f"Independent check: {verdict}.")
    if year:
        print_year(data.problem)
    if not report.valid:
        raise typer.Exit(code=1)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the CLI."""
    app.command()(demo)
