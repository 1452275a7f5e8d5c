"""`rjplan demo-data`: write a seeded demo service (problem, referrals, venues, prisons)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from scenarios.demo_scales import DEMO_AS_OF, DEMO_SEED, SIZES, Scale
from service.cli.output import atomic_write_text, bad_input, checked, console

SOURCE = "demo-data"


def demo_data(
    out: Annotated[Path, typer.Option("--out", "-o", help="folder to write the files into")],
    scale: Annotated[str, typer.Option(help="tiny, essex, region or national")] = Scale.TINY.value,
    seed: Annotated[int, typer.Option(help="random seed; the same seed gives the same files")] = (
        DEMO_SEED
    ),
    as_of: Annotated[
        str, typer.Option("--as-of", help="planning day, YYYY-MM-DD")
    ] = DEMO_AS_OF.isoformat(),
) -> None:
    """Write a demo service: problem.json (rjplan.problem/1), referrals.json, venues.csv and
    prisons.json. Scales: tiny 12 facilitators/10 cases, essex 60/65, region 300/350,
    national 2,000/1,900."""
    from scenarios.demo_data import demo_files, generate

    chosen = _scale(scale)
    data = generate(chosen, _seed(seed), _day(as_of))
    files = demo_files(data)
    _prepare(out)
    for name, text in files.items():
        try:
            atomic_write_text(out / name, text)
        except OSError as exc:
            raise bad_input(
                str(out / name), "-o", f"cannot write: {exc.strerror}; choose another folder"
            ) from None
    problem = data.problem
    ongoing = sum(1 for c in problem.cases if c.current)
    console.print(
        f"[green]wrote[/] {out}: {len(problem.facilitators)} facilitators, "
        f"{len(problem.cases)} cases ({ongoing} ongoing), {len(data.referrals)} referrals, "
        f"{len(data.venues)} venues, {len(data.prisons)} prisons (scale {chosen}, seed {seed})",
        highlight=False,
        soft_wrap=True,
    )


def _scale(name: str) -> Scale:
    try:
        return Scale(name.strip().lower())
    except ValueError:
        known = ", ".join(f"{s.value} ({SIZES[s].facilitators}/{SIZES[s].cases})" for s in Scale)
        raise bad_input(SOURCE, "--scale", f"unknown scale {name!r}; use one of {known}") from None


def _seed(seed: int) -> int:
    if seed < 0:
        raise bad_input(SOURCE, "--seed", f"seed {seed} is negative; use 0 or more")
    return seed


def _day(text: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise bad_input(
            SOURCE, "--as-of", f"{text!r} is not a date; write it as YYYY-MM-DD"
        ) from None
    from models.values import check_day

    return checked(SOURCE, "--as-of", check_day, day)


def _prepare(out: Path) -> None:
    """Create the output folder, or say plainly why it cannot be used."""
    if out.exists() and not out.is_dir():
        raise bad_input(str(out), "-o", "is a file, not a folder; choose a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise bad_input(
            str(out), "-o", f"cannot create the folder: {exc.strerror}; choose another"
        ) from None


def register(app: typer.Typer) -> None:
    """Add this module's commands to the CLI."""
    app.command("demo-data")(demo_data)
