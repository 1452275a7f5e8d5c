"""`rjplan scenario fit`: the rates of a scenario estimated from the store's own history, each
with its sample size and 95% interval (service.workflow.scenario_fit)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from service.cli.db import Url, database_url, migrated
from service.cli.output import bad_input, console, write_json

if TYPE_CHECKING:
    from scenarios.fit import HistoryFit, Interval


def fit_command(
    first: Annotated[str | None, typer.Option("--from", help="first day, YYYY-MM-DD")] = None,
    last: Annotated[str | None, typer.Option("--to", help="last day, YYYY-MM-DD")] = None,
    out: Annotated[Path | None, typer.Option("-o", "--out", help="write the fit as JSON")] = None,
    url: Url = None,
) -> None:
    """Estimate monthly referral rates by referrer and district, acceptance, take-up and
    outcome shares, volunteer hours per case and the vetting wait from the store's history,
    with sample sizes and 95% intervals."""
    from service.clock import SYSTEM_CLOCK
    from service.store.db import session_factory
    from service.store.uow import UnitOfWork
    from service.workflow import scenario_fit

    days = (_day(first, "--from"), _day(last, "--to"))
    engine, key = migrated(database_url(url))
    try:
        with UnitOfWork(session_factory(engine, key.cipher), SYSTEM_CLOCK) as uow:
            found = scenario_fit.fit(uow, *days)
    finally:
        engine.dispose()
    if out is not None:
        write_json(found.model_dump(mode="json"), out)
    _print(found)


def _day(text: str | None, option: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise bad_input(
            "command line", option, f"{text!r} is not a day; write YYYY-MM-DD"
        ) from None


def _cell(i: Interval, scale: float = 1.0, digits: int = 2) -> str:
    low, value, high = (f"{x * scale:.{digits}f}" for x in (i.low, i.value, i.high))
    return f"{value} [{low}, {high}] n={i.n}"


def _print(found: HistoryFit) -> None:
    say = console.print
    say(f"referrals over {found.months} months, per month [95% interval]:", highlight=False)
    for r in found.referral_rates:
        say(f"  {r.referrer:<16} {r.district:<22} {_cell(r.per_month)}", highlight=False)
    shares = {"accepted": found.accepted, "take-up": found.take_up}
    shares |= {f"outcome {k}": v for k, v in found.outcomes.items()}
    for name, share in shares.items():
        shown = _cell(share, 100, 1) + " (%)" if share is not None else "no history"
        say(f"{name:<20} {shown}", highlight=False)
    hours = _cell(found.case_hours, 1, 1) if found.case_hours else "no history"
    say(f"{'hours per case':<20} {hours}", highlight=False)
    wait = found.vetting_delay
    text = "no history"
    if wait is not None:
        text = f"median {_cell(wait.median_days, 1, 0)} days, p90 {wait.p90_days:.0f}"
    say(f"{'vetting wait':<20} {text}", highlight=False)
