"""`rjplan meetings plan|check|example`: plan preparation visits and restorative meetings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from service.cli.output import atomic_write_text, console, errors, write_json
from service.clock import SYSTEM_CLOCK

if TYPE_CHECKING:
    from models.meetings import MeetingSchedule, MeetingsProblem

meetings_app = typer.Typer(help="Plan meetings: preparation visits, conferences, panels.")


def _problem(path: Path) -> MeetingsProblem:
    from models.documents import parse_document, read_json
    from models.meetings import MeetingsProblem

    return parse_document(read_json(path), MeetingsProblem, str(path))


@meetings_app.command()
def plan(
    input_file: Annotated[Path, typer.Argument(help="an rjplan.meetings-problem/1 document")],
    out: Annotated[Path | None, typer.Option("-o", "--out", help="schedule JSON")] = None,
    ics_dir: Annotated[Path | None, typer.Option(help="write one .ics per person/place")] = None,
    bookings_dir: Annotated[
        Path | None, typer.Option(help="write one booking CSV per place")
    ] = None,
    time_limit: Annotated[float, typer.Option(help="solver seconds")] = 10.0,
    workers: Annotated[int, typer.Option(help="CP-SAT workers")] = 2,
) -> None:
    """Plan every meeting of every case; unplaced meetings are listed with their reason."""
    from allocator.meetings import (
        SolveSettings,
        booking_csv,
        booking_rows,
        calendars,
        plan_meetings,
    )

    problem = _problem(input_file)
    schedule = plan_meetings(problem, SolveSettings(time_limit_s=time_limit, num_workers=workers))
    write_json(schedule.model_dump(mode="json"), out)
    if ics_dir is not None:
        for name, data in calendars(problem, schedule, _stamp()).items():
            atomic_write_text(ics_dir / name, data.decode("utf-8"))
    if bookings_dir is not None:
        for place, rows in booking_rows(problem, schedule).items():
            name = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in place)
            atomic_write_text(bookings_dir / f"bookings-{name}.csv", booking_csv(rows))
    _summary(schedule, console if out is not None else errors)


def _summary(schedule: MeetingSchedule, where: object) -> None:
    from rich.table import Table

    m = schedule.metrics
    table = Table(title=f"meetings plan: {schedule.status}")
    for column in ("placed", "unplaced", "mean wait (days)", "gap", "seconds"):
        table.add_column(column, justify="right")
    gap = "-" if m.gap is None else f"{m.gap:.2%}"
    table.add_row(str(m.placed), str(m.unplaced), f"{m.mean_wait_days}", gap, f"{m.solve_seconds}")
    where.print(table)  # type: ignore[attr-defined]
    for u in schedule.unplaced:
        where.print(f"  unplaced {u.id}: {u.reasons[0].rule} {u.reasons[0].text}", markup=False)  # type: ignore[attr-defined]


@meetings_app.command()
def check(
    input_file: Annotated[Path, typer.Argument(help="the meetings-problem document")],
    schedule_file: Annotated[Path, typer.Argument(help="the rjplan.meetings/1 schedule")],
) -> None:
    """Verify every hard rule of a schedule, independently of the solver; exit 1 if broken."""
    from allocator.meetings import check_schedule
    from models.documents import parse_document, read_json
    from models.meetings import MeetingSchedule

    problem = _problem(input_file)
    schedule = parse_document(read_json(schedule_file), MeetingSchedule, str(schedule_file))
    found = check_schedule(problem, schedule)
    if not found:
        console.print(f"[green]OK[/] {len(schedule.meetings)} meetings keep every hard rule")
        return
    for v in found:
        errors.print(str(v), markup=False, highlight=False)
    errors.print(f"{len(found)} violation(s)")
    raise typer.Exit(1)


@meetings_app.command()
def example(
    out: Annotated[Path | None, typer.Option("-o", "--out", help="where to write it")] = None,
    cases: Annotated[int, typer.Option(help="number of cases")] = 40,
    venues: Annotated[int, typer.Option(help="number of venues")] = 30,
    prisons: Annotated[int, typer.Option(help="number of prisons")] = 6,
    seed: Annotated[int, typer.Option(help="random seed")] = 0,
) -> None:
    """Write a realistic synthetic Essex meetings problem (venues, prisons, allocated cases)."""
    from allocator.meetings import example_problem

    problem = example_problem(cases=cases, venues=venues, prisons=prisons, seed=seed)
    write_json(problem.model_dump(mode="json"), out)


def register(app: typer.Typer) -> None:
    """Add the `meetings` command group to the CLI."""
    app.add_typer(meetings_app, name="meetings")


def _stamp() -> dt.datetime:
    """The time the calendar files are made (their DTSTAMP), from the service's clock."""
    return SYSTEM_CLOCK.now().replace(tzinfo=dt.UTC)
